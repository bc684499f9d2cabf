import type { JobRow } from '@presswork/platform/lib/common/job-row';
import { CHANGE_FEED_PATH, ChangeFeedClient, ChangeFeedServer, DocumentDelta } from '@presswork/platform/lib/common/change-feed-protocol';
import {
    JOB_ACTION_SERVICE_PATH, JOB_QUERY_SERVICE_PATH, JOB_ROWS_FEED, JobActionResult, JobActionService, JobQueryService, OrderRowsDelta
} from '@presswork/jobs/lib/common/jobs-protocol';
import { RpcSession } from '@presswork/platform/lib/node/rpc/test/rpc-session';
import { setTimeout as delay } from 'node:timers/promises';

/** What every session adds to: RPC latencies by method, errors, refusals. */
export class LoadRecord {
    readonly latencies = new Map<string, number[]>();
    readonly errors: string[] = [];
    refusals = 0;
    actionsDone = 0;
    /** Deltas whose job went into or out of Held, as each session saw them: ms from the commit. */
    readonly deltaDelays: number[] = [];
    deltasReceived = 0;

    /** Times one RPC; a rejection is an error (counted, the first ones kept). */
    async timed<R>(method: string, call: () => Promise<R>): Promise<R | undefined> {
        const started = performance.now();
        try {
            const result = await call();
            const samples = this.latencies.get(method) ?? [];
            samples.push(performance.now() - started);
            this.latencies.set(method, samples);
            return result;
        } catch (error) {
            this.error(`${method}: ${error instanceof Error ? error.message : String(error)}`);
            return undefined;
        }
    }

    error(message: string): void {
        this.errors.push(message);
    }
}

/**
 * A signed-in session that watches Operations: subscribed to the job rows feed, as the All Jobs
 * pod is. A job going into or out of Held is an operator's action: the delay from its commit (the
 * row's `updatedAt`, stamped by the write) to its arrival here is sampled. A hold and a resume that
 * fall in one of the feed's coalescing intervals arrive as one delta (the job unchanged), so what
 * the session must end with is each job's last state, which `lastSeen` keeps.
 */
export class Watcher implements ChangeFeedClient {
    protected readonly held = new Map<string, boolean>();
    /** Each job's state as this session last saw it. */
    readonly lastSeen = new Map<string, string>();

    constructor(protected readonly name: string, protected readonly record: LoadRecord) { }

    async start(session: RpcSession): Promise<void> {
        session.onDisconnect(reason => this.record.error(`${this.name}: disconnected (${reason})`));
        const feed = await session.service<ChangeFeedServer>(CHANGE_FEED_PATH, this);
        await this.record.timed('ChangeFeedServer.subscribe', () => feed.subscribe([JOB_ROWS_FEED]));
    }

    onDidCommit(deltas: DocumentDelta[]): void {
        const now = Date.now();
        for (const delta of deltas) {
            if (delta.collection !== JOB_ROWS_FEED) {
                continue;
            }
            this.record.deltasReceived++;
            for (const row of (delta.document as OrderRowsDelta | undefined)?.rows ?? []) {
                this.follow(row, now);
            }
        }
    }

    protected follow(row: JobRow, now: number): void {
        this.lastSeen.set(row.id, row.state);
        const held = row.state === 'Held';
        const before = this.held.get(row.id);
        this.held.set(row.id, held);
        if (before !== undefined && before !== held) {
            this.record.deltaDelays.push(now - Date.parse(row.updatedAt));
        }
    }
}

/**
 * An operator at work in the All Jobs pod: reads a window of the list, holds a job of it, resumes
 * it a moment later, and so on until `until`.
 */
export class Operator {
    constructor(protected readonly name: string, protected readonly record: LoadRecord, protected readonly random: () => number) { }

    async run(session: RpcSession, until: number): Promise<void> {
        session.onDisconnect(reason => this.record.error(`${this.name}: disconnected (${reason})`));
        const query = await session.service<JobQueryService>(JOB_QUERY_SERVICE_PATH);
        const actions = await session.service<JobActionService>(JOB_ACTION_SERVICE_PATH);
        let total = 0;
        while (Date.now() < until && session.connected) {
            const offset = Math.floor(this.random() * Math.max(0, total - 50));
            const window = await this.record.timed('JobQueryService.window', () => query.window({ query: {}, offset, limit: 50 }));
            total = window?.total ?? 0;
            const candidates = (window?.items ?? []).flatMap(item => item.kind === 'job' && item.row.state !== 'Held' ? [item.row] : []);
            const job = candidates[Math.floor(this.random() * candidates.length)];
            if (!job) {
                await delay(500);
                continue;
            }
            if (this.count(await this.record.timed('JobActionService.hold', () => actions.hold([job.id]))) > 0) {
                await delay(200 + this.random() * 600);
                this.count(await this.record.timed('JobActionService.resume', () => actions.resume([job.id])));
            }
            await delay(200 + this.random() * 600);
        }
    }

    /** Jobs the action was done to; refusals (another operator was first, the engine moved the job on) are counted apart. */
    protected count(result: JobActionResult | undefined): number {
        this.record.refusals += result?.refused.length ?? 0;
        this.record.actionsDone += result?.done.length ?? 0;
        return result?.done.length ?? 0;
    }
}

/** Every job's state as the server has it now, read a page at a time as the pod reads its window. */
export async function serverStates(session: RpcSession): Promise<Map<string, string>> {
    const query = await session.service<JobQueryService>(JOB_QUERY_SERVICE_PATH);
    const states = new Map<string, string>();
    for (let offset = 0, total = 1; offset < total; offset += SERVER_STATES_PAGE) {
        const window = await query.window({ query: {}, offset, limit: SERVER_STATES_PAGE });
        total = window.total;
        window.items.forEach(item => item.kind === 'job' && states.set(item.row.id, item.row.state));
    }
    return states;
}

const SERVER_STATES_PAGE = 1_000;
