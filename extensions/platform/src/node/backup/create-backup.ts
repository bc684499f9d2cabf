import * as fs from 'node:fs/promises';
import { createWriteStream } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pipeline } from 'node:stream/promises';
import * as tar from 'tar';
import { BackupManifest, DATABASE_ENTRY, DATA_ENTRY, MANIFEST_ENTRY } from './backup-format';
import { CopySummary, STORE_FOLDER, copyDataFolder } from './data-folder-files';
import { DatabaseDump, dumpDatabase } from './database-dump';
import { holdBackendWrites } from './hold-backend-writes';
import { isInside } from '../files/path-containment';

export interface BackupOptions {
    /** How long to wait for a running backend to hold its writes. */
    readonly pauseTimeoutMs?: number;
    /** How long a running backend holds its writes at most, should this process die during the copy. */
    readonly leaseMs?: number;
    /** PostgreSQL mode (`PRESSWORK_DATABASE_URL`): the documents come from a dump of this database. */
    readonly databaseUrl?: string;
}

export interface BackupSummary extends BackupManifest {
    readonly archive: string;
    readonly skipped: readonly string[];
}

/**
 * Writes a tar.gz of the data folder as it was at one instant (see pause-protocol.ts): the folder
 * is copied aside while a running backend holds its writes (a short moment), then packed at leisure.
 * The archive holds the secret key (`keys/`), so it is written readable by its owner only.
 *
 * In PostgreSQL mode the documents come from `pg_dump` (one consistent snapshot, the servers keep
 * working) and the data folder is the shared files folder, copied after the dump: a document
 * names files written before it, so every file the dump refers to is in the copy.
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
        await fs.mkdir(path.join(staging, DATA_ENTRY), { mode: 0o700 });
        const copy = options.databaseUrl
            ? await copyWithDatabase(source, staging, options.databaseUrl)
            : await copyWhileHeld(source, staging, options);
        const manifest: BackupManifest = {
            format: 1, createdAt: new Date().toISOString(), files: copy.files, bytes: copy.bytes, pausedBackend: copy.paused,
            ...(copy.database ? { database: copy.database } : {})
        };
        await fs.writeFile(path.join(staging, MANIFEST_ENTRY), JSON.stringify(manifest, undefined, 2), { mode: 0o600 });
        await writeArchive(staging, target, copy.database ? [MANIFEST_ENTRY, DATABASE_ENTRY, DATA_ENTRY] : [MANIFEST_ENTRY, DATA_ENTRY]);
        return { ...manifest, archive: target, skipped: copy.skipped };
    } finally {
        await fs.rm(staging, { recursive: true, force: true });
    }
}

interface StagedCopy extends CopySummary {
    readonly paused: boolean;
    readonly database?: DatabaseDump;
}

/** The embedded store: the whole folder, copied while a running backend holds its writes. */
async function copyWhileHeld(source: string, staging: string, options: BackupOptions): Promise<StagedCopy> {
    const hold = await holdBackendWrites(source, options.pauseTimeoutMs ?? 30_000, options.leaseMs ?? 10 * 60_000);
    try {
        return { ...await copyDataFolder(source, path.join(staging, DATA_ENTRY)), paused: hold.paused };
    } finally {
        await hold.release();
    }
}

/** PostgreSQL: the dump first, then the files folder without the (unused) embedded store folder. */
async function copyWithDatabase(source: string, staging: string, databaseUrl: string): Promise<StagedCopy> {
    const database = await dumpDatabase(databaseUrl, path.join(staging, DATABASE_ENTRY));
    await fs.chmod(path.join(staging, DATABASE_ENTRY), 0o600);
    return { ...await copyDataFolder(source, path.join(staging, DATA_ENTRY), [STORE_FOLDER]), paused: false, database };
}

/** Packs beside the target and renames, so a backup file is complete or absent. */
async function writeArchive(staging: string, target: string, entries: string[]): Promise<void> {
    const partial = `${target}.partial`;
    await fs.rm(partial, { force: true });
    try {
        await pipeline(
            tar.create({ gzip: true, cwd: staging, portable: true }, entries),
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
