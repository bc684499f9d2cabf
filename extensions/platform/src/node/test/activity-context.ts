import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { ActivityContext, Job, Order, PrintingRecord, WorkflowStep } from '../../common';
import { sampleOrder } from '../store/test/sample-documents';

export interface LoggedLine {
    readonly message: string;
    readonly level: 'info' | 'warning' | 'error';
}

/** An activity context that records what the activity reports, as the engine would write it. */
export interface RecordingContext<P> extends ActivityContext<P> {
    readonly logged: LoggedLine[];
    readonly states: string[];
    /** Each printing record the activity made durable, in order (undefined: cleared). */
    readonly printings: (PrintingRecord | undefined)[];
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
    const printings: (PrintingRecord | undefined)[] = [];
    return {
        job, order, properties, logged, states, printings,
        step: options.step ?? { id: 'step-1', activity: 'test', properties: {} },
        jobFolder: options.jobFolder,
        signal: options.signal ?? new AbortController().signal,
        log: async (message, level = 'info') => {
            logged.push({ message, level });
        },
        setState: async state => {
            states.push(state);
        },
        recordPrinting: async record => {
            printings.push(record);
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
