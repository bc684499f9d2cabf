import 'reflect-metadata';
import * as path from 'node:path';
import type { Order } from '@presswork/platform/lib/common/order-schema';
import { DocumentStore, FileDocumentStore, OrdersCollection } from '@presswork/platform/lib/node/store';
import { sampleUser } from '@presswork/platform/lib/node/store/test/sample-documents';
import type { Batch } from '@presswork/output/lib/common/batch/batch-schema';
import { BatchesCollection } from '@presswork/output/lib/node/batch/batch-collection';
import { mergeBatchDocument } from '@presswork/output/lib/node/batch/batch-merge-document';
import { mergeBatchPdf } from '@presswork/output/lib/node/batch/batch-merge';
import { dequeueFigures } from '@presswork/workflow/lib/node/engine/work-queue-bench';
import { serveRequest } from '../child-process';
import { CountingLogger, engineFolders } from '../engine-backend';
import { pressworkContainer, startBackend } from '../print/print-backend';
import { printEndOf } from '../print/print-outcome';
import { arriveOrders, loadArrivals } from './batch-fixture';
import { MergeRun, mergeWithPdfLib } from './merge-subjects';

/** What the batch benchmark asks of one fresh process. */
export type BatchChildRequest = BatchRunRequest | MergeRequest | DequeueRequest;

/** The backend as `npm start` composes it, while the prepared folder's orders arrive. */
export interface BatchRunRequest {
    readonly kind: 'presswork';
    readonly folder: string;
    readonly jobs: number;
    readonly batches: number;
    /** Orders created at once while they arrive. */
    readonly arrivalConcurrency: number;
    readonly timeoutMs: number;
}

/** Presswork's batch merge and pdf-lib alone, taking turns on the same files. */
export interface MergeRequest {
    readonly kind: 'merge';
    readonly files: readonly string[];
    readonly outputFolder: string;
    readonly runs: number;
}

/** The engine's queue and an array FIFO, each holding `queued` keys, timed per dequeue. */
export interface DequeueRequest {
    readonly kind: 'dequeue';
    readonly queued: number;
}

export interface BatchRunResult {
    /** From the first order's arrival to the last's, ms. */
    readonly arrivalMillis: number;
    /** From the last order's arrival to every batch's output sent (the printer's job id recorded), ms. */
    readonly lastArrivalToAllSentMillis?: number;
    /** From the last order's arrival to every job Printed (at the workflow's end), ms. */
    readonly lastArrivalToAllPrintedMillis?: number;
    /** Each batch's output sent, ms after the last arrival (negative: before it), with its own instants from the batch document. */
    readonly sentAfterLastArrival: readonly BatchTimes[];
    readonly printedJobs: number;
    readonly failures: readonly string[];
    readonly loggedErrors: number;
}

/** One batch of the end to end run, ms; `released`… are the batch document's instants, after the last arrival. */
export interface BatchTimes {
    readonly batchId: string;
    readonly millis: number;
    readonly pages?: number;
    readonly released?: number;
    /** The output's intent recorded (the merged document written). */
    readonly intent?: number;
    /** The printer took it (its job id). */
    readonly accepted?: number;
}

export interface MergeResult {
    readonly presswork: readonly (MergeRun & { readonly inWorkerMillis: number; readonly writeMillis: number })[];
    /** Presswork's merge itself (mergeBatchPdf) called in this process: the batch merge without its worker and file. */
    readonly pressworkInProcess: readonly (MergeRun & { readonly loadMillis: number; readonly copyMillis: number; readonly saveMillis: number })[];
    readonly pdfLib: readonly MergeRun[];
}

/** Ms a dequeue, the engine's ranked queue and an array FIFO, at `queued` waiting. */
export interface DequeueResult {
    readonly queued: number;
    readonly samples: number;
    readonly engineP50Millis: number;
    readonly engineP95Millis: number;
    readonly arrayP50Millis: number;
    readonly arrayP95Millis: number;
}

async function measure(request: BatchChildRequest): Promise<BatchRunResult | MergeResult | DequeueResult> {
    return request.kind === 'presswork' ? presswork(request) : request.kind === 'merge' ? merges(request) : dequeues(request);
}

/**
 * The backend started as `npm start` starts it over the prepared folder; once it runs, the orders
 * arrive (created in the store as intake creates them, `arrivalConcurrency` at a time). Each batch
 * counts as sent when its output records the printer's job id; the run ends when every job is at
 * the workflow's end.
 */
async function presswork(request: BatchRunRequest): Promise<BatchRunResult> {
    const { orders } = await loadArrivals(request.folder);
    const logger = new CountingLogger();
    const container = pressworkContainer(engineFolders(request.folder).data, logger);
    const store = container.get<FileDocumentStore>(DocumentStore);
    await store.ready;
    const sentAt = new Map<string, { at: number; batch: Batch }>();
    const printed = new Set<string>();
    const failures: string[] = [];
    let allSent = (): void => undefined;
    let allPrinted = (): void => undefined;
    const sent = new Promise<void>(resolve => allSent = resolve);
    const done = new Promise<void>(resolve => allPrinted = resolve);
    let sentAllAt: number | undefined;
    let printedAllAt: number | undefined;
    store.onDidChange(change => {
        if (change.collection === BatchesCollection.name && change.document) {
            const batch = change.document as Batch;
            if (batch.output?.deviceJobId !== undefined && !sentAt.has(batch.id)) {
                sentAt.set(batch.id, { at: performance.now(), batch });
                if (sentAt.size >= request.batches) {
                    sentAllAt = performance.now();
                    allSent();
                }
            }
        } else if (change.collection === OrdersCollection.name && change.document) {
            for (const job of (change.document as Order).jobs) {
                if (printEndOf(job) === 'printed') {
                    printed.add(job.id);
                } else if (job.state === 'Error') {
                    failures.push(`job ${job.id} went to Error: ${job.log[job.log.length - 1]?.message}`);
                    allSent();
                    allPrinted();
                }
            }
            if (printed.size >= request.jobs) {
                printedAllAt = performance.now();
                allPrinted();
            }
        }
    });
    const timer = setTimeout(() => {
        failures.push(`after ${request.timeoutMs / 1000} s: ${sentAt.size} of ${request.batches} batches sent, ${printed.size} of ${request.jobs} jobs printed`);
        allSent();
        allPrinted();
    }, request.timeoutMs);
    const administrator = { ...sampleUser('bench-administrator', 'bench'), authority: 'Administrator' as const };
    const backend = await startBackend(container, logger, administrator);
    const firstArrival = performance.now();
    const lastArrival = await arriveOrders(store, orders, { concurrency: request.arrivalConcurrency, pauseMs: 0 });
    // The batch documents' instants are wall-clock times: the last arrival on the same clock.
    const lastArrivalWall = Date.now() - (performance.now() - lastArrival);
    const afterLastArrival = (iso: string | undefined): number | undefined => iso === undefined ? undefined : Date.parse(iso) - lastArrivalWall;
    await sent;
    await done;
    clearTimeout(timer);
    await backend.stop();
    return {
        arrivalMillis: lastArrival - firstArrival,
        lastArrivalToAllSentMillis: sentAllAt === undefined ? undefined : sentAllAt - lastArrival,
        lastArrivalToAllPrintedMillis: printedAllAt === undefined ? undefined : printedAllAt - lastArrival,
        sentAfterLastArrival: [...sentAt].map(([batchId, { at, batch }]) => ({
            batchId, millis: at - lastArrival, pages: batch.output?.pages,
            released: afterLastArrival(batch.releasedAt), intent: afterLastArrival(batch.output?.requestedAt), accepted: afterLastArrival(batch.output?.acceptedAt)
        })),
        printedJobs: printed.size,
        failures,
        loggedErrors: logger.errors
    };
}

/**
 * The same files merged, in turns: Presswork's batch merge (mergeBatchDocument: a worker of its
 * own, the slip, the pages, the file written durably), then pdf-lib alone in this process.
 */
async function merges(request: MergeRequest): Promise<MergeResult> {
    const presswork: MergeResult['presswork'][number][] = [];
    const pressworkInProcess: MergeResult['pressworkInProcess'][number][] = [];
    const pdfLib: MergeRun[] = [];
    const members = request.files.map((file, index) => ({ file, copies: 1, orderNumber: `PW-${index + 1}`, jobName: path.basename(file, '.pdf') }));
    const slip = (run: number) => ({ batchId: `B-${String(run + 1).padStart(4, '0')}`, media: 'Bench stock', sides: 'one-sided', printer: 'Bench IPP printer', releaseReason: 'bench' });
    for (let run = 0; run < request.runs; run++) {
        const started = performance.now();
        const written = await mergeBatchDocument({ slip: slip(run), members }, path.join(request.outputFolder, `merge-${run}.pdf`));
        const millis = performance.now() - started;
        const { loadMs, copyMs, saveMs } = written.timings;
        presswork.push({ pages: written.pages, millis, inWorkerMillis: loadMs + copyMs + saveMs, writeMillis: written.timings.writeMs });
        const inProcessStarted = performance.now();
        const merged = await mergeBatchPdf({ slip: slip(run), members });
        pressworkInProcess.push({
            pages: merged.pages, millis: performance.now() - inProcessStarted,
            loadMillis: merged.timings.loadMs, copyMillis: merged.timings.copyMs, saveMillis: merged.timings.saveMs
        });
        pdfLib.push(await mergeWithPdfLib(request.files));
    }
    return { presswork, pressworkInProcess, pdfLib };
}

/** Dequeues timed at a steady backlog. */
const DEQUEUE_SAMPLES = 20_000;

/**
 * Dequeue with `queued` keys waiting, by the engine's own measuring helper (work-queue-bench.ts):
 * its ranked queue (priorities 1–10, due times, arrivals) beside an array FIFO (push, shift), each
 * take timed with the queue kept at `queued` keys.
 */
async function dequeues(request: DequeueRequest): Promise<DequeueResult> {
    global.gc?.();
    const figures = dequeueFigures(request.queued, DEQUEUE_SAMPLES);
    return {
        queued: figures.queued, samples: figures.samples,
        engineP50Millis: figures.p50Ms, engineP95Millis: figures.p95Ms, arrayP50Millis: figures.baselineP50Ms, arrayP95Millis: figures.baselineP95Ms
    };
}

serveRequest(measure);
