import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { inject, injectable } from '@theia/core/shared/inversify';
import { messageOf } from '@presswork/platform/lib/common/errors';
import type { HandOverQuestion, OutputDeviceContribution, OutputReceipt, OutputSubmission } from '@presswork/platform/lib/common/output-device-contribution';
import type { Printer } from '@presswork/platform/lib/common/printer-schema';
import { writeFileDurably } from '@presswork/platform/lib/node/files/durable-file';
import { numberedFileName } from '@presswork/platform/lib/node/files/safe-file-name';
import { HotFolderSender } from '../printers/hot-folder-sender';
import { PrinterTransportError } from '../printers/printer-transport-error';
import { jdfFileNameFor, jdfTicketOf } from '../tickets/jdf-ticket';
import { sizeInWords } from './device-words';

/** Enough numbered names for any real folder; more is a misconfigured one. */
const MAX_NAMES = 9_999;
/** File times on some shared file systems are coarse (whole seconds). */
const TIMESTAMP_TOLERANCE_MS = 1_000;

/**
 * A DFE's hot folder: the ticket as a JDF file (JDF 1.x, `jdfTicketOf`) beside the PDF, written
 * durably BEFORE the PDF appears, so that a DFE which takes the PDF always finds its ticket; then
 * the PDF through `HotFolderSender`, which shows it only whole. Both take a free name pair
 * (`x.pdf` + `x.jdf`, else `x (2).pdf` + `x (2).jdf`, …): nothing waiting in the folder is
 * replaced. A repeat after a crash between the two finds its own JDF (same bytes, no PDF yet) and
 * completes the pair rather than leave a ticket without its file.
 *
 * A hot folder reports nothing back: the job is handed over once the PDF is in place. A send
 * interrupted after that (the server died, or the job's next write failed) is recognised by
 * `handedOver`: a whole pair with this job's own JDF, placed since the send began, is not placed
 * again. Once the DFE has taken the pair, nothing tells: the job is sent again (at least once).
 */
@injectable()
export class HotFolderOutputDevice implements OutputDeviceContribution {
    @inject(HotFolderSender) protected readonly sender: HotFolderSender;

    readonly kind = 'hot-folder' as const;
    readonly followsJobs = false;

    async describe(): Promise<undefined> {
        return undefined;
    }

    async submit(submission: OutputSubmission): Promise<OutputReceipt> {
        const { printer } = submission;
        const folder = this.folderOf(printer);
        const jdfFor = ticketMaker(submission);
        const pdfName = await this.freeName(folder, submission.fileName, jdfFor);
        const jdfName = jdfFileNameFor(pdfName);
        await submission.onSending();
        try {
            // Created when missing, as the PDF's placement does (the demo hot folder lives in the data folder).
            await writeFileDurably(path.join(folder, jdfName), jdfFor(pdfName), { mode: 0o644 });
        } catch (error) {
            throw new PrinterTransportError('unwritable', `the JDF ticket ${jdfName} could not be written: ${messageOf(error)}`);
        }
        const placed = await this.sender.send({
            file: submission.file, folder, name: pdfName, owner: submission.owner, signal: submission.signal, onCollision: 'fail'
        });
        return { detail: `Printer ${printer.name} took ${path.basename(placed.path)} (${sizeInWords(placed.bytes)}) with its JDF ticket ${jdfName} in ${folder}` };
    }

    async handedOver(question: HandOverQuestion): Promise<boolean> {
        const folder = this.folderOf(question.printer);
        const jdfFor = ticketMaker(question);
        const since = Date.parse(question.since) - TIMESTAMP_TOLERANCE_MS;
        const present = new Set(await namesIn(folder));
        for (let counter = 1; counter <= MAX_NAMES; counter++) {
            const pdfName = numberedFileName(question.fileName, counter);
            if (!present.has(pdfName)) {
                continue; // never used, or taken by the DFE already
            }
            const placed = await placedAt(path.join(folder, pdfName));
            if (placed !== undefined && placed >= since && await readIfThere(path.join(folder, jdfFileNameFor(pdfName))) === jdfFor(pdfName)) {
                return true;
            }
        }
        return false;
    }

    protected folderOf(printer: Printer): string {
        if (printer.kind !== 'hot-folder') {
            throw new Error(`Printer ${printer.name} is not a hot folder`);
        }
        return printer.folder;
    }

    /**
     * The first PDF name whose pair is free, or whose JDF is this job's own (a repeat after a
     * crash, its PDF not placed yet). A folder that cannot be read is a transport problem.
     */
    protected async freeName(folder: string, fileName: string, jdfFor: (pdfName: string) => string): Promise<string> {
        for (let counter = 1; counter <= MAX_NAMES; counter++) {
            const pdfName = numberedFileName(fileName, counter);
            const pdfTaken = await exists(path.join(folder, pdfName));
            if (pdfTaken) {
                continue;
            }
            const jdf = await readIfThere(path.join(folder, jdfFileNameFor(pdfName)));
            if (jdf === undefined || jdf === jdfFor(pdfName)) {
                return pdfName;
            }
        }
        throw new PrinterTransportError('unwritable', `${fileName} and ${MAX_NAMES - 1} numbered names like it are taken in ${folder}`);
    }
}

/** The JDF a job's PDF of this name gets: the same bytes for the same job, ticket and name. */
function ticketMaker({ ticket, owner }: Pick<OutputSubmission, 'ticket' | 'owner'>): (pdfName: string) => string {
    const [jobId] = owner.split(':');
    return pdfName => jdfTicketOf({ ticket, pdfFileName: pdfName, jobId, orderNumber: orderNumberOf(ticket.jobName) });
}

async function namesIn(folder: string): Promise<string[]> {
    try {
        return await fs.readdir(folder);
    } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
            return [];
        }
        throw new PrinterTransportError('unwritable', messageOf(error));
    }
}

/** When the file was placed (its modification time), or undefined when it is not there. */
async function placedAt(file: string): Promise<number | undefined> {
    try {
        return (await fs.lstat(file)).mtimeMs;
    } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
            return undefined;
        }
        throw new PrinterTransportError('unwritable', messageOf(error));
    }
}

/** The order number is the job name's first word (`ticketJobName`: "<order number> <job name>"). */
function orderNumberOf(jobName: string): string | undefined {
    return jobName.split(' ')[0] || undefined;
}

async function exists(file: string): Promise<boolean> {
    try {
        await fs.lstat(file);
        return true;
    } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
            return false;
        }
        throw new PrinterTransportError('unwritable', messageOf(error));
    }
}

async function readIfThere(file: string): Promise<string | undefined> {
    try {
        return await fs.readFile(file, 'utf8');
    } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
            return undefined;
        }
        throw new PrinterTransportError('unwritable', messageOf(error));
    }
}
