import * as assert from 'node:assert/strict';
import { EmbeddedWorkOwnership } from '@presswork/platform/lib/node/cluster/embedded-work-ownership';
import type { PressworkEventDraft } from '@presswork/platform/lib/common/presswork-events';
import { parseEventDraft } from '@presswork/platform/lib/common/presswork-events';
import type { DocumentStore } from '@presswork/platform/lib/node/store/document-store';
import { ConnectionsCollection } from '@presswork/platform/lib/node/store/platform-collections';
import { followDerivedDrafts } from '@presswork/platform/lib/node/test/derived-drafts';
import { inject } from '@presswork/platform/lib/node/test/inject';
import { recordingLogger } from '@presswork/platform/lib/node/test/recording-logger';
import { TempFolder, openStore } from '@presswork/platform/lib/node/test/temp-store';
import type { ConnectionStatus } from '../../common/connection-runtime';
import { CONNECTIONS_COLLECTIONS, type ConnectionState } from '../connection-collections';
import { OrderIntake } from '../intake/order-intake';
import { RejectedOrders } from '../intake/rejected-orders';
import { OrderPoller } from '../polling/order-poller';
import { connectionDocument } from '../test/connection-documents';
import { connectionTypesOf, errorOfKind, fakeConnectionType, fetched } from '../test/received-orders';
import { ConnectionEventSource } from './connection-event-source';

const T1 = '2026-02-16T08:05:00.000Z';
const T2 = '2026-02-16T08:15:00.000Z';
const T3 = '2026-02-16T08:30:00.000Z';

function stateWith(status: ConnectionStatus, version = 1): ConnectionState {
    return { id: 'conn-1', version, consecutiveFailures: status.state === 'ok' ? 0 : 1, status };
}

const OK = (at = T3): ConnectionState => stateWith({ state: 'ok', lastPollAt: at, nextPollAt: at });
const RETRYING = (since = T1, message = 'MarcomCentral did not answer (ECONNRESET)', at = since): ConnectionState =>
    stateWith({ state: 'retrying', since, message, lastPollAt: at, nextPollAt: at });

describe('ConnectionEventSource', () => {
    const source = inject(new ConnectionEventSource(), { store: { get: (() => ({ name: 'Acme store' })) as DocumentStore['get'] } });

    function derive(before: ConnectionState | undefined, after: ConnectionState | undefined): PressworkEventDraft[] {
        const drafts = source.derive(before && source.observe(before), after && source.observe(after), after);
        drafts.forEach(draft => parseEventDraft(draft));
        return drafts;
    }

    it('says a connection is failing when polling starts to fail, since when and why', () => {
        assert.deepEqual(derive(OK(T1), RETRYING()), [{
            id: `connection.failing:conn-1:${T1}`, name: 'connection.failing', at: T1, subject: 'connection:conn-1',
            payload: { connectionId: 'conn-1', connection: 'Acme store', since: T1, reason: 'MarcomCentral did not answer (ECONNRESET)' }
        }]);
        assert.equal(derive(undefined, stateWith({ state: 'error', since: T1, message: 'MarcomCentral refused the token' }))[0]?.name, 'connection.failing', 'failing at its first poll');
    });

    it('says nothing for the polls in between: still failing (another message, retrying to error), or still fine', () => {
        assert.deepEqual(derive(RETRYING(), RETRYING(T1, 'socket hang up', T2)), []);
        assert.deepEqual(derive(RETRYING(), stateWith({ state: 'error', since: T1, message: 'MarcomCentral refused the token', lastPollAt: T2 })), []);
        assert.deepEqual(derive(OK(T1), OK(T2)), []);
        assert.deepEqual(derive(undefined, OK()), []);
        assert.deepEqual(source.observe(OK(T1)), source.observe(OK(T2)), 'a poll that works changes nothing the events depend on');
    });

    it('says it recovered when a poll works again, naming the failure it ends', () => {
        assert.deepEqual(derive(RETRYING(), OK(T3)), [{
            id: `connection.recovered:conn-1:${T1}`, name: 'connection.recovered', at: T3, subject: 'connection:conn-1',
            payload: { connectionId: 'conn-1', connection: 'Acme store', failingSince: T1 }
        }]);
    });

    it('seen only after a restart, a failure that ended and a new one: recovered, then failing', () => {
        assert.deepEqual(derive(RETRYING(T1), RETRYING(T2)).map(draft => draft.id), [`connection.recovered:conn-1:${T1}`, `connection.failing:conn-1:${T2}`]);
    });

    it('says nothing for a deleted connection, and the same ids from the same states', () => {
        assert.deepEqual(derive(RETRYING(), undefined), []);
        assert.deepEqual(derive(OK(T1), RETRYING()), derive(OK(T1), RETRYING()));
        assert.deepEqual(JSON.parse(JSON.stringify(source.observe(RETRYING()))), source.observe(RETRYING()));
        assert.deepEqual(JSON.parse(JSON.stringify(source.observe(OK()))), source.observe(OK()));
    });

    it('follows the poller: one failing for two failed polls, one recovered when a poll works', async () => {
        const temp = await TempFolder.create();
        const store = await openStore(temp.join('data'), CONNECTIONS_COLLECTIONS);
        try {
            await store.create(ConnectionsCollection, connectionDocument('conn-1'));
            const fake = fakeConnectionType();
            fake.fetchOrders.onCall(0).resolves(fetched([]));
            fake.fetchOrders.onCall(1).rejects(errorOfKind('unreachable', 'MarcomCentral did not answer (ECONNRESET)'));
            fake.fetchOrders.onCall(2).rejects(new Error('socket hang up'));
            fake.fetchOrders.onCall(3).resolves(fetched([]));
            let clock = new Date('2026-02-16T08:00:00.000Z');
            const intake = inject(new OrderIntake(), { store, rejectedOrders: inject(new RejectedOrders(), { store }) });
            const poller = inject(new OrderPoller(), {
                store, platform: { whenReady: Promise.resolve() }, types: connectionTypesOf(fake), intake, now: () => clock, logger: recordingLogger(),
                options: { maxWindowMs: 24 * 3_600_000 }, ownership: new EmbeddedWorkOwnership()
            });
            const events = followDerivedDrafts(store, inject(new ConnectionEventSource(), { store }));
            for (const at of ['08:00', '08:05', '08:15', '08:30']) {
                clock = new Date(`2026-02-16T${at}:00.000Z`);
                await poller.pollNow('conn-1');
            }
            assert.deepEqual(events.drafts.map(draft => draft.id), [`connection.failing:conn-1:${T1}`, `connection.recovered:conn-1:${T1}`]);
            assert.deepEqual(events.drafts[0].payload, { connectionId: 'conn-1', connection: 'Store conn-1', since: T1, reason: 'MarcomCentral did not answer (ECONNRESET)' });
            assert.equal(events.drafts[1].at, T3);
            poller.onStop();
            await poller.idle();
        } finally {
            await store.close();
            await temp.remove();
        }
    });
});
