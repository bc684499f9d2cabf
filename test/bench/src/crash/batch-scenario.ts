import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { DocumentCollection, DocumentStore, FileDocumentStore, OrdersCollection } from '@presswork/platform/lib/node/store';
import { ReferencePrinter } from '@presswork/output/lib/node/test/reference-printer';
import { BatchesCollection } from '@presswork/output/lib/node/batch/batch-collection';
import type { Batch } from '@presswork/output/lib/common/batch/batch-schema';
import { CountingLogger, ENGINE_COLLECTIONS, engineFolders } from '../engine-backend';
import { pressworkContainer } from '../print/print-backend';
import { printEndOf } from '../print/print-outcome';
import { ArrivingJob, createBatchWorkflow, saveArrivals, writeArrivals } from '../batch/batch-fixture';
import { printerJobsByName } from '../batch/printer-runs';
import type { BatchWork } from './crash-protocol';
import type { CrashScenario, RoundOutcome } from './crash-rounds';

/** How long the reference printer's print command takes a job: kills land while batches are merged, sent and followed. */
const PRINT_COMMAND_MS = 150;
const ARRIVAL_PAUSE_MS = 120;
const BATCH_TIMEOUT_MS = 3 * 60_000;
const PAGES_PER_JOB = 2;
/** Orders of one, two, one and three jobs in turn: a batch takes jobs of several orders, an order's jobs go to several batches. */
const JOBS_PER_ORDER = [1, 2, 1, 3];

interface BatchPlan {
    readonly folder: string;
    readonly storeFolder: string;
    readonly jobsPerBatch: number;
    readonly orders: number;
    readonly jobs: readonly ArrivingJob[];
    /** The round's own printer: batch ids start again at B-0001 in every round's store. */
    readonly printer: ReferencePrinter;
}

/**
 * (e) Batching (issue 12): a workflow Create Job → Batch (Jobs per batch 3 in odd rounds, 5 in
 * even ones) → Print (IPP, to CUPS's reference printer, in this process's care so that it
 * outlives every kill) → Retain. Each round, on a fresh folder, orders of one to three jobs arrive
 * while the backend (as `npm start` composes it) batches and prints them; it is killed at random
 * instants and started again on the same folder. After every kill, and at the end: no IPP job name
 * (a batch id, or a job's own name if it printed alone) was sent twice. At the end: every job is in
 * the store, Printed (Retained after Print) and in exactly one IPP job at the printer; every batch is
 * released full and printed once, as one IPP job.
 */
export class BatchScenario implements CrashScenario<BatchPlan> {
    readonly name = 'batch';
    protected readonly printers = new Set<ReferencePrinter>();

    constructor(protected readonly workFolder: string, protected readonly jobs: number) { }

    async prepare(round: number): Promise<{ request: BatchWork; plan: BatchPlan }> {
        const jobsPerBatch = round % 2 ? 3 : 5;
        if (this.jobs % jobsPerBatch !== 0) {
            throw new Error(`the batch scenario's ${this.jobs} jobs do not fill batches of ${jobsPerBatch}`);
        }
        const printer = await ReferencePrinter.start();
        this.printers.add(printer);
        await printer.behave({ delayMs: PRINT_COMMAND_MS });
        const folder = path.join(this.workFolder, 'batch', `round-${round}`);
        const folders = engineFolders(folder);
        const container = pressworkContainer(folders.data, new CountingLogger());
        const { workflowId } = await createBatchWorkflow(container, printer.uri, jobsPerBatch);
        await container.get<DocumentStore>(DocumentStore).close();
        const arrivals = await writeArrivals(folders, {
            workflowId, jobs: this.jobs, jobsPerOrder: JOBS_PER_ORDER, pagesPerJob: PAGES_PER_JOB, copies: index => 1 + index % 2, prefix: `batch-r${round}`
        });
        await saveArrivals(folder, arrivals);
        return {
            request: { kind: 'batch', folder, jobs: this.jobs, arrivalPauseMs: ARRIVAL_PAUSE_MS, timeoutMs: BATCH_TIMEOUT_MS },
            plan: { folder, storeFolder: folders.store, jobsPerBatch, orders: arrivals.orders.length, jobs: arrivals.jobs, printer }
        };
    }

    /** At any instant: no IPP job name sent twice. */
    async afterKill(plan: BatchPlan): Promise<string[]> {
        return sentTwice(await printerJobsByName(plan.printer));
    }

    async verify(plan: BatchPlan): Promise<RoundOutcome> {
        const store = new FileDocumentStore({ folder: plan.storeFolder, collections: withBatches(ENGINE_COLLECTIONS) });
        await store.ready;
        try {
            const atPrinter = await printerJobsByName(plan.printer);
            const violations = store.problems.map(problem => `the store reported a problem: ${problem.collection}/${problem.id}: ${problem.reason}`);
            const twice = sentTwice(atPrinter);
            violations.push(...twice);
            const batches = [...store.all(BatchesCollection)];
            violations.push(...batches.flatMap(batch => batchProblems(batch, plan.jobsPerBatch, atPrinter)));
            const batchesOf = jobsInBatches(batches);
            const stored = new Map([...store.all(OrdersCollection)].flatMap(order => order.jobs.map(job => [job.id, job] as const)));
            let lost = 0;
            let stuck = 0;
            let printedTwice = 0;
            for (const planned of plan.jobs) {
                const job = stored.get(planned.jobId);
                if (!job) {
                    lost++;
                    violations.push(`job ${planned.jobId} is missing from the store`);
                    continue;
                }
                const inBatches = batchesOf.get(job.id) ?? [];
                // Each IPP job that holds the job: its batch's (by the batch id), or its own if it printed alone.
                const printings = inBatches.reduce((sum, batch) => sum + (batch.output ? atPrinter.get(batch.id)?.size ?? 0 : 0), 0)
                    + (atPrinter.get(planned.soloJobName)?.size ?? 0);
                if (printEndOf(job) !== 'printed') {
                    stuck++;
                    violations.push(`job ${job.id} ended ${job.phase}/${job.state} at ${job.stepId ?? 'no step'} (${job.waitReason ?? 'no reason'}), not Printed`);
                }
                if (printings !== 1) {
                    printedTwice += printings > 1 ? 1 : 0;
                    violations.push(`job ${job.id} is in ${printings} IPP jobs at the printer, not 1`);
                }
                if (inBatches.length !== 1) {
                    violations.push(`job ${job.id} is listed in ${inBatches.length} batches${inBatches.length ? `: ${inBatches.map(batch => batch.id).join(', ')}` : ''}`);
                } else if (job.batchId !== undefined && job.batchId !== inBatches[0].id) {
                    // The job whose join released its batch went on at once, without a batchId of its own.
                    violations.push(`job ${job.id} says batch ${job.batchId ?? '(none)'}, but batch ${inBatches[0].id} lists it`);
                }
            }
            const ours = new Set([...batches.map(batch => batch.id), ...plan.jobs.map(job => job.soloJobName)]);
            violations.push(...[...atPrinter.keys()].filter(name => !ours.has(name)).map(name => `the printer ran "${name}", neither a batch nor a job of this round`));
            if (violations.length === 0) {
                await fs.rm(plan.folder, { recursive: true, force: true });
            }
            return { orders: plan.orders, jobs: stored.size, duplicates: twice.length + printedTwice, lost, stuck, doubleCaptures: 0, violations };
        } finally {
            await store.close();
            await this.stopPrinter(plan.printer);
        }
    }

    protected async stopPrinter(printer: ReferencePrinter): Promise<void> {
        this.printers.delete(printer);
        await printer.stop();
    }

    async dispose(): Promise<void> {
        await Promise.all([...this.printers].map(printer => this.stopPrinter(printer)));
    }
}

/** Names the printer holds under more than one IPP job id. */
function sentTwice(atPrinter: ReadonlyMap<string, ReadonlySet<number>>): string[] {
    return [...atPrinter].filter(([, ids]) => ids.size > 1).map(([name, ids]) => `the printer got "${name}" ${ids.size} times (jobs ${[...ids].join(', ')})`);
}

/** A released batch is full (the count rule released it) and printed as one IPP job named by its id. */
function batchProblems(batch: Batch, jobsPerBatch: number, atPrinter: ReadonlyMap<string, ReadonlySet<number>>): string[] {
    const problems: string[] = [];
    if (batch.state !== 'released') {
        problems.push(`batch ${batch.id} is still open with ${batch.members.length} of ${jobsPerBatch} jobs`);
    } else if (batch.members.length !== jobsPerBatch) {
        problems.push(`batch ${batch.id} was released with ${batch.members.length} of ${jobsPerBatch} jobs (${batch.releaseReason ?? 'no reason'})`);
    }
    if (batch.state === 'released' && !batch.output?.deviceJobId) {
        problems.push(`batch ${batch.id} has no printer job recorded${batch.output ? ' (only the intent to send)' : ''}`);
    }
    if (batch.output && (atPrinter.get(batch.id)?.size ?? 0) === 0) {
        problems.push(`batch ${batch.id} records printer job ${batch.output.deviceJobId ?? '(none)'}, but the printer never got "${batch.id}"`);
    }
    return problems;
}

/** Each job id with the batches that list it (as members, or in their output). */
function jobsInBatches(batches: readonly Batch[]): Map<string, Batch[]> {
    const byJob = new Map<string, Batch[]>();
    for (const batch of batches) {
        for (const jobId of new Set([...batch.members.map(member => member.jobId), ...batch.output?.jobIds ?? []])) {
            byJob.set(jobId, [...byJob.get(jobId) ?? [], batch]);
        }
    }
    return byJob;
}

/** The engine's collections and the batches, once (output's collections hold the batches once batching is registered). */
function withBatches(collections: readonly DocumentCollection[]): DocumentCollection[] {
    return collections.some(collection => collection.name === BatchesCollection.name)
        ? [...collections] : [...collections, BatchesCollection as DocumentCollection];
}
