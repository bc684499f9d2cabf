import { createHash } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import * as assert from 'node:assert/strict';
import * as sinon from 'sinon';
import type { FetchedOrders } from '@presswork/platform/lib/common';
import type { DocumentStore } from '@presswork/platform/lib/node/store/document-store';
import { IntakeWindows } from '@presswork/platform/lib/node/intake-windows';
import { ConnectionsCollection, OrdersCollection } from '@presswork/platform/lib/node/store/platform-collections';
import { ConnectionLogsCollection, ConnectionStatesCollection, RejectedOrdersCollection } from '../connection-collections';
import { orderDocumentId } from '../intake/intake-ids';
import { OrderIntake } from '../intake/order-intake';
import type { DigestAwareConnectionType, DigestedOrders } from '../intake/received-digests';
import { RejectedOrders } from '../intake/rejected-orders';
import { FakeConnectionType, connectionTypesOf, errorOfKind, fakeConnectionType, fetched, receivedOrder } from '../test/received-orders';
import { eventually } from '@presswork/platform/lib/node/test/eventually';
import { inject } from '@presswork/platform/lib/node/test/inject';
import { RecordingLogger, recordingLogger } from '@presswork/platform/lib/node/test/recording-logger';
import { TempFolder, openStore as openStoreIn } from '@presswork/platform/lib/node/test/temp-store';
import { CONNECTIONS_COLLECTIONS } from '../connection-collections';
import { connectionDocument } from '../test/connection-documents';
import { EmbeddedWorkOwnership } from '@presswork/platform/lib/node/cluster/embedded-work-ownership';
import type { WorkOwnership } from '@presswork/platform/lib/node/cluster/work-ownership';
import { FakeWorkOwnership } from '@presswork/platform/lib/node/test/fake-work-ownership';
import { OrderPoller } from './order-poller';

const MINUTE = 60_000;

describe('OrderPoller', () => {

    const T0 = new Date('2026-02-16T08:00:00.000Z');

    let temp: TempFolder;
    let stores: DocumentStore[];
    let pollers: OrderPoller[];
    let store: DocumentStore;
    let fake: FakeConnectionType;
    let logger: RecordingLogger;
    let clock: Date;
    let poller: OrderPoller;
    /** Most tests look at one window at a time; the catch-up tests shrink it. */
    let windowLimit = 30 * 24 * 60 * MINUTE;

    beforeEach(async () => {
        temp = await TempFolder.create();
        stores = [];
        pollers = [];
        fake = fakeConnectionType();
        logger = recordingLogger();
        clock = T0;
        windowLimit = 30 * 24 * 60 * MINUTE;
        store = await openStore();
        poller = pollerOver(store);
        await store.create(ConnectionsCollection, connectionDocument('conn-1'));
    });

    afterEach(async () => {
        for (const each of pollers) {
            each.onStop();
            await each.idle();
        }
        await Promise.all(stores.map(each => each.close()));
        await temp.remove();
        sinon.restore();
    });

    async function openStore(): Promise<DocumentStore> {
        const opened = await openStoreIn(temp.join('data'), CONNECTIONS_COLLECTIONS);
        stores.push(opened);
        return opened;
    }

    function pollerOver(over: DocumentStore, ownership: WorkOwnership = new EmbeddedWorkOwnership()): OrderPoller {
        const rejectedOrders = inject(new RejectedOrders(), { store: over });
        const intake = inject(new OrderIntake(), { store: over, rejectedOrders });
        const created = inject(new OrderPoller(), { store: over, platform: { whenReady: Promise.resolve() }, types: connectionTypesOf(fake), intake, now: () => clock, logger,
            options: { maxWindowMs: windowLimit }, ownership });
        pollers.push(created);
        return created;
    }

    function at(minutesAfterT0: number): Date {
        return clock = new Date(T0.getTime() + minutesAfterT0 * MINUTE);
    }

    function iso(minutesAfterT0: number): string {
        return new Date(T0.getTime() + minutesAfterT0 * MINUTE).toISOString();
    }

    function windowOfCall(index: number): { start: string, end: string } {
        return fake.fetchOrders.getCall(index).args[1];
    }

    function stateOf(id = 'conn-1') {
        return store.get(ConnectionStatesCollection, id);
    }

    function logOf(id = 'conn-1') {
        return store.get(ConnectionLogsCollection, id)?.entries ?? [];
    }

    it('readies every installed connection type to poll as the server starts, before the store is open', () => {
        const prepareToPoll = sinon.spy();
        const readying = inject(new OrderPoller(), { store, platform: { whenReady: new Promise<void>(() => undefined) }, types: connectionTypesOf({ ...fake, prepareToPoll }),
            intake: inject(new OrderIntake(), { store, rejectedOrders: inject(new RejectedOrders(), { store }) }), now: () => clock, logger,
            options: { maxWindowMs: windowLimit }, ownership: new EmbeddedWorkOwnership() });
        readying.initialize();
        sinon.assert.calledOnce(prepareToPoll);
    });

    it('tells that a window is being written while its orders are taken in, and that it ended, also when it fails', async () => {
        const intakeWindows = new IntakeWindows();
        const intake = inject(new OrderIntake(), { store, rejectedOrders: inject(new RejectedOrders(), { store }) });
        const busyDuringTakeIn: boolean[] = [];
        const startWindow = intake.startWindow.bind(intake);
        sinon.stub(intake, 'startWindow').callsFake((...args: Parameters<OrderIntake['startWindow']>) => {
            const started = startWindow(...args);
            return {
                add: started.add,
                finish: async fetchedOrders => {
                    busyDuringTakeIn.push(intakeWindows.busy);
                    if (busyDuringTakeIn.length === 2) {
                        throw new Error('simulated write failure');
                    }
                    return started.finish(fetchedOrders);
                }
            };
        });
        const telling = inject(new OrderPoller(), { store, platform: { whenReady: Promise.resolve() }, types: connectionTypesOf(fake), intake, now: () => clock, logger,
            options: { maxWindowMs: windowLimit }, ownership: new EmbeddedWorkOwnership(), intakeWindows });
        pollers.push(telling);
        fake.fetchOrders.resolves(fetched([receivedOrder('M-1')]));
        assert.equal(intakeWindows.busy, false);
        await telling.pollNow('conn-1');
        assert.equal(intakeWindows.busy, false, 'ended once the window is written');
        at(5);
        await telling.pollNow('conn-1');
        assert.deepEqual(busyDuringTakeIn.slice(0, 2), [true, true]);
        assert.equal(intakeWindows.busy, false, 'ended after a failed write too');
    });

    describe('with a connection type that hands orders over as it reads them', () => {

        function digestOf(marcomOrderId: string): string {
            return createHash('sha256').update(marcomOrderId).digest('hex');
        }

        /**
         * The fake, digest aware: each call hands `parts` to the sink one after another, then answers
         * `end` (or fails with it). Before each later part it reads on slowly: it gives the parts
         * handed over so far up to 2 s to be stored, and notes how many orders were stored when it
         * handed the part over (a poller that wrote nothing before the fetch ended would store none).
         */
        function handingOver(parts: readonly (readonly string[])[], end: Error | FetchedOrders = fetched([])) {
            const storedAtEachPart: number[] = [];
            const stored = (ids: readonly string[]): number => ids.filter(id => store.get(OrdersCollection, orderDocumentId('conn-1', id))).length;
            const fetchOrdersKnowing = sinon.stub<Parameters<DigestAwareConnectionType['fetchOrdersKnowing']>, Promise<DigestedOrders>>()
                .callsFake(async (_connection, _window, _known, _signal, _held, take) => {
                    for (const [index, part] of parts.entries()) {
                        const before = parts.slice(0, index).flat();
                        for (const deadline = Date.now() + 2_000; stored(before) < before.length && Date.now() < deadline;) {
                            await delay(5);
                        }
                        storedAtEachPart.push(stored(before));
                        take!(part.map(id => receivedOrder(id)), new Map(part.map(id => [id, digestOf(id)])));
                    }
                    if (end instanceof Error) {
                        throw end;
                    }
                    return end;
                });
            Object.assign(fake, { fetchOrdersKnowing });
            return storedAtEachPart;
        }

        it('writes the first orders while the rest are still being read, each with its digest', async () => {
            const storedAtEachPart = handingOver([['M-1', 'M-2'], ['M-3']]);
            await poller.pollNow('conn-1');

            assert.deepEqual(storedAtEachPart, [0, 2], 'the first part was stored before the last was handed over');
            assert.equal(store.get(OrdersCollection, orderDocumentId('conn-1', 'M-3'))?.receivedDigest, digestOf('M-3'));
            assert.equal(stateOf()?.watermark, iso(0));
            assert.deepEqual(pick(logOf()[0], 'received', 'created', 'errors'), { received: 3, created: 3, errors: 0 });
        });

        it('keeps the orders read before the fetch failed, moves no watermark, and takes them as duplicates when the window is read again', async () => {
            handingOver([['M-1', 'M-2']], new Error('the connection dropped'));
            await poller.pollNow('conn-1');

            assert.ok(store.get(OrdersCollection, orderDocumentId('conn-1', 'M-1')), 'a valid order read before the failure is kept');
            assert.ok(store.get(OrdersCollection, orderDocumentId('conn-1', 'M-2')));
            assert.equal(stateOf()?.watermark, undefined, 'the window is read again');
            assert.deepEqual(pick(logOf()[0], 'received', 'created', 'errors'), { received: 2, created: 2, errors: 1 });
            assert.match(logOf()[0].error!, /the connection dropped/);

            handingOver([['M-1', 'M-2', 'M-3']]);
            at(1);
            await poller.pollNow('conn-1');
            assert.deepEqual(pick(logOf()[0], 'received', 'created', 'duplicates', 'errors'), { received: 3, created: 1, duplicates: 2, errors: 0 });
            assert.equal([...store.all(OrdersCollection)].length, 3);
        });
    });

    it('stores the orders of a successful poll, moves the watermark to the window\'s end and logs the counts', async () => {
        fake.fetchOrders.resolves(fetched([receivedOrder('M-1'), receivedOrder('M-2')], [
            { marcomOrderId: 'M-3', orderNumber: 'PW-M-3', path: 'paymentMethod', reason: 'Invalid option', source: { PaymentMethod: 'Barter' } }
        ]));

        await poller.pollNow('conn-1');

        sinon.assert.calledOnce(fake.fetchOrders);
        assert.equal(fake.fetchOrders.firstCall.args[0].id, 'conn-1');
        assert.deepEqual(windowOfCall(0), { start: '2026-02-15T08:00:00.000Z', end: T0.toISOString() }, 'the first window reaches back 24 hours');
        assert.ok(store.get(OrdersCollection, orderDocumentId('conn-1', 'M-1')));
        assert.ok(store.get(OrdersCollection, orderDocumentId('conn-1', 'M-2')));
        assert.equal(store.count(RejectedOrdersCollection), 1);

        const state = stateOf()!;
        assert.equal(state.watermark, T0.toISOString());
        assert.equal(state.consecutiveFailures, 0);
        assert.deepEqual({ ...state.status }, {
            state: 'ok', lastPollAt: T0.toISOString(), nextPollAt: iso(5),
            message: '1 order was quarantined (see Rejected orders); the rest of the window was taken in. Order PW-M-3 (paymentMethod): Invalid option.'
        });

        const [entry] = logOf();
        assert.equal(logOf().length, 1);
        assert.equal(entry.at, T0.toISOString());
        assert.equal(entry.windowStart, '2026-02-15T08:00:00.000Z');
        assert.equal(entry.windowEnd, T0.toISOString());
        assert.deepEqual(
            [entry.received, entry.created, entry.duplicates, entry.rejected, entry.errors],
            [3, 2, 0, 1, 0]
        );
        assert.ok(entry.durationMs >= 0);
        assert.equal(entry.error, undefined);
        sinon.assert.notCalled(logger.warn);
    });

    it('asks the next window from 15 minutes before the watermark and counts repeats as duplicates', async () => {
        fake.fetchOrders.onFirstCall().resolves(fetched([receivedOrder('M-1')]));
        fake.fetchOrders.onSecondCall().resolves(fetched([receivedOrder('M-1'), receivedOrder('M-2')]));

        await poller.pollNow('conn-1');
        at(5);
        await poller.pollNow('conn-1');

        assert.deepEqual(windowOfCall(1), { start: iso(-15), end: iso(5) });
        assert.equal(stateOf()!.watermark, iso(5));
        assert.equal(store.count(OrdersCollection), 2);
        const [newest, oldest] = logOf();
        assert.deepEqual([newest.received, newest.created, newest.duplicates], [2, 1, 1], 'the newest entry comes first');
        assert.deepEqual([oldest.received, oldest.created, oldest.duplicates], [1, 1, 0]);
    });

    it('keeps the watermark when a fetch fails, says it is retrying since when, and resumes without a gap', async () => {
        fake.fetchOrders.onCall(0).resolves(fetched([receivedOrder('M-1')]));
        fake.fetchOrders.onCall(1).rejects(errorOfKind('unreachable', 'MarcomCentral did not answer (ECONNRESET)'));
        fake.fetchOrders.onCall(2).rejects(new Error('socket hang up'));
        fake.fetchOrders.onCall(3).resolves(fetched([receivedOrder('M-2')]));

        await poller.pollNow('conn-1');
        at(5);
        await poller.pollNow('conn-1');

        let state = stateOf()!;
        assert.equal(state.watermark, T0.toISOString(), 'the failed window is asked for again');
        assert.equal(state.consecutiveFailures, 1);
        assert.equal(state.status.state, 'retrying');
        assert.equal(state.status.since, iso(5));
        assert.equal(state.status.message, 'MarcomCentral did not answer (ECONNRESET)');
        assert.equal(state.status.lastPollAt, iso(5));
        assert.equal(state.status.nextPollAt, iso(15), 'the interval doubled after one failure');
        const [failedEntry] = logOf();
        assert.deepEqual([failedEntry.errors, failedEntry.received, failedEntry.created], [1, 0, 0]);
        assert.equal(failedEntry.error, 'MarcomCentral did not answer (ECONNRESET)');
        assert.deepEqual([failedEntry.windowStart, failedEntry.windowEnd], [iso(-15), iso(5)]);
        sinon.assert.calledOnce(logger.warn);
        assert.match(logger.warn.firstCall.args[0], /ECONNRESET/);

        at(15);
        await poller.pollNow('conn-1');
        state = stateOf()!;
        assert.equal(state.watermark, T0.toISOString());
        assert.equal(state.consecutiveFailures, 2);
        assert.equal(state.status.since, iso(5), 'still failing since the first failure');
        assert.equal(state.status.message, 'socket hang up');
        assert.equal(state.status.nextPollAt, iso(30), 'backed off to the 15 minute cap');

        at(30);
        await poller.pollNow('conn-1');
        assert.deepEqual(windowOfCall(3), { start: iso(-15), end: iso(30) }, 'resumes from the old watermark');
        state = stateOf()!;
        assert.equal(state.watermark, iso(30));
        assert.equal(state.consecutiveFailures, 0);
        assert.deepEqual({ ...state.status }, { state: 'ok', lastPollAt: iso(30), nextPollAt: iso(35) });
        assert.ok(store.get(OrdersCollection, orderDocumentId('conn-1', 'M-2')));
        assert.deepEqual(logOf().map(entry => entry.errors), [0, 1, 1, 0]);
    });

    it('keeps the watermark unset when the very first poll fails, and asks the first window again', async () => {
        fake.fetchOrders.onCall(0).rejects(new Error('boom'));
        fake.fetchOrders.onCall(1).resolves(fetched([]));

        await poller.pollNow('conn-1');
        assert.equal(stateOf()!.watermark, undefined);
        at(10);
        await poller.pollNow('conn-1');
        assert.deepEqual(windowOfCall(1), { start: new Date(T0.getTime() - 24 * 60 * MINUTE + 10 * MINUTE).toISOString(), end: iso(10) });
    });

    it('keeps the watermark when the orders could not be stored', async () => {
        fake.fetchOrders.onFirstCall().resolves(fetched([receivedOrder('M-1')]));
        fake.fetchOrders.onSecondCall().resolves(fetched([receivedOrder('M-2')]));
        await poller.pollNow('conn-1');
        at(5);
        const create = sinon.stub(store, 'create').callThrough();
        create.withArgs(OrdersCollection).rejects(new Error('disk full'));

        await poller.pollNow('conn-1');

        const state = stateOf()!;
        assert.equal(state.watermark, T0.toISOString());
        assert.equal(state.status.state, 'retrying');
        assert.equal(state.status.message, 'disk full');
        assert.equal(store.get(OrdersCollection, orderDocumentId('conn-1', 'M-2')), undefined);
    });

    it('shows a refused token as an error a person must fix', async () => {
        fake.fetchOrders.rejects(errorOfKind('invalid-token', 'MarcomCentral refused the partner token for GetOrdersByDate; check the connection\'s token'));

        await poller.pollNow('conn-1');

        const state = stateOf()!;
        assert.equal(state.status.state, 'error');
        assert.equal(state.status.since, T0.toISOString());
        assert.match(state.status.message!, /refused the partner token/);
        assert.equal(state.watermark, undefined);
    });

    it('shows a TLS failure and a missing token as errors too', async () => {
        fake.fetchOrders.onCall(0).rejects(errorOfKind('tls', 'certificate has expired'));
        fake.fetchOrders.onCall(1).rejects(new Error('The order token is not set'));
        await poller.pollNow('conn-1');
        assert.equal(stateOf()!.status.state, 'error');
        at(5);
        await poller.pollNow('conn-1');
        assert.equal(stateOf()!.status.state, 'error');
        assert.equal(stateOf()!.status.since, T0.toISOString());
    });

    it('does not start a second poll while one is running', async () => {
        let answer!: (value: FetchedOrders) => void;
        fake.fetchOrders.callsFake(() => new Promise<FetchedOrders>(resolve => answer = resolve));

        const first = poller.pollNow('conn-1');
        const second = poller.pollNow('conn-1');
        await eventually(() => fake.fetchOrders.called, 3000, 'the fetch');
        const third = poller.pollNow('conn-1');
        answer(fetched([receivedOrder('M-1')]));
        await Promise.all([first, second, third]);

        sinon.assert.calledOnce(fake.fetchOrders);
        assert.equal(logOf().length, 1);
        assert.equal(store.count(OrdersCollection), 1);

        fake.fetchOrders.resolves(fetched([]));
        await poller.pollNow('conn-1');
        sinon.assert.calledTwice(fake.fetchOrders);
    });

    it('polls enabled connections at start and never a disabled one', async () => {
        await store.create(ConnectionsCollection, connectionDocument('conn-off', { enabled: false }));
        fake.fetchOrders.resolves(fetched([]));

        await poller.onStart();
        await eventually(() => !!stateOf('conn-1'), 3000, 'the first poll of conn-1');
        await poller.idle();
        await delay(50);

        assert.deepEqual(fake.fetchOrders.getCalls().map(call => call.args[0].id), ['conn-1']);
        assert.equal(stateOf('conn-off'), undefined);
        assert.deepEqual(logOf('conn-off'), []);
    });

    it('polls a connection as soon as it is enabled, and stops polling it when it is disabled', async () => {
        await store.modify(ConnectionsCollection, 'conn-1', connection => ({ ...connection, enabled: false }));
        fake.fetchOrders.resolves(fetched([]));
        await poller.onStart();
        await delay(50);
        sinon.assert.notCalled(fake.fetchOrders);

        await store.modify(ConnectionsCollection, 'conn-1', connection => ({ ...connection, enabled: true }));
        await eventually(() => !!stateOf('conn-1'), 3000, 'the poll after enabling');
        await poller.idle();
        sinon.assert.calledOnce(fake.fetchOrders);
        const timers = (poller as unknown as { timers: Map<string, NodeJS.Timeout> }).timers;
        assert.ok(timers.has('conn-1'), 'the next poll is scheduled');

        await store.modify(ConnectionsCollection, 'conn-1', connection => ({ ...connection, enabled: false }));
        assert.equal(timers.has('conn-1'), false, 'no poll is scheduled for a disabled connection');
    });

    it('keeps polling a connection even when recording a poll fails', async () => {
        fake.fetchOrders.resolves(fetched([]));
        const failingSave = sinon.stub(store, 'create').callThrough();
        failingSave.withArgs(ConnectionStatesCollection).rejects(Object.assign(new Error('disk full'), { code: 'EIO' }));
        const schedule = sinon.spy(poller as unknown as { schedule(id: string, delay: number): void }, 'schedule');
        await assert.rejects(() => poller.pollNow('conn-1'), /disk full/);
        assert.equal(schedule.callCount, 1, 'the next poll is scheduled all the same');
    });

    it('records a poll\'s state and log line together, so that they share the store\'s fsync round', async () => {
        fake.fetchOrders.resolves(fetched([]));
        await poller.pollNow('conn-1');
        let releaseState!: () => void;
        const stateHeld = new Promise<void>(resolve => releaseState = resolve);
        const modify = sinon.stub(store, 'modify').callThrough();
        modify.withArgs(ConnectionStatesCollection).callsFake(async (...args: Parameters<DocumentStore['modify']>) => {
            await stateHeld;
            return modify.wrappedMethod.apply(store, args);
        });
        const polled = poller.pollNow('conn-1');
        try {
            await eventually(() => logOf().length === 2, 3000, 'the log line, while the state\'s write is still under way');
        } finally {
            releaseState();
            await polled;
        }
        assert.equal(stateOf()?.status.state, 'ok');
    });

    it('does not poll a connection an operator switched off, even when asked to poll now', async () => {
        await store.modify(ConnectionsCollection, 'conn-1', connection => ({ ...connection, enabled: false }));
        await poller.pollNow('conn-1');
        assert.equal(fake.fetchOrders.callCount, 0);
    });

    it('catches up on a long backlog in windows of at most the limit, polling again at once while behind', async () => {
        windowLimit = 2 * 60 * MINUTE;
        poller = pollerOver(store);
        const schedule = sinon.spy(poller as unknown as { schedule(id: string, delay: number): void }, 'schedule');
        fake.fetchOrders.onCall(0).resolves(fetched([receivedOrder('M-1')]));
        fake.fetchOrders.resolves(fetched([]));
        await poller.pollNow('conn-1');
        assert.equal(fake.fetchOrders.callCount, 1, 'a window with an order is recorded before the next is asked for');
        assert.deepEqual(windowOfCall(0), { start: iso(-24 * 60), end: iso(-22 * 60) });
        assert.equal(schedule.lastCall.args[1], 0, 'behind: the next piece as soon as this one is recorded');
        assert.equal(stateOf()?.watermark, iso(-22 * 60));
        await poller.pollNow('conn-1');
        assert.deepEqual(windowOfCall(1), { start: iso(-22 * 60 - 15), end: iso(-20 * 60 - 15) });
    });

    it('runs the empty pieces of a backlog together in one poll: asked back to back, recorded once, up to the window with orders', async () => {
        windowLimit = 2 * 60 * MINUTE;
        poller = pollerOver(store);
        fake.fetchOrders.resolves(fetched([]));
        fake.fetchOrders.onCall(3).resolves(fetched([receivedOrder('M-1')]));
        await poller.pollNow('conn-1');
        assert.equal(fake.fetchOrders.callCount, 4, 'three empty pieces, then the one with the order');
        assert.deepEqual(windowOfCall(1), { start: iso(-22 * 60), end: iso(-20 * 60) }, 'pieces of one poll follow each other without overlap');
        assert.deepEqual(windowOfCall(3), { start: iso(-18 * 60), end: iso(-16 * 60) });
        assert.equal(stateOf()?.watermark, iso(-16 * 60));
        assert.equal(logOf().length, 1, 'one log entry for the stretch');
        assert.deepEqual([logOf()[0].windowStart, logOf()[0].windowEnd, logOf()[0].created], [iso(-24 * 60), iso(-16 * 60), 1]);
        assert.ok(store.get(OrdersCollection, orderDocumentId('conn-1', 'M-1')));
    });

    it('keeps the watermark when a later empty piece fails, and asks the stretch again', async () => {
        windowLimit = 2 * 60 * MINUTE;
        poller = pollerOver(store);
        fake.fetchOrders.resolves(fetched([]));
        fake.fetchOrders.onCall(2).rejects(errorOfKind('transport'));
        await poller.pollNow('conn-1');
        assert.equal(stateOf()?.watermark, undefined);
        assert.equal(stateOf()?.status.state, 'retrying');
        await poller.pollNow('conn-1');
        assert.deepEqual(windowOfCall(3), { start: iso(-24 * 60), end: iso(-22 * 60) }, 'the stretch again from its start');
    });

    it('waits the interval again once the window reaches within the overlap of now', async () => {
        windowLimit = 2 * 60 * MINUTE;
        poller = pollerOver(store);
        const schedule = sinon.spy(poller as unknown as { schedule(id: string, delay: number): void }, 'schedule');
        fake.fetchOrders.resolves(fetched([]));
        await store.create(ConnectionStatesCollection, { id: 'conn-1', watermark: iso(-2 * 60 - 10 + 15), consecutiveFailures: 0, status: { state: 'ok' } });
        await poller.pollNow('conn-1');
        assert.deepEqual(windowOfCall(0), { start: iso(-2 * 60 - 10), end: iso(-10) });
        assert.equal(schedule.lastCall.args[1], connectionDocument('conn-1').pollingIntervalSeconds * 1000, 'caught up: the usual interval');
    });

    it('asks for every window of a quiet backlog back to back in one poll, and then waits the interval', async () => {
        windowLimit = 2 * 60 * MINUTE;
        poller = pollerOver(store);
        const schedule = sinon.spy(poller as unknown as { schedule(id: string, delay: number): void }, 'schedule');
        fake.fetchOrders.resolves(fetched([]));
        await poller.pollNow('conn-1');
        // 24 hours back in pieces of 2 hours, one after the other, the last one up to now.
        assert.equal(fake.fetchOrders.callCount, 12);
        assert.deepEqual(windowOfCall(11), { start: iso(-2 * 60), end: iso(0) });
        assert.equal(stateOf()?.watermark, iso(0));
        assert.equal(schedule.lastCall.args[1], connectionDocument('conn-1').pollingIntervalSeconds * 1000, 'caught up: the usual interval');
    });

    it('records the orders a window quarantined, in words, in the status and the log, and moves the watermark on', async () => {
        const reason = 'MarcomCentral\'s answer for this order alone is larger than the 20 MB limit, so it cannot be taken in.';
        fake.fetchOrders.resolves({ orders: [receivedOrder('M-2')], rejected: [{ marcomOrderId: 'M-1', orderNumber: 'HUGE-1', path: '', reason, source: {} }] });
        await poller.pollNow('conn-1');
        const state = stateOf()!;
        assert.equal(state.status.state, 'ok');
        assert.equal(state.watermark, iso(0));
        assert.match(state.status.message ?? '', /1 order was quarantined/);
        assert.ok(state.status.message?.includes(`Order HUGE-1: ${reason}`), state.status.message);
        assert.ok(logOf()[0].note?.includes(`Order HUGE-1: ${reason}`));
    });

    it('does nothing for a connection that no longer exists', async () => {
        await poller.pollNow('no-such-connection');
        sinon.assert.notCalled(fake.fetchOrders);
        assert.equal(stateOf('no-such-connection'), undefined);
    });

    it('continues from the stored watermark after a restart', async () => {
        fake.fetchOrders.resolves(fetched([receivedOrder('M-1')]));
        await poller.pollNow('conn-1');
        poller.onStop();
        await store.close();

        at(60);
        store = await openStore();
        const restarted = pollerOver(store);
        fake.fetchOrders.resetHistory();
        fake.fetchOrders.resolves(fetched([receivedOrder('M-1'), receivedOrder('M-2')]));
        await restarted.pollNow('conn-1');

        assert.deepEqual(windowOfCall(0), { start: iso(-15), end: iso(60) });
        assert.equal(stateOf()!.watermark, iso(60));
        assert.deepEqual(logOf().map(entry => [entry.created, entry.duplicates]), [[1, 1], [1, 0]]);
    });

    describe('with several servers', () => {

        let ownership: FakeWorkOwnership;
        let owner: OrderPoller;

        beforeEach(() => {
            poller.onStop();
            ownership = new FakeWorkOwnership();
            owner = pollerOver(store, ownership);
            fake.fetchOrders.resolves(fetched([]));
        });

        it('polls a connection only once it is gained', async () => {
            await owner.onStart();
            await delay(50);
            sinon.assert.notCalled(fake.fetchOrders);

            ownership.gain({ kind: 'connection', connectionId: 'conn-1' });
            await eventually(() => !!stateOf('conn-1'), 3000, 'the first poll after the gain');
            sinon.assert.calledOnce(fake.fetchOrders);
        });

        it('polls a new connection of its own and never one another server owns', async () => {
            ownership.gain({ kind: 'connection', connectionId: 'conn-mine' });
            await owner.onStart();
            await store.create(ConnectionsCollection, connectionDocument('conn-mine'));
            await store.create(ConnectionsCollection, connectionDocument('conn-theirs'));
            await eventually(() => !!stateOf('conn-mine'), 3000, 'the poll of the new connection');
            await owner.idle();
            await delay(50);
            assert.deepEqual(fake.fetchOrders.getCalls().map(call => call.args[0].id), ['conn-mine']);
        });

        it('finishes the poll under way when losing the connection, then polls it no more', async () => {
            let answer!: (value: FetchedOrders) => void;
            fake.fetchOrders.callsFake(() => new Promise<FetchedOrders>(resolve => answer = resolve));
            ownership.gain({ kind: 'connection', connectionId: 'conn-1' });
            await owner.onStart();
            await eventually(() => fake.fetchOrders.called, 3000, 'the fetch');

            let lost = false;
            const losing = ownership.lose({ kind: 'connection', connectionId: 'conn-1' }).then(() => lost = true);
            await delay(20);
            assert.equal(lost, false, 'losing waits for the poll under way');
            answer(fetched([receivedOrder('M-1')]));
            await losing;

            assert.equal(stateOf()!.watermark, T0.toISOString(), 'the window is recorded before the lease goes');
            const timers = (owner as unknown as { timers: Map<string, NodeJS.Timeout> }).timers;
            assert.equal(timers.has('conn-1'), false, 'no next poll is scheduled');
            await store.modify(ConnectionsCollection, 'conn-1', connection => ({ ...connection, pollingIntervalSeconds: 61 }));
            await delay(50);
            sinon.assert.calledOnce(fake.fetchOrders);
        });

        it('hands the watermark over: the next owner asks from where the last one stopped', async () => {
            ownership.gain({ kind: 'connection', connectionId: 'conn-1' });
            await owner.onStart();
            await eventually(() => !!stateOf('conn-1'), 3000, 'the first poll');
            await ownership.lose({ kind: 'connection', connectionId: 'conn-1' });

            at(30);
            const otherOwnership = new FakeWorkOwnership('other-server');
            const other = pollerOver(store, otherOwnership);
            await other.onStart();
            otherOwnership.gain({ kind: 'connection', connectionId: 'conn-1' });
            await eventually(() => stateOf('conn-1')?.watermark === iso(30), 3000, 'the poll on the other server');
            assert.deepEqual(windowOfCall(1), { start: iso(-15), end: iso(30) });
        });

        it('asks the connection\'s poller through the store for "Poll now" on a server that does not poll it, and waits for that poll', async () => {
            const pollerOwnership = new FakeWorkOwnership('poller-server');
            pollerOwnership.gain({ kind: 'connection', connectionId: 'conn-1' });
            const polling = pollerOver(store, pollerOwnership);
            await polling.onStart();
            await eventually(() => !!stateOf('conn-1')?.watermark, 3000, 'the first poll');
            await polling.idle();
            fake.fetchOrders.resetHistory();

            await owner.onStart();
            at(10);
            await owner.pollNow('conn-1');

            sinon.assert.calledOnce(fake.fetchOrders);
            assert.equal(stateOf('conn-1')!.watermark, iso(10), 'polled by the server that polls it');
            assert.equal(stateOf('conn-1')!.pollRequestedAt, undefined, 'the request is answered');
        });
    });
});

/** Some fields of a log entry, for comparing counts. */
function pick<T extends object, K extends keyof T>(entry: T, ...keys: K[]): Pick<T, K> {
    return Object.fromEntries(keys.map(key => [key, entry[key]])) as Pick<T, K>;
}
