import { setTimeout as delay } from 'node:timers/promises';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ActivityContext, Job, Order, Workflow, WorkflowStep } from '@presswork/platform/lib/common';
import { FileDocumentStore } from '@presswork/platform/lib/node/store/file-document-store';
import { PLATFORM_COLLECTIONS } from '@presswork/platform/lib/node/store/platform-collections';
import { sampleOrder } from '@presswork/platform/lib/node/store/test/sample-documents';
import { WORKFLOW_COLLECTIONS } from '../../workflow-collections';

/** A temporary folder, created for a test and removed after it. */
export class TempFolder {
    protected constructor(readonly path: string) { }

    static async create(prefix = 'presswork-activities-'): Promise<TempFolder> {
        return new TempFolder(await fs.mkdtemp(path.join(os.tmpdir(), prefix)));
    }

    join(...parts: string[]): string {
        return path.join(this.path, ...parts);
    }

    async remove(): Promise<void> {
        await fs.rm(this.path, { recursive: true, force: true });
    }
}

export interface LoggedLine {
    readonly message: string;
    readonly level: 'info' | 'warning' | 'error';
}

/** An activity context that records what the activity reports, as the engine would write it. */
export interface RecordingContext<P> extends ActivityContext<P> {
    readonly logged: LoggedLine[];
    readonly states: string[];
}

export interface ContextOptions {
    readonly job?: Job;
    readonly order?: Order;
    readonly step?: WorkflowStep;
    readonly jobFolder: string;
    readonly signal?: AbortSignal;
}

export function activityContext<P>(properties: P, options: ContextOptions): RecordingContext<P> {
    const order = options.order ?? sampleOrder('order-1');
    const job = options.job ?? order.jobs[0];
    const logged: LoggedLine[] = [];
    const states: string[] = [];
    return {
        job, order, properties, logged, states,
        step: options.step ?? { id: 'step-1', activity: 'test', properties: {} },
        jobFolder: options.jobFolder,
        signal: options.signal ?? new AbortController().signal,
        log: async (message, level = 'info') => {
            logged.push({ message, level });
        },
        setState: async state => {
            states.push(state);
        }
    };
}

/** The sample order with its first job changed; the order holds the changed job too. */
export function orderWithJob(change: Partial<Job>, orderId = 'order-1'): { order: Order; job: Job } {
    const order = sampleOrder(orderId, 2);
    const job = { ...order.jobs[0], ...change };
    return { order: { ...order, jobs: [job, ...order.jobs.slice(1)] }, job };
}

/** Writes the job's files into its folder (content by file name). */
export async function writeJobFiles(jobFolder: string, files: Readonly<Record<string, string | Buffer>>): Promise<void> {
    await fs.mkdir(jobFolder, { recursive: true });
    for (const [name, content] of Object.entries(files)) {
        await fs.writeFile(path.join(jobFolder, name), content);
    }
}

/** Every log message, one a line: for assertions that look for text. */
export function logText(context: RecordingContext<unknown>): string {
    return context.logged.map(line => line.message).join('\n');
}

/** Assigns an injectable's fields, as the container would. */
export function inject<T extends object>(instance: T, fields: Record<string, unknown>): T {
    Object.assign(instance as unknown as Record<string, unknown>, fields);
    return instance;
}

/** Polls `condition` until it holds or `timeoutMs` passes. */
export async function eventually(condition: () => boolean | Promise<boolean>, timeoutMs = 3000, what = 'condition'): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!await condition()) {
        if (Date.now() > deadline) {
            throw new Error(`timed out waiting for ${what}`);
        }
        await delay(10);
    }
}

/** A real file store over `folder` with the platform's and the workflow extension's collections. */
export async function openTestStore(folder: string): Promise<FileDocumentStore> {
    const store = new FileDocumentStore({ folder, collections: [...PLATFORM_COLLECTIONS, ...WORKFLOW_COLLECTIONS] });
    await store.ready;
    return store;
}

/** A valid workflow document (without its version). */
export function workflowDocument(id: string, change: Partial<Workflow> = {}): Omit<Workflow, 'version'> {
    return {
        id,
        name: `Workflow ${id}`,
        description: '',
        enabled: true,
        jobDefaults: {},
        jobOverrides: {},
        phases: {
            Receive: [{ id: 'receive-create-job', activity: 'create-job', properties: {} }],
            Prepare: [],
            Print: [],
            Complete: [{ id: 'complete-remove', activity: 'remove', properties: {} }]
        },
        updatedAt: '2026-01-01T00:00:00.000Z',
        ...change
    };
}
