import { isDeepStrictEqual } from 'node:util';
import { inject, injectable, named, optional } from '@theia/core/shared/inversify';
import { ILogger } from '@theia/core/lib/common/logger';
import { messageOf } from '@presswork/platform/lib/common/errors';
import { PrintingFlow } from '@presswork/platform/lib/common/job-flow';
import type { OutputDeviceContribution } from '@presswork/platform/lib/common/output-device-contribution';
import { OutputDeviceRegistry } from '@presswork/platform/lib/common/output-device-registry';
import type { DeviceJobStatus } from '@presswork/platform/lib/common/printer-capabilities';
import type { Printer } from '@presswork/platform/lib/common/printer-schema';
import type { PrintingProgress } from '@presswork/platform/lib/common/printing-record';
import { DocumentStore } from '@presswork/platform/lib/node/store/document-store';
import { PrintersCollection } from '@presswork/platform/lib/node/store/platform-collections';
import { partitionOfOrder } from '@presswork/platform/lib/node/cluster/order-partitions';
import { withLinkedSignal } from '@presswork/platform/lib/node/linked-signal';
import type { WorkScope } from '@presswork/platform/lib/node/cluster/work-ownership';
import { OutputCollectionNames } from '../../common/output-collections';
import { PrinterStatesCollection } from '../output-collections';
import { PeriodicService } from '../periodic-service';
import { BatchCompletions } from './batch-completions';
import { PoolHandOver } from './pool-hand-over';
import { PrintingJobs, type PrintingJob } from './printing-jobs';
import { endedInWords, jobAtPrinterInWords, troubleInWords } from './printing-words';

export const PrintFollowerOptions = Symbol('PrintFollowerOptions');
export interface PrintFollowerOptions {
    /** How often each printer with followed jobs is asked about them (default 1 s). */
    readonly intervalMs?: number;
    /** How long one round of questions to a printer may take (default 3 s). */
    readonly requestTimeoutMs?: number;
    /** Up to this many followed jobs a printer is asked about one by one; beyond, with one Get-Jobs (default 3). */
    readonly fewJobs?: number;
}

/** A job followed at its printer, with what was last reported of it. */
interface Followed {
    job: PrintingJob;
    /** The printer's last answer about it. */
    status?: DeviceJobStatus;
    /** The last progress reported, so that an unchanged one is not reported again. */
    reported?: PrintingProgress;
}

/**
 * Follows every job at its printer (`isAtPrinter`) until the printer ends it, and reports through
 * PrintingFlow: `completed` → Printed with the printer's counts; `aborted` / `canceled` → Error
 * with the printer's reasons in words; pending, processing or stopped → the wait reason and
 * progress, written only when they change; a job the printer no longer knows → uncertain (an
 * operator decides); a printer that cannot be reached → said in the wait reason, and followed on.
 * Each printer gets one round of questions a tick (Get-Job-Attributes each, or one Get-Jobs when
 * many). The printer's own reasons come from the monitor's state document, and a change of it is
 * reported at once, without waiting for the next round. Jobs are found at start from the store
 * and whenever one reaches its printer; a restart follows them again, never sends them again.
 * Each server follows the jobs of the orders it owns: a partition's jobs are taken up when it is
 * gained (from a server that died, too) and dropped at `losing`, for the next owner to follow.
 */
@injectable()
export class PrintFollower extends PeriodicService {
    @inject(DocumentStore) protected readonly store: DocumentStore;
    @inject(OutputDeviceRegistry) protected readonly devices: OutputDeviceRegistry;
    @inject(PrintingJobs) protected readonly printingJobs: PrintingJobs;
    @inject(PrintingFlow) protected readonly flow: PrintingFlow;
    @inject(PoolHandOver) protected readonly handOver: PoolHandOver;
    @inject(BatchCompletions) protected readonly batches: BatchCompletions;
    @inject(PrintFollowerOptions) @optional() protected readonly options: PrintFollowerOptions | undefined;
    @inject(ILogger) @named('output:PrintFollower') protected readonly logger: ILogger;

    protected readonly followed = new Map<string, Followed>();
    /** Per printer, the round under way. */
    protected readonly rounds = new Map<string, Promise<void>>();
    /** Per job, the report under way: reports of one job never overlap. */
    protected readonly reports = new Map<string, Promise<void>>();
    protected readonly serviceName = 'print follower';
    /** The order partitions whose jobs are followed here (gained and not being given up). */
    protected readonly partitions = new Set<number>();

    protected get intervalMs(): number {
        return this.options?.intervalMs ?? 1000;
    }

    protected setUp(): void {
        this.printingJobs.open();
        this.toDispose.push({ dispose: () => this.printingJobs.release() });
        this.toDispose.push(this.printingJobs.onDidChange(({ reached }) => reached.forEach(job => this.follow(job))));
        this.toDispose.push(this.store.onDidChange(change => {
            if (change.collection === OutputCollectionNames.printerStates) {
                this.printerStateChanged(change.id);
            }
        }));
        // The partitions held now are reported at once (on the embedded store: all of them).
        this.toDispose.push(this.ownership.listen({
            gained: scope => this.gained(scope),
            losing: scope => this.losing(scope)
        }));
    }

    protected async tearDown(): Promise<void> {
        await this.idle();
        this.followed.clear();
        this.partitions.clear();
    }

    /** Follows the jobs of the partition at their printers. */
    protected gained(scope: WorkScope): void {
        if (scope.kind !== 'orders') {
            return;
        }
        this.partitions.add(scope.partition);
        for (const job of this.printingJobs.atPrinter()) {
            if (partitionOfOrder(job.orderId) === scope.partition) {
                this.follow(job);
            }
        }
    }

    /** Stops following the partition's jobs; resolves once no question or report is under way. */
    protected async losing(scope: WorkScope): Promise<void> {
        if (scope.kind !== 'orders') {
            return;
        }
        this.partitions.delete(scope.partition);
        for (const entry of [...this.followed.values()]) {
            if (partitionOfOrder(entry.job.orderId) === scope.partition) {
                this.unfollow(entry);
            }
        }
        await this.idle();
    }

    /** Whether this server follows the order's jobs. */
    protected followsOrder(orderId: string): boolean {
        return this.partitions.has(partitionOfOrder(orderId)) && this.ownership.ownsOrder(orderId);
    }

    /** Resolves when no round or report is under way: for tests. */
    async idle(): Promise<void> {
        while (this.rounds.size || this.reports.size) {
            await Promise.all([...this.rounds.values(), ...this.reports.values()]);
        }
    }

    /** The jobs followed now, by id: for tests and the benchmark. */
    followedJobs(): string[] {
        return [...this.followed.keys()];
    }

    /** A round for every printer with followed jobs that has none under way. */
    protected async runRound(): Promise<void> {
        const printerIds = new Set([...this.followed.values()].map(entry => entry.job.printing.printerId));
        await Promise.all([...printerIds].map(printerId => this.roundFor(printerId)));
    }

    /** Follows the job (again, when its record changed: another step, another printer job). */
    protected follow(job: PrintingJob): void {
        if (!this.running || !job.atPrinter || !this.followsOrder(job.orderId)) {
            return;
        }
        const known = this.followed.get(job.jobId);
        if (known && known.job.stepId === job.stepId && known.job.printing.deviceJobId === job.printing.deviceJobId && known.job.printing.printerId === job.printing.printerId) {
            known.job = job;
            return;
        }
        this.followed.set(job.jobId, { job });
    }

    protected roundFor(printerId: string): Promise<void> {
        let round = this.rounds.get(printerId);
        if (!round) {
            round = this.round(printerId)
                .catch(error => this.logger.error(`Jobs at printer ${printerId} could not be followed`, error))
                .finally(() => this.rounds.delete(printerId));
            this.rounds.set(printerId, round);
        }
        return round;
    }

    /** One round of questions to one printer about the jobs followed there, then their reports. */
    protected async round(printerId: string): Promise<void> {
        const entries = this.entriesAt(printerId);
        if (!entries.length) {
            return;
        }
        const printer = this.store.get(PrintersCollection, printerId);
        if (!printer) {
            await Promise.all(entries.map(entry => this.settle(entry, () => this.flow.printingUncertain(entry.job.jobId, entry.job.stepId,
                `${entry.job.printing.printerName} was deleted while it had job ${entry.job.printing.deviceJobId}: it may or may not have printed. Print again or Mark printed.`))));
            return;
        }
        const device = this.devices.get(printer.kind);
        if (!device?.job) {
            return;
        }
        let statuses: Map<number, DeviceJobStatus | undefined>;
        try {
            statuses = await this.ask(printer, device, entries);
        } catch (error) {
            if (!this.running) {
                return;
            }
            const problem = `cannot be reached: ${messageOf(error)}`;
            await Promise.all(entries.map(entry => this.report(entry, {
                ...this.lastProgress(entry),
                reason: `${printer.name} ${problem}`,
                reasons: [problem]
            })));
            await this.handOverIfDue(printer, device, entries, new Map());
            return;
        }
        if (!this.running) {
            return;
        }
        const handedOver = await this.handOverIfDue(printer, device, entries, statuses);
        await Promise.all(entries.filter(entry => !handedOver.has(entry.job.jobId)).map(entry => this.reportStatus(printer, entry, statuses.get(entry.job.printing.deviceJobId!))));
    }

    /** The printer's answer for each followed job; undefined where it no longer knows the job. */
    protected ask(printer: Printer, device: OutputDeviceContribution, entries: readonly Followed[]): Promise<Map<number, DeviceJobStatus | undefined>> {
        return withLinkedSignal([this.abort.signal], this.options?.requestTimeoutMs ?? 3000, signal => this.askUnder(signal, printer, device, entries));
    }

    protected async askUnder(signal: AbortSignal, printer: Printer, device: OutputDeviceContribution, entries: readonly Followed[]): Promise<Map<number, DeviceJobStatus | undefined>> {
        const statuses = new Map<number, DeviceJobStatus | undefined>();
        // The jobs of one batch share one printer job: it is asked for once.
        const ids = [...new Set(entries.map(entry => entry.job.printing.deviceJobId!))];
        if (ids.length > (this.options?.fewJobs ?? 3) && device.jobs) {
            for (const status of await device.jobs(printer, signal)) {
                if (ids.includes(status.id)) {
                    statuses.set(status.id, status);
                }
            }
        }
        const missing = ids.filter(id => !statuses.has(id));
        const answers = await Promise.all(missing.map(id => device.job!(printer, id, signal)));
        missing.forEach((id, index) => statuses.set(id, answers[index]));
        return statuses;
    }

    protected async reportStatus(printer: Printer, entry: Followed, status: DeviceJobStatus | undefined): Promise<void> {
        const { job } = entry;
        if (!status && this.batches.wasCompleted(job)) {
            await this.settle(entry, () => this.flow.finishPrinting(job.jobId, job.stepId, { printerId: printer.id, printerName: printer.name, copies: job.copies }));
            return;
        }
        if (!status) {
            await this.settle(entry, () => this.flow.printingUncertain(job.jobId, job.stepId,
                `${printer.name} no longer knows job ${job.printing.deviceJobId}: it may or may not have printed. Print again or Mark printed.`));
            return;
        }
        entry.status = status;
        if (status.state === 'completed') {
            // A batch is sent as one copy of a document that holds each job's copies: the printer's count is the batch's, not the job's.
            const sentAsBatch = this.batches.isBatchPrint(job);
            if (sentAsBatch) {
                await this.batches.completed(job, status);
            }
            const copies = !sentAsBatch && status.copiesCompleted && status.copiesCompleted < job.copies ? status.copiesCompleted : job.copies;
            await this.settle(entry, () => this.flow.finishPrinting(job.jobId, job.stepId, definedOnly({
                printerId: printer.id,
                printerName: printer.name,
                copies,
                impressions: status.impressionsCompleted,
                sheets: status.sheetsCompleted
            })));
            return;
        }
        if (status.state === 'aborted' || status.state === 'canceled') {
            await this.settle(entry, () => this.flow.failPrinting(job.jobId, job.stepId, endedInWords(printer.name, status, this.printerReasons(printer.id))));
            return;
        }
        await this.report(entry, this.progressOf(printer, status));
    }

    /** The job's progress from its last status and the printer's reasons as the monitor last stored them. */
    protected progressOf(printer: Printer, status: DeviceJobStatus): PrintingProgress {
        const trouble = troubleInWords(status.reasons, this.printerReasons(printer.id));
        return definedOnly({
            reason: jobAtPrinterInWords(printer.name, status, trouble),
            deviceState: status.state,
            reasons: trouble,
            impressionsCompleted: status.impressionsCompleted,
            sheetsCompleted: status.sheetsCompleted
        });
    }

    /** The printer's current reasons (keywords) as the monitor stored them; none when it cannot be reached or is not watched. */
    protected printerReasons(printerId: string): readonly string[] {
        const state = this.store.get(PrinterStatesCollection, printerId);
        return state?.reachable ? state.reasons : [];
    }

    /** The monitor stored a change of the printer: its followed jobs' wait reasons follow at once. */
    protected printerStateChanged(printerId: string): void {
        for (const entry of this.entriesAt(printerId)) {
            if (entry.status && !['completed', 'aborted', 'canceled'].includes(entry.status.state)) {
                const printer = this.store.get(PrintersCollection, printerId);
                if (printer) {
                    this.report(entry, this.progressOf(printer, entry.status)).catch(() => undefined);
                }
            }
        }
    }

    /** Reports progress unless it is what was reported last; a job no longer at the printer is no longer followed. */
    protected report(entry: Followed, progress: PrintingProgress): Promise<void> {
        const jobId = entry.job.jobId;
        const previous = this.reports.get(jobId) ?? Promise.resolve();
        const next = previous.then(async () => {
            if (this.followed.get(jobId) !== entry || isDeepStrictEqual(entry.reported, progress)) {
                return;
            }
            const atPrinter = await this.flow.reportPrinting(jobId, entry.job.stepId, progress);
            entry.reported = progress;
            if (!atPrinter) {
                this.unfollow(entry);
            }
        }).catch(error => this.logger.warn(`The progress of job ${jobId} could not be recorded: ${messageOf(error)}`));
        this.reports.set(jobId, next);
        next.finally(() => {
            if (this.reports.get(jobId) === next) {
                this.reports.delete(jobId);
            }
        });
        return next;
    }

    /** Reports the end (or the uncertainty) of the job and stops following it. */
    protected async settle(entry: Followed, call: () => Promise<boolean>): Promise<void> {
        try {
            await (this.reports.get(entry.job.jobId) ?? Promise.resolve());
            await call();
            this.unfollow(entry);
        } catch (error) {
            this.logger.warn(`What printer ${entry.job.printing.printerName} said of job ${entry.job.jobId} could not be recorded: ${messageOf(error)}`);
        }
    }

    protected lastProgress(entry: Followed): Omit<PrintingProgress, 'reason'> {
        const { deviceState, impressionsCompleted, sheetsCompleted } = entry.job.printing;
        return definedOnly({ deviceState, impressionsCompleted, sheetsCompleted });
    }

    /** Hands not-started jobs to the pool's other printers when the printer has been in trouble too long; the ids handed over. */
    protected async handOverIfDue(printer: Printer, device: OutputDeviceContribution, entries: readonly Followed[],
        statuses: ReadonlyMap<number, DeviceJobStatus | undefined>): Promise<Set<string>> {
        const handedOver = new Set<string>();
        const pool = this.handOver.duePool(printer);
        if (!pool) {
            return handedOver;
        }
        for (const entry of entries) {
            if (this.handOver.mayHandOver(statuses.get(entry.job.printing.deviceJobId!), entry.job) && await this.handOver.handOver(printer, pool, device, entry.job)) {
                handedOver.add(entry.job.jobId);
                this.unfollow(entry);
            }
        }
        return handedOver;
    }

    protected entriesAt(printerId: string): Followed[] {
        const entries: Followed[] = [];
        for (const entry of this.followed.values()) {
            if (entry.job.printing.printerId !== printerId) {
                continue;
            }
            // A job moved on, held or processed again meanwhile is no longer followed.
            const current = this.printingJobs.get(entry.job.jobId);
            if (!current?.atPrinter || !this.followsOrder(current.orderId) || current.stepId !== entry.job.stepId || current.printing.deviceJobId !== entry.job.printing.deviceJobId) {
                this.unfollow(entry);
                continue;
            }
            entries.push(entry);
        }
        return entries;
    }

    protected unfollow(entry: Followed): void {
        if (this.followed.get(entry.job.jobId) === entry) {
            this.followed.delete(entry.job.jobId);
        }
    }
}

function definedOnly<T extends object>(value: T): T {
    return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}
