import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { DocumentStore } from '@presswork/platform/lib/node/store';
import { runChild } from './child-process';
import { CountingLogger, engineFolders } from './engine-backend';
import { createBatchWorkflow, saveArrivals, writeArrivals } from './batch/batch-fixture';
import type { BatchRunRequest, BatchRunResult, DequeueRequest, DequeueResult, MergeRequest, MergeResult } from './batch/batch-child';
import type { MergeRun } from './batch/merge-subjects';
import { pressworkContainer } from './print/print-backend';
import { pdfOfPages } from './print/print-fixture';
import { TimedPrinter } from './print/timed-printer';
import { percentile } from './statistics';

/**
 * Batching (issue 12 item 8). Three parts, each beside a baseline measured in the same run:
 *
 * - End to end: 1,000 jobs of 2-page PDFs (orders of one to three jobs) arrive in the store while
 *   Presswork's backend, as `npm start` composes it, runs the workflow Create Job → Batch (Jobs per
 *   batch 50) → Print (IPP, to CUPS's ippeveprinter whose print command takes 50 ms) → Retain: the
 *   time from the last job's arrival to all 20 batches' outputs sent (the printer's job id
 *   recorded), and to every job Printed. Beside it, 20 × pdf-lib merging one batch's files alone.
 * - Merge: Presswork's batch merge (mergeBatchDocument: in a worker, with the slip, written durably)
 *   of one batch's 50 files, in pages per second, beside pdf-lib alone (load, copyPages, save) on
 *   the same files, taking turns in one process.
 * - Queue: the engine's queue at 100,000 waiting jobs, per dequeue (p95), beside an array FIFO
 *   (push/shift) holding as many, both by the engine's own measuring helper (dequeueFigures).
 */

export const BATCH_JOBS = 1_000;
export const JOBS_PER_BATCH = 50;
const PAGES_PER_JOB = 2;
const JOBS_PER_ORDER = [1, 2, 1, 3];
const PRINT_COMMAND_MS = 50;
const ARRIVAL_CONCURRENCY = 8;
const MERGE_RUNS = 10;
const QUEUED_JOBS = 100_000;
const TIMEOUT_MS = 15 * 60_000;
const TARGETS = { mergeRatio: 0.7, dequeueP95Millis: 1 };

export interface MergeFigures {
    readonly runs: number;
    /** Pages in one merged document (Presswork's with its slip). */
    readonly pages: number;
    readonly medianMillis: number;
    readonly pagesPerSecond: number;
}

export interface BatchResults {
    readonly startedAt: string;
    readonly environment: { readonly node: string; readonly platform: string; readonly cpus: number };
    readonly jobs: number;
    readonly jobsPerBatch: number;
    readonly batches: number;
    readonly pagesPerJob: number;
    readonly printCommandMillis: number;
    readonly endToEnd?: BatchRunResult & {
        /** IPP jobs the printer ran, and names it ran more than once. */
        readonly printerJobs: number;
        readonly printedTwice: readonly string[];
    };
    readonly endToEndProblem?: string;
    readonly merge?: {
        readonly presswork: MergeFigures & { readonly inWorkerMedianMillis: number; readonly writeMedianMillis: number };
        /** Presswork's merge function called in the measuring process (no worker, no file): where the time goes. */
        readonly pressworkInProcess: MergeFigures & { readonly loadMedianMillis: number; readonly copyMedianMillis: number; readonly saveMedianMillis: number };
        readonly pdfLib: MergeFigures;
        /** Presswork's pages/s over pdf-lib's. */
        readonly ratio: number;
        /** What merging the 20 batches would take pdf-lib alone, ms: a floor for the end-to-end figure. */
        readonly pdfLibAllBatchesMillis: number;
    };
    readonly mergeProblem?: string;
    readonly dequeue: DequeueResult;
    readonly checks: readonly { readonly name: string; readonly target: string; readonly actual: string; readonly met: boolean }[];
}

export async function runBatchBenchmark(workFolder: string, progress: (message: string) => void): Promise<BatchResults> {
    const startedAt = new Date().toISOString();
    const batches = BATCH_JOBS / JOBS_PER_BATCH;

    progress(`batch: dequeue at ${QUEUED_JOBS.toLocaleString('en-US')} queued jobs, the engine's queue and an array FIFO`);
    const dequeue = await runChild<DequeueResult>('batch/batch-child.js', { kind: 'dequeue', queued: QUEUED_JOBS } satisfies DequeueRequest);

    progress(`batch: merging one batch's ${JOBS_PER_BATCH} files of ${PAGES_PER_JOB} pages, Presswork's merge and pdf-lib alone in turns, ${MERGE_RUNS} times each`);
    let merge: BatchResults['merge'];
    let mergeProblem: string | undefined;
    try {
        const mergeFolder = path.join(workFolder, 'batch-merge');
        const files = await writeMergeFiles(mergeFolder);
        merge = mergeFigures(await runChild<MergeResult>('batch/batch-child.js', { kind: 'merge', files, outputFolder: mergeFolder, runs: MERGE_RUNS } satisfies MergeRequest), batches);
    } catch (error) {
        mergeProblem = error instanceof Error ? error.message : String(error);
    }

    const printer = await TimedPrinter.start(PRINT_COMMAND_MS);
    let endToEnd: BatchResults['endToEnd'];
    let endToEndProblem: string | undefined;
    try {
        progress(`batch: preparing ${BATCH_JOBS.toLocaleString('en-US')} jobs of ${PAGES_PER_JOB}-page PDFs, Jobs per batch ${JOBS_PER_BATCH}`);
        const folder = path.join(workFolder, 'batch');
        const folders = engineFolders(folder);
        const container = pressworkContainer(folders.data, new CountingLogger());
        const { workflowId } = await createBatchWorkflow(container, printer.uri, JOBS_PER_BATCH);
        await container.get<DocumentStore>(DocumentStore).close();
        await saveArrivals(folder, await writeArrivals(folders, {
            workflowId, jobs: BATCH_JOBS, jobsPerOrder: JOBS_PER_ORDER, pagesPerJob: PAGES_PER_JOB, copies: () => 1, prefix: 'batch'
        }));

        progress('batch: Presswork, the backend as npm start composes it, while the orders arrive');
        const run = await runChild<BatchRunResult>('batch/batch-child.js', {
            kind: 'presswork', folder, jobs: BATCH_JOBS, batches, arrivalConcurrency: ARRIVAL_CONCURRENCY, timeoutMs: TIMEOUT_MS
        } satisfies BatchRunRequest);
        const ran = await printer.jobs();
        const byName = new Map<string, number>();
        ran.forEach(job => byName.set(job.jobName, (byName.get(job.jobName) ?? 0) + 1));
        endToEnd = { ...run, printerJobs: ran.length, printedTwice: [...byName].filter(([, times]) => times > 1).map(([name]) => name) };
        if (run.failures.length) {
            endToEndProblem = run.failures.slice(0, 5).join('; ');
        }
    } catch (error) {
        endToEndProblem = error instanceof Error ? error.message : String(error);
    } finally {
        await printer.stop();
    }
    return summarize(startedAt, batches, dequeue, merge, mergeProblem, endToEnd, endToEndProblem);
}

/** One batch's print files, as the end to end run's jobs have them (2-page PDFs, each its own text). */
async function writeMergeFiles(folder: string): Promise<string[]> {
    await fs.mkdir(folder, { recursive: true });
    return Promise.all(Array.from({ length: JOBS_PER_BATCH }, async (_, index) => {
        const file = path.join(folder, `job-${index + 1}.pdf`);
        await fs.writeFile(file, pdfOfPages(`PW-merge-${index + 1} Job ${index + 1}`, PAGES_PER_JOB));
        return file;
    }));
}

function mergeFigures(result: MergeResult, batches: number): NonNullable<BatchResults['merge']> {
    const median = (values: readonly number[]): number => percentile([...values].sort((a, b) => a - b), 50);
    const figures = (runs: readonly MergeRun[]): MergeFigures => {
        const medianMillis = median(runs.map(run => run.millis));
        return { runs: runs.length, pages: runs[0].pages, medianMillis, pagesPerSecond: runs[0].pages / (medianMillis / 1000) };
    };
    const presswork = {
        ...figures(result.presswork),
        inWorkerMedianMillis: median(result.presswork.map(run => run.inWorkerMillis)),
        writeMedianMillis: median(result.presswork.map(run => run.writeMillis))
    };
    const pressworkInProcess = {
        ...figures(result.pressworkInProcess),
        loadMedianMillis: median(result.pressworkInProcess.map(run => run.loadMillis)),
        copyMedianMillis: median(result.pressworkInProcess.map(run => run.copyMillis)),
        saveMedianMillis: median(result.pressworkInProcess.map(run => run.saveMillis))
    };
    const pdfLib = figures(result.pdfLib);
    return { presswork, pressworkInProcess, pdfLib, ratio: presswork.pagesPerSecond / pdfLib.pagesPerSecond, pdfLibAllBatchesMillis: pdfLib.medianMillis * batches };
}

function summarize(startedAt: string, batches: number, dequeue: DequeueResult, merge: BatchResults['merge'], mergeProblem: string | undefined,
    endToEnd: BatchResults['endToEnd'], endToEndProblem: string | undefined): BatchResults {
    const sentAll = endToEnd?.lastArrivalToAllSentMillis;
    return {
        startedAt,
        environment: { node: process.version, platform: `${os.platform()} ${os.release()}`, cpus: os.cpus().length },
        jobs: BATCH_JOBS, jobsPerBatch: JOBS_PER_BATCH, batches, pagesPerJob: PAGES_PER_JOB, printCommandMillis: PRINT_COMMAND_MS,
        endToEnd, endToEndProblem, merge, mergeProblem, dequeue,
        checks: [
            {
                name: `end to end: all ${batches} outputs sent once, every job Printed`, target: `${batches} outputs, ${BATCH_JOBS} jobs`,
                actual: endToEnd
                    ? `${endToEnd.sentAfterLastArrival.length} sent, ${endToEnd.printerJobs} at the printer (${endToEnd.printedTwice.length} twice), ${endToEnd.printedJobs} Printed, ${endToEnd.loggedErrors} errors`
                    : 'did not run',
                met: !!endToEnd && sentAll !== undefined && endToEnd.printerJobs === batches && endToEnd.printedTwice.length === 0
                    && endToEnd.printedJobs === BATCH_JOBS && endToEnd.failures.length === 0 && endToEnd.loggedErrors === 0
            },
            {
                name: 'batch merge pages/s / pdf-lib alone', target: `≥ ${TARGETS.mergeRatio} ×`,
                actual: merge ? `${number(merge.ratio)} ×` : 'not measured', met: !!merge && merge.ratio >= TARGETS.mergeRatio
            },
            {
                name: `engine queue dequeue p95 @${QUEUED_JOBS / 1000}k queued`, target: `< ${TARGETS.dequeueP95Millis} ms`,
                actual: `${number(dequeue.engineP95Millis, 4)} ms`, met: dequeue.engineP95Millis < TARGETS.dequeueP95Millis
            }
        ]
    };
}

const number = (value: number, digits = 2): string => value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const seconds = (millis: number | undefined): string => millis === undefined ? '–' : `${number(millis / 1000, 1)} s`;

const gap = (from: number | undefined, to: number | undefined): number | undefined => from === undefined || to === undefined ? undefined : to - from;

function spread(values: readonly (number | undefined)[]): string {
    const sorted = values.filter((value): value is number => value !== undefined).sort((a, b) => a - b);
    return sorted.length ? `${number(percentile(sorted, 50), 0)} / ${number(sorted[sorted.length - 1], 0)}` : '–';
}

export function formatBatchReport(results: BatchResults): string {
    const lines = [
        `Batching: ${results.jobs.toLocaleString('en-US')} jobs of ${results.pagesPerJob}-page PDFs, Jobs per batch ${results.jobsPerBatch} (${results.batches} batches), `
        + `to ippeveprinter on loopback (print command ${results.printCommandMillis} ms a job)`
    ];
    const run = results.endToEnd;
    if (run) {
        const sent = [...run.sentAfterLastArrival].sort((a, b) => a.millis - b.millis);
        lines.push(
            `  Presswork (npm start backend): orders arrived over ${seconds(run.arrivalMillis)}; last arrival → all ${results.batches} outputs sent `
            + `${seconds(run.lastArrivalToAllSentMillis)}, → every job Printed ${seconds(run.lastArrivalToAllPrintedMillis)}`,
            `    outputs sent before the last arrival: ${sent.filter(batch => batch.millis < 0).length}; printer jobs ${run.printerJobs}, printed twice ${run.printedTwice.length}, `
            + `jobs Printed ${run.printedJobs}, errors logged ${run.loggedErrors}`,
            `    per batch (p50 / max): released → intent recorded (lock, merge, file) ${spread(sent.map(batch => gap(batch.released, batch.intent)))} ms, `
            + `intent → printer took it ${spread(sent.map(batch => gap(batch.intent, batch.accepted)))} ms; `
            + `releases after the last arrival: first ${seconds(sent[0]?.released)}, last ${seconds(sent[sent.length - 1]?.released)}`
        );
    }
    if (results.endToEndProblem) {
        lines.push(`  Presswork: ${results.endToEndProblem}`);
    }
    const merge = results.merge;
    if (merge) {
        lines.push(
            `  Merge of one batch (${results.jobsPerBatch} files), median of ${merge.pdfLib.runs} runs each, in turns:`,
            `    Presswork (worker, slip, durable write): ${merge.presswork.pages} pages in ${number(merge.presswork.medianMillis, 1)} ms = ${number(merge.presswork.pagesPerSecond, 0)} pages/s `
            + `(in the worker ${number(merge.presswork.inWorkerMedianMillis, 1)} ms, writing ${number(merge.presswork.writeMedianMillis, 1)} ms)`,
            `    Presswork's mergeBatchPdf in this process (no worker, no file): ${merge.pressworkInProcess.pages} pages in ${number(merge.pressworkInProcess.medianMillis, 1)} ms `
            + `= ${number(merge.pressworkInProcess.pagesPerSecond, 0)} pages/s (load ${number(merge.pressworkInProcess.loadMedianMillis, 1)}, `
            + `copy and slip ${number(merge.pressworkInProcess.copyMedianMillis, 1)}, save ${number(merge.pressworkInProcess.saveMedianMillis, 1)} ms)`,
            `    pdf-lib alone (load, copyPages, save):   ${merge.pdfLib.pages} pages in ${number(merge.pdfLib.medianMillis, 1)} ms = ${number(merge.pdfLib.pagesPerSecond, 0)} pages/s`,
            `    ratio ${number(merge.ratio)} ×; pdf-lib alone would merge all ${results.batches} batches in ${seconds(merge.pdfLibAllBatchesMillis)} (a floor for the end to end figure)`
        );
    }
    if (results.mergeProblem) {
        lines.push(`  Merge: ${results.mergeProblem}`);
    }
    const dequeue = results.dequeue;
    lines.push(
        `  Dequeue at ${dequeue.queued.toLocaleString('en-US')} queued (${dequeue.samples.toLocaleString('en-US')} takes each, the queue kept full): `
        + `engine's ranked queue p50 ${number(dequeue.engineP50Millis, 4)} ms, p95 ${number(dequeue.engineP95Millis, 4)} ms; `
        + `array push/shift p50 ${number(dequeue.arrayP50Millis, 4)} ms, p95 ${number(dequeue.arrayP95Millis, 4)} ms`,
        '',
        'Targets',
        ...results.checks.map(check => `  ${check.name}: ${check.actual} (target ${check.target}) ${check.met ? 'met' : 'MISSED'}`),
        ''
    );
    return lines.join('\n');
}
