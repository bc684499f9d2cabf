import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { Container } from '@theia/core/shared/inversify';
import type { Order } from '@presswork/platform/lib/common/order-schema';
import type { WorkflowStep } from '@presswork/platform/lib/common/workflow-schema';
import { ActivityTypes } from '@presswork/platform/lib/common/well-known';
import { DocumentStore, OrdersCollection } from '@presswork/platform/lib/node/store';
import { sampleOrder } from '@presswork/platform/lib/node/store/test/sample-documents';
import type { BatchProperties } from '@presswork/output/lib/common/batch/batch-activity';
import { TicketPropertyNames, buildTicket } from '@presswork/output/lib/common/tickets/ticket-properties';
import { EngineFolders, forEachConcurrently } from '../engine-backend';
import { createIppPrinterAndWorkflow, pdfOfPages } from '../print/print-fixture';

/**
 * The batch benchmark's and the batch crash test's shop: the workflow "Batch bench" (Create Job →
 * Batch (Jobs per batch N) → Print to an IPP printer → Retain), and orders that arrive while the
 * backend runs, each job with a PDF of its own already in its folder (as the print-file fetcher
 * leaves it before the job is Received).
 */

export const BATCH_STEP_ID = 'print-batch';

/** The Batch step at the top of the Print lane: no keys, released by count only. */
export function batchStep(jobsPerBatch: number): WorkflowStep {
    const properties: BatchProperties = { groupBy: [], jobsPerBatch, timesOfDay: [] };
    return { id: BATCH_STEP_ID, activity: ActivityTypes.batch, properties };
}

/** An IPP printer at `uri` and the enabled workflow "Batch bench" with `jobsPerBatch`, made as an administrator makes them. */
export function createBatchWorkflow(container: Container, uri: string, jobsPerBatch: number): Promise<{ printerId: string; workflowId: string }> {
    return createIppPrinterAndWorkflow(container, uri, { name: 'Batch bench', beforePrint: [batchStep(jobsPerBatch)] });
}

/** One job that will arrive: its id, order, and the name its IPP job would have printed alone (the batch fallback). */
export interface ArrivingJob {
    readonly jobId: string;
    readonly orderId: string;
    readonly soloJobName: string;
    readonly copies: number;
    readonly pages: number;
}

/** The orders of a run, in arrival order, as written to `<folder>/arrivals.json` for the backend process. */
export interface Arrivals {
    readonly orders: readonly Order[];
    readonly jobs: readonly ArrivingJob[];
}

export interface ArrivalPlan {
    readonly workflowId: string;
    /** Jobs in all; orders hold `jobsPerOrder` in turn (the last one fewer when they do not divide). */
    readonly jobs: number;
    readonly jobsPerOrder: readonly number[];
    readonly pagesPerJob: number;
    /** Copies of the n-th job, from 1. */
    readonly copies: (index: number) => number;
    /** Order ids start with it. */
    readonly prefix: string;
}

/** The orders of `plan` (Received jobs of the workflow) with each job's PDF written to its folder. */
export async function writeArrivals(folders: EngineFolders, plan: ArrivalPlan): Promise<Arrivals> {
    const orders: Order[] = [];
    for (let jobs = 0, index = 0; jobs < plan.jobs; index++) {
        const count = Math.min(plan.jobsPerOrder[index % plan.jobsPerOrder.length], plan.jobs - jobs);
        orders.push(arrivingOrder(`${plan.prefix}-${String(index + 1).padStart(5, '0')}`, count, jobs, plan));
        jobs += count;
    }
    const arriving: ArrivingJob[] = [];
    await forEachConcurrently(orders, 16, async order => {
        for (const job of order.jobs) {
            const jobFolder = path.join(folders.jobs, job.id);
            await fs.mkdir(jobFolder, { recursive: true });
            await fs.writeFile(path.join(jobFolder, job.files[0].name), pdfOfPages(`${order.orderNumber} ${job.name}`, plan.pagesPerJob));
        }
    });
    for (const order of orders) {
        for (const job of order.jobs) {
            const built = buildTicket({ job, order, stepDefaults: {}, catalog: [] });
            if ('problem' in built) {
                throw new Error(`the fixture's job ${job.id} has no ticket: ${built.problem}`);
            }
            arriving.push({ jobId: job.id, orderId: order.id, soloJobName: built.ticket.jobName, copies: job.copies, pages: plan.pagesPerJob });
        }
    }
    return { orders, jobs: arriving };
}

function arrivingOrder(id: string, jobs: number, firstIndex: number, plan: ArrivalPlan): Order {
    const order = sampleOrder(id, jobs);
    return {
        ...order,
        jobs: order.jobs.map((job, offset) => {
            const size = pdfOfPages(`${order.orderNumber} ${job.name}`, plan.pagesPerJob).length;
            return {
                ...job,
                workflowId: plan.workflowId,
                state: 'Received',
                copies: plan.copies(firstIndex + offset + 1),
                // One stock and one way of printing: every job may share a batch with any other.
                properties: { [TicketPropertyNames.sides]: 'one-sided', [TicketPropertyNames.colorMode]: 'monochrome' },
                files: [{ name: `${job.id}.pdf`, size }]
            };
        })
    };
}

export function arrivalsFile(folder: string): string {
    return path.join(folder, 'arrivals.json');
}

export async function saveArrivals(folder: string, arrivals: Arrivals): Promise<void> {
    await fs.mkdir(folder, { recursive: true });
    await fs.writeFile(arrivalsFile(folder), JSON.stringify(arrivals));
}

export async function loadArrivals(folder: string): Promise<Arrivals> {
    return JSON.parse(await fs.readFile(arrivalsFile(folder), 'utf8')) as Arrivals;
}

/**
 * The orders arrive: each one not yet in the store is created, as intake creates an order (one
 * durable write; the engine picks its Received jobs up from the store's change). `concurrency` at
 * a time, `pauseMs` between two of one writer. Resolves with the instant (performance.now()) the
 * last one was committed.
 */
export async function arriveOrders(store: DocumentStore, orders: readonly Order[], options: { concurrency: number; pauseMs: number }): Promise<number> {
    let lastArrival = performance.now();
    await forEachConcurrently(orders, options.concurrency, async order => {
        if (!store.get(OrdersCollection, order.id)) {
            await store.create(OrdersCollection, order);
            lastArrival = performance.now();
            if (options.pauseMs > 0) {
                await new Promise(resolve => setTimeout(resolve, options.pauseMs));
            }
        }
    });
    return lastArrival;
}
