import type { Job, JobLogEntry } from '@presswork/platform/lib/common/job-schema';
import { LogLevel, appendJobLog, logEntry } from '@presswork/platform/lib/common/job-log';

export type RunningState = 'Processing' | 'Printing';
/** A state is shown once it has lasted this long: a send that ends sooner is not worth a durable write. */
export const STATE_SHOWN_AFTER_MS = 100;
const LEVELS: ReadonlySet<string> = new Set<LogLevel>(['info', 'warning', 'error']);

/** Writes a change to the job (undefined: nothing to write); what it resolves to is not looked at. */
export type JobWriter = (change: (job: Job) => Job | undefined) => Promise<unknown>;

/**
 * What a running activity reports (log lines, Printing), written with as few writes as possible.
 * A report is taken at once (its promise resolves) and written on the next turn of the event
 * loop, together with the reports made meanwhile; reports not written yet when the activity ends
 * ride along with its outcome's write. So a report is durable no later than the outcome, and an
 * activity that logs and then returns costs no write of its own. (A crash before the outcome
 * loses at most the last turn's reports, and the step runs again anyway.)
 */
export class ActivityUpdates {
    protected pendingLog: JobLogEntry[] = [];
    protected pendingState: RunningState | undefined;
    protected shownState: RunningState = 'Processing';
    protected scheduled = false;
    protected chain: Promise<void> = Promise.resolve();
    protected ended = false;

    constructor(
        protected readonly write: JobWriter,
        /** Whether the job is still in this activity's run: a state is only shown while it is. */
        protected readonly isThisRun: (job: Job) => boolean,
        protected readonly report: (error: unknown) => void
    ) { }

    log(message: string, level: LogLevel = 'info'): Promise<void> {
        this.pendingLog.push(logEntry(new Date().toISOString(), String(message), LEVELS.has(level) ? level : 'info'));
        this.flushSoon();
        return Promise.resolve();
    }

    setState(state: RunningState): Promise<void> {
        if (state !== 'Processing' && state !== 'Printing') {
            return Promise.reject(new Error(`An activity can show the job as Processing or Printing, not ${String(state)}`));
        }
        if (this.ended || state === (this.pendingState ?? this.shownState)) {
            return Promise.resolve();
        }
        this.pendingState = state;
        const timer = setTimeout(() => this.flushSoon(), STATE_SHOWN_AFTER_MS);
        timer.unref?.();
        return Promise.resolve();
    }

    /** Resolves once every report made so far is written (or taken by the outcome). */
    written(): Promise<void> {
        return this.chain;
    }

    /** For the outcome's write: takes over the log lines not written yet. */
    takeLog(job: Job): Job {
        if (!this.pendingLog.length) {
            return job;
        }
        const entries = this.pendingLog;
        this.pendingLog = [];
        return { ...job, log: appendJobLog(job.log, entries) };
    }

    /** The outcome is written: later log lines still reach the job, a state no longer does. */
    end(): void {
        this.ended = true;
        this.pendingState = undefined;
    }

    protected flushSoon(): void {
        if (!this.scheduled) {
            this.scheduled = true;
            this.chain = this.chain.then(nextTurn).then(() => {
                this.scheduled = false;
                return this.flush();
            });
        }
    }

    protected async flush(): Promise<void> {
        if (!this.pendingLog.length && (this.ended || !this.pendingState)) {
            return; // the outcome's write took everything along: no store call at all
        }
        try {
            await this.write(job => {
                const entries = this.pendingLog;
                const state = this.ended ? undefined : this.pendingState;
                this.pendingLog = [];
                this.pendingState = undefined;
                let next = entries.length ? { ...job, log: appendJobLog(job.log, entries) } : job;
                if (state && job.state !== state && this.isThisRun(job)) {
                    next = { ...next, state, updatedAt: new Date().toISOString() };
                    this.shownState = state;
                }
                return next === job ? undefined : next;
            });
        } catch (error) {
            // A report that cannot be written must not fail the activity; the server log keeps it.
            this.report(error);
        }
    }
}

function nextTurn(): Promise<void> {
    return new Promise(resolve => setImmediate(resolve));
}
