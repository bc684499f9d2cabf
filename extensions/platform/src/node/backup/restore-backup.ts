import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import * as tar from 'tar';
import { BackupManifest, BackupManifestSchema, DATABASE_ENTRY, DATA_ENTRY, MANIFEST_ENTRY } from './backup-format';
import { restoreDatabase } from './database-dump';
import { fileDigest } from './postgres-tools';
import { entriesOf, holdsFiles } from './data-folder-files';
import { runningBackendOf } from './pause-protocol';

export interface RestoreOptions {
    /** Replace a data folder that holds files (it is kept aside, renamed). */
    readonly force?: boolean;
    /** The most the archive's files may add up to. */
    readonly maxBytes?: number;
    /** The most entries the archive may have. */
    readonly maxEntries?: number;
    /** PostgreSQL mode (`PRESSWORK_DATABASE_URL`): the database the backup's dump is restored into. */
    readonly databaseUrl?: string;
    /** How recent a server's heartbeat must be for it to count as live (`PRESSWORK_LEASE_SECONDS`). */
    readonly leaseSeconds?: number;
}

export interface RestoreSummary {
    readonly manifest: BackupManifest;
    readonly dataFolder: string;
    /** Where the replaced data folder was moved, when one was replaced. */
    readonly replacedFolder?: string;
}

const DEFAULT_MAX_BYTES = 64 * 1024 ** 3;
const DEFAULT_MAX_ENTRIES = 5_000_000;
const MAX_MANIFEST_BYTES = 64 * 1024;
const FILE_TYPES = new Set(['File', 'OldFile', 'ContiguousFile']);

/** Why an archive entry may not be restored, or undefined when it may. */
export function entryProblem(entryPath: string, type: string): string | undefined {
    if (!FILE_TYPES.has(type) && type !== 'Directory') {
        return `${JSON.stringify(entryPath)} is a ${type}; a backup holds only files and folders`;
    }
    if (entryPath.includes('\0') || entryPath.includes('\\') || path.posix.isAbsolute(entryPath) || /^[A-Za-z]:/.test(entryPath)) {
        return `${JSON.stringify(entryPath)} is not a relative path`;
    }
    const names = entryPath.split('/').filter(name => name !== '' && name !== '.');
    if (names.includes('..')) {
        return `${JSON.stringify(entryPath)} leads out of the data folder`;
    }
    const isRootFile = names.length === 1 && (names[0] === MANIFEST_ENTRY || names[0] === DATABASE_ENTRY) && FILE_TYPES.has(type);
    if (!isRootFile && names[0] !== DATA_ENTRY) {
        return `${JSON.stringify(entryPath)} is not part of a Presswork backup`;
    }
    return undefined;
}

/** Reads the archive through once without writing anything: every entry allowed, sizes bounded, manifest valid. */
export async function checkBackupArchive(archive: string, options: RestoreOptions = {}): Promise<BackupManifest> {
    const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
    const maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
    const problems: string[] = [];
    let bytes = 0;
    let entries = 0;
    let manifestText: string | undefined;
    await tar.list({
        file: path.resolve(archive),
        strict: true,
        onReadEntry: entry => {
            entries++;
            bytes += entry.size ?? 0;
            const problem = entryProblem(entry.path, entry.type);
            if (problem) {
                problems.push(problem);
            } else if (entry.path === MANIFEST_ENTRY && (entry.size ?? 0) <= MAX_MANIFEST_BYTES) {
                const chunks: Buffer[] = [];
                entry.on('data', (chunk: Buffer) => chunks.push(chunk));
                entry.on('end', () => manifestText = Buffer.concat(chunks).toString('utf8'));
            }
        }
    });
    if (entries > maxEntries) {
        problems.push(`it has ${entries} entries, more than the ${maxEntries} allowed`);
    }
    if (bytes > maxBytes) {
        problems.push(`its files add up to ${bytes} bytes, more than the ${maxBytes} allowed`);
    }
    let manifest: BackupManifest | undefined;
    try {
        manifest = manifestText === undefined ? undefined : BackupManifestSchema.parse(JSON.parse(manifestText));
    } catch {
        manifest = undefined;
    }
    if (!manifest) {
        problems.push(`it has no valid ${MANIFEST_ENTRY}`);
    }
    if (problems.length || !manifest) {
        throw new Error(`${archive} is not a backup Presswork can restore: ${problems.slice(0, 5).join('; ')}${problems.length > 5 ? '; …' : ''}`);
    }
    return manifest;
}

/**
 * Brings a backup back as the data folder. Refuses while Presswork runs on the folder, and
 * refuses a folder that holds files unless forced (then the old folder is kept aside, renamed).
 * The archive is checked in full first, then extracted beside the data folder and moved into place.
 * A PostgreSQL backup (with a database dump) needs `databaseUrl`: its dump's size and checksum are
 * checked against the manifest, then it is restored into that database (refused while a server of
 * it is live), and only then are the files moved into place.
 */
export async function restoreBackup(archive: string, dataFolder: string, options: RestoreOptions = {}): Promise<RestoreSummary> {
    const target = path.resolve(dataFolder);
    await refuseWhileRunning(target);
    if (!options.force && await holdsFiles(target)) {
        throw new Error(`The data folder ${target} is not empty; restore with --force to replace it (it is kept aside, renamed).`);
    }
    const manifest = await checkBackupArchive(archive, options);
    refuseOtherMode(manifest, options.databaseUrl);
    await fs.mkdir(path.dirname(target), { recursive: true });
    const staging = `${target}.restoring-${randomBytes(4).toString('hex')}`;
    await fs.mkdir(staging, { mode: 0o700 });
    try {
        await tar.extract({
            file: path.resolve(archive),
            cwd: staging,
            strict: true,
            preserveOwner: false,
            // Checked above already; checked again here, so nothing else can ever be written.
            filter: (entryPath, entry) => entryProblem(entryPath, 'type' in entry ? entry.type : 'Unsupported') === undefined
        });
        for await (const entry of entriesOf(staging)) {
            if (entry.kind === 'other') {
                throw new Error(`the archive held ${entry.relative}, which is not a file or folder`);
            }
        }
        await fs.mkdir(path.join(staging, DATA_ENTRY), { recursive: true, mode: 0o700 });
        await refuseWhileRunning(target);
        if (manifest.database && options.databaseUrl) {
            const dump = path.join(staging, DATABASE_ENTRY);
            await checkDump(dump, manifest.database);
            await restoreDatabase(options.databaseUrl, dump, options.leaseSeconds ?? 10);
        }
        const replacedFolder = await clearPlace(target);
        await fs.rename(path.join(staging, DATA_ENTRY), target);
        await fs.chmod(target, 0o700);
        return { manifest, dataFolder: target, replacedFolder };
    } finally {
        await fs.rm(staging, { recursive: true, force: true });
    }
}

/** A backup restores into the kind of store it was taken from: a dump into a database, a store folder without one. */
function refuseOtherMode(manifest: BackupManifest, databaseUrl: string | undefined): void {
    if (manifest.database && !databaseUrl) {
        throw new Error(`This backup holds a PostgreSQL database (from ${manifest.database.source}); set PRESSWORK_DATABASE_URL to the database to restore it into.`);
    }
    if (!manifest.database && databaseUrl) {
        throw new Error('This backup is of an embedded data folder, not of a database: restore it without PRESSWORK_DATABASE_URL, then copy it with npm run migrate-store.');
    }
}

/** The dump is the one the manifest describes: nothing truncated or changed since the backup. */
async function checkDump(file: string, expected: NonNullable<BackupManifest['database']>): Promise<void> {
    const actual = await fileDigest(file).catch(() => undefined);
    if (!actual || actual.bytes !== expected.bytes || actual.sha256 !== expected.sha256) {
        throw new Error(`The backup's ${DATABASE_ENTRY} is ${actual ? 'not the one its manifest describes (size or SHA-256 differ)' : 'missing'}; nothing was restored.`);
    }
}

async function refuseWhileRunning(dataFolder: string): Promise<void> {
    const pid = await runningBackendOf(dataFolder);
    if (pid !== undefined) {
        throw new Error(`Presswork (process ${pid}) runs on ${dataFolder}; stop it before restoring.`);
    }
}

/** Empties the place of the data folder: an empty one is removed, one with files is renamed aside. */
async function clearPlace(target: string): Promise<string | undefined> {
    if (!await fs.stat(target).catch(() => undefined)) {
        return undefined;
    }
    if (!await holdsFiles(target)) {
        await fs.rm(target, { recursive: true });
        return undefined;
    }
    const aside = `${target}.replaced-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    await fs.rename(target, aside);
    return aside;
}
