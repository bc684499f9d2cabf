import 'reflect-metadata';
import { setTimeout as delay } from 'node:timers/promises';
import type { Order } from '@presswork/platform/lib/common/order-schema';
import { DocumentStore, FileDocumentStore, OrdersCollection } from '@presswork/platform/lib/node/store';
import { sampleUser } from '@presswork/platform/lib/node/store/test/sample-documents';
import { IppPrintResult, IppPrinter } from '@presswork/output/lib/node/ipp/ipp-printer';
import { IppStatusError } from '@presswork/output/lib/node/ipp/ipp-client';
import { ippJobTemplateOf } from '@presswork/output/lib/node/tickets/ipp-template';
import { serveRequest } from '../child-process';
import { CountingLogger, engineFolders, forEachConcurrently } from '../engine-backend';
import type { PrintFixtureJob } from './print-fixture';
import { pressworkContainer, startBackend } from './print-backend';

/** What the print benchmark asks of one fresh process: the bare IPP round trips, or Presswork. */
export type PrintChildRequest = BaselineRequest | PressworkRequest;

export interface BaselineRequest {
    readonly kind: 'baseline';
    readonly printerUri: string;
    readonly jobs: readonly PrintFixtureJob[];
    /** Print-Jobs in flight at once (the engine's slots). */
    readonly concurrency: number;
    /** Between two Get-Job-Attributes of one job. */
    readonly pollMs: number;
    readonly timeoutMs: number;
}

export interface PressworkRequest {
    readonly kind: 'presswork';
    readonly folder: string;
    readonly jobs: number;
    readonly timeoutMs: number;
}

/** One job's instants, epoch milliseconds (the printer's command records its end on the same clock). */
export interface JobTimes {
    readonly jobName: string;
    /** Baseline: seen `completed` by job() polling. Presswork: the job's Printed committed to the store. */
    readonly doneAt: number;
}

export interface PrintChildResult {
    readonly startedAt: number;
    readonly endedAt: number;
    readonly jobs: readonly JobTimes[];
    readonly failures: readonly string[];
    readonly loggedErrors: number;
    /** Presswork only: IPP requests are not counted; store writes of orders and what the change feed sent. */
    readonly orderWrites?: number;
    readonly feedDeltas?: number;
    readonly feedMessages?: number;
    /** Baseline only: Print-Job answered server-error-busy (ippeveprinter holds one job at a time). */
    readonly busyAnswers?: number;
    readonly cpuMillis: number;
}

async function measure(request: PrintChildRequest): Promise<PrintChildResult> {
    return request.kind === 'baseline' ? baseline(request) : presswork(request);
}

/**
 * The bare IPP round trips: IppPrinter.printJob of each job's PDF with the ticket the Print
 * activity builds (ippJobTemplateOf over the printer's capabilities, read once as the activity
 * reads them), then job() every `pollMs` until the printer says completed; `concurrency` at a time
 * (one, as ippeveprinter holds one job at a time; a Print-Job it answers busy is sent again after `pollMs`).
 */
async function baseline(request: BaselineRequest): Promise<PrintChildResult> {
    const printer = new IppPrinter(request.printerUri);
    const capabilities = await printer.capabilities();
    const jobs: JobTimes[] = [];
    const failures: string[] = [];
    const cpu = process.cpuUsage();
    const startedAt = Date.now();
    const deadline = startedAt + request.timeoutMs;
    let busyAnswers = 0;
    await forEachConcurrently(request.jobs, request.concurrency, async job => {
        const { ticket } = job;
        const send = (): Promise<IppPrintResult> => printer.printJob(job.file,
            { jobName: ticket.jobName, userName: ticket.userName, documentFormat: ticket.documentFormat, documentName: job.file.split('/').pop() },
            ippJobTemplateOf(ticket, capabilities));
        let accepted: IppPrintResult | undefined;
        while (!accepted) {
            try {
                accepted = await send();
            } catch (error) {
                // ippeveprinter takes one job at a time: server-error-busy until the one it holds is done.
                if (!(error instanceof IppStatusError && error.statusName === 'server-error-busy') || Date.now() > deadline) {
                    throw error;
                }
                busyAnswers++;
                await delay(request.pollMs);
            }
        }
        if (accepted.ignoredAttributes.length) {
            failures.push(`the printer ignored or substituted ${accepted.ignoredAttributes.join(', ')} of ${ticket.jobName}`);
        }
        for (;;) {
            await delay(request.pollMs);
            const status = await printer.job(accepted.jobId);
            if (status?.state === 'completed') {
                jobs.push({ jobName: ticket.jobName, doneAt: Date.now() });
                return;
            }
            if (!status || status.state === 'aborted' || status.state === 'canceled' || Date.now() > deadline) {
                failures.push(`printer job ${accepted.jobId} (${ticket.jobName}) ended ${status?.state ?? 'unknown to the printer'}`);
                return;
            }
        }
    });
    const endedAt = Date.now();
    const used = process.cpuUsage(cpu);
    return { startedAt, endedAt, jobs, failures, loggedErrors: 0, busyAnswers, cpuMillis: (used.user + used.system) / 1000 };
}

/**
 * Presswork: the backend started as `npm start` starts it over the prepared folder (jobs Received
 * in a workflow Create Job → Print → Retain), until every job is Retained. Each job's Printed is
 * taken when the store commits it (its first write in state Printed, or past the Print phase).
 */
async function presswork(request: PressworkRequest): Promise<PrintChildResult> {
    const folders = engineFolders(request.folder);
    const logger = new CountingLogger();
    const container = pressworkContainer(folders.data, logger);
    const store = container.get<FileDocumentStore>(DocumentStore);
    await store.ready;
    const printedAt = new Map<string, { jobName: string; doneAt: number }>();
    const retained = new Set<string>();
    const failures: string[] = [];
    let orderWrites = 0;
    let resolveDone: () => void = () => undefined;
    const done = new Promise<void>(resolve => resolveDone = resolve);
    const follow = (order: Order): void => {
        for (const job of order.jobs) {
            if (!printedAt.has(job.id) && (job.state === 'Printed' || job.phase === 'Complete')) {
                printedAt.set(job.id, { jobName: `${job.orderNumber} ${job.name}`, doneAt: Date.now() });
            }
            if (job.phase === 'Complete' && job.state === 'Retained') {
                retained.add(job.id);
            }
            if (job.state === 'Error') {
                failures.push(`job ${job.id} went to Error: ${job.log[job.log.length - 1]?.message}`);
                resolveDone();
            }
        }
        if (retained.size >= request.jobs) {
            resolveDone();
        }
    };
    store.onDidChange(change => {
        if (change.collection === OrdersCollection.name && change.document) {
            orderWrites++;
            follow(change.document as Order);
        }
    });
    const administrator = { ...sampleUser('bench-administrator', 'bench'), authority: 'Administrator' as const };
    const timer = setTimeout(() => {
        const waiting = [...store.all(OrdersCollection)].flatMap(order => order.jobs).filter(job => !retained.has(job.id));
        failures.push(`${retained.size} of ${request.jobs} jobs were Retained after ${request.timeoutMs / 1000} s; e.g. `
            + waiting.slice(0, 3).map(job => `${job.id} ${job.phase}/${job.state} ${job.waitReason ?? ''}`).join('; '));
        resolveDone();
    }, request.timeoutMs);
    const cpu = process.cpuUsage();
    const startedAt = Date.now();
    const backend = await startBackend(container, logger, administrator);
    await done;
    const endedAt = Date.now();
    const used = process.cpuUsage(cpu);
    clearTimeout(timer);
    await backend.stop();
    return {
        startedAt, endedAt, failures, loggedErrors: logger.errors, orderWrites,
        jobs: [...printedAt.values()], feedDeltas: backend.feed.deltas, feedMessages: backend.feed.messages,
        cpuMillis: (used.user + used.system) / 1000
    };
}

serveRequest(measure);
