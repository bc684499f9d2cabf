import * as fs from 'node:fs/promises';
import { TempFolder } from '@presswork/platform/lib/node/test/temp-store';
import { mediaSizeOf } from '../../common/tickets/pwg-media-size';
import { IppEvePrinterProcess } from './ippeveprinter-process';

/** What the print command does with the next jobs; changed at run time with `behave`. */
export interface ReferencePrinterBehaviour {
    /** Time each job takes after any raised reason is lowered. */
    readonly delayMs?: number;
    /** Raises a printer-state-reason (e.g. `media-empty-error`) while the job processes, for `forMs`. */
    readonly raise?: { readonly reason: string; readonly forMs: number };
    /** Exits with this status: non-zero makes ippeveprinter abort the job. */
    readonly exitCode?: number;
}

/** One job as the print command saw it. */
export interface PrintedTicket {
    /** `IPP_*` variables (IPP_COPIES, IPP_SIDES, IPP_MEDIA_COL…) and CONTENT_TYPE. */
    readonly env: Readonly<Record<string, string>>;
    readonly file: string;
    /** Bytes of the document the printer received. */
    readonly size: number;
}

/** A medium loaded in a tray, for `loadedMedia`. */
export interface LoadedMedium {
    readonly sizeName: string;
    readonly type?: string;
    readonly source?: string;
    /** Reported as `media-size` only, without `media-size-name`, as some printers do. */
    readonly sizeOnly?: boolean;
}

export interface ReferencePrinterOptions {
    /** Printer (and DNS-SD service) name; unique by default. */
    readonly name?: string;
    /**
     * Printer attributes replacing the defaults, as ippeveprinter's attribute file has them:
     * name → `<tag> <values>`, e.g. `{ 'finishings-supported': 'enum 3,4' }`.
     */
    readonly attributes?: Readonly<Record<string, string>>;
}

const MEDIA_SUPPORTED = [
    'iso_a4_210x297mm', 'iso_a3_297x420mm', 'iso_a5_148x210mm', 'iso_sra3_320x450mm', 'na_letter_8.5x11in',
    'na_legal_8.5x14in', 'na_ledger_11x17in', 'oe_business-card_2x3.5in', 'na_number-10_4.125x9.5in', 'iso_dl_110x220mm'
];

/** A colour duplex PDF printer with finishers: what the legacy options (-2, -M, -m, -f) cannot describe together with -a. */
const DEFAULT_ATTRIBUTES: Readonly<Record<string, string>> = {
    'printer-make-and-model': 'text "Presswork Reference Printer"',
    'color-supported': 'boolean true',
    'copies-default': 'integer 1',
    'copies-supported': 'rangeOfInteger 1-999',
    'document-format-supported': 'mimeMediaType application/pdf,application/octet-stream',
    'finishings-default': 'enum 3',
    'finishings-supported': 'enum 3,4,5,7,8,10,11,20,74',
    'media-default': 'keyword iso_a4_210x297mm',
    'media-supported': `keyword ${MEDIA_SUPPORTED.join(',')}`,
    'media-size-supported': `collection ${MEDIA_SUPPORTED.map(name => sizeCollection(name)).join(',')}`,
    ...loadedMedia([{ sizeName: 'iso_a4_210x297mm', type: 'stationery', source: 'main' }, { sizeName: 'na_letter_8.5x11in', type: 'cardstock', source: 'by-pass-tray' }]),
    'media-col-default': `collection ${mediaCollection({ sizeName: 'iso_a4_210x297mm', type: 'stationery', source: 'main' })}`,
    'media-source-supported': 'keyword auto,main,by-pass-tray',
    'media-type-supported': 'keyword auto,cardstock,envelope,labels,other,stationery,stationery-letterhead,transparency',
    'output-bin-supported': 'keyword face-down',
    'print-color-mode-default': 'keyword auto',
    'print-color-mode-supported': 'keyword auto,color,monochrome',
    'print-quality-supported': 'enum 3,4,5',
    'printer-resolution-default': 'resolution 600dpi',
    'printer-resolution-supported': 'resolution 600dpi',
    'pages-per-minute': 'integer 60',
    'pages-per-minute-color': 'integer 60',
    'printer-supply': 'octetString "index=1;class=supplyThatIsConsumed;type=toner;unit=percent;maxcapacity=100;level=80;colorantname=black;","index=2;class=supplyThatIsConsumed;type=toner;unit=percent;maxcapacity=100;level=15;colorantname=cyan;"',
    'printer-supply-description': 'text "Black Toner","Cyan Toner"',
    'sides-default': 'keyword one-sided',
    'sides-supported': 'keyword one-sided,two-sided-long-edge,two-sided-short-edge'
};

/** `media-ready` and `media-col-ready` for these media, to put in `attributes`. */
export function loadedMedia(media: readonly LoadedMedium[]): Record<string, string> {
    return {
        'media-ready': `keyword ${media.map(medium => medium.sizeName).join(',')}`,
        'media-col-ready': `collection ${media.map(mediaCollection).join(',')}`
    };
}

function sizeCollection(sizeName: string): string {
    const size = mediaSizeOf(sizeName);
    if (!size) {
        throw new Error(`'${sizeName}' is not a self-describing PWG size name`);
    }
    return `{ MEMBER integer x-dimension ${size.widthHmm} MEMBER integer y-dimension ${size.heightHmm} }`;
}

function mediaCollection(medium: LoadedMedium): string {
    const members = [`MEMBER collection media-size ${sizeCollection(medium.sizeName)}`];
    if (!medium.sizeOnly) {
        members.push(`MEMBER keyword media-size-name ${medium.sizeName}`);
    }
    if (medium.type) {
        members.push(`MEMBER keyword media-type ${medium.type}`);
    }
    if (medium.source) {
        members.push(`MEMBER keyword media-source ${medium.source}`);
    }
    return `{ ${members.join(' ')} }`;
}

/** Records each job's IPP_* environment, then does what the behaviour file says. */
function jobCommand(ticketsFile: string, behaviourFile: string): string {
    return `#!${process.execPath}
'use strict';
const fs = require('fs');
const file = process.argv[2] || '';
let size = -1;
try { size = fs.statSync(file).size; } catch (e) { /* no file */ }
const env = {};
for (const [key, value] of Object.entries(process.env)) {
    if (key.startsWith('IPP_') || key === 'CONTENT_TYPE') { env[key] = value; }
}
fs.appendFileSync(${JSON.stringify(ticketsFile)}, JSON.stringify({ env, file, size }) + '\\n');
let behaviour = {};
try { behaviour = JSON.parse(fs.readFileSync(${JSON.stringify(behaviourFile)}, 'utf8')); } catch (e) { /* default */ }
const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));
(async () => {
    if (behaviour.raise) {
        process.stderr.write('STATE: +' + behaviour.raise.reason + '\\n');
        await sleep(behaviour.raise.forMs);
        process.stderr.write('STATE: -' + behaviour.raise.reason + '\\n');
    }
    if (behaviour.delayMs) { await sleep(behaviour.delayMs); }
    process.exitCode = behaviour.exitCode || 0;
})();
`;
}

/**
 * CUPS's reference IPP Everywhere printer (`ippeveprinter`) on a free loopback port, whose print
 * command records every job and can be told to be slow, run out of paper or fail. Listens on
 * loopback only (127.0.0.1 and ::1, its `-n localhost`); `uri` uses 127.0.0.1.
 */
export class ReferencePrinter {
    protected constructor(protected readonly folder: TempFolder, protected readonly process: IppEvePrinterProcess) { }

    static async start(options: ReferencePrinterOptions = {}): Promise<ReferencePrinter> {
        const folder = await TempFolder.create('presswork-ipp-');
        await fs.writeFile(folder.join('tickets.jsonl'), '');
        await fs.writeFile(folder.join('behaviour.json'), '{}');
        await fs.writeFile(folder.join('job-command.js'), jobCommand(folder.join('tickets.jsonl'), folder.join('behaviour.json')), { mode: 0o755 });
        try {
            const process = await IppEvePrinterProcess.start({
                folder: folder.path, attributes: { ...DEFAULT_ATTRIBUTES, ...options.attributes }, command: folder.join('job-command.js'),
                name: port => options.name ?? `Presswork Test ${port}`
            });
            return new ReferencePrinter(folder, process);
        } catch (error) {
            await folder.remove();
            throw error;
        }
    }

    get uri(): string {
        return this.process.uri;
    }

    get port(): number {
        return this.process.port;
    }

    /** The jobs the print command has seen so far, in order. */
    async tickets(): Promise<PrintedTicket[]> {
        const text = await fs.readFile(this.folder.join('tickets.jsonl'), 'utf8');
        return text.split('\n').filter(Boolean).map(line => JSON.parse(line));
    }

    /** Changes what the print command does for the jobs that start from now. */
    async behave(behaviour: ReferencePrinterBehaviour): Promise<void> {
        const file = this.folder.join('behaviour.json');
        await fs.writeFile(`${file}.new`, JSON.stringify(behaviour));
        await fs.rename(`${file}.new`, file);
    }

    /** ippeveprinter's own log (its last few kilobytes), for a failing test's message. */
    get log(): string {
        return this.process.log;
    }

    /** Stops this printer's process group only, and removes its folder. */
    async stop(): Promise<void> {
        await this.process.stop();
        await this.folder.remove();
    }
}
