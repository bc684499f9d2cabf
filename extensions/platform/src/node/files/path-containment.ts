import * as path from 'node:path';

/**
 * Path containment, decided once for every extension: both paths are resolved first (so `..`
 * segments count), and the folder always comes first.
 */

/** True when `candidate` is `folder` itself or lies anywhere below it. */
export function isInside(folder: string, candidate: string): boolean {
    const relative = path.relative(path.resolve(folder), path.resolve(candidate));
    return relative === '' || (!isOutside(relative) && !path.isAbsolute(relative));
}

/** True when `candidate` is an entry directly in `folder` (not the folder, not deeper). */
export function isDirectlyInside(folder: string, candidate: string): boolean {
    const resolvedFolder = path.resolve(folder);
    const resolved = path.resolve(candidate);
    const relative = path.relative(resolvedFolder, resolved);
    return relative !== '' && !isOutside(relative) && !path.isAbsolute(relative) && path.dirname(resolved) === resolvedFolder;
}

/** A relative path that climbs out (`..`, `../x`), but not a name that merely starts with dots (`..x`). */
function isOutside(relative: string): boolean {
    return relative === '..' || relative.startsWith(`..${path.sep}`);
}
