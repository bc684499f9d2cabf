import * as path from 'node:path';
import { inject, injectable } from '@theia/core/shared/inversify';
import type { ActivityContext, ActivityOutcome } from '@presswork/platform/lib/common/activity-contribution';
import { failure, waitReason } from '@presswork/platform/lib/common/defined-activity';
import type { Job } from '@presswork/platform/lib/common/job-schema';
import type { JobTicket } from '@presswork/platform/lib/common/job-ticket';
import type { Order } from '@presswork/platform/lib/common/order-schema';
import type { OutputReceipt } from '@presswork/platform/lib/common/output-device-contribution';
import { OutputDeviceRegistry } from '@presswork/platform/lib/common/output-device-registry';
import type { DeviceJobStatus } from '@presswork/platform/lib/common/printer-capabilities';
import { JobFolders } from '@presswork/platform/lib/node/files/job-folders';
import { isRegularFile, printFileOf } from '@presswork/platform/lib/node/files/job-files';
import { isDirectlyInside } from '@presswork/platform/lib/node/files/path-containment';
import { PressworkConfig } from '@presswork/platform/lib/node/presswork-config';
import { DocumentStore } from '@presswork/platform/lib/node/store/document-store';
import { WorkOwnership } from '@presswork/platform/lib/node/cluster/work-ownership';
import { findJob } from '@presswork/platform/lib/node/store/order-jobs';
import { BATCH_ID_PATTERN, type Batch, type BatchOutput } from '../../common/batch/batch-schema';
import type { PrintProperties } from '../../common/print-activity';
import { buildTicket, type TicketSources } from '../../common/tickets/ticket-properties';
import { MediaCatalog } from '../catalog/media-catalog';
import { PrinterRegistry } from '../printers/printer-registry';
import { PrinterTransportError } from '../printers/printer-transport-error';
import { PrintTargets, type PrintTarget } from '../print/print-targets';
import { searchSentJob } from '../print/recovered-job';
import { SIDES_WORDS } from '../print/ticket-summary';
import { describeMedia } from '../tickets/ticket-match';
import { BatchBook } from './batch-book';
import type { MergeMember } from './batch-merge';
import { mergeBatchDocument } from './batch-merge-document';

/** Batch documents are kept in `<data>/batches/<batch id>/<batch id>.pdf`. */
export const BATCHES_FOLDER = 'batches';

/** The merged document's file of a batch: built from a checked batch id only, never leaving `<data>/batches`. */
export function batchDocumentFile(dataFolder: string, batchId: string): string {
    if (!BATCH_ID_PATTERN.test(batchId)) {
        throw new Error(`${JSON.stringify(batchId)} is not a batch id`);
    }
    const folder = path.join(dataFolder, BATCHES_FOLDER, batchId);
    const file = path.join(folder, `${batchId}.pdf`);
    if (!isDirectlyInside(path.join(dataFolder, BATCHES_FOLDER), folder) || !isDirectlyInside(folder, file)) {
        throw new Error(`${file} is not a batch document`);
    }
    return file;
}

/** What the Print activity lends the batch printer: its ticket defaults, and its way of handing a file to a printer. */
export interface BatchPrintHooks {
    readonly stepDefaults: TicketSources['stepDefaults'];
    /** Hands the file to the printer as the Print activity does (a busy printer asked again until free); an outcome when it did not take it. */
    handOver(target: PrintTarget, file: { readonly path: string; readonly name: string }, ticket: JobTicket, owner: string): Promise<{ receipt: OutputReceipt } | { outcome: ActivityOutcome }>;
    retryLater(reason: string): ActivityOutcome;
}

/** The job's print with its batch: the outcome of its Print step, or why it prints alone (logged by the caller). */
export type BatchPrint = { readonly outcome: ActivityOutcome } | { readonly alone: string };

/** A member found in the store with its print file. */
interface Located {
    readonly job: Readonly<Job>;
    readonly order: Readonly<Order>;
    readonly file: string;
}

/** Whether the job prints with the batch at this step: released, listing it, and not printed at another step. */
function printsWith(batch: Batch, jobId: string, stepId: string): boolean {
    return batch.state === 'released' && batch.members.some(member => member.jobId === jobId) && (!batch.output || batch.output.stepId === stepId);
}

/** IPP job states after which a printer prints nothing more of a job but has not printed it. */
const GAVE_UP = new Set<DeviceJobStatus['state']>(['aborted', 'canceled']);

/**
 * Print, batch aware: the members of a released batch print as ONE output. Under a lock per batch,
 * the first member to reach its Print step makes the batch's document (mergeBatchDocument: the
 * slip, then each member's pages × copies, in member order) in `<data>/batches/<id>/<id>.pdf`,
 * records the intent in the batch (`BatchBook.recordOutput`) before sending, sends one job
 * (the first member's ticket over the step's defaults, 1 copy, named after the batch) and records
 * the printer's job id. Every member, that one included, then records its own printing record
 * pointing to that printer job and waits Printing: the print follower follows each, and moves
 * each to Printed when the printer says completed. A printer that follows no jobs (a hot folder)
 * gets one file, and every member goes on Printed, handed over.
 *
 * Never twice after a crash: an output with the printer's job id is never sent again; an intent
 * without it is looked for at the printer by name (`recoveredJob`) before anything is sent. The
 * lock is `WorkOwnership.exclusive`: with several servers, a member on another server waits for
 * it, reads the batch as the holder left it, and takes over (recovers) when the holder died. A
 * batch print the printer aborted or canceled is not the member's print: the member prints alone.
 */
@injectable()
export class BatchPrinter {
    @inject(BatchBook) protected readonly book: BatchBook;
    @inject(DocumentStore) protected readonly store: DocumentStore;
    @inject(JobFolders) protected readonly jobFolders: JobFolders;
    @inject(PressworkConfig) protected readonly config: PressworkConfig;
    @inject(PrinterRegistry) protected readonly printers: PrinterRegistry;
    @inject(OutputDeviceRegistry) protected readonly devices: OutputDeviceRegistry;
    @inject(MediaCatalog) protected readonly media: MediaCatalog;
    @inject(PrintTargets) protected readonly targets: PrintTargets;
    @inject(WorkOwnership) protected readonly ownership: WorkOwnership;

    /** The prints under way, settled or not. */
    protected readonly printing = new Set<Promise<unknown>>();

    /**
     * The released batch the job prints with at this step; undefined when it prints alone (no
     * batch, or one printed at another step). The job whose own join released its batch went on
     * at once, without a `batchId`: the book finds its batch by the job.
     */
    batchOf(job: Readonly<Job>, stepId: string): Batch | undefined {
        const batch = job.batchId ? this.book.get(job.batchId) : this.book.batchOf(job.id);
        return batch && printsWith(batch, job.id, stepId) ? batch : undefined;
    }

    /** Prints the job with its batch: makes and sends the batch's output if no member has yet, then waits for it. */
    print(batchId: string, context: ActivityContext<PrintProperties>, hooks: BatchPrintHooks): Promise<BatchPrint> {
        // Members of one batch may run on different servers: the batch's lock holds across them, and
        // is let go when its holder dies, for the next member to recover the output (never resend it).
        const print = this.ownership.exclusive(`batch-print:${batchId}`, () => this.printLocked(batchId, context, hooks));
        const settled = print.then(() => undefined, () => undefined);
        this.printing.add(settled);
        settled.then(() => this.printing.delete(settled));
        return print;
    }

    /** Resolves once every print under way has ended: for tests. */
    async idle(): Promise<void> {
        while (this.printing.size) {
            await Promise.all(this.printing);
        }
    }

    protected async printLocked(batchId: string, context: ActivityContext<PrintProperties>, hooks: BatchPrintHooks): Promise<BatchPrint> {
        const batch = this.book.get(batchId);
        if (!batch || !printsWith(batch, context.job.id, context.step.id)) {
            // Released without it meanwhile (removed, split off): it goes on alone.
            return { alone: `Batch ${batchId} is no longer released with this job` };
        }
        let output = batch.output;
        if (output && !output.jobIds.includes(context.job.id)) {
            return { alone: `Batch ${batchId}'s document was made without this job` };
        }
        if (output && output.deviceJobId === undefined && output.handedOverAt === undefined) {
            const recovered = await this.recoverOutput(batch, output, context, hooks);
            if (recovered && 'outcome' in recovered) {
                return recovered;
            }
            output = recovered?.output;
        }
        if (!output || (output.deviceJobId === undefined && output.handedOverAt === undefined)) {
            const sent = await this.send(batch, context, hooks);
            if ('outcome' in sent) {
                return sent;
            }
            return this.join(batch, sent.output, context, true);
        }
        return this.join(batch, output, context, false);
    }

    /**
     * An intent whose send the server may not have finished: the printer's job found by the batch's
     * name (recorded, never sent again), undefined when the batch is to be sent (afresh), or an
     * outcome when the printer cannot be asked (nothing may be sent until it can).
     */
    protected async recoverOutput(batch: Batch, output: BatchOutput, context: ActivityContext<PrintProperties>, hooks: BatchPrintHooks):
        Promise<{ output: BatchOutput } | { outcome: ActivityOutcome } | undefined> {
        const search = await searchSentJob(this.printers, this.devices, output, context.signal);
        if (search.kind === 'cannot-ask') {
            return undefined;
        }
        if (search.kind === 'unreachable') {
            return { outcome: hooks.retryLater(`${search.reason} (asked whether it already has batch ${batch.id})`) };
        }
        const { printer, found } = search;
        if (!found) {
            await this.book.log(batch.id, `Printer ${printer.name} has no job ${output.jobName} sent since ${output.requestedAt}: sending it`);
            return undefined;
        }
        const recovered = await this.book.recordOutput(batch.id, { ...output, deviceJobId: found.id, acceptedAt: new Date().toISOString() });
        await this.book.log(batch.id, `Not sent again: Printer ${printer.name} already has it as job ${found.id} (${found.state})`);
        return { output: recovered.output! };
    }

    /** Makes the batch's document and sends it as one job, recording the intent first and the printer's job id after. */
    protected async send(batch: Batch, context: ActivityContext<PrintProperties>, hooks: BatchPrintHooks): Promise<{ output: BatchOutput } | { outcome: ActivityOutcome }> {
        const members = await this.locate(batch, context);
        if (!members.some(member => member.job.id === context.job.id)) {
            return { outcome: failure('The job has no print file') };
        }
        const first = members[0];
        const built = buildTicket({ job: first.job, order: first.order, stepDefaults: hooks.stepDefaults, catalog: this.media.list() });
        if ('problem' in built) {
            return { outcome: failure(`The ticket of batch ${batch.id} cannot be made from job ${first.job.name} of order ${first.job.orderNumber}: ${built.problem}`) };
        }
        const ticket: JobTicket = { ...built.ticket, copies: 1, jobName: batch.id };
        const choice = await this.targets.choose(context.properties.printerId, ticket);
        if ('reasons' in choice) {
            const reason = choice.reasons.join('; ');
            return { outcome: choice.fatal ? failure(reason) : hooks.retryLater(reason) };
        }
        const { printer, device } = choice.target;
        const release = this.targets.reserve(printer.id);
        try {
            const file = batchDocumentFile(this.config.dataFolder, batch.id);
            const merged = await mergeBatchDocument({
                slip: {
                    batchId: batch.id, printer: printer.name, releaseReason: batch.releaseReason, sides: SIDES_WORDS[ticket.sides],
                    media: ticket.media ? ticket.media.label ?? describeMedia(ticket.media) : undefined
                },
                members: members.map(({ job, file: memberFile }): MergeMember => ({ file: memberFile, copies: job.copies, orderNumber: job.orderNumber, jobName: job.name }))
            }, file);
            const intent: BatchOutput = {
                stepId: context.step.id, printerId: printer.id, printerName: printer.name, jobName: batch.id, fileName: path.basename(file),
                jobIds: members.map(member => member.job.id), pages: merged.pages, requestedAt: new Date().toISOString()
            };
            await this.book.recordOutput(batch.id, intent);
            await this.book.log(batch.id, `Sending ${intent.fileName} (${merged.pages} pages: the slip and ${members.length} jobs) to Printer ${printer.name}`);
            const handed = await hooks.handOver(choice.target, { path: file, name: intent.fileName }, ticket, `${batch.id}:${context.step.id}`);
            if ('outcome' in handed) {
                return handed;
            }
            await this.book.log(batch.id, handed.receipt.detail);
            if (!device.followsJobs) {
                return { output: (await this.book.recordOutput(batch.id, { ...intent, handedOverAt: new Date().toISOString() })).output! };
            }
            if (handed.receipt.deviceJobId === undefined) {
                return { outcome: failure(`Printer ${printer.name} took batch ${batch.id} but gave no job id to follow it by`) };
            }
            return { output: (await this.book.recordOutput(batch.id, { ...intent, deviceJobId: handed.receipt.deviceJobId, acceptedAt: new Date().toISOString() })).output! };
        } finally {
            release();
        }
    }

    /**
     * The members in batch order with their print files; one that is gone or has no print file is
     * left out of the document (said in the batch's log) and prints alone if it ever reaches Print.
     */
    protected async locate(batch: Batch, context: ActivityContext<PrintProperties>): Promise<Located[]> {
        const located: Located[] = [];
        for (const member of batch.members) {
            const found = member.jobId === context.job.id ? { job: context.job, order: context.order } : findJob(this.store, member.jobId);
            const jobFolder = found && (found.job.id === context.job.id ? context.jobFolder : this.jobFolders.folderOf(found.job.id));
            const printFile = found && jobFolder ? printFileOf(found.job, jobFolder) : undefined;
            if (found && printFile && await isRegularFile(printFile.path)) {
                located.push({ job: found.job, order: found.order, file: printFile.path });
            } else {
                await this.book.log(batch.id, `Job ${member.jobName} of order ${member.orderNumber} is left out of the batch's document: ${found ? 'its print file is not there' : 'the job is gone'}`, 'warning');
            }
        }
        return located;
    }

    /** The member's part of the batch's print: its own printing record pointing to the printer's job, then it waits for the printer (or goes on, handed over). */
    protected async join(batch: Batch, output: BatchOutput, context: ActivityContext<PrintProperties>, justSent: boolean): Promise<BatchPrint> {
        if (output.deviceJobId === undefined) {
            await context.log(`Handed over with batch ${batch.id} to Printer ${output.printerName}`);
            return { outcome: { kind: 'continue', state: 'Printed', printed: { printerId: output.printerId, printerName: output.printerName, copies: context.job.copies } } };
        }
        if (!justSent) {
            if (context.job.printed && Date.parse(context.job.printed.at) >= Date.parse(output.requestedAt)) {
                return { alone: `The job was printed with batch ${batch.id} already` };
            }
            const ended = await this.endedWithoutPrinting(output, context.signal);
            if (ended) {
                await this.book.log(batch.id, `Job ${context.job.name} of order ${context.job.orderNumber} prints alone: Printer ${output.printerName} ${ended} the batch's job ${output.deviceJobId}`, 'warning');
                return { alone: `Printer ${output.printerName} ${ended} batch ${batch.id} (job ${output.deviceJobId})` };
            }
        }
        await context.recordPrinting({
            stepId: context.step.id, printerId: output.printerId, printerName: output.printerName, jobName: output.jobName,
            requestedAt: output.requestedAt, deviceJobId: output.deviceJobId, acceptedAt: output.acceptedAt ?? new Date().toISOString()
        });
        return {
            outcome: {
                kind: 'wait', state: 'Printing',
                reason: waitReason(`Sent with batch ${batch.id} to Printer ${output.printerName} as job ${output.deviceJobId}: waiting for the printer`)
            }
        };
    }

    /** "aborted" or "canceled" when the printer ended the batch's job without printing it; undefined otherwise (or when it cannot tell now: the follower will). */
    protected async endedWithoutPrinting(output: BatchOutput, signal: AbortSignal): Promise<string | undefined> {
        const printer = this.printers.find(output.printerId);
        const device = printer ? this.devices.get(printer.kind) : undefined;
        if (!printer || !device?.job) {
            return undefined;
        }
        try {
            const status = await device.job(printer, output.deviceJobId!, signal);
            return status && GAVE_UP.has(status.state) ? status.state : undefined;
        } catch (error) {
            if (error instanceof PrinterTransportError) {
                return undefined;
            }
            throw error;
        }
    }
}
