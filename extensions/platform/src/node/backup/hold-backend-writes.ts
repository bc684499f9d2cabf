import { setTimeout as delay } from 'node:timers/promises';
import * as fs from 'node:fs/promises';
import { PauseAckSchema, newPauseRequest, pauseFilesOf, readJsonFile, runningBackendOf, writeJsonFile } from './pause-protocol';

export interface WritesHold {
    /** Whether a running backend is holding its writes (false: none runs on the folder). */
    readonly paused: boolean;
    /** Lets the writes go on; refuses if the lease ran out meanwhile, since the copy may then be mixed. */
    release(): Promise<void>;
}

/** The backup's side of the pause protocol (see pause-protocol.ts). */
export async function holdBackendWrites(dataFolder: string, timeoutMs: number, leaseMs: number): Promise<WritesHold> {
    const pid = await runningBackendOf(dataFolder);
    if (pid === undefined) {
        return { paused: false, release: async () => undefined };
    }
    const files = pauseFilesOf(dataFolder);
    const request = newPauseRequest(leaseMs);
    await writeJsonFile(files.request, request);
    const deadline = Date.now() + timeoutMs;
    while ((await readJsonFile(files.ack, PauseAckSchema))?.nonce !== request.nonce) {
        if (Date.now() > deadline) {
            await fs.rm(files.request, { force: true });
            throw new Error(`Presswork (process ${pid}) did not hold its writes within ${Math.round(timeoutMs / 1000)} s; no backup was made.`);
        }
        await delay(25);
    }
    return {
        paused: true,
        release: async () => {
            await fs.rm(files.request, { force: true });
            if (Date.now() >= request.until) {
                throw new Error('The copy took longer than Presswork holds its writes; it may be inconsistent, so no backup was made.');
            }
        }
    };
}
