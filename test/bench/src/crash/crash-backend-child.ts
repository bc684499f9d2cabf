import 'reflect-metadata';
import type { Order } from '@presswork/platform/lib/common/order-schema';
import { DocumentStore, FileDocumentStore, OrdersCollection, PLATFORM_COLLECTIONS } from '@presswork/platform/lib/node/store';
import { ConnectionStatesCollection } from '@presswork/connections/lib/node/connection-collections';
import { MarcomCentralClient } from '@presswork/connections/lib/node/marcomcentral';
import { MarcomCentralConnectionType } from '@presswork/connections/lib/node/marcomcentral-connection-type';
import { WorkflowEngine } from '@presswork/workflow/lib/node/engine/workflow-engine';
import { inject } from '@presswork/platform/lib/node/test/inject';
import { openWithEngine } from '@presswork/closeout/lib/node/test/engine-release';
import { CountingLogger, engineContainer, engineFolders } from '../engine-backend';
import { INTAKE_CONNECTION_ID, openIntakeBackend } from '../intake-backend';
import type { BatchWork, CloseoutWork, CrashBackendMessage, CrashBackendRequest, EngineWork, GroupCommitWork, IntakeWork, NotifyWork, PrintWork } from './crash-protocol';
import { arriveOrders, loadArrivals } from '../batch/batch-fixture';
import { DeliveriesCollection } from '@presswork/notifications/lib/node/notifications-collections';
import { DeliveryRetention } from '@presswork/notifications/lib/node/rules/delivery-retention';
import { endpointDeliveryId, ensureEndpoint, notificationsContainer, notifyEvent, startNotifications } from '../notify/notify-backend';
import { sampleUser } from '@presswork/platform/lib/node/store/test/sample-documents';
import { pressworkContainer, startBackend } from '../print/print-backend';
import { printEndOf } from '../print/print-outcome';
import { closeoutInput, groupCommitDocument, groupCommitIds, isAtWorkflowEnd } from './crash-expectations';

/**
 * A Presswork backend for the crash tests: the real services over a data folder, doing one kind of
 * work until it is done. The parent kills it (SIGKILL) at random instants and starts it again on
 * the same folder; each start carries on from what the store holds, as a restarted server would.
 */
async function main(): Promise<void> {
    const request = JSON.parse(process.argv[2]) as CrashBackendRequest;
    const failures = request.kind === 'intake' ? await runIntake(request)
        : request.kind === 'engine' ? await runEngine(request)
            : request.kind === 'group-commit' ? await runGroupCommit(request)
            : request.kind === 'print' ? await runPrint(request)
            : request.kind === 'batch' ? await runBatch(request)
                : request.kind === 'notify' ? await runNotify(request)
                    : await runCloseouts(request);
    await send({ kind: 'done', failures });
    process.disconnect();
}

function send(message: CrashBackendMessage): Promise<void> {
    return new Promise((resolve, reject) => process.send!(message, error => error ? reject(error) : resolve()));
}

function opened(store: DocumentStore & Pick<FileDocumentStore, 'problems'>): Promise<void> {
    return send({ kind: 'opened', problems: store.problems.map(problem => `${problem.collection}/${problem.id}: ${problem.reason}`) });
}

/** One poll of the whole window (the watermark decides what a restart asks for again). */
async function runIntake(work: IntakeWork): Promise<string[]> {
    const pollAt = new Date(work.pollAt);
    const backend = await openIntakeBackend(work.folder, work.endpoint, () => pollAt, 30 * 24 * 3_600_000);
    await opened(backend.store);
    await backend.poller.pollNow(INTAKE_CONNECTION_ID);
    backend.poller.onStop();
    await backend.poller.idle();
    const state = backend.store.get(ConnectionStatesCollection, INTAKE_CONNECTION_ID);
    await backend.store.close();
    return state?.status.state === 'ok' ? [] : [`the poll did not succeed: ${state?.status.message ?? 'no state recorded'}`];
}

/** The engine over the store, until every job reached the end of its workflow (or went to Error, or time ran out). */
async function runEngine(work: EngineWork): Promise<string[]> {
    const folders = engineFolders(work.folder);
    const logger = new CountingLogger();
    const container = engineContainer(folders.data, work.concurrency, logger);
    const store = container.get<FileDocumentStore>(DocumentStore);
    await store.ready;
    await opened(store);
    const engine = container.get(WorkflowEngine);
    const failures: string[] = [];
    const atEnd = new Set<string>();
    const finished = new Promise<void>(resolve => {
        const follow = (order: Order): void => {
            for (const job of order.jobs) {
                if (isAtWorkflowEnd(job)) {
                    atEnd.add(job.id);
                } else {
                    atEnd.delete(job.id);
                }
                if (job.state === 'Error') {
                    failures.push(`job ${job.id} went to Error: ${job.log[job.log.length - 1]?.message}`);
                    resolve();
                }
            }
            if (atEnd.size >= work.jobs) {
                resolve();
            }
        };
        store.onDidChange(change => change.collection === OrdersCollection.name && change.document && follow(change.document as Order));
        [...store.all(OrdersCollection)].forEach(follow);
        setTimeout(() => {
            failures.push(`${atEnd.size} of ${work.jobs} jobs reached the end in ${work.timeoutMs / 1000} s`);
            resolve();
        }, work.timeoutMs).unref();
    });
    await engine.start();
    await finished;
    await engine.stop();
    await store.close();
    return failures;
}

/**
 * Many writers at once on one store (its group commit): each writer takes its documents in turn,
 * creating each at version 1 and then changing it one version at a time until it is at
 * `work.versions`. Every write the store acknowledged is reported at once (a tick's writes together),
 * so the parent knows, at the kill, which writes must be on disk.
 */
async function runGroupCommit(work: GroupCommitWork): Promise<string[]> {
    const store = new FileDocumentStore({ folder: work.folder, collections: PLATFORM_COLLECTIONS });
    await store.ready;
    await opened(store);
    let acknowledged: [string, number][] = [];
    const report = (id: string, version: number): void => {
        if (acknowledged.length === 0) {
            setImmediate(() => {
                const writes = acknowledged;
                acknowledged = [];
                process.send!({ kind: 'acknowledged', writes } satisfies CrashBackendMessage);
            });
        }
        acknowledged.push([id, version]);
    };
    const ids = groupCommitIds(work.documents);
    const failures: string[] = [];
    await Promise.all(Array.from({ length: work.writers }, async (_, writer) => {
        const mine = ids.filter((_id, index) => index % work.writers === writer);
        for (let busy = true; busy && failures.length === 0;) {
            busy = false;
            for (const id of mine) {
                const current = store.get(OrdersCollection, id);
                if (current && current.version >= work.versions) {
                    continue;
                }
                busy = true;
                try {
                    const written = current
                        ? await store.update(OrdersCollection, groupCommitDocument(id, current.version + 1, current.version))
                        : await store.create(OrdersCollection, groupCommitDocument(id, 1));
                    report(id, written.version);
                } catch (error) {
                    failures.push(`writing ${id}: ${error instanceof Error ? error.message : String(error)}`);
                    return;
                }
            }
        }
    }));
    await store.close();
    // The last tick's acknowledgements go out before `done`.
    await new Promise(resolve => setImmediate(resolve));
    return failures;
}

/**
 * The backend as `npm start` composes it (engine, printer monitor and follower) over the store,
 * until every job printed (Retained) or waits for an operator because the printer lost it.
 */
function runPrint(work: PrintWork): Promise<string[]> {
    return runPrintingBackend(work);
}

/** The backend as for print, while the orders not yet in the store arrive one after another. */
async function runBatch(work: BatchWork): Promise<string[]> {
    const { orders } = await loadArrivals(work.folder);
    return runPrintingBackend(work, store => arriveOrders(store, orders, { concurrency: 1, pauseMs: work.arrivalPauseMs }));
}

/** Runs the backend over the work's folder until its `jobs` jobs ended (printEndOf); `whileRunning` once it started. */
async function runPrintingBackend(work: Pick<PrintWork, 'folder' | 'jobs' | 'timeoutMs'>, whileRunning?: (store: DocumentStore) => Promise<unknown>): Promise<string[]> {
    const logger = new CountingLogger();
    const container = pressworkContainer(engineFolders(work.folder).data, logger);
    const store = container.get<FileDocumentStore>(DocumentStore);
    await store.ready;
    await opened(store);
    const failures: string[] = [];
    const ended = new Set<string>();
    const finished = new Promise<void>(resolve => {
        const follow = (order: Order): void => {
            for (const job of order.jobs) {
                if (printEndOf(job)) {
                    ended.add(job.id);
                } else {
                    ended.delete(job.id);
                }
                if (job.state === 'Error') {
                    failures.push(`job ${job.id} went to Error: ${job.log[job.log.length - 1]?.message}`);
                    resolve();
                }
            }
            if (ended.size >= work.jobs) {
                resolve();
            }
        };
        store.onDidChange(change => change.collection === OrdersCollection.name && change.document && follow(change.document as Order));
        [...store.all(OrdersCollection)].forEach(follow);
        setTimeout(() => {
            failures.push(`${ended.size} of ${work.jobs} jobs printed or wait for an operator after ${work.timeoutMs / 1000} s`);
            resolve();
        }, work.timeoutMs).unref();
    });
    const backend = await startBackend(container, logger, { ...sampleUser('crash-administrator', 'crash'), authority: 'Administrator' });
    await whileRunning?.(store);
    await finished;
    await backend.stop();
    return failures;
}

/** Events published a call at a time: kills land between and during appends. */
const NOTIFY_PUBLISH_BATCH = 20;

/**
 * Notifications over the store: the endpoint made once, every event of the fixture published
 * (again: the journal keeps what a start before the kill journaled, by id), until each one's
 * delivery to the endpoint is recorded as delivered.
 */
async function runNotify(work: NotifyWork): Promise<string[]> {
    const container = notificationsContainer(work.folder, new CountingLogger());
    // The run is over when every delivery is in the log as delivered: pruning the log to 1,000 a source at a restart would hide some.
    container.get(DeliveryRetention).keepPerSource = Number.MAX_SAFE_INTEGER;
    const running = await startNotifications(container, async store => {
        await opened(store);
        await ensureEndpoint(container, store, work.webhookUrl);
    });
    const failures: string[] = [];
    for (let first = 0; first < work.events; first += NOTIFY_PUBLISH_BATCH) {
        const count = Math.min(NOTIFY_PUBLISH_BATCH, work.events - first);
        await running.publisher.publish(Array.from({ length: count }, (_, offset) => notifyEvent(first + offset)));
    }
    const deadline = Date.now() + work.timeoutMs;
    const undelivered = (): number => Array.from({ length: work.events }, (_, index) => endpointDeliveryId(index))
        .filter(id => running.store.get(DeliveriesCollection, id)?.state !== 'delivered').length;
    for (let left = undelivered(); left > 0; left = undelivered()) {
        if (Date.now() > deadline) {
            failures.push(`${left} of ${work.events} deliveries not delivered after ${work.timeoutMs / 1000} s`);
            break;
        }
        await new Promise(resolve => setTimeout(resolve, 50));
    }
    await running.stop();
    return failures;
}

/** Closes out, one after another, every order of the list that is not closed yet. */
async function runCloseouts(work: CloseoutWork): Promise<string[]> {
    const type = new MarcomCentralConnectionType();
    const { fixture, engine } = await openWithEngine({ connectionType: type, folder: work.folder, owner: `crash-backend-${process.pid}` });
    inject(type, { secrets: fixture.secrets, client: new MarcomCentralClient() });
    await opened(fixture.store);
    // As the backend at start: jobs of orders closed before a crash are released.
    await fixture.releaser.start();
    const failures: string[] = [];
    for (const { id, orderNumber } of work.orders) {
        let lastProblem = '';
        for (let attempt = 1; attempt <= work.attempts && !fixture.order(id).closed; attempt++) {
            try {
                const progress = await fixture.runner.closeOut(id, closeoutInput(orderNumber), 'crash-test');
                lastProblem = progress.closed ? '' : JSON.stringify(progress.parts);
            } catch (error) {
                lastProblem = error instanceof Error ? error.message : String(error);
            }
        }
        if (!fixture.order(id).closed) {
            failures.push(`order ${orderNumber} not closed after ${work.attempts} attempts: ${lastProblem}`);
        }
    }
    // The last releases go through the engine: it stops after them.
    await fixture.runner.idle();
    await engine.stop();
    await fixture.close();
    return failures;
}

main().catch(error => {
    console.error(error);
    process.exit(1);
});
