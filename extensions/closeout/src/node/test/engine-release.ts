import type { ReceivedOrder } from '@presswork/platform/lib/common';
import type { Order } from '@presswork/platform/lib/common/order-schema';
import { ActivityTypes } from '@presswork/platform/lib/common/well-known';
import type { DocumentStore } from '@presswork/platform/lib/node/store/document-store';
import { OrdersCollection, WorkflowsCollection } from '@presswork/platform/lib/node/store/platform-collections';
import { workflowDocument } from '@presswork/platform/lib/node/store/test/sample-documents';
import { WORKFLOW_COLLECTIONS } from '@presswork/workflow/lib/node/workflow-collections';
import type { WorkflowEngine } from '@presswork/workflow/lib/node/engine/workflow-engine';
import { engineOver } from '@presswork/workflow/lib/node/engine/test/engine-fixture';
import { CloseoutOrderActivityContribution } from '../closeout-order-activity';
import { isWaitingForCloseout } from '../waiting-job-releaser';
import { CloseoutFixture, FixtureOptions, WAITING_JOB, storedOrder } from './closeout-fixture';

/** A workflow whose last step is Closeout Order: a job released from it is Complete, and the engine has nothing more to run. */
export const CLOSING_WORKFLOW_ID = 'closing';

/**
 * The closeout backend (CloseoutFixture) with the real workflow engine, running the real Closeout
 * Order activity over the fixture's store, as the releaser's JobFlow: as the backend wires them.
 */
export async function openWithEngine(options: FixtureOptions): Promise<{ fixture: CloseoutFixture; engine: WorkflowEngine }> {
    const made: { engine?: WorkflowEngine } = {};
    const fixture = await CloseoutFixture.open({
        ...options,
        collections: WORKFLOW_COLLECTIONS,
        releaseWith: (store, folder) => made.engine = engineOver(store, folder, [new CloseoutOrderActivityContribution()])
    });
    if (!fixture.store.get(WorkflowsCollection, CLOSING_WORKFLOW_ID)) {
        const closing = workflowDocument(CLOSING_WORKFLOW_ID);
        await fixture.store.create(WorkflowsCollection, {
            ...closing, phases: { ...closing.phases, Complete: [{ id: WAITING_JOB.stepId!, activity: ActivityTypes.closeoutOrder, properties: {} }] }
        });
    }
    await made.engine!.start();
    return { fixture, engine: made.engine! };
}

/** Stores an order whose jobs (one a line) wait at the closing workflow's Closeout Order step. */
export function addWaitingOrder(fixture: CloseoutFixture, received: ReceivedOrder, id: string): Promise<Order> {
    const order = storedOrder(received, id, fixture.connection.id);
    return fixture.store.create(OrdersCollection, { ...order, jobs: order.jobs.map(job => ({ ...job, workflowId: CLOSING_WORKFLOW_ID })) });
}

/** When an order was closed and when its waiting jobs were released, read from the store's committed writes. */
export interface ReleaseTiming {
    readonly closedAt: number;
    readonly releasedAt: number;
    /** Writes of the order that released at least one of its waiting jobs. */
    readonly releaseWrites: number;
}

/** Resolves once the order is closed and none of its jobs waits at Closeout Order any more. */
export function watchRelease(store: DocumentStore, orderId: string): Promise<ReleaseTiming> {
    return new Promise(resolve => {
        let closedAt: number | undefined;
        let waiting = store.get(OrdersCollection, orderId)?.jobs.filter(isWaitingForCloseout).length ?? 0;
        let releaseWrites = 0;
        const subscription = store.onDidChange(change => {
            const order = change.id === orderId && change.collection === OrdersCollection.name ? change.document as Order | undefined : undefined;
            if (!order) {
                return;
            }
            const now = performance.now();
            const stillWaiting = order.jobs.filter(isWaitingForCloseout).length;
            releaseWrites += stillWaiting < waiting ? 1 : 0;
            waiting = stillWaiting;
            closedAt ??= order.closed ? now : undefined;
            if (closedAt !== undefined && waiting === 0) {
                subscription.dispose();
                resolve({ closedAt, releasedAt: now, releaseWrites });
            }
        });
    });
}

/** The release as it was before the batch continue: one continueJob (one write of the order) a waiting job. Resolves to its milliseconds. */
export async function releasedJobByJob(flow: Pick<WorkflowEngine, 'continueJob'>, store: DocumentStore, orderId: string, by: string): Promise<number> {
    const waiting = store.get(OrdersCollection, orderId)!.jobs.filter(isWaitingForCloseout);
    const start = performance.now();
    await Promise.all(waiting.map(job => flow.continueJob(job.id, by, ActivityTypes.closeoutOrder)));
    return performance.now() - start;
}
