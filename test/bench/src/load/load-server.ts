import { setTimeout as delay } from 'node:timers/promises';
import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { freePort } from '@presswork/platform/lib/node/test/free-port';

const START_SCRIPT = path.resolve(__dirname, '..', '..', '..', '..', 'host', 'browser-app', 'scripts', 'start.js');

/**
 * A real Presswork server, started the README's way (`host/browser-app/scripts/start.js` with
 * PRESSWORK_* settings) on a free port and a fresh data folder. start.js runs the Theia backend in
 * a child process of its own: that process's memory is what the benchmark follows.
 */
export class LoadServer {
    protected output = '';

    protected constructor(readonly url: string, protected readonly process: ChildProcess) {
        process.stdout?.on('data', chunk => this.output = (this.output + String(chunk)).slice(-20_000));
        process.stderr?.on('data', chunk => this.output = (this.output + String(chunk)).slice(-20_000));
    }

    static async start(dataFolder: string, settings: Readonly<Record<string, string>>): Promise<LoadServer> {
        const server = await LoadServer.spawn(dataFolder, settings);
        await server.waitUntilHealthy();
        return server;
    }

    /** Starts the server without waiting for it to answer (a start that must fail, or several started together). */
    static async spawn(dataFolder: string, settings: Readonly<Record<string, string>>): Promise<LoadServer> {
        const port = await freePort();
        const environment: NodeJS.ProcessEnv = { ...process.env, PRESSWORK_HOST: '127.0.0.1', PRESSWORK_PORT: String(port), PRESSWORK_DATA: dataFolder, ...settings };
        const child = spawn(process.execPath, [START_SCRIPT], { env: environment, stdio: ['ignore', 'pipe', 'pipe'] });
        return new LoadServer(`http://127.0.0.1:${port}`, child);
    }

    /** Resolves with start.js's exit code once it ended (within `timeoutMs`, else undefined). */
    async exitCode(timeoutMs: number): Promise<number | undefined> {
        if (this.process.exitCode === null) {
            await Promise.race([new Promise(resolve => this.process.once('exit', resolve)), delay(timeoutMs)]);
        }
        return this.process.exitCode ?? undefined;
    }

    /** kill -9 of the backend process (nothing runs, nothing is flushed); start.js then ends too. */
    async killBackend(): Promise<void> {
        const pid = await this.backendPid();
        const exited = new Promise(resolve => this.process.once('exit', resolve));
        process.kill(pid, 'SIGKILL');
        await Promise.race([exited, delay(10_000)]);
    }

    /** The last of what the server printed, for a failure's report. */
    get recentOutput(): string {
        return this.output;
    }

    /** The resident memory of the backend process (start.js's child), in bytes. */
    async backendRss(): Promise<number> {
        const pid = await this.backendPid();
        const status = await fs.readFile(`/proc/${pid}/status`, 'utf8');
        const kilobytes = Number(/^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1]);
        if (!Number.isFinite(kilobytes)) {
            throw new Error(`no VmRSS for process ${pid}`);
        }
        return kilobytes * 1024;
    }

    protected backendPidFound: number | undefined;

    /** The backend process (start.js's one child). */
    async backendPid(): Promise<number> {
        if (this.backendPidFound === undefined) {
            const children = (await fs.readFile(`/proc/${this.process.pid}/task/${this.process.pid}/children`, 'utf8')).trim().split(/\s+/).filter(Boolean);
            if (children.length !== 1) {
                throw new Error(`start.js has ${children.length} child processes, not the one backend`);
            }
            this.backendPidFound = Number(children[0]);
        }
        return this.backendPidFound;
    }

    async stop(): Promise<void> {
        if (this.process.exitCode === null) {
            const exited = new Promise(resolve => this.process.once('exit', resolve));
            this.process.kill('SIGTERM');
            await Promise.race([exited, delay(10_000)]);
            this.process.kill('SIGKILL');
        }
    }

    async waitUntilHealthy(): Promise<void> {
        const deadline = Date.now() + 90_000;
        while (Date.now() < deadline) {
            if (this.process.exitCode !== null) {
                throw new Error(`Presswork exited with ${this.process.exitCode}:\n${this.output}`);
            }
            try {
                if ((await fetch(`${this.url}/health`)).ok) {
                    return;
                }
            } catch {
                // not listening yet
            }
            await delay(100);
        }
        throw new Error(`Presswork did not become healthy within 90 s:\n${this.output}`);
    }
}

