import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { Container } from '@theia/core/shared/inversify';
import type { Order } from '@presswork/platform/lib/common/order-schema';
import type { WorkflowStep } from '@presswork/platform/lib/common/workflow-schema';
import { ActivityTypes } from '@presswork/platform/lib/common/well-known';
import {
    DocumentCollection, DocumentStore, OrdersCollection, PLATFORM_COLLECTIONS, shardOf
} from '@presswork/platform/lib/node/store';
import { sampleOrder } from '@presswork/platform/lib/node/store/test/sample-documents';
import { WorkflowEngineOptions } from '@presswork/workflow/lib/node/engine/workflow-engine';
import outputBackendModule from '@presswork/output/lib/node/output-backend-module';
import { OUTPUT_COLLECTIONS } from '@presswork/output/lib/node/output-collections';
import { PrinterRegistry } from '@presswork/output/lib/node/printers/printer-registry';
import workflowBackendModule from '@presswork/workflow/lib/node/workflow-backend-module';
import { WORKFLOW_COLLECTIONS } from '@presswork/workflow/lib/node/workflow-collections';
import { WorkflowRepository } from '@presswork/workflow/lib/node/workflows/workflow-repository';
import { backendContainer } from './backend-container';

/**
 * The workflow engine's backend, as the backend modules wire it, over a data folder: used by the
 * engine benchmark and by the crash tests.
 */

export const ENGINE_COLLECTIONS = [...PLATFORM_COLLECTIONS, ...WORKFLOW_COLLECTIONS, ...OUTPUT_COLLECTIONS] as readonly DocumentCollection[];

export interface EngineFolders {
    readonly data: string;
    readonly store: string;
    readonly jobs: string;
    readonly audit: string;
    readonly copies: string;
    readonly hotFolder: string;
    readonly baselineStore: string;
}

export function engineFolders(folder: string): EngineFolders {
    const data = path.join(folder, 'data');
    return {
        data, store: path.join(data, 'store'), jobs: path.join(data, 'jobs'), audit: path.join(data, 'audit'),
        copies: path.join(folder, 'copies'), hotFolder: path.join(folder, 'hot-folder'),
        baselineStore: path.join(folder, 'baseline', 'store')
    };
}

/**
 * The engine's backend from platform's, workflow's and output's real backend modules (the
 * extensions the engine, the supplied activities and Print live in; connections, jobs and closeout add nothing the
 * benchmark's workflow runs). The store is the module's own, over `<dataFolder>/store`, and not
 * yet open: `await container.get(DocumentStore).ready`. Beyond the data folder and the logger, the
 * engine's slot count is the one setting a run chooses.
 */
export function engineContainer(dataFolder: string, concurrency: number, logger: CountingLogger, databaseUrl?: string): Container {
    const container = backendContainer({ dataFolder, databaseUrl, logger, modules: [workflowBackendModule, outputBackendModule] });
    container.bind(WorkflowEngineOptions).toConstantValue({ concurrency } satisfies WorkflowEngineOptions);
    return container;
}


/** The step that ends the benchmark's workflow: Remove (the job is gone once done). */
export const REMOVE_STEP: WorkflowStep = { id: 'complete-remove', activity: ActivityTypes.remove, properties: {} };

/**
 * A hot-folder printer and the enabled workflow "Bench" (Create Job, Copy to Folder, Print to the
 * hot folder, then `complete`), made through the services an administrator uses. Returns its id.
 */
export async function createPrinterAndWorkflow(
    folders: EngineFolders, concurrency: number, logger: CountingLogger, complete: WorkflowStep = REMOVE_STEP, databaseUrl?: string
): Promise<string> {
    const container = engineContainer(folders.data, concurrency, logger, databaseUrl);
    const store = container.get<DocumentStore>(DocumentStore);
    await store.ready;
    const printer = await container.get(PrinterRegistry).create({
        kind: 'hot-folder', name: 'Bench hot folder', description: 'The benchmark\'s DFE', enabled: true, folder: folders.hotFolder
    });
    const workflows = container.get(WorkflowRepository);
    const workflow = await workflows.create({
        name: 'Bench',
        description: `Create Job, Copy to Folder, Print to a hot folder, ${complete.activity}`,
        phases: {
            Receive: [{ id: 'receive-create-job', activity: ActivityTypes.createJob, properties: {} }],
            Prepare: [{ id: 'prepare-copy', activity: ActivityTypes.copyToFolder, properties: { folder: folders.copies } }],
            Print: [{ id: 'print', activity: ActivityTypes.print, properties: { printerId: printer.id } }],
            Complete: [complete]
        }
    }, 'bench');
    await workflows.setEnabled(workflow.id, true, 'bench');
    await store.close();
    return workflow.id;
}

export function benchOrderId(index: number): string {
    return `bench-${String(index).padStart(6, '0')}`;
}

/**
 * Orders of one Received job each in the workflow, with the job's print file in its folder, written
 * in the store's own layout into each of `storeFolders` (durability of a fixture does not matter).
 */
export async function writeJobs(folders: EngineFolders, jobs: number, printFileBytes: number, workflowId: string, storeFolders: readonly string[]): Promise<void> {
    const ids = Array.from({ length: jobs }, (_, index) => benchOrderId(index + 1));
    const content = Buffer.alloc(printFileBytes, '%PDF-1.7 bench print file\n');
    const stores = storeFolders.map(folder => path.join(folder, OrdersCollection.name));
    const shards = new Set(ids.map(shardOf));
    await Promise.all(stores.flatMap(folder => [...shards].map(shard => fs.mkdir(path.join(folder, shard), { recursive: true }))));
    await forEachConcurrently(ids, 32, async id => {
        const order = benchOrder(id, workflowId, printFileBytes);
        const json = JSON.stringify(order);
        const job = order.jobs[0];
        const jobFolder = path.join(folders.jobs, job.id);
        await fs.mkdir(jobFolder, { recursive: true });
        await fs.writeFile(path.join(jobFolder, job.files[0].name), content);
        for (const folder of stores) {
            await fs.writeFile(path.join(folder, shardOf(id), `${id}.json`), json);
        }
    });
}

export function benchOrder(id: string, workflowId: string, fileBytes: number): Order {
    const order = sampleOrder(id, 1);
    const job = order.jobs[0];
    return { ...order, jobs: [{ ...job, workflowId, state: 'Received', files: [{ name: `${job.id}.pdf`, size: fileBytes }] }] };
}


export async function forEachConcurrently<T>(items: readonly T[], concurrency: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
    let next = 0;
    const worker = async (): Promise<void> => {
        while (next < items.length) {
            const index = next++;
            await work(items[index], index);
        }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
}


/** ILogger as far as the engine uses it; errors are counted and shown. */
export class CountingLogger {
    errors = 0;

    error(message: unknown, ...rest: unknown[]): void {
        if (++this.errors <= 5) {
            console.error('[bench] engine error:', message, ...rest);
        }
    }

    warn(message: unknown, ...rest: unknown[]): void {
        console.error('[bench] engine warning:', message, ...rest);
    }

    info(): void { /* not needed */ }
    debug(): void { /* not needed */ }
    trace(): void { /* not needed */ }
    fatal(message: unknown, ...rest: unknown[]): void {
        this.error(message, ...rest);
    }

    child(): CountingLogger {
        return this;
    }
}

