import * as React from '@theia/core/shared/react';
import { inject, injectable, postConstruct } from '@theia/core/shared/inversify';
import { nls } from '@theia/core/lib/common/nls';
import { CurrentUserService } from '@presswork/platform/lib/browser/account/current-user-service';
import { PressworkViewWidget } from '@presswork/platform/lib/browser/presswork-view-widget';
import { BatchService, BatchView } from '../../common/batch/batch-protocol';
import { OutputCollectionNames } from '../../common/output-collections';
import { BatchCard } from './batch-card';
import { jobsWords } from './batch-words';

/** Batches read at first; Show more reads this many more, up to the service's page limit. */
const PAGE = 100;
const MOST = 500;
/** The ages of open batches are written again this often. */
const AGE_TICK_MS = 30_000;

/**
 * The Batches view: open batches (what they group, how full, how long open, what releases them
 * next) with Release batch now and Split batch, then released ones with their output, printer and
 * printer job; each with its jobs and its log. Follows the batches through the change feed.
 */
@injectable()
export class BatchesWidget extends PressworkViewWidget {
    static readonly ID = 'presswork-batches';
    static readonly LABEL = nls.localize('presswork/output/batches', 'Batches');

    @inject(BatchService) protected readonly service: BatchService;
    @inject(CurrentUserService) protected readonly currentUser: CurrentUserService;

    protected batches: readonly BatchView[] = [];
    protected total = 0;
    protected limit = PAGE;
    protected now = Date.now();
    /** Per open batch, the jobs ticked for Split batch. */
    protected ticked = new Map<string, Set<string>>();

    @postConstruct()
    protected init(): void {
        const timer = setInterval(() => {
            this.now = Date.now();
            this.update();
        }, AGE_TICK_MS);
        this.toDispose.push({ dispose: () => clearInterval(timer) });
        this.setUpView({ id: BatchesWidget.ID, label: BatchesWidget.LABEL, icon: 'layers', collections: [OutputCollectionNames.batches] });
    }

    protected async load(): Promise<void> {
        await this.currentUser.load();
        const page = await this.service.listBatches(0, this.limit);
        this.batches = page.batches;
        this.total = page.total;
        this.now = Date.now();
        this.forgetTicksOfGoneJobs();
    }

    /** A tick stays only on a job still in its open batch. */
    protected forgetTicksOfGoneJobs(): void {
        const open = new Map(this.batches.filter(batch => batch.state === 'open').map(batch => [batch.id, new Set(batch.members.map(member => member.jobId))]));
        for (const [batchId, jobIds] of this.ticked) {
            const members = open.get(batchId);
            const kept = new Set([...jobIds].filter(jobId => members?.has(jobId)));
            if (kept.size) {
                this.ticked.set(batchId, kept);
            } else {
                this.ticked.delete(batchId);
            }
        }
    }

    protected render(): React.ReactNode {
        const open = this.batches.filter(batch => batch.state === 'open');
        const released = this.batches.filter(batch => batch.state === 'released');
        return <div className='presswork-view presswork-batches'>
            {this.renderError()}
            <section aria-label={nls.localize('presswork/output/openBatches', 'Open batches')}>
                <h3>{nls.localize('presswork/output/openBatches', 'Open batches')}</h3>
                {open.length ? this.renderCards(open) : <p>{nls.localize('presswork/output/noOpenBatches', 'No batch is open: jobs gather in a batch at a workflow\'s Batch step.')}</p>}
            </section>
            <section aria-label={nls.localize('presswork/output/releasedBatches', 'Released batches')}>
                <h3>{nls.localize('presswork/output/releasedBatches', 'Released batches')}</h3>
                {released.length ? this.renderCards(released) : <p>{nls.localize('presswork/output/noReleasedBatches', 'No batch released yet.')}</p>}
            </section>
            {this.total > this.batches.length && <p className='presswork-form-help'>
                {nls.localize('presswork/output/batchesShown', 'Showing {0} of {1} batches.', this.batches.length, this.total)}{' '}
                {this.limit < MOST && <button className='theia-button secondary' onClick={this.showMore}>{nls.localize('presswork/output/batchesShowMore', 'Show more')}</button>}
            </p>}
        </div>;
    }

    protected renderCards(batches: readonly BatchView[]): React.ReactNode {
        const acts = this.currentUser.can('jobs.act');
        return <div className='presswork-batch-cards' role='list'>
            {batches.map(batch => <BatchCard key={batch.id} batch={batch} now={this.now} acts={acts}
                ticked={this.ticked.get(batch.id) ?? new Set()}
                onTick={(jobId, ticked) => this.tick(batch.id, jobId, ticked)}
                onRelease={() => this.act(() => this.service.releaseNow(batch.id))}
                onSplit={() => this.split(batch)} />)}
        </div>;
    }

    protected showMore = (): void => {
        this.limit = Math.min(MOST, this.limit + PAGE);
        this.reload();
    };

    protected tick(batchId: string, jobId: string, ticked: boolean): void {
        const jobIds = new Set(this.ticked.get(batchId));
        if (ticked) {
            jobIds.add(jobId);
        } else {
            jobIds.delete(jobId);
        }
        this.ticked.set(batchId, jobIds);
        this.update();
    }

    protected async split(batch: BatchView): Promise<void> {
        const jobIds = [...this.ticked.get(batch.id) ?? []];
        await this.act(async () => {
            const { batchId } = await this.service.splitBatch(jobIds);
            this.ticked.delete(batch.id);
            this.messages.info(nls.localize('presswork/output/batchSplit', 'Split: {0} moved from {1} to the new batch {2}', jobsWords(jobIds.length), batch.id, batchId));
        });
    }
}
