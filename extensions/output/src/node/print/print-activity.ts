import { inject, injectable, optional } from '@theia/core/shared/inversify';
import type { ActivityContext, ActivityOutcome } from '@presswork/platform/lib/common/activity-contribution';
import { DefinedActivity, failure, waitReason } from '@presswork/platform/lib/common/defined-activity';
import { isAbortError, messageOf } from '@presswork/platform/lib/common/errors';
import type { JobTicket } from '@presswork/platform/lib/common/job-ticket';
import type { OutputReceipt } from '@presswork/platform/lib/common/output-device-contribution';
import { OutputDeviceRegistry } from '@presswork/platform/lib/common/output-device-registry';
import type { PrintingRecord } from '@presswork/platform/lib/common/printing-record';
import { LocatedJobFile, isRegularFile, printFileOf } from '@presswork/platform/lib/node/files/job-files';
import { StoreOutOfReachError } from '@presswork/platform/lib/node/store/store-errors';
import { PrintActivity, type PrintProperties } from '../../common/print-activity';
import { buildTicket } from '../../common/tickets/ticket-properties';
import { BatchPrinter, type BatchPrintHooks } from '../batch/batch-printer';
import { MediaCatalog } from '../catalog/media-catalog';
import { PrinterRegistry } from '../printers/printer-registry';
import { PrinterTransportError, PrinterTransportProblem, transportReason } from '../printers/printer-transport-error';
import { BusyPrinterWait } from './busy-printer-wait';
import { PrintTarget, PrintTargets } from './print-targets';
import { searchSentJob } from './recovered-job';
import { ticketSummary } from './ticket-summary';

export { PRINTER_CLOCK_TOLERANCE_MS, recoveredJob } from './recovered-job';

/**
 * Print: builds the job's ticket (its copies and properties over the step's defaults, media from
 * the catalog), picks the printer (the step's, or the best of its pool: print-targets.ts), checks
 * that the printer can honour the ticket, and hands file and ticket to the printer's device.
 *
 * - A printer that reports its jobs (IPP, `followsJobs`): the intent is recorded durably before
 *   sending (`recordPrinting`: step, printer, job name, `requestedAt`), the printer's job id right
 *   after it accepted (`deviceJobId`, `acceptedAt`); the job then waits in Printing ("Sent to
 *   Printer A as job 42: waiting for the printer") and the follower takes it from there.
 * - A printer that does not (hot folder, raw socket): the job continues as Printed, its `printed`
 *   record saying the copies were handed over. No record is kept while sending: such a device has
 *   no job to look for after a crash, so a repeat sends again (at least once).
 *
 * Never twice after a crash: a record of this step with a `deviceJobId` is not sent again (the
 * job waits in Printing again); a record without one (the server died while sending) is looked
 * for at the printer (`recoveredJob`) before anything is sent.
 *
 * Waits (and tries again after `retryAfterMs`) with the reason in words: a disabled printer, a
 * printer that cannot honour the ticket (never a silent substitution), one that cannot be reached
 * or answers wrongly. Fails when only an operator can help: no print file, no ticket (a medium
 * not in the catalog), no such printer.
 *
 * A job of a released batch (`batchId`) prints with its batch (BatchPrinter): one output for all
 * its jobs, each job then waiting for that one printer job. It prints alone, saying why, when
 * its batch printed without it or the printer aborted or canceled the batch's job.
 */
@injectable()
export class PrintActivityContribution extends DefinedActivity<PrintProperties> {
    @inject(PrinterRegistry) protected readonly printers: PrinterRegistry;
    @inject(OutputDeviceRegistry) protected readonly devices: OutputDeviceRegistry;
    @inject(MediaCatalog) protected readonly media: MediaCatalog;
    @inject(PrintTargets) protected readonly targets: PrintTargets;
    /** Optional so that a Print activity without batches (tests of printing alone) needs none. */
    @inject(BatchPrinter) @optional() protected readonly batchPrinter: BatchPrinter | undefined;

    retryAfterMs = 60_000;
    /** A printer busy with another job (one that takes one job at a time) is asked again soon. */
    busyRetryAfterMs = 2_000;
    /** One job per busy printer keeps asking it, so that it is never idle between jobs. */
    protected readonly busyPrinters = new BusyPrinterWait({ pollMs: 100, holdMs: 20_000 });

    constructor() {
        super(PrintActivity);
    }

    async execute(context: ActivityContext<PrintProperties>): Promise<ActivityOutcome> {
        const printFile = printFileOf(context.job, context.jobFolder);
        if (!printFile) {
            return failure('The job has no print file');
        }
        if (!await isRegularFile(printFile.path)) {
            return failure(`The print file ${printFile.file.name} is not in the job's folder`);
        }
        const built = buildTicket({ job: context.job, order: context.order, stepDefaults: this.defaultsOf(context.properties), catalog: this.media.list() });
        if ('problem' in built) {
            return failure(`The job's ticket cannot be made: ${built.problem}`);
        }
        const { ticket } = built;
        try {
            const recorded = context.job.printing?.stepId === context.step.id ? context.job.printing : undefined;
            if (recorded) {
                const recovered = await this.recover(recorded, ticket, context);
                if (recovered) {
                    return recovered;
                }
            }
            const batch = this.batchPrinter?.batchOf(context.job, context.step.id);
            if (batch) {
                const printed = await this.batchPrinter!.print(batch.id, context, this.batchHooks(context));
                if ('outcome' in printed) {
                    return printed.outcome;
                }
                await context.log(`${printed.alone}: printing this job alone`, 'warning');
            }
            const choice = await this.targets.choose(context.properties.printerId, ticket);
            if ('reasons' in choice) {
                const reason = choice.reasons.join('; ');
                return choice.fatal ? failure(reason) : this.retryLater(reason);
            }
            return await this.send(choice.target, ticket, printFile, context);
        } catch (error) {
            // An abort is the engine's; a store out of reach is no fault of the print: the engine runs the step again.
            if (isAbortError(error) || context.signal.aborted || error instanceof StoreOutOfReachError) {
                throw error;
            }
            return failure(`The print file could not be sent: ${messageOf(error)}`);
        }
    }

    protected defaultsOf(properties: PrintProperties): Parameters<typeof buildTicket>[0]['stepDefaults'] {
        const { sides, colorMode, finishings, mediumId } = properties;
        return definedOnly({ sides, colorMode, finishings, media: mediumId });
    }

    /**
     * A print of this step already begun: at the printer (its id recorded), or an intent whose
     * send the server may not have finished. Undefined when the job is to be sent (afresh).
     */
    protected async recover(recorded: PrintingRecord, ticket: JobTicket, context: ActivityContext<PrintProperties>): Promise<ActivityOutcome | undefined> {
        if (recorded.uncertain) {
            // The printer no longer knows the job: an operator decides (Print again or Mark printed).
            return { kind: 'wait', state: 'Waiting', reason: waitReason(recorded.uncertain) };
        }
        if (recorded.deviceJobId !== undefined) {
            await context.log(`Not sent again: Printer ${recorded.printerName} has it as job ${recorded.deviceJobId}`);
            return this.atPrinter(recorded.printerName, recorded.deviceJobId);
        }
        const handedOver = await this.alreadyHandedOver(recorded, ticket, context);
        if (handedOver) {
            return handedOver;
        }
        const search = await searchSentJob(this.printers, this.devices, recorded, context.signal);
        if (search.kind === 'cannot-ask') {
            return undefined;
        }
        if (search.kind === 'unreachable') {
            // Whether the printer has the job cannot be told: nothing may be sent until it can.
            return this.retryLater(`${search.reason} (asked whether it already has the job)`);
        }
        const { printer, found } = search;
        if (!found) {
            await context.log(`Printer ${printer.name} has no job ${recorded.jobName} sent since ${recorded.requestedAt}: sending it`);
            return undefined;
        }
        await context.recordPrinting({ ...recorded, deviceJobId: found.id, acceptedAt: new Date().toISOString() });
        await context.log(`Not sent again: Printer ${printer.name} already has it as job ${found.id} (${found.state})`);
        return this.atPrinter(printer.name, found.id);
    }

    /**
     * A device that does not report its jobs (a hot folder) is asked whether the interrupted send
     * already left the job there: then the step goes on as after a send, and nothing goes twice.
     */
    protected async alreadyHandedOver(recorded: PrintingRecord, ticket: JobTicket, context: ActivityContext<PrintProperties>): Promise<ActivityOutcome | undefined> {
        const printer = this.printers.find(recorded.printerId);
        const device = printer ? this.devices.get(printer.kind) : undefined;
        const printFile = printFileOf(context.job, context.jobFolder);
        if (!printer || !device?.handedOver || device.followsJobs || !printFile) {
            return undefined;
        }
        const owner = `${context.job.id}:${context.step.id}`;
        if (!await device.handedOver({ printer, fileName: printFile.file.name, ticket, owner, since: recorded.requestedAt })) {
            return undefined;
        }
        await context.log(`Not sent again: Printer ${printer.name} already has it (handed over since ${recorded.requestedAt})`);
        return { kind: 'continue', state: 'Printed', printed: { printerId: printer.id, printerName: printer.name, copies: ticket.copies } };
    }

    protected async send(target: PrintTarget, ticket: JobTicket, printFile: LocatedJobFile, context: ActivityContext<PrintProperties>): Promise<ActivityOutcome> {
        const { printer, device } = target;
        const release = this.targets.reserve(printer.id);
        try {
            // Recorded before anything is sent, for every device: a step run again after an
            // interrupted send looks for what it left (at the printer by name, or in the hot folder).
            const intent: PrintingRecord = {
                stepId: context.step.id, printerId: printer.id, printerName: printer.name, jobName: ticket.jobName, requestedAt: new Date().toISOString()
            };
            await context.recordPrinting(intent);
            await context.log(`Ticket: ${ticketSummary(ticket)}; sending to Printer ${printer.name}`);
            const handed = await this.handOver(target, { path: printFile.path, name: printFile.file.name }, ticket, `${context.job.id}:${context.step.id}`, context,
                // The printer said no before taking anything: no intent is left to look for.
                () => context.recordPrinting(undefined));
            if ('outcome' in handed) {
                return handed.outcome;
            }
            const { receipt } = handed;
            await context.log(receipt.detail);
            if (receipt.warning) {
                await context.log(receipt.warning, 'warning');
            }
            if (!device.followsJobs) {
                return { kind: 'continue', state: 'Printed', printed: { printerId: printer.id, printerName: printer.name, copies: ticket.copies } };
            }
            if (receipt.deviceJobId === undefined) {
                return failure(`Printer ${printer.name} took the job but gave no job id to follow it by`);
            }
            await context.recordPrinting({ ...intent, deviceJobId: receipt.deviceJobId, acceptedAt: new Date().toISOString() });
            return this.atPrinter(printer.name, receipt.deviceJobId);
        } finally {
            release();
        }
    }

    /**
     * Hands the file to the printer (a busy one asked again until free, BusyPrinterWait); an
     * outcome when it did not take it: a transport problem waits with the reason, after calling
     * `notTaken` when the printer said no before taking anything.
     */
    protected async handOver(target: PrintTarget, file: { readonly path: string; readonly name: string }, ticket: JobTicket, owner: string,
        context: ActivityContext<PrintProperties>, notTaken?: () => Promise<void>): Promise<{ receipt: OutputReceipt } | { outcome: ActivityOutcome }> {
        const { printer, device } = target;
        try {
            return {
                receipt: await this.busyPrinters.submit(printer.id, () => device.submit({
                    printer, file: file.path, fileName: file.name, ticket, owner,
                    signal: context.signal, onSending: () => context.setState('Printing'), ...(target.capabilities ? { capabilities: target.capabilities } : {})
                }), context.signal)
            };
        } catch (error) {
            if (error instanceof PrinterTransportError) {
                if (NOT_TAKEN.has(error.problem)) {
                    await notTaken?.();
                }
                return { outcome: this.retryLater(transportReason(printer.name, error), error.problem === 'busy' ? this.busyRetryAfterMs : undefined) };
            }
            throw error;
        }
    }

    /** What the batch printer borrows from this step: its ticket defaults and its way of handing a file to a printer. */
    protected batchHooks(context: ActivityContext<PrintProperties>): BatchPrintHooks {
        return {
            stepDefaults: this.defaultsOf(context.properties),
            handOver: (target, file, ticket, owner) => this.handOver(target, file, ticket, owner, context),
            retryLater: reason => this.retryLater(reason)
        };
    }

    protected atPrinter(printerName: string, deviceJobId: number): ActivityOutcome {
        return { kind: 'wait', state: 'Printing', reason: waitReason(`Sent to Printer ${printerName} as job ${deviceJobId}: waiting for the printer`) };
    }

    protected retryLater(reason: string, afterMs = this.retryAfterMs): ActivityOutcome {
        return { kind: 'wait', state: 'Waiting', reason: waitReason(reason), until: new Date(Date.now() + afterMs).toISOString() };
    }
}

/** Answers that say the printer took nothing of the job: a later run need not look for it there. */
const NOT_TAKEN: ReadonlySet<PrinterTransportProblem> = new Set<PrinterTransportProblem>(['busy', 'refused']);

function definedOnly<T extends object>(value: T): T {
    return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}
