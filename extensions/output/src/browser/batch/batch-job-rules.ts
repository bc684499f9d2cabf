import { nls } from '@theia/core/lib/common/nls';
import type { JobRow } from '@presswork/platform/lib/common/job-row';
import { WAITING_FOR_BATCH } from '@presswork/platform/lib/common/job-status';

type BatchRow = Pick<JobRow, 'name' | 'state' | 'batchId'>;

/**
 * Release batch now and Remove from batch apply to jobs waiting in a batch; else why not, naming
 * the first job that is not.
 */
export function waitingInBatchEnablement(jobs: readonly BatchRow[]): true | string {
    if (!jobs.length) {
        return nls.localize('presswork/output/selectAJob', 'Select a job');
    }
    const outside = jobs.find(job => job.state !== WAITING_FOR_BATCH || !job.batchId);
    return outside
        ? nls.localize('presswork/output/notWaitingForBatch', 'Job {0} is not waiting for a batch (only jobs Waiting for batch)', outside.name)
        : true;
}

/**
 * Split batch moves some jobs of one open batch into a new batch: the jobs must all wait in the
 * same batch, and must not be all of it. `batchSize` is how many jobs that batch holds, when known
 * (the backend checks again).
 */
export function splitEnablement(jobs: readonly BatchRow[], batchSize: (batchId: string) => number | undefined): true | string {
    const waiting = waitingInBatchEnablement(jobs);
    if (waiting !== true) {
        return waiting;
    }
    const batchIds = new Set(jobs.map(job => job.batchId!));
    if (batchIds.size > 1) {
        return nls.localize('presswork/output/splitOneBatch', 'Select jobs of one batch: these wait in {0}', [...batchIds].sort().join(', '));
    }
    const [batchId] = batchIds;
    const size = batchSize(batchId);
    if (size !== undefined && jobs.length >= size) {
        return nls.localize('presswork/output/splitNotAll', 'Select some of the jobs of batch {0}, not all of them: the jobs selected move to a new batch', batchId);
    }
    return true;
}
