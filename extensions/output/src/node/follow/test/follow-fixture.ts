import * as fs from 'node:fs/promises';
import { EmbeddedWorkOwnership } from '@presswork/platform/lib/node/cluster/embedded-work-ownership';
import type { WorkOwnership } from '@presswork/platform/lib/node/cluster/work-ownership';
import * as sinon from 'sinon';
import { MockLogger } from '@theia/core/lib/common/test/mock-logger';
import type { JobFlow, PrintingFlow } from '@presswork/platform/lib/common/job-flow';
import type { Job } from '@presswork/platform/lib/common/job-schema';
import type { OutputDeviceContribution, OutputReceipt, OutputSubmission, PrinterDescription } from '@presswork/platform/lib/common/output-device-contribution';
import { OutputDeviceRegistry } from '@presswork/platform/lib/common/output-device-registry';
import type { DeviceJobStatus } from '@presswork/platform/lib/common/printer-capabilities';
import type { Printer } from '@presswork/platform/lib/common/printer-schema';
import { isAtPrinter, type PrintedRecord, type PrintingProgress } from '@presswork/platform/lib/common/printing-record';
import { registryOf } from '@presswork/platform/lib/common/test/registry-of';
import { changeJob, findJob } from '@presswork/platform/lib/node/store/order-jobs';
import { OrdersCollection, PrintersCollection } from '@presswork/platform/lib/node/store/platform-collections';
import { sampleOrder } from '@presswork/platform/lib/node/store/test/sample-documents';
import { inject } from '@presswork/platform/lib/node/test/inject';
import { TempStore, openTempStore } from '@presswork/platform/lib/node/test/temp-store';
import { IppPrinter } from '../../ipp/ipp-printer';
import { PrinterMonitor, type PrinterMonitorOptions } from '../../monitor/printer-monitor';
import { renderTestPage } from '../../monitor/test-page';
import { OUTPUT_COLLECTIONS } from '../../output-collections';
import type { BatchBook } from '../../batch/batch-book';
import { BatchCompletions } from '../batch-completions';
import { PoolHandOver } from '../pool-hand-over';
import { PrintFollower, type PrintFollowerOptions } from '../print-follower';
import { PrintingJobs } from '../printing-jobs';

export const STEP = 'print-step';

/**
 * An IPP device for these tests only, straight over IppPrinter: the real one is i11/print's
 * (output/src/node/devices). Enough to print, describe, follow and cancel.
 */
export class TestIppDevice implements OutputDeviceContribution {
    readonly kind = 'ipp' as const;
    readonly followsJobs = true;
    protected readonly clients = new Map<string, IppPrinter>();

    protected client(printer: Printer): IppPrinter {
        const uri = printer.kind === 'ipp' ? printer.uri : '';
        let client = this.clients.get(uri);
        if (!client) {
            client = new IppPrinter(uri, { connectTimeoutMs: 1000, timeoutMs: 2500 });
            this.clients.set(uri, client);
        }
        return client;
    }

    describe(printer: Printer, signal?: AbortSignal): Promise<PrinterDescription | undefined> {
        return this.client(printer).describe(signal);
    }

    async submit(submission: OutputSubmission): Promise<OutputReceipt> {
        await submission.onSending();
        const result = await this.client(submission.printer).printJob(submission.file,
            { jobName: submission.ticket.jobName, userName: submission.ticket.userName, documentFormat: 'application/pdf', documentName: submission.fileName },
            { copies: submission.ticket.copies, sides: submission.ticket.sides }, submission.signal);
        return { detail: `${submission.printer.name} took ${submission.fileName} as job ${result.jobId}`, deviceJobId: result.jobId };
    }

    job(printer: Printer, deviceJobId: number, signal?: AbortSignal): Promise<DeviceJobStatus | undefined> {
        return this.client(printer).job(deviceJobId, signal);
    }

    jobs(printer: Printer, signal?: AbortSignal): Promise<DeviceJobStatus[]> {
        return this.client(printer).jobs('all', signal);
    }

    cancel(printer: Printer, deviceJobId: number): Promise<void> {
        return this.client(printer).cancelJob(deviceJobId);
    }

    async identify(printer: Printer): Promise<void> {
        await this.client(printer).identify(['display']);
    }
}

/**
 * PrintingFlow as the engine answers it, reduced to what the follower's tests look at: each call
 * is recorded, checks that the job is still at the printer at the step, and writes the job's
 * state, wait reason and record (the engine's own tests cover its full transitions).
 */
export class StorePrintingFlow implements PrintingFlow {
    readonly calls: { method: string; jobId: string; argument: unknown; at: number }[] = [];

    constructor(protected readonly store: () => TempStore['store']) { }

    reportPrinting(jobId: string, stepId: string, progress: PrintingProgress): Promise<boolean> {
        return this.atPrinter('reportPrinting', jobId, stepId, progress, job => ({
            ...job, waitReason: progress.reason,
            printing: { ...job.printing!, deviceState: progress.deviceState, reasons: progress.reasons?.length ? [...progress.reasons] : undefined,
                impressionsCompleted: progress.impressionsCompleted, sheetsCompleted: progress.sheetsCompleted }
        }));
    }

    finishPrinting(jobId: string, stepId: string, printed: Omit<PrintedRecord, 'at' | 'by'>): Promise<boolean> {
        return this.atPrinter('finishPrinting', jobId, stepId, printed, job => {
            const { printing: _printing, waitReason: _reason, ...rest } = job;
            return { ...rest, state: 'Printed', printed: { ...printed, at: new Date().toISOString() } };
        });
    }

    failPrinting(jobId: string, stepId: string, message: string): Promise<boolean> {
        return this.atPrinter('failPrinting', jobId, stepId, message, job => {
            const { printing: _printing, ...rest } = job;
            return { ...rest, state: 'Error', waitReason: message };
        });
    }

    printingUncertain(jobId: string, stepId: string, reason: string): Promise<boolean> {
        return this.atPrinter('printingUncertain', jobId, stepId, reason, job => ({ ...job, state: 'Waiting', waitReason: reason, printing: { ...job.printing!, uncertain: reason } }));
    }

    async markPrinted(): Promise<void> {
        throw new Error('not used by the follower');
    }

    callsOf(method: string): { jobId: string; argument: unknown; at: number }[] {
        return this.calls.filter(call => call.method === method);
    }

    protected async atPrinter(method: string, jobId: string, stepId: string, argument: unknown, change: (job: Job) => Job): Promise<boolean> {
        this.calls.push({ method, jobId, argument, at: Date.now() });
        const found = findJob(this.store(), jobId);
        let at = false;
        if (found) {
            await changeJob(this.store(), found.order.id, jobId, job => {
                at = isAtPrinter(job) && job.stepId === stepId;
                return at ? { ...definedOnly(change(job)), updatedAt: new Date().toISOString() } as Job : undefined;
            });
        }
        return at;
    }
}

/** A temporary store with output's collections, the devices, the follower's and monitor's parts. */
export class FollowFixture {
    readonly flow: StorePrintingFlow;
    readonly jobFlow = { processAgain: sinon.stub<[string, string], Promise<void>>() };
    readonly devices: OutputDeviceRegistry;
    protected readonly started: { stop(): Promise<void> }[] = [];

    protected constructor(readonly temp: TempStore, readonly device: OutputDeviceContribution) {
        this.flow = new StorePrintingFlow(() => this.temp.store);
        this.devices = registryOf(OutputDeviceRegistry, [device]);
        // As the engine does: Process again drops the print record and queues the job.
        this.jobFlow.processAgain.callsFake(async jobId => {
            const found = findJob(this.store, jobId)!;
            await changeJob(this.store, found.order.id, jobId, job => {
                const { printing: _printing, waitReason: _reason, ...rest } = job;
                return { ...rest, state: 'Queued' };
            });
        });
    }

    static async open(device: OutputDeviceContribution = new TestIppDevice()): Promise<FollowFixture> {
        return new FollowFixture(await openTempStore(OUTPUT_COLLECTIONS, 'presswork-follow-'), device);
    }

    get store(): TempStore['store'] {
        return this.temp.store;
    }

    async addPrinter(id: string, name: string, uri: string, enabled = true): Promise<Printer> {
        return this.store.create(PrintersCollection, { id, name, description: '', enabled, kind: 'ipp', uri } as Omit<Printer, 'version'>);
    }

    /** Order `orderId` with one job (copies `copies`) left at the printer by its Print step as printer job `deviceJobId`. */
    /** A job at the printer as job `deviceJobId`; `printedAs` is the printer job's name when it is not the job's own (a batch's id). */
    async addJobAtPrinter(orderId: string, printer: Printer, deviceJobId: number, copies = 1, printedAs?: string): Promise<string> {
        const order = sampleOrder(orderId);
        const now = new Date().toISOString();
        const jobName = printedAs ?? `${order.orderNumber} ${order.jobs[0].name}`;
        const job: Job = {
            ...order.jobs[0], copies, state: 'Printing', stepId: STEP, waitReason: `Printing on ${printer.name}`,
            printing: { stepId: STEP, printerId: printer.id, printerName: printer.name, jobName, requestedAt: now, deviceJobId, acceptedAt: now }
        };
        const { version: _version, ...rest } = { ...order, jobs: [job] };
        await this.store.create(OrdersCollection, rest);
        return job.id;
    }

    job(jobId: string): Job {
        return findJob(this.store, jobId)!.job;
    }

    /** Printing jobs, as the backend module binds them (one instance shared by monitor and follower). */
    printingJobs(): PrintingJobs {
        return inject(new PrintingJobs(), { store: this.store });
    }

    async startMonitor(options: PrinterMonitorOptions = {}, printingJobs = this.printingJobs()): Promise<PrinterMonitor> {
        const monitor = inject(new PrinterMonitor(), {
            store: this.store, devices: this.devices, printingJobs, options: { intervalMs: 200, unreachableIntervalMs: 400, requestTimeoutMs: 1500, ...options }, logger: new MockLogger()
        });
        this.started.push(monitor);
        await monitor.start();
        return monitor;
    }

    /** The follower, as the backend module binds it; `batchBook` holds the batches its jobs were sent with. */
    async startFollower(options: PrintFollowerOptions = {}, printingJobs = this.printingJobs(), batchBook?: BatchBook,
        ownership: WorkOwnership = new EmbeddedWorkOwnership()): Promise<PrintFollower> {
        const handOver = inject(new PoolHandOver(), { store: this.store, jobFlow: this.jobFlow as unknown as JobFlow, logger: new MockLogger() });
        const batches = inject(new BatchCompletions(), { book: batchBook });
        const follower = inject(new PrintFollower(), {
            store: this.store, devices: this.devices, printingJobs, flow: this.flow, handOver, batches,
            options: { intervalMs: 200, requestTimeoutMs: 1500, ...options }, logger: new MockLogger(), ownership
        });
        this.started.push(follower);
        await follower.start();
        return follower;
    }

    async dispose(): Promise<void> {
        for (const service of this.started.reverse()) {
            await service.stop();
        }
        await this.temp.dispose();
    }
}

/** A one-page PDF at `file` with a plain ticket, to send to `printer` through a device. */
export async function pageFor(printer: Printer, file: string, copies = 1): Promise<OutputSubmission> {
    await fs.writeFile(file, await renderTestPage(printer.name, new Date()));
    return {
        printer, file, fileName: 'page.pdf', owner: 'test', signal: AbortSignal.timeout(10_000), onSending: async () => undefined,
        ticket: { jobName: 'follow test', userName: 'presswork', copies, sides: 'one-sided', finishings: [], documentFormat: 'application/pdf' }
    };
}

function definedOnly<T extends object>(value: T): T {
    return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}
