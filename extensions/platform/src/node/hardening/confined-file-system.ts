import URI from '@theia/core/lib/common/uri';
import { FileUri } from '@theia/core/lib/common/file-uri';
import { FileSystemProvider, FileSystemProviderErrorCode, createFileSystemProviderError } from '@theia/filesystem/lib/common/files';
import { isInside } from '../files/path-containment';


/**
 * Theia's file-system service would let any signed-in browser read and write any file the server
 * can. Presswork's shell only needs Theia's own configuration folder (user preferences), so every
 * call that names a file elsewhere is refused. The check wraps the provider, so it covers every
 * method, including ones added by later Theia versions.
 */
export function confineFileSystem(provider: FileSystemProvider, roots: readonly string[]): FileSystemProvider {
    const check = (argument: unknown): void => {
        if (argument instanceof URI) {
            const file = argument.scheme === 'file' ? FileUri.fsPath(argument) : undefined;
            if (!file || !roots.some(root => isInside(root, file))) {
                throw createFileSystemProviderError(`Access to ${argument.path.toString()} is not allowed`, FileSystemProviderErrorCode.NoPermissions);
            }
        }
    };
    return new Proxy(provider, {
        get(target, property, receiver) {
            const value = Reflect.get(target, property, receiver);
            if (typeof value !== 'function') {
                return value;
            }
            return (...args: unknown[]) => {
                args.forEach(check);
                return value.apply(target, args);
            };
        }
    });
}
