import * as fs from 'node:fs/promises';
import { createWriteStream } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pipeline } from 'node:stream/promises';
import * as tar from 'tar';
import { BackupManifest, DATA_ENTRY, MANIFEST_ENTRY } from './backup-format';
import { copyDataFolder } from './data-folder-files';
import { holdBackendWrites } from './hold-backend-writes';
import { isInside } from '../files/path-containment';

export interface BackupOptions {
    /** How long to wait for a running backend to hold its writes. */
    readonly pauseTimeoutMs?: number;
    /** How long a running backend holds its writes at most, should this process die during the copy. */
    readonly leaseMs?: number;
}

export interface BackupSummary extends BackupManifest {
    readonly archive: string;
    readonly skipped: readonly string[];
}

/**
 * Writes a tar.gz of the data folder as it was at one instant (see pause-protocol.ts): the folder
 * is copied aside while a running backend holds its writes (a short moment), then packed at leisure.
 * The archive holds the secret key (`keys/`), so it is written readable by its owner only.
 */
export async function createBackup(dataFolder: string, archive: string, options: BackupOptions = {}): Promise<BackupSummary> {
    const source = path.resolve(dataFolder);
    const target = path.resolve(archive);
    if (!(await fs.stat(source).catch(() => undefined))?.isDirectory()) {
        throw new Error(`There is no data folder at ${source}.`);
    }
    if (isInside(source, target)) {
        throw new Error(`The backup file ${target} must not be inside the data folder ${source}.`);
    }
    const staging = await fs.mkdtemp(path.join(os.tmpdir(), 'presswork-backup-'));
    try {
        await fs.chmod(staging, 0o700);
        const hold = await holdBackendWrites(source, options.pauseTimeoutMs ?? 30_000, options.leaseMs ?? 10 * 60_000);
        let copied;
        try {
            await fs.mkdir(path.join(staging, DATA_ENTRY), { mode: 0o700 });
            copied = await copyDataFolder(source, path.join(staging, DATA_ENTRY));
        } finally {
            await hold.release();
        }
        const manifest: BackupManifest = {
            format: 1, createdAt: new Date().toISOString(), files: copied.files, bytes: copied.bytes, pausedBackend: hold.paused
        };
        await fs.writeFile(path.join(staging, MANIFEST_ENTRY), JSON.stringify(manifest, undefined, 2), { mode: 0o600 });
        await writeArchive(staging, target);
        return { ...manifest, archive: target, skipped: copied.skipped };
    } finally {
        await fs.rm(staging, { recursive: true, force: true });
    }
}

/** Packs beside the target and renames, so a backup file is complete or absent. */
async function writeArchive(staging: string, target: string): Promise<void> {
    const partial = `${target}.partial`;
    await fs.rm(partial, { force: true });
    try {
        await pipeline(
            tar.create({ gzip: true, cwd: staging, portable: true }, [MANIFEST_ENTRY, DATA_ENTRY]),
            createWriteStream(partial, { flags: 'wx', mode: 0o600 })
        );
        const handle = await fs.open(partial, 'r');
        try {
            await handle.sync();
        } finally {
            await handle.close();
        }
        await fs.chmod(partial, 0o600);
        await fs.rename(partial, target);
    } catch (error) {
        await fs.rm(partial, { force: true });
        throw error;
    }
}
