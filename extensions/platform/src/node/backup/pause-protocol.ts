import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { writeFileDurably } from '../files/durable-file';

/**
 * How a backup gets a consistent copy of a data folder that a running Presswork keeps writing:
 * the store writes each document atomically, but a copy taken file by file while orders and
 * closeouts change could hold an order from before a change beside a closeout record from after
 * it. So the backup asks the backend to hold its writes for the moment of the copy; the copy is
 * then the folder as it was at one instant, exactly what a crash at that instant would leave, and
 * Presswork is built to resume from any such state.
 *
 * The request goes through files in `<data>/run/`, which only the Presswork user can reach (the
 * data folder is 0700): nothing new listens on the network. The backend notes its process id in
 * `backend.pid` while it runs. The backup writes `pause-request.json` (a nonce and a deadline); the
 * backend, which looks for it a few times a second, holds new writes, waits for those under way,
 * and answers with `pause-ack.json` holding the nonce. Removing the request, or its deadline
 * passing (a backup that died), lets the writes go on.
 */
export const RUN_FOLDER = 'run';

export interface PauseFiles {
    readonly folder: string;
    readonly pid: string;
    readonly request: string;
    readonly ack: string;
}

export function pauseFilesOf(dataFolder: string): PauseFiles {
    const folder = path.join(dataFolder, RUN_FOLDER);
    return {
        folder,
        pid: path.join(folder, 'backend.pid'),
        request: path.join(folder, 'pause-request.json'),
        ack: path.join(folder, 'pause-ack.json')
    };
}

export const PauseRequestSchema = z.object({
    nonce: z.string().regex(/^[0-9a-f]{32}$/),
    /** Epoch milliseconds after which the backend resumes on its own. */
    until: z.number().int().positive()
});
export type PauseRequest = z.infer<typeof PauseRequestSchema>;

export const PauseAckSchema = z.object({ nonce: z.string() });

export function newPauseRequest(leaseMs: number, now = Date.now()): PauseRequest {
    return { nonce: randomBytes(16).toString('hex'), until: now + leaseMs };
}

/** A JSON file parsed by a schema; undefined when absent, unreadable or not as expected. */
export async function readJsonFile<T>(file: string, schema: z.ZodType<T>): Promise<T | undefined> {
    try {
        const parsed = schema.safeParse(JSON.parse(await fs.readFile(file, 'utf8')));
        return parsed.success ? parsed.data : undefined;
    } catch {
        return undefined;
    }
}

/** Written durably beside and renamed over, so a reader never sees half a file. */
export function writeJsonFile(file: string, value: unknown): Promise<void> {
    return writeFileDurably(file, JSON.stringify(value));
}

/** The id of the Presswork backend running on this data folder, if one is. */
export async function runningBackendOf(dataFolder: string): Promise<number | undefined> {
    let pid: number;
    try {
        pid = Number((await fs.readFile(pauseFilesOf(dataFolder).pid, 'utf8')).trim());
    } catch {
        return undefined;
    }
    if (!Number.isSafeInteger(pid) || pid <= 0) {
        return undefined;
    }
    try {
        process.kill(pid, 0);
        return pid;
    } catch (error) {
        // EPERM: the process exists but belongs to another user; a pid file left by a killed backend gives ESRCH.
        return (error as NodeJS.ErrnoException).code === 'EPERM' ? pid : undefined;
    }
}
