import { inject, injectable } from '@theia/core/shared/inversify';
import type { Order } from '@presswork/platform/lib/common/order-schema';
import type { ChangeFeedProjection } from '@presswork/platform/lib/node/change-feed/change-feed-projection';
import { JOB_ROWS_FEED } from '../../common/jobs-protocol';
import type { OrderRowsDelta } from '../../common/jobs-protocol';
import { JobRowIndex } from './job-row-index';

/**
 * Orders go to the browsers of everyone who sees Operations as the rows of their jobs, nothing
 * else of the order (no customer address, no card data). A deletion travels without a document:
 * the pod drops the rows of that order.
 */
@injectable()
export class OrderRowsProjection implements ChangeFeedProjection {
    readonly collection = JOB_ROWS_FEED;
    readonly permission = 'operations.view' as const;

    @inject(JobRowIndex) protected readonly index: JobRowIndex;

    /** The hub projects a change once per browser; the rows are worked out once per document. */
    protected readonly projected = new WeakMap<object, OrderRowsDelta>();

    project(document: Order): OrderRowsDelta {
        let delta = this.projected.get(document);
        if (!delta) {
            delta = { rows: this.index.rowsOf(document) };
            this.projected.set(document, delta);
        }
        return delta;
    }
}
