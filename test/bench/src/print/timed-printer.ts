import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { IppEvePrinterProcess } from '@presswork/output/lib/node/test/ippeveprinter-process';

/**
 * A colour duplex PDF printer (an attribute file replaces ippeveprinter's `-f`/`-2`, which cannot
 * say colour): every ticket of the benchmark is one it can honour.
 */
const PRINTER_ATTRIBUTES: Readonly<Record<string, string>> = {
    'printer-make-and-model': 'text "Presswork Bench Printer"',
    'color-supported': 'boolean true',
    'copies-default': 'integer 1',
    'copies-supported': 'rangeOfInteger 1-999',
    'document-format-supported': 'mimeMediaType application/pdf,application/octet-stream',
    'media-default': 'keyword iso_a4_210x297mm',
    'media-supported': 'keyword iso_a4_210x297mm,na_letter_8.5x11in',
    'media-ready': 'keyword iso_a4_210x297mm',
    'print-color-mode-default': 'keyword auto',
    'print-color-mode-supported': 'keyword auto,color,monochrome',
    'sides-default': 'keyword one-sided',
    'sides-supported': 'keyword one-sided,two-sided-long-edge,two-sided-short-edge'
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
    protected constructor(
        readonly commandMillis: number,
        protected readonly folder: string,
        protected readonly process: IppEvePrinterProcess
    ) { }

    static async start(commandMillis: number): Promise<TimedPrinter> {
        const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'presswork-bench-printer-'));
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
        try {
            const process = await IppEvePrinterProcess.start({ folder, attributes: PRINTER_ATTRIBUTES, command, name: port => `Presswork Bench ${port}` });
            return new TimedPrinter(commandMillis, folder, process);
        } catch (error) {
            await fs.rm(folder, { recursive: true, force: true });
            throw error;
        }
    }

    get uri(): string {
        return this.process.uri;
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
        return this.process.log;
    }

    /** Stops this printer's process group only (never another's), and removes its folder. */
    async stop(): Promise<void> {
        await this.process.stop();
        await fs.rm(this.folder, { recursive: true, force: true });
    }
}

function shellQuoted(text: string): string {
    return `'${text.replace(/'/g, `'\\''`)}'`;
}
