import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { freePort } from '@presswork/platform/lib/node/test/free-port';
import { IppPrinter } from '@presswork/output/lib/node/ipp/ipp-printer';
import { ensureDnsSdDaemons } from '@presswork/output/lib/node/test/dns-sd-daemons';

/**
 * A colour duplex PDF printer (an attribute file replaces ippeveprinter's `-f`/`-2`, which cannot
 * say colour): every ticket of the benchmark is one it can honour.
 */
const PRINTER_ATTRIBUTES: Readonly<Record<string, readonly [string, string]>> = {
    'printer-make-and-model': ['text', '"Presswork Bench Printer"'],
    'color-supported': ['boolean', 'true'],
    'copies-default': ['integer', '1'],
    'copies-supported': ['rangeOfInteger', '1-999'],
    'document-format-supported': ['mimeMediaType', 'application/pdf,application/octet-stream'],
    'media-default': ['keyword', 'iso_a4_210x297mm'],
    'media-supported': ['keyword', 'iso_a4_210x297mm,na_letter_8.5x11in'],
    'media-ready': ['keyword', 'iso_a4_210x297mm'],
    'print-color-mode-default': ['keyword', 'auto'],
    'print-color-mode-supported': ['keyword', 'auto,color,monochrome'],
    'sides-default': ['keyword', 'one-sided'],
    'sides-supported': ['keyword', 'one-sided,two-sided-long-edge,two-sided-short-edge']
};

/** One job as the printer ran it: when its print command started and ended (epoch ms, this machine's clock). */
export interface TimedJob {
    readonly jobId: number;
    readonly jobName: string;
    readonly copies: string;
    readonly sides: string;
    readonly startedAt: number;
    readonly endedAt: number;
}

/**
 * CUPS's `ippeveprinter` on a free loopback port (as output's ReferencePrinter starts it: `-n
 * localhost`, `-k`, an attribute file for a colour duplex PDF printer) whose print command is a fixed `sleep` that records, per job, the
 * instants it started and ended: the end is the printer's `completed` as closely as anything
 * outside ippeveprinter can see it (its own `time-at-completed` and `date-time-at-completed` are
 * whole seconds). The command is `/bin/sh`, not Node, so that the printer's own CPU per job stays
 * small beside the backend's on a two-core machine.
 *
 * ReferencePrinter records each job's IPP_* variables but not when its command ended; if it did
 * (a `startedAt`/`endedAt` per ticket), the benchmark would use it instead.
 */
export class TimedPrinter {
    protected stderr = '';

    protected constructor(
        readonly uri: string,
        readonly commandMillis: number,
        protected readonly folder: string,
        protected readonly child: ChildProcess
    ) {
        child.stderr?.setEncoding('utf8').on('data', (text: string) => {
            this.stderr = (this.stderr + text).slice(-8000);
        });
    }

    static async start(commandMillis: number): Promise<TimedPrinter> {
        await ensureDnsSdDaemons();
        const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'presswork-bench-printer-'));
        const port = await freePort();
        await fs.mkdir(path.join(folder, 'spool'));
        const record = path.join(folder, 'jobs.tsv');
        await fs.writeFile(record, '');
        const command = path.join(folder, 'print-command.sh');
        // The fields are tab-separated; the benchmark's job names hold no tabs or newlines.
        await fs.writeFile(command, [
            '#!/bin/sh',
            'started=$(date +%s%3N)',
            `sleep ${(commandMillis / 1000).toFixed(3)}`,
            'ended=$(date +%s%3N)',
            `printf '%s\\t%s\\t%s\\t%s\\t%s\\t%s\\n' "$IPP_JOB_ID" "$started" "$ended" "$IPP_COPIES" "$IPP_SIDES" "$IPP_JOB_NAME" >> ${shellQuoted(record)}`,
            ''
        ].join('\n'), { mode: 0o755 });
        const attributes = path.join(folder, 'attributes.conf');
        await fs.writeFile(attributes, Object.entries(PRINTER_ATTRIBUTES).map(([name, [tag, values]]) => `ATTR ${tag} ${name} ${values}`).join('\n') + '\n');
        const child = spawn('ippeveprinter', [
            '-p', String(port), '-n', 'localhost', '-a', attributes, '-d', path.join(folder, 'spool'), '-k',
            '-c', command, `Presswork Bench ${port}`
        ], { detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
        const printer = new TimedPrinter(`ipp://127.0.0.1:${port}/ipp/print`, commandMillis, folder, child);
        try {
            await printer.waitUntilAnswering();
        } catch (error) {
            await printer.stop();
            throw error;
        }
        return printer;
    }

    /** Every job the print command has run so far, in order. */
    async jobs(): Promise<TimedJob[]> {
        const text = await fs.readFile(path.join(this.folder, 'jobs.tsv'), 'utf8');
        return text.split('\n').filter(Boolean).map(line => {
            const [jobId, startedAt, endedAt, copies, sides, ...name] = line.split('\t');
            return { jobId: Number(jobId), startedAt: Number(startedAt), endedAt: Number(endedAt), copies, sides, jobName: name.join('\t') };
        });
    }

    get log(): string {
        return this.stderr;
    }

    /** Stops this printer's process group only (never another's), and removes its folder. */
    async stop(): Promise<void> {
        if (this.child.exitCode === null && this.child.signalCode === null && this.child.pid) {
            const exited = new Promise(resolve => this.child.once('exit', resolve));
            signalGroup(this.child.pid, 'SIGTERM');
            if (await Promise.race([exited.then(() => true), delay(3000).then(() => false)]) === false) {
                signalGroup(this.child.pid, 'SIGKILL');
                await exited;
            }
        }
        await fs.rm(this.folder, { recursive: true, force: true });
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

function shellQuoted(text: string): string {
    return `'${text.replace(/'/g, `'\\''`)}'`;
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
    try {
        process.kill(-pid, signal);
    } catch {
        // Already gone.
    }
}
