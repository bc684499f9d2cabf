import { inject, injectable, postConstruct } from '@theia/core/shared/inversify';
import { PressworkError } from '@presswork/platform/lib/common/errors';
import { logEntry, type LogLevel } from '@presswork/platform/lib/common/job-log';
import { DocumentStore } from '@presswork/platform/lib/node/store/document-store';
import { WorkOwnership } from '@presswork/platform/lib/node/cluster/work-ownership';
import { DocumentConflictError } from '@presswork/platform/lib/node/store/store-errors';
import type { Batch, BatchMember, BatchOutput } from '../../common/batch/batch-schema';
import { BATCH_KEY_LABELS, MAX_BATCH_JOBS, type BatchKey } from '../../common/batch/batch-activity';
import { BatchesCollection } from './batch-collection';
import type { BatchBook, JoinedBatch, JoiningJob } from './batch-book';
import { jobSheets } from './batch-keys';
import { countRuleReason, fillWords, nextReleaseAt } from './batch-rules';
import { ShopClock } from './shop-clock';

const BATCH_LOG_LIMIT = 500;

/** "Job Business cards of order 1001" */
export function jobWords(member: Pick<BatchMember, 'jobName' | 'orderNumber'>): string {
    return `Job ${member.jobName} of order ${member.orderNumber}`;
}

/** "B-0042" */
export function batchIdOf(number: number): string {
    return `B-${String(number).padStart(4, '0')}`;
}

/**
 * The batch book over the store (see BatchBook): every write of a step's batches runs under that
 * step's lock (on any server: `WorkOwnership.exclusive`), so two jobs joining at once never open two batches for one key, and the count
 * rules are checked in the same write that adds the member. Which batches list a job is kept in
 * memory from the store's own change events (one scan at first use).
 */
@injectable()
export class BatchBookImpl implements BatchBook {
    @inject(DocumentStore) protected readonly store: DocumentStore;
    @inject(ShopClock) protected readonly clock: ShopClock;
    @inject(WorkOwnership) protected readonly ownership: WorkOwnership;
    /** jobId → the batches listing it (one, but for a job that moved on from a released one). */
    protected readonly batchesOfJob = new Map<string, Set<string>>();
    protected readonly jobsOfBatch = new Map<string, readonly string[]>();
    protected indexed = false;
    protected highestNumber: number | undefined;

    @postConstruct()
    protected init(): void {
        this.store.onDidChange(change => {
            if (change.collection === BatchesCollection.name && this.indexed) {
                this.indexBatch(change.id, change.document as Batch | undefined);
            }
        });
    }

    get(batchId: string): Batch | undefined {
        return this.store.get(BatchesCollection, batchId);
    }

    batchOf(jobId: string): Batch | undefined {
        this.ensureIndex();
        const batches = [...this.batchesOfJob.get(jobId) ?? []].map(id => this.get(id)).filter((batch): batch is Batch => !!batch);
        return batches.find(batch => batch.state === 'open')
            ?? batches.sort((a, b) => (b.releasedAt ?? '').localeCompare(a.releasedAt ?? ''))[0];
    }

    openBatchesOf(workflowId: string, stepId: string): readonly Batch[] {
        return this.store.findBy(BatchesCollection, 'byStep', stepKey(workflowId, stepId))
            .filter(batch => batch.state === 'open')
            .sort((a, b) => a.openedAt.localeCompare(b.openedAt) || a.id.localeCompare(b.id));
    }

    join(joining: JoiningJob): Promise<JoinedBatch> {
        const { job, workflowId, stepId } = joining;
        return this.underLock(stepKey(workflowId, stepId), async () => {
            const listed = this.batchOf(job.id);
            if (listed && listed.workflowId === workflowId && listed.stepId === stepId) {
                return { batch: listed, released: listed.state === 'released' };
            }
            const at = this.nowText();
            const member = memberOf(joining, at);
            const open = this.openBatchesOf(workflowId, stepId).find(batch => sameKeys(batch.keys, joining.keys) && hasRoom(batch));
            const batch = open
                ? await this.store.modify(BatchesCollection, open.id, current => this.admitted(current, member, at))
                : await this.createBatch(number => this.admitted({
                    id: batchIdOf(number), version: 1, workflowId, stepId, keys: { ...joining.keys }, rules: joining.properties,
                    state: 'open', members: [], openedAt: at, log: [logEntry(at, `Opened${keyWords(joining.keys)}`)]
                }, member, at));
            this.indexBatch(batch.id, batch);
            return { batch, released: batch.state === 'released' };
        });
    }

    release(batchId: string, reason: string, by?: string): Promise<Batch | undefined> {
        return this.underStepLock(batchId, async () => {
            const current = this.get(batchId);
            // An emptied batch waits, open, for the next job of its keys: there is nothing to release.
            if (current?.state !== 'open' || current.members.length === 0) {
                return undefined;
            }
            return this.modifyOpen(batchId, latest => this.released(latest, reason, this.nowText(), by));
        });
    }

    removeMembers(batchId: string, jobIds: readonly string[], reason: string, by?: string): Promise<Batch | undefined> {
        return this.underStepLock(batchId, async () => {
            const current = this.get(batchId);
            if (current?.state !== 'open') {
                return undefined;
            }
            const leaving = new Set(jobIds);
            const left = current.members.filter(member => leaving.has(member.jobId));
            if (left.length === 0) {
                return current;
            }
            const at = this.nowText();
            const batch = await this.modifyOpen(batchId, latest => {
                const members = latest.members.filter(member => !leaving.has(member.jobId));
                const entries = latest.members.filter(member => leaving.has(member.jobId))
                    .map(member => logEntry(at, `${jobWords(member)} left the batch: ${reason} (${fillWords({ ...latest, members })})`, 'info', by));
                return this.withTimes({ ...latest, members, log: appendLog(latest.log, entries) });
            });
            return batch;
        });
    }

    split(batchId: string, jobIds: readonly string[], by: string): Promise<Batch> {
        return this.underStepLock(batchId, async () => {
            const current = this.get(batchId);
            if (current?.state !== 'open') {
                throw PressworkError.Refused(`Batch ${batchId} is not open: only an open batch can be split`);
            }
            const moving = new Set(jobIds);
            const moved = current.members.filter(member => moving.has(member.jobId));
            const unknown = jobIds.filter(jobId => !current.members.some(member => member.jobId === jobId));
            if (unknown.length > 0) {
                throw PressworkError.Refused(`Only jobs of batch ${batchId} can be split from it; ${unknown.length === 1 ? 'one job is' : `${unknown.length} jobs are`} not in it`);
            }
            if (moved.length === 0 || moved.length === current.members.length) {
                throw PressworkError.Refused(`Choose some of the jobs of batch ${batchId}, not all of them, to split them into a batch of their own`);
            }
            const at = this.nowText();
            const split = await this.createBatch(number => this.withTimes({
                ...current, id: batchIdOf(number), version: 1, members: moved, openedAt: at, nextReleaseAt: undefined,
                log: [logEntry(at, `Split from batch ${batchId}: ${moved.map(jobWords).join(', ')}`, 'info', by)]
            }));
            this.indexBatch(split.id, split);
            const rest = await this.store.modify(BatchesCollection, batchId, latest => {
                const members = latest.members.filter(member => !moving.has(member.jobId));
                return this.withTimes({ ...latest, members, log: appendLog(latest.log, [logEntry(at, `${plural(moved.length)} split into batch ${split.id}`, 'info', by)]) });
            });
            this.indexBatch(batchId, rest);
            return split;
        });
    }

    recordOutput(batchId: string, output: BatchOutput): Promise<Batch> {
        return this.underStepLock(batchId, async () => {
            const current = this.get(batchId);
            if (current?.state !== 'released') {
                throw PressworkError.Refused(`Batch ${batchId} ${current ? 'is not released' : 'does not exist'}: its output cannot be recorded`);
            }
            return this.store.modify(BatchesCollection, batchId, latest => ({ ...latest, output }));
        });
    }

    async log(batchId: string, message: string, level: LogLevel = 'info', by?: string): Promise<void> {
        await this.underStepLock(batchId, async () => {
            if (this.get(batchId)) {
                await this.store.modify(BatchesCollection, batchId, latest => ({ ...latest, log: appendLog(latest.log, [logEntry(this.nowText(), message, level, by)]) }));
            }
        });
    }

    /** The batch with the member added, logged, and released in the same write when a count rule now holds. */
    protected admitted(batch: Batch, member: BatchMember, at: string): Batch {
        const members = [...batch.members.filter(existing => existing.jobId !== member.jobId), member];
        const joined: Batch = { ...batch, members, log: appendLog(batch.log, [logEntry(at, `${jobWords(member)} joined (${fillWords({ ...batch, members })})`)]) };
        const reason = countRuleReason(joined);
        return reason ? this.released(joined, reason, at) : this.withTimes(joined);
    }

    protected released(batch: Batch, reason: string, at: string, by?: string): Batch {
        const releaseReason = by ? `${reason} (${by})` : reason;
        return {
            ...batch, state: 'released', releasedAt: at, releaseReason: releaseReason.slice(0, 300), nextReleaseAt: undefined,
            log: appendLog(batch.log, [logEntry(at, `Released: ${reason}${reason === fillWords(batch) ? '' : ` (${fillWords(batch)})`}`, 'info', by)])
        };
    }

    /** The open batch with its next timed release worked out again (its members changed). */
    protected withTimes(batch: Batch): Batch {
        const next = batch.members.length ? nextReleaseAt(batch, this.clock.timeZone()) : undefined;
        const { nextReleaseAt: _previous, ...rest } = batch;
        return next ? { ...rest, nextReleaseAt: next } : rest;
    }

    /** `change` on the batch while it is open; the batch as it is otherwise (undefined when gone). */
    protected async modifyOpen(batchId: string, change: (batch: Batch) => Batch): Promise<Batch | undefined> {
        if (this.get(batchId)?.state !== 'open') {
            return this.get(batchId);
        }
        const batch = await this.store.modify(BatchesCollection, batchId, current => current.state === 'open' ? change(current) : current);
        this.indexBatch(batchId, batch);
        return batch;
    }

    protected underStepLock<R>(batchId: string, work: () => Promise<R>): Promise<R> {
        const batch = this.get(batchId);
        if (!batch) {
            return work();
        }
        return this.underLock(stepKey(batch.workflowId, batch.stepId), work);
    }

    /** The step's lock holds across servers (`exclusive`), and the store has caught up with their writes when it is taken. */
    protected underLock<R>(key: string, work: () => Promise<R>): Promise<R> {
        return this.ownership.exclusive(`batch-step:${key}`, work);
    }

    /** Creates a batch under the next free number (a number taken meanwhile is skipped). */
    protected async createBatch(make: (number: number) => Omit<Batch, 'version'>): Promise<Batch> {
        for (;;) {
            const number = this.takeNumber();
            try {
                return await this.store.create(BatchesCollection, make(number));
            } catch (error) {
                if (!(error instanceof DocumentConflictError)) {
                    throw error;
                }
            }
        }
    }

    protected takeNumber(): number {
        if (this.highestNumber === undefined) {
            let highest = 0;
            for (const batch of this.store.all(BatchesCollection)) {
                highest = Math.max(highest, Number(batch.id.slice(2)) || 0);
            }
            this.highestNumber = highest;
        }
        this.highestNumber += 1;
        return this.highestNumber;
    }

    protected ensureIndex(): void {
        if (this.indexed) {
            return;
        }
        this.indexed = true;
        for (const batch of this.store.all(BatchesCollection)) {
            this.indexBatch(batch.id, batch);
        }
    }

    protected indexBatch(batchId: string, batch: Batch | undefined): void {
        if (!this.indexed) {
            return;
        }
        for (const jobId of this.jobsOfBatch.get(batchId) ?? []) {
            const batches = this.batchesOfJob.get(jobId);
            batches?.delete(batchId);
            if (batches?.size === 0) {
                this.batchesOfJob.delete(jobId);
            }
        }
        const jobIds = batch?.members.map(member => member.jobId) ?? [];
        this.jobsOfBatch.set(batchId, jobIds);
        if (!batch) {
            this.jobsOfBatch.delete(batchId);
        }
        for (const jobId of jobIds) {
            let batches = this.batchesOfJob.get(jobId);
            if (!batches) {
                batches = new Set();
                this.batchesOfJob.set(jobId, batches);
            }
            batches.add(batchId);
        }
    }

    protected nowText(): string {
        return new Date(this.clock.now()).toISOString();
    }
}

export function stepKey(workflowId: string, stepId: string): string {
    return `${workflowId}/${stepId}`;
}

function memberOf(joining: JoiningJob, at: string): BatchMember {
    const { job } = joining;
    const sheets = jobSheets(job);
    return {
        jobId: job.id, orderId: job.orderId, orderNumber: joining.orderNumber, jobName: job.name, copies: job.copies,
        ...(sheets === undefined ? {} : { sheets }), ...(job.due ? { due: job.due } : {}), joinedAt: at
    };
}

function sameKeys(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every(key => a[key] === b[key]);
}

/** Room for one more: below Jobs per batch (a full batch is released already) and the most a batch holds. */
function hasRoom(batch: Batch): boolean {
    return batch.members.length < Math.min(batch.rules.jobsPerBatch ?? MAX_BATCH_JOBS, MAX_BATCH_JOBS);
}

function keyWords(keys: Readonly<Record<string, string>>): string {
    const entries = Object.entries(keys);
    return entries.length ? `: ${entries.map(([key, value]) => `${BATCH_KEY_LABELS[key as BatchKey] ?? key} ${value}`).join(', ')}` : '';
}

function plural(count: number): string {
    return count === 1 ? '1 job' : `${count} jobs`;
}

function appendLog(log: Batch['log'], entries: Batch['log']): Batch['log'] {
    const joined = log.concat(entries);
    return joined.length > BATCH_LOG_LIMIT ? joined.slice(joined.length - BATCH_LOG_LIMIT) : joined;
}
