import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as sinon from 'sinon';
import { FileUri } from '@theia/core/lib/common/file-uri';
import { FileSystemProvider, FileSystemProviderErrorCode, toFileSystemProviderErrorCode } from '@theia/filesystem/lib/common/files';
import { confineFileSystem } from './confined-file-system';

describe('confineFileSystem', () => {
    const root = path.resolve('/srv/presswork/data/theia');

    function confined(): { provider: FileSystemProvider, readFile: sinon.SinonStub, rename: sinon.SinonStub } {
        const readFile = sinon.stub().resolves(new Uint8Array([1]));
        const rename = sinon.stub().resolves();
        const inner = { capabilities: 2, readFile, rename } as unknown as FileSystemProvider;
        return { provider: confineFileSystem(inner, [root]), readFile, rename };
    }

    it('lets calls on files inside the configuration folder through', async () => {
        const { provider, readFile } = confined();
        await provider.readFile!(FileUri.create(path.join(root, 'settings.json')));
        assert.equal(readFile.callCount, 1);
        assert.equal(provider.capabilities, 2);
    });

    for (const outside of ['/etc/passwd', path.join(root, '..', 'store', 'users', 'x.json'), '/srv/presswork/data/theia-other/settings.json']) {
        it(`refuses ${outside} without calling the disk`, async () => {
            const { provider, readFile } = confined();
            await assert.rejects(async () => provider.readFile!(FileUri.create(outside)), (error: Error) =>
                toFileSystemProviderErrorCode(error) === FileSystemProviderErrorCode.NoPermissions && /not allowed/.test(error.message));
            assert.equal(readFile.callCount, 0);
        });
    }

    it('checks every file a call names, not only the first', async () => {
        const { provider, rename } = confined();
        await assert.rejects(async () => provider.rename(FileUri.create(path.join(root, 'a.json')), FileUri.create('/tmp/stolen.json'), { overwrite: false }));
        assert.equal(rename.callCount, 0);
    });
});
