import { inject, injectable } from '@theia/core/shared/inversify';
import { FINISHED_JOB_STATES } from '@presswork/platform/lib/common/job-status';
import { DocumentStore } from '@presswork/platform/lib/node/store/document-store';
import { ConnectionsCollection, OrdersCollection, WorkflowsCollection } from '@presswork/platform/lib/node/store/platform-collections';
import { JobQuerySchema } from '../../common/job-query';
import type { JobCounts, JobFacetChoices, JobQuery, JobWindow, JobWindowRequest, OrderSummary } from '../../common/job-query';
import type { JobQueryService } from '../../common/jobs-protocol';
import { customerNameOf } from './indexed-job';
import { JobRowIndex } from './job-row-index';
import { WAITING_FOR_CLOSEOUT } from '@presswork/platform/lib/common/job-status';
import { closedOutElsewhere, distinctShipTo } from '@presswork/platform/lib/common/ship-to';

const byName = (a: { name: string }, b: { name: string }): number => a.name.localeCompare(b.name);

/** The pod's reads, for one browser connection (the guard has checked authority and input). */
@injectable()
export class JobQueryServiceImpl implements JobQueryService {
    @inject(JobRowIndex) protected readonly index: JobRowIndex;
    @inject(DocumentStore) protected readonly store: DocumentStore;

    async window(request: JobWindowRequest): Promise<JobWindow> {
        await this.index.whenReady();
        return this.index.window(request);
    }

    /** Names only: a connection's tokens never leave the backend. */
    async facetChoices(): Promise<JobFacetChoices> {
        await this.store.ready;
        return {
            workflows: [...this.store.all(WorkflowsCollection)].map(({ id, name }) => ({ id, name })).sort(byName),
            connections: [...this.store.all(ConnectionsCollection)].map(({ id, name }) => ({ id, name })).sort(byName)
        };
    }

    async counts(): Promise<JobCounts> {
        await this.index.whenReady();
        return this.index.counts();
    }

    async orderSummary(orderId: string): Promise<OrderSummary | undefined> {
        await this.index.whenReady();
        const order = this.store.get(OrdersCollection, orderId);
        if (!order) {
            return undefined;
        }
        const jobs = this.index.rowsOf(order);
        return {
            id: order.id,
            orderNumber: order.orderNumber,
            customer: customerNameOf(order),
            createDate: order.createDate,
            paymentMethod: order.paymentMethod,
            closed: order.closed,
            closedBy: order.closeout?.closedBy,
            closedAt: order.closeout?.closedAt,
            jobs,
            readyForCloseout: jobs.filter(job => job.state === WAITING_FOR_CLOSEOUT || FINISHED_JOB_STATES.has(job.state)).length,
            shipToAddresses: distinctShipTo(order).length,
            closeOutInMarcomCentral: closedOutElsewhere(order)
        };
    }

    async matchingJobIds(query: JobQuery, jobIds: string[]): Promise<string[]> {
        await this.index.whenReady();
        const checked = JobQuerySchema.parse(query);
        return jobIds.filter(jobId => this.index.matches(checked, jobId));
    }
}
