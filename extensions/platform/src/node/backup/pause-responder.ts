import * as fs from 'node:fs/promises';
import { rmSync } from 'node:fs';
import type { ILogger } from '@theia/core/lib/common/logger';
import { WriteGate } from '../store/write-gate';
import { PauseAckSchema, PauseFiles, PauseRequest, PauseRequestSchema, pauseFilesOf, readJsonFile, writeJsonFile } from './pause-protocol';

/** How often the backend looks for a pause request: a backup waits at most about this long. */
const POLL_MS = 200;

/**
 * The backend's side of the pause protocol (see pause-protocol.ts): notes the process id, holds
 * the store's writes while a live pause request is there, and lets them go when it goes or expires.
 */
export class PauseResponder {
    protected readonly files: PauseFiles;
    protected timer: NodeJS.Timeout | undefined;
    protected current: PauseRequest | undefined;
    protected checking = false;

    constructor(dataFolder: string, protected readonly gate: WriteGate, protected readonly logger: ILogger, protected readonly pid = process.pid) {
        this.files = pauseFilesOf(dataFolder);
    }

    async start(): Promise<void> {
        await writeJsonFile(this.files.pid, this.pid);
        // A request or answer left by an earlier run means nothing now.
        await fs.rm(this.files.ack, { force: true });
        this.timer = setInterval(() => this.check(), POLL_MS);
        this.timer.unref();
    }

    /** Synchronous: it also runs as the process exits. */
    stop(): void {
        clearInterval(this.timer);
        this.timer = undefined;
        this.current = undefined;
        this.gate.resume();
        rmSync(this.files.ack, { force: true });
        rmSync(this.files.pid, { force: true });
    }

    /** One look at the request file; never overlapping, never throwing. */
    async check(now = Date.now()): Promise<void> {
        if (this.checking) {
            return;
        }
        this.checking = true;
        try {
            const request = await readJsonFile(this.files.request, PauseRequestSchema);
            const live = request && request.until > now ? request : undefined;
            if (this.current && live?.nonce !== this.current.nonce) {
                await this.resume();
            }
            if (live && !this.current) {
                this.current = live;
                await this.gate.pause();
                await writeJsonFile(this.files.ack, PauseAckSchema.parse({ nonce: live.nonce }));
            }
        } catch (error) {
            this.logger.error('Presswork could not answer a backup\'s pause request; writes go on.', error);
            await this.resume();
        } finally {
            this.checking = false;
        }
    }

    protected async resume(): Promise<void> {
        this.current = undefined;
        this.gate.resume();
        await fs.rm(this.files.ack, { force: true });
    }
}
