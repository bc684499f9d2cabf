import { inject, injectable, named } from '@theia/core/shared/inversify';
import { ILogger } from '@theia/core/lib/common/logger';
import type { Disposable } from '@theia/core/lib/common/disposable';
import type { BackendApplicationContribution } from '@theia/core/lib/node/backend-application';
import { ContinuedJobs, JobFlow } from '@presswork/platform/lib/common/job-flow';
import { messageOf } from '@presswork/platform/lib/common/errors';
import type { Job } from '@presswork/platform/lib/common/job-schema';
import type { Order } from '@presswork/platform/lib/common/order-schema';
import { ActivityTypes } from '@presswork/platform/lib/common/well-known';
import { CollectionNames } from '@presswork/platform/lib/common/collection-names';
import { DocumentStore } from '@presswork/platform/lib/node/store/document-store';
import { OrdersCollection } from '@presswork/platform/lib/node/store/platform-collections';
import { PlatformReady } from '@presswork/platform/lib/node/platform-startup';
import { WorkOwnership } from '@presswork/platform/lib/node/cluster/work-ownership';
import { listenToOrderPartitions, ordersIn } from '@presswork/platform/lib/node/cluster/order-partition-listener';
import { WAITING_FOR_CLOSEOUT } from '@presswork/platform/lib/common/job-status';

export function isWaitingForCloseout(job: Job): boolean {
    return job.state === WAITING_FOR_CLOSEOUT && job.currentActivity === ActivityTypes.closeoutOrder;
}

/**
 * Moves on every job of a closed order that still waits at Closeout Order, for the orders this
 * server owns (WorkOwnership). It follows the store: the write that closes an order (on any
 * server), a job that reaches the step of an order closed meanwhile, and, as an order partition is
 * gained (at start, or taken over from a server that died), its orders closed before. That is the
 * only path: the closeout runner does not call it. Each pass releases the order's waiting jobs in one durable write of the order. Passes over
 * one order never overlap, and a pass asked for while one runs follows it, so a job is continued
 * once.
 */
@injectable()
export class WaitingJobReleaser implements BackendApplicationContribution {
    @inject(DocumentStore) protected readonly store: DocumentStore;
    @inject(JobFlow) protected readonly jobFlow: JobFlow;
    @inject(PlatformReady) protected readonly platform: PlatformReady;
    @inject(WorkOwnership) protected readonly ownership: WorkOwnership;
    @inject(ILogger) @named('closeout:WaitingJobReleaser') protected readonly logger: ILogger;

    /** Per order: the pass that runs, and whether another is to follow it. */
    protected readonly passes = new Map<string, { readonly done: Promise<void>; again: boolean }>();
    protected subscription: Disposable | undefined;
    protected ownershipListener: Disposable | undefined;
    protected started: Promise<void> | undefined;

    onStart(): void {
        this.start().catch(error => this.logger.error('Jobs of closed orders could not be released', error));
    }

    onStop(): void {
        this.subscription?.dispose();
        this.ownershipListener?.dispose();
    }

    /** Follows the store, then releases what a stop left waiting in the partitions owned. Resolves once no release is under way. */
    async start(): Promise<void> {
        this.started ??= this.doStart();
        await this.started;
        await this.idle();
    }

    /** Resolves when no pass runs: for tests and benchmarks. */
    async idle(): Promise<void> {
        while (this.passes.size > 0) {
            await Promise.all([...this.passes.values()].map(pass => pass.done));
        }
    }

    protected async doStart(): Promise<void> {
        await this.platform.whenReady;
        this.subscription = this.store.onDidChange(change => {
            const order = change.collection === CollectionNames.orders ? change.document as Order | undefined : undefined;
            if (order?.closed && order.jobs.some(isWaitingForCloseout) && this.ownership.ownsOrder(order.id)) {
                this.releaseLogged(order);
            }
        });
        // The partitions held already come at once: the start's releases are waited for.
        let atStart: Promise<unknown> = Promise.resolve();
        this.ownershipListener = listenToOrderPartitions(this.ownership, {
            gained: partitions => {
                const closed = ordersIn(this.store, partitions).filter(order => order.closed && order.jobs.some(isWaitingForCloseout));
                atStart = Promise.all(closed.map(order => this.releaseLogged(order)));
            }
        });
        await atStart;
    }

    protected releaseLogged(order: Order): Promise<void> {
        return this.release(order.id).catch(error => this.logger.error(`Jobs of order ${order.orderNumber} could not be released`, error));
    }

    /** Continues every job of the order still waiting at Closeout Order, in one pass at a time. */
    release(orderId: string): Promise<void> {
        const running = this.passes.get(orderId);
        if (running) {
            running.again = true;
            return running.done;
        }
        const pass = { done: this.passesOver(orderId), again: false };
        this.passes.set(orderId, pass);
        return pass.done;
    }

    protected async passesOver(orderId: string): Promise<void> {
        await Promise.resolve(); // the pass is registered before it reads the order
        try {
            let pass = this.passes.get(orderId);
            do {
                if (pass) {
                    pass.again = false;
                }
                await this.releaseWaiting(orderId);
                pass = this.passes.get(orderId);
            } while (pass?.again);
        } finally {
            this.passes.delete(orderId);
        }
    }

    /**
     * One pass: the waiting jobs move on in one write of the order (JobFlow.continueJobs). A job
     * that moved on meanwhile is left alone; a refusal is logged, not thrown.
     */
    protected async releaseWaiting(orderId: string): Promise<void> {
        const order = this.store.get(OrdersCollection, orderId);
        const waiting = order?.closed ? order.jobs.filter(isWaitingForCloseout).map(job => job.id) : [];
        if (!order || waiting.length === 0) {
            return;
        }
        const by = order.closeout?.closedBy ?? 'Presswork';
        let skipped: ContinuedJobs['skipped'];
        try {
            ({ skipped } = await this.jobFlow.continueJobs(orderId, waiting, by, ActivityTypes.closeoutOrder));
        } catch (error) {
            // The next write of the order, or the next start, tries again.
            this.logger.warn(`The jobs of order ${order.orderNumber} were not released from Closeout Order: ${messageOf(error)}`);
            return;
        }
        for (const { jobId, reason } of skipped) {
            this.logger.warn(`Job ${jobId} was not released from Closeout Order: ${reason}`);
        }
    }
}
