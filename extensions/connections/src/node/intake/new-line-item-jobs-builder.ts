import { inject, injectable } from '@theia/core/shared/inversify';
import type { Job, LineItem, NewLineItemJobs, Order } from '@presswork/platform/lib/common';
import { DocumentStore } from '@presswork/platform/lib/node/store/document-store';
import { ProductionTemplatesCollection } from '@presswork/platform/lib/node/store/platform-collections';
import { buildLineJobs } from './job-builder';

/** Jobs for line items found after intake (closeout's Refresh), from the same builder and templates as intake's. */
@injectable()
export class NewLineItemJobsBuilder implements NewLineItemJobs {
    @inject(DocumentStore) protected readonly store: DocumentStore;

    jobsFor(order: Readonly<Omit<Order, 'version'>>, lines: readonly LineItem[], now: Date): Job[] {
        return buildLineJobs(order, lines, [...this.store.all(ProductionTemplatesCollection)], now, order.jobs);
    }
}
