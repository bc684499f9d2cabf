import { inject, injectable } from '@theia/core/shared/inversify';
import debounce = require('@theia/core/shared/lodash.debounce');
import { ChangeFeedService } from '@presswork/platform/lib/browser/change-feed-service';
import { OutputCollectionNames } from '../../common/output-collections';
import { BatchService } from '../../common/batch/batch-protocol';

/** Open batches come first in the list; more than this many open at once is not expected. */
const OPEN_BATCHES_READ = 500;

/**
 * How many jobs each open batch holds, kept live from the change feed once followed, so that
 * Split batch can say at once that a selection is the whole batch. Unknown (not read yet, or the
 * read failed) answers undefined: the backend checks again anyway.
 */
@injectable()
export class OpenBatchSizes {
    @inject(BatchService) protected readonly service: BatchService;
    @inject(ChangeFeedService) protected readonly changeFeed: ChangeFeedService;

    protected sizes = new Map<string, number>();
    protected following = false;
    protected readonly readSoon = debounce(() => this.read(), 200);

    sizeOf(batchId: string): number | undefined {
        this.follow();
        return this.sizes.get(batchId);
    }

    /** Starts following the open batches (once). */
    follow(): void {
        if (this.following) {
            return;
        }
        this.following = true;
        this.changeFeed.watch(OutputCollectionNames.batches, () => this.readSoon(), { documents: false });
        this.changeFeed.onDidReconnect(() => this.readSoon());
        this.read();
    }

    protected async read(): Promise<void> {
        try {
            const page = await this.service.listBatches(0, OPEN_BATCHES_READ);
            this.sizes = new Map(page.batches.filter(batch => batch.state === 'open').map(batch => [batch.id, batch.members.length]));
        } catch {
            this.sizes = new Map();
        }
    }
}
