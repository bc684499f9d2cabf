import { inject, injectable, named } from '@theia/core/shared/inversify';
import { ILogger } from '@theia/core/lib/common/logger';
import { JobFlow } from '@presswork/platform/lib/common/job-flow';
import { messageOf } from '@presswork/platform/lib/common/errors';
import type { OutputDeviceContribution } from '@presswork/platform/lib/common/output-device-contribution';
import type { DeviceJobStatus } from '@presswork/platform/lib/common/printer-capabilities';
import type { Printer } from '@presswork/platform/lib/common/printer-schema';
import { DocumentStore } from '@presswork/platform/lib/node/store/document-store';
import { PrinterPoolsCollection, PrintersCollection } from '@presswork/platform/lib/node/store/platform-collections';
import type { PrinterPool } from '@presswork/platform/lib/common/printer-pool-schema';
import type { PrinterState } from '../../common/printer-state';
import { PrinterStatesCollection } from '../output-collections';
import type { PrintingJob } from './printing-jobs';

/** Job states at the printer in which nothing of the job has been printed yet. */
const NOT_STARTED = new Set<DeviceJobStatus['state']>(['pending', 'pending-held']);

/**
 * A printer of a pool that has been stopped (or could not be reached) for longer than the pool's
 * `handOverAfterMinutes` hands the jobs it has not started to the pool's other printers: each is
 * canceled at the printer, then processed again, which drops its print record so that its Print
 * step chooses a printer again (one that is not stopped or unreachable). A job the printer cannot
 * confirm it canceled is never handed over: it could print twice.
 */
@injectable()
export class PoolHandOver {
    @inject(DocumentStore) protected readonly store: DocumentStore;
    @inject(JobFlow) protected readonly jobFlow: JobFlow;
    @inject(ILogger) @named('output:PoolHandOver') protected readonly logger: ILogger;

    /** Per printer, since when it has been in trouble (ms), as first seen: a new reason while stopped does not restart the clock. */
    protected readonly troubleSince = new Map<string, number>();

    /**
     * The pool whose time is up for this printer, when the printer has been stopped or unreachable
     * longer than one of its pools allows and that pool has another enabled printer to take over.
     */
    duePool(printer: Printer, now = Date.now()): PrinterPool | undefined {
        const state = this.store.get(PrinterStatesCollection, printer.id);
        if (!state || !inTrouble(state)) {
            this.troubleSince.delete(printer.id);
            return undefined;
        }
        const since = this.troubleSince.get(printer.id) ?? Date.parse(state.since);
        this.troubleSince.set(printer.id, since);
        const pools = [...this.store.all(PrinterPoolsCollection)]
            .filter(pool => pool.printerIds.includes(printer.id) && pool.printerIds.some(id => id !== printer.id && this.store.get(PrintersCollection, id)?.enabled))
            .sort((a, b) => a.handOverAfterMinutes - b.handOverAfterMinutes);
        return pools.find(pool => now - since >= pool.handOverAfterMinutes * 60_000);
    }

    /** Whether the job has not started at the printer, so it may go to another printer of the pool. */
    mayHandOver(status: DeviceJobStatus | undefined, job: PrintingJob): boolean {
        const state = status?.state ?? job.printing.deviceState;
        return state !== undefined && NOT_STARTED.has(state);
    }

    /** Cancels the job at the printer, then has it processed again; whether it was handed over. */
    async handOver(printer: Printer, pool: PrinterPool, device: OutputDeviceContribution, job: PrintingJob): Promise<boolean> {
        const deviceJobId = job.printing.deviceJobId!;
        const trouble = this.troubleInWords(printer);
        if (!device.cancel) {
            this.logger.warn(`Job ${job.jobName} (order ${job.orderNumber}) stays at ${printer.name}, which is ${trouble}: ` +
                `the printer cannot cancel it, so it is not handed over to pool ${pool.name}`);
            return false;
        }
        try {
            await device.cancel(printer, deviceJobId);
        } catch (error) {
            this.logger.warn(`Job ${job.jobName} (order ${job.orderNumber}) stays at ${printer.name}, which is ${trouble}: ` +
                `canceling its job ${deviceJobId} there failed (${messageOf(error)}), and handing it over could print it twice`);
            return false;
        }
        try {
            await this.jobFlow.processAgain(job.jobId, '');
        } catch (error) {
            this.logger.warn(`Job ${job.jobName} (order ${job.orderNumber}) was canceled at ${printer.name} but could not be processed again: ${messageOf(error)}`);
            return false;
        }
        this.logger.info(`${printer.name} has been ${trouble} for more than ${pool.handOverAfterMinutes} minute(s): job ${job.jobName} (order ${job.orderNumber}) ` +
            `was canceled there (printer job ${deviceJobId}) and handed over to another printer of pool ${pool.name}`);
        return true;
    }

    protected troubleInWords(printer: Printer): string {
        const state = this.store.get(PrinterStatesCollection, printer.id);
        if (state && !state.reachable) {
            return 'unreachable';
        }
        return `stopped${state?.reasonsInWords && state.reasonsInWords !== 'ready' ? ` (${state.reasonsInWords})` : ''}`;
    }
}

/** Stopped, or not answering: what makes a pool hand a printer's jobs over (and the Print step avoid it). */
export function inTrouble(state: Pick<PrinterState, 'state' | 'reachable'>): boolean {
    return state.state === 'stopped' || !state.reachable;
}
