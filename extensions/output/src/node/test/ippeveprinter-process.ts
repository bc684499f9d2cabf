import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { freePort } from '@presswork/platform/lib/node/test/free-port';
import { IppPrinter } from '../ipp/ipp-printer';
import { ensureDnsSdDaemons } from './dns-sd-daemons';

/** How to run one ippeveprinter: its folder (the spool goes inside), attributes and print command. */
export interface IppEvePrinterLaunch {
    readonly folder: string;
    /** Printer attributes as ippeveprinter's attribute file has them: name → `<tag> <values>`. */
    readonly attributes: Readonly<Record<string, string>>;
    /** Run for each job with its file and the job's IPP_* environment. */
    readonly command: string;
    readonly name: (port: number) => string;
}

/**
 * CUPS's `ippeveprinter` in a process group of its own on a free loopback port, with D-Bus and
 * avahi held to `lo` first (conventions.md): started, asked until it answers, and stopped without
 * touching any other printer. An attribute file rather than `-2 -M -m -f`, which cannot be combined
 * with `-a`; `-n localhost` because `-n 127.0.0.1` makes it abort on its IPv6 listener.
 */
export class IppEvePrinterProcess {
    protected stderr = '';

    protected constructor(readonly uri: string, readonly port: number, protected readonly child: ChildProcess) {
        child.stderr?.setEncoding('utf8').on('data', (text: string) => {
            this.stderr = (this.stderr + text).slice(-8000);
        });
    }

    static async start(launch: IppEvePrinterLaunch): Promise<IppEvePrinterProcess> {
        await ensureDnsSdDaemons();
        const port = await freePort();
        const spool = path.join(launch.folder, 'spool');
        const attributes = path.join(launch.folder, 'attributes.conf');
        await fs.mkdir(spool, { recursive: true });
        await fs.writeFile(attributes, Object.entries(launch.attributes).map(([attribute, value]) => {
            const [tag, ...values] = value.split(' ');
            return `ATTR ${tag} ${attribute} ${values.join(' ')}`;
        }).join('\n') + '\n');
        const child = spawn('ippeveprinter', [
            '-p', String(port), '-n', 'localhost', '-a', attributes, '-d', spool, '-k', '-c', launch.command, launch.name(port)
        ], { detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
        const printer = new IppEvePrinterProcess(`ipp://127.0.0.1:${port}/ipp/print`, port, child);
        try {
            await printer.waitUntilAnswering();
        } catch (error) {
            await printer.stop();
            throw error;
        }
        return printer;
    }

    /** ippeveprinter's own log (its last few kilobytes), for a failing test's message. */
    get log(): string {
        return this.stderr;
    }

    /** Stops this printer's process group only. */
    async stop(): Promise<void> {
        if (this.child.exitCode === null && this.child.signalCode === null && this.child.pid) {
            const exited = new Promise(resolve => this.child.once('exit', resolve));
            signalGroup(this.child.pid, 'SIGTERM');
            if (await Promise.race([exited.then(() => true), delay(3000).then(() => false)]) === false) {
                signalGroup(this.child.pid, 'SIGKILL');
                await exited;
            }
        }
    }

    protected async waitUntilAnswering(timeoutMs = 15_000): Promise<void> {
        const client = new IppPrinter(this.uri, { connectTimeoutMs: 1000, timeoutMs: 2000 });
        const deadline = Date.now() + timeoutMs;
        for (;;) {
            if (this.child.exitCode !== null || this.child.signalCode !== null) {
                throw new Error(`ippeveprinter exited (${this.child.exitCode ?? this.child.signalCode}): ${this.stderr.trim()}`);
            }
            try {
                await client.status();
                return;
            } catch (error) {
                if (Date.now() > deadline) {
                    throw new Error(`ippeveprinter did not answer on ${this.uri} within ${timeoutMs / 1000} s: ${(error as Error).message}\n${this.stderr.trim()}`);
                }
                await delay(50);
            }
        }
    }
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
    try {
        process.kill(-pid, signal);
    } catch {
        // Already gone.
    }
}
