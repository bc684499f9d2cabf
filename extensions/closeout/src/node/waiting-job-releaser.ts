import { inject, injectable, named } from '@theia/core/shared/inversify';
import { ILogger } from '@theia/core/lib/common/logger';
import type { Disposable } from '@theia/core/lib/common/disposable';
import type { BackendApplicationContribution } from '@theia/core/lib/node/backend-application';
import { JobFlow } from '@presswork/platform/lib/common/job-flow';
import type { Job } from '@presswork/platform/lib/common/job-schema';
import type { Order } from '@presswork/platform/lib/common/order-schema';
import { ActivityTypes } from '@presswork/platform/lib/common/well-known';
import { CollectionNames } from '@presswork/platform/lib/common/collection-names';
import { messageOf } from '@presswork/platform/lib/common/errors';
import { DocumentStore } from '@presswork/platform/lib/node/store/document-store';
import { OrdersCollection } from '@presswork/platform/lib/node/store/platform-collections';
import { PlatformReady } from '@presswork/platform/lib/node/platform-startup';
import { WAITING_FOR_CLOSEOUT } from '@presswork/platform/lib/common/job-status';

export function isWaitingForCloseout(job: Job): boolean {
    return job.state === WAITING_FOR_CLOSEOUT && job.currentActivity === ActivityTypes.closeoutOrder;
}

/**
 * Moves on every job of a closed order that still waits at Closeout Order: right after the close,
 * for a job that reached the step while the order was being closed (the store announces that
 * write), and at start for a backend stopped between closing an order and releasing its jobs.
 */
@injectable()
export class WaitingJobReleaser implements BackendApplicationContribution {
    @inject(DocumentStore) protected readonly store: DocumentStore;
    @inject(JobFlow) protected readonly jobFlow: JobFlow;
    @inject(PlatformReady) protected readonly platform: PlatformReady;
    @inject(ILogger) @named('closeout:WaitingJobReleaser') protected readonly logger: ILogger;

    protected readonly inFlight = new Map<string, Promise<void>>();
    protected subscription: Disposable | undefined;
    protected started: Promise<void> | undefined;

    onStart(): void {
        this.start().catch(error => this.logger.error('Jobs of closed orders could not be released', error));
    }

    onStop(): void {
        this.subscription?.dispose();
    }

    /** Follows the store, then releases what a stop left waiting. Resolves once those are released. */
    start(): Promise<void> {
        this.started ??= this.doStart();
        return this.started;
    }

    protected async doStart(): Promise<void> {
        await this.platform.whenReady;
        this.subscription = this.store.onDidChange(change => {
            const order = change.collection === CollectionNames.orders ? change.document as Order | undefined : undefined;
            if (order?.closed && order.jobs.some(isWaitingForCloseout)) {
                this.release(order.id).catch(error => this.logger.error(`Jobs of order ${order.orderNumber} could not be released`, error));
            }
        });
        const closed = [...this.store.all(OrdersCollection)].filter(order => order.closed && order.jobs.some(isWaitingForCloseout));
        await Promise.all(closed.map(order => this.release(order.id)));
    }

    /**
     * Continues every job of the order waiting at Closeout Order, once each (a job already being
     * released is not released twice). A job that moved on meanwhile is left alone.
     */
    async release(orderId: string): Promise<void> {
        const order = this.store.get(OrdersCollection, orderId);
        if (!order?.closed) {
            return;
        }
        const by = order.closeout?.closedBy ?? 'Presswork';
        await Promise.all(order.jobs.filter(isWaitingForCloseout).map(job => this.releaseJob(job.id, by)));
    }

    protected releaseJob(jobId: string, by: string): Promise<void> {
        let pending = this.inFlight.get(jobId);
        if (!pending) {
            pending = this.jobFlow.continueJob(jobId, by, ActivityTypes.closeoutOrder)
                .catch(error => this.logger.warn(`Job ${jobId} was not released from Closeout Order: ${messageOf(error)}`))
                .finally(() => this.inFlight.delete(jobId));
            this.inFlight.set(jobId, pending);
        }
        return pending;
    }
}
