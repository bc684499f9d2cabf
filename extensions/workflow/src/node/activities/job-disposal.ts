import * as path from 'node:path';
import { inject, injectable } from '@theia/core/shared/inversify';
import { ActivityContext, ActivityOutcome, DOCUMENT_ID_PATTERN, Job, Order, messageOf } from '@presswork/platform/lib/common';
import { PressworkConfig } from '@presswork/platform/lib/node/presswork-config';
import { writeFileDurably } from '@presswork/platform/lib/node/files/durable-file';
import { JobFolders } from '@presswork/platform/lib/node/files/job-folders';
import { failure } from '@presswork/platform/lib/common/defined-activity';

/** What remains of a job after it is removed: its audit record. */
export interface JobAuditRecord {
    readonly format: 'presswork-job-audit';
    readonly version: 1;
    readonly removedAt: string;
    /** The whole job: properties, files, full log. */
    readonly job: Job;
    /** The order with all its jobs, without their logs (this job's log is under `job`). */
    readonly order: Omit<Order, 'jobs'> & { readonly jobs: readonly Omit<Job, 'log'>[] };
}

export function auditRecordOf(job: Readonly<Job>, order: Readonly<Order>, removedAt: Date): JobAuditRecord {
    return {
        format: 'presswork-job-audit',
        version: 1,
        removedAt: removedAt.toISOString(),
        job: { ...job },
        order: { ...order, jobs: order.jobs.map(({ log: _log, ...rest }) => rest) }
    };
}

/**
 * Removes what a job leaves on disk: writes its audit record to
 * `<data>/audit/<yyyy-mm>/<job id>.json` and deletes its folder `<data>/jobs/<job id>`. The month
 * is the job's arrival month (UTC), not the removal's, so a repeat after a crash finds and
 * overwrites the same file instead of writing a second record in another month.
 */
@injectable()
export class JobDisposal {
    @inject(PressworkConfig) protected readonly config: PressworkConfig;

    get auditFolder(): string {
        return path.join(this.config.dataFolder, 'audit');
    }

    auditFileOf(job: Readonly<Job>): string {
        const month = new Date(job.receivedAt).toISOString().slice(0, 7);
        return path.join(this.auditFolder, month, `${checkedId(job.id)}.json`);
    }

    async writeAuditRecord(job: Readonly<Job>, order: Readonly<Order>, now = new Date()): Promise<string> {
        const file = this.auditFileOf(job);
        await writeFileDurably(file, `${JSON.stringify(auditRecordOf(job, order, now), undefined, 2)}\n`);
        return file;
    }

    /** Deletes `<data>/jobs/<job id>` and nothing else; a missing folder is fine (a repeat). */
    removeJobFolder(jobId: string): Promise<string> {
        return JobFolders.in(this.config.dataFolder).remove(jobId);
    }
}

/**
 * The end of a job (Remove, and Retain at the end of its period): audit record first, then the
 * folder; either failing fails the job with the reason, so nothing is lost unrecorded. Both steps
 * overwrite or tolerate what a crashed earlier attempt left, so a repeat is harmless.
 */
export async function removeJob(disposal: JobDisposal, context: ActivityContext<unknown>): Promise<ActivityOutcome> {
    try {
        await disposal.writeAuditRecord(context.job, context.order);
    } catch (error) {
        return failure(`The audit record could not be written, so the job is kept: ${messageOf(error)}`);
    }
    try {
        await disposal.removeJobFolder(context.job.id);
    } catch (error) {
        return failure(`The job's folder could not be removed: ${messageOf(error)}`);
    }
    return { kind: 'remove' };
}

function checkedId(jobId: string): string {
    if (!DOCUMENT_ID_PATTERN.test(jobId)) {
        throw new Error(`${JSON.stringify(jobId)} is not a job id`);
    }
    return jobId;
}
