import type { Job } from '@presswork/platform/lib/common/job-schema';
import { PressworkError } from '@presswork/platform/lib/common/errors';
import { PrintedRecord, PrintedRecordSchema, PrintingProgress, isAtPrinter } from '@presswork/platform/lib/common/printing-record';
import { describeZodError } from '@presswork/platform/lib/common/validation-message';
import { changeJob, findJob } from '@presswork/platform/lib/node/store/order-jobs';
import type { ControlParts } from './job-controls';
import { erred, movedToNextStep, withoutPrinting } from './job-transitions';
import { describeJob as describe } from './operator-transitions';
import { workflowOfJob } from './pinned-workflow';
import { checkedProgress, isPrintUncertain, printUncertain, printedOn, progressed } from './printing-transitions';
import { currentStep } from './step-navigator';
import { scheduleJob } from './job-rank';

const PrintedReportSchema = PrintedRecordSchema.omit({ at: true, by: true });

/**
 * JobFlow's calls for a job at the printer (see job-flow.ts). The follower polls printers outside
 * the engine's work slots and reports here; each report checks, inside the write, that the job is
 * still at the printer at the step it names, and is ignored (false, nothing written) when it is
 * not: a stale report never moves a job that an operator held, processed again or moved on. A
 * printed job goes on to its next step in the same write, queued for a slot.
 */
export class PrintingControls {
    constructor(protected readonly parts: ControlParts) { }

    async reportPrinting(jobId: string, stepId: string, progress: PrintingProgress): Promise<boolean> {
        const checked = checkedProgress(progress);
        return this.atPrinter(jobId, stepId, job => progressed(job, checked, new Date().toISOString()));
    }

    async finishPrinting(jobId: string, stepId: string, printed: Omit<PrintedRecord, 'at' | 'by'>): Promise<boolean> {
        const parsed = PrintedReportSchema.safeParse(printed);
        if (!parsed.success) {
            throw PressworkError.InvalidInput(`What job ${jobId} printed is not valid: ${describeZodError(parsed.error)}`);
        }
        const done = await this.atPrinter(jobId, stepId, job => {
            const at = new Date().toISOString();
            return this.movedOn(printedOn(job, parsed.data, at), at);
        });
        if (done) {
            this.runNext(jobId);
        }
        return done;
    }

    async failPrinting(jobId: string, stepId: string, message: string): Promise<boolean> {
        return this.atPrinter(jobId, stepId, job =>
            erred(withoutPrinting(job), message.trim() || `${job.printing!.printerName} did not print the job`, new Date().toISOString()));
    }

    async printingUncertain(jobId: string, stepId: string, reason: string): Promise<boolean> {
        return this.atPrinter(jobId, stepId, job => printUncertain(job, reason, new Date().toISOString()));
    }

    async markPrinted(jobId: string, by: string): Promise<void> {
        const found = findJob(this.parts.store, jobId);
        const written = found && await changeJob(this.parts.store, found.order.id, jobId, job => {
            if (!isPrintUncertain(job)) {
                throw PressworkError.Refused(`${describe(job)} is ${job.state}, not waiting for a decision about a print its printer no longer knows: ` +
                    'there is nothing to mark printed');
            }
            const { printerId, printerName } = job.printing!;
            const at = new Date().toISOString();
            return this.movedOn(printedOn(job, { printerId, printerName, copies: job.copies }, at, by.trim() || undefined), at);
        });
        if (!written) {
            throw PressworkError.NotFound(`There is no job ${jobId}; it may have been removed`);
        }
        this.runNext(jobId);
    }

    /** Changes the job only while it is at the printer at `stepId`; whether it was. */
    protected async atPrinter(jobId: string, stepId: string, change: (job: Job) => Job | undefined): Promise<boolean> {
        const found = findJob(this.parts.store, jobId);
        if (!found) {
            return false;
        }
        // Set inside the change: a holder, so that the compiler does not take it for never assigned.
        const seen: { atPrinter?: boolean } = {};
        await changeJob(this.parts.store, found.order.id, jobId, job => {
            seen.atPrinter = isAtPrinter(job) && job.stepId === stepId;
            return seen.atPrinter ? change(job) : undefined;
        });
        return seen.atPrinter === true;
    }

    /** A printed job at its next step (Queued), or Complete after its last; in Error when its workflow no longer lets it go on. */
    protected movedOn(job: Job, at: string): Job {
        const { store, resolver } = this.parts;
        const resolution = workflowOfJob(store, job);
        if ('problem' in resolution) {
            return erred(job, `The job was printed but cannot go on: ${resolution.problem}`, at);
        }
        const { workflow } = resolution;
        const position = currentStep(workflow, job);
        if (!position) {
            return erred(job, `The job was printed but cannot go on: its step ${job.stepId} is not in workflow "${workflow.name}" (version ${workflow.version})`, at);
        }
        return movedToNextStep(job, position, { workflow, resolver, at });
    }

    /** The printed job's next step runs as soon as a slot is free. */
    protected runNext(jobId: string): void {
        this.parts.timers.cancel(jobId);
        this.parts.parked.forget(jobId);
        scheduleJob(this.parts.queue, this.parts.store, jobId);
    }
}
