import { inject, injectable } from '@theia/core/shared/inversify';
import { MessageService } from '@theia/core/lib/common/message-service';
import { nls } from '@theia/core/lib/common/nls';
import type { Permission } from '@presswork/platform/lib/common/authority';
import { messageOf } from '@presswork/platform/lib/common/errors';
import { SafeConfirmDialog } from '@presswork/platform/lib/browser/safe-confirm-dialog';
import { JobActionContext, JobActionContribution, JobActionGroups } from '@presswork/platform/lib/common/job-action-contribution';
import type { JobRow } from '@presswork/platform/lib/common/job-row';
import { BatchService } from '../../common/batch/batch-protocol';
import { BatchCommands } from './batch-commands';
import { splitEnablement, waitingInBatchEnablement } from './batch-job-rules';
import { jobsWords } from './batch-words';
import { OpenBatchSizes } from './open-batch-sizes';

function batchesOf(jobs: readonly JobRow[]): string {
    return [...new Set(jobs.map(job => job.batchId).filter(Boolean))].sort().join(', ');
}

/** What the batch actions share: they act on the selected jobs through the batch service; a refusal is told naming the action. */
@injectable()
abstract class BatchJobAction implements JobActionContribution {
    abstract readonly id: string;
    abstract readonly label: string;
    abstract readonly order: string;
    readonly group = JobActionGroups.flow;
    readonly permission: Permission = 'jobs.act';

    @inject(BatchService) protected readonly service: BatchService;
    @inject(MessageService) protected readonly messages: MessageService;
    @inject(OpenBatchSizes) protected readonly sizes: OpenBatchSizes;

    /** The first More menu starts following the open batches' sizes, so that Split batch knows them by the time a batch job is selected. */
    enablement(context: JobActionContext): true | string {
        this.sizes.follow();
        return this.enablementOf(context.jobs);
    }

    protected abstract enablementOf(jobs: readonly JobRow[]): true | string;

    async run(context: JobActionContext): Promise<void> {
        try {
            await this.runOn(context.jobs);
        } catch (error) {
            this.messages.error(nls.localize('presswork/output/batchActionRefused', '{0}: {1}', this.label.replace('…', ''), messageOf(error)));
        }
    }

    protected abstract runOn(jobs: readonly JobRow[]): Promise<void>;
}

/** An action for jobs waiting in a batch, whichever batches they wait in. */
@injectable()
abstract class WaitingInBatchAction extends BatchJobAction {
    protected enablementOf(jobs: readonly JobRow[]): true | string {
        return waitingInBatchEnablement(jobs);
    }
}

/** More → Release batch now: the batches the selected jobs wait in are released, whatever their rules say. */
@injectable()
export class ReleaseBatchNowAction extends WaitingInBatchAction {
    readonly id = BatchCommands.RELEASE_NOW;
    readonly label = nls.localize('presswork/output/releaseBatchNow', 'Release batch now');
    readonly order = 'g1';

    protected async runOn(jobs: readonly JobRow[]): Promise<void> {
        await this.service.releaseBatchesOf(jobs.map(job => job.id));
        this.messages.info(nls.localize('presswork/output/batchReleased', 'Released: {0}', batchesOf(jobs)));
    }
}

/** More → Remove from batch…: the jobs leave their batch and each goes on alone; it asks first. */
@injectable()
export class RemoveFromBatchAction extends WaitingInBatchAction {
    readonly id = BatchCommands.REMOVE_FROM_BATCH;
    readonly label = nls.localize('presswork/output/removeFromBatch', 'Remove from batch…');
    readonly order = 'g2';

    protected async runOn(jobs: readonly JobRow[]): Promise<void> {
        const confirmed = await new SafeConfirmDialog({
            title: nls.localize('presswork/output/removeFromBatchTitle', 'Remove from batch'),
            msg: jobs.length === 1
                ? nls.localize('presswork/output/removeOneFromBatch', 'Take job {0} out of batch {1}? It goes on alone to the next step and prints by itself.', jobs[0].name, jobs[0].batchId!)
                : nls.localize('presswork/output/removeManyFromBatch', 'Take {0} out of {1}? Each goes on alone to the next step and prints by itself.', jobsWords(jobs.length), batchesOf(jobs)),
            ok: nls.localize('presswork/output/removeFromBatchOk', 'Remove from batch'),
            cancel: nls.localize('presswork/output/cancel', 'Cancel')
        }).open();
        if (confirmed) {
            await this.service.removeFromBatch(jobs.map(job => job.id));
        }
    }
}

/** More → Split batch: the selected jobs (some of one batch) move to a new batch with the same keys and rules. */
@injectable()
export class SplitBatchAction extends BatchJobAction {
    readonly id = BatchCommands.SPLIT_BATCH;
    readonly label = nls.localize('presswork/output/splitBatch', 'Split batch');
    readonly order = 'g3';

    protected enablementOf(jobs: readonly JobRow[]): true | string {
        return splitEnablement(jobs, batchId => this.sizes.sizeOf(batchId));
    }

    protected async runOn(jobs: readonly JobRow[]): Promise<void> {
        const { batchId } = await this.service.splitBatch(jobs.map(job => job.id));
        this.messages.info(nls.localize('presswork/output/batchSplit', 'Split: {0} moved from {1} to the new batch {2}', jobsWords(jobs.length), batchesOf(jobs), batchId));
    }
}
