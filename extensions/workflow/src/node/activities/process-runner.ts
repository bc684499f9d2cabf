import { ChildProcessByStdio, spawn } from 'node:child_process';
import type { Readable } from 'node:stream';
import { injectable } from '@theia/core/shared/inversify';
import { OutputTail } from './output-tail';

export interface ProcessRequest {
    /** Absolute path of the program, started directly: no shell ever reads the arguments. */
    readonly program: string;
    readonly args: readonly string[];
    readonly cwd: string;
    readonly env: NodeJS.ProcessEnv;
    readonly timeoutMs: number;
    /** Kept of each of stdout and stderr (the last bytes). */
    readonly outputLimitBytes: number;
    /** Aborting kills the program's process group and rejects with the signal's reason. */
    readonly signal: AbortSignal;
}

export type ProcessEnd =
    | { readonly kind: 'exited'; readonly code: number }
    | { readonly kind: 'signalled'; readonly signal: string }
    | { readonly kind: 'timed-out' }
    | { readonly kind: 'not-started'; readonly message: string };

export interface ProcessResult {
    readonly end: ProcessEnd;
    readonly stdout: OutputTail;
    readonly stderr: OutputTail;
}

/**
 * Runs a program in its own process group, so a timeout or a stop ends it together with every
 * process it started. TERM first, KILL after a grace period for a program that ignores TERM.
 */
@injectable()
export class ProcessRunner {
    killGraceMs = 2_000;
    /** After the program exits, how long descendants holding its output pipes are waited for. */
    drainMs = 1_000;

    run(request: ProcessRequest): Promise<ProcessResult> {
        request.signal.throwIfAborted();
        const stdout = new OutputTail(request.outputLimitBytes);
        const stderr = new OutputTail(request.outputLimitBytes);
        return new Promise((resolve, reject) => {
            let child: ChildProcessByStdio<null, Readable, Readable>;
            try {
                child = spawn(request.program, request.args, {
                    cwd: request.cwd, env: request.env, shell: false, detached: true, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true
                });
            } catch (error) {
                // spawn throws at once for what no operating system can pass, such as a NUL inside an argument.
                resolve({ end: { kind: 'not-started', message: error instanceof Error ? error.message : String(error) }, stdout, stderr });
                return;
            }
            let timedOut = false;
            let aborted = false;
            let settled = false;
            const killGroup = (signal: NodeJS.Signals): void => {
                try {
                    process.kill(-child.pid!, signal);
                } catch {
                    // The group is gone already.
                }
            };
            const stop = (): void => {
                killGroup('SIGTERM');
                setTimeout(() => killGroup('SIGKILL'), this.killGraceMs).unref();
            };
            const timer = setTimeout(() => {
                timedOut = true;
                stop();
            }, request.timeoutMs);
            const onAbort = (): void => {
                aborted = true;
                stop();
            };
            request.signal.addEventListener('abort', onAbort, { once: true });
            const settle = (end: ProcessEnd): void => {
                if (settled) {
                    return;
                }
                settled = true;
                clearTimeout(timer);
                request.signal.removeEventListener('abort', onAbort);
                if (aborted) {
                    reject(request.signal.reason);
                } else {
                    resolve({ end: timedOut ? { kind: 'timed-out' } : end, stdout, stderr });
                }
            };
            child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
            child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
            child.once('error', error => {
                if (child.pid === undefined) {
                    settle({ kind: 'not-started', message: error.message });
                }
            });
            child.once('exit', (code, signal) => {
                const end: ProcessEnd = signal ? { kind: 'signalled', signal } : { kind: 'exited', code: code ?? 0 };
                // A descendant may keep the pipes open after the program ended: read what comes, briefly.
                const drained = setTimeout(() => {
                    child.stdout.destroy();
                    child.stderr.destroy();
                    settle(end);
                }, this.drainMs);
                child.once('close', () => {
                    clearTimeout(drained);
                    settle(end);
                });
            });
        });
    }
}
