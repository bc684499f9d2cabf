import * as assert from 'node:assert/strict';
import * as sinon from 'sinon';
import type { Authority } from '../../common/authority';
import { CHANGE_FEED_INTERVAL_MS } from '../../common/change-feed-protocol';
import type { DocumentDelta } from '../../common/change-feed-protocol';
import { PressworkError } from '../../common/errors';
import type { User } from '../../common/user-schema';
import { DocumentStore, OrdersCollection, UsersCollection } from '../store';
import { sampleOrder, sampleUser } from '../store/test/sample-documents';
import type { RpcCaller } from '../rpc/rpc-caller';
import { CONNECTIONS_SENT_PER_TURN, ChangeFeedHub, ChangeFeedSubscriber, projectionsByCollection } from './change-feed-hub';
import type { ChangeFeedProjection } from './change-feed-projection';
import { inject } from '../test/inject';
import { RecordingLogger, recordingLogger } from '../test/recording-logger';
import { TempStore, openTempStore } from '../test/temp-store';

/** Users go to browsers of those who manage users, without their password hashes. */
const usersProjection: ChangeFeedProjection = {
    collection: UsersCollection.name,
    permission: 'users.manage',
    project: document => {
        const { passwordHash: _passwordHash, ...rest } = document as User;
        return rest;
    }
};

function userOf(authority: Authority): User {
    return { ...sampleUser(`caller-${authority.toLowerCase()}`, authority.toLowerCase()), authority };
}

/** A caller whose user can be changed or made to throw (session ended) during a test. */
function callerOf(authority: Authority): RpcCaller & { user: sinon.SinonStub<[], User> } {
    return { user: sinon.stub<[], User>().returns(userOf(authority)), sessionId: `session-${authority}` };
}

function newUser(id: string, name: string): Omit<User, 'version'> {
    const { version: _version, ...rest } = sampleUser(id, name);
    return rest;
}

function nextTurn(): Promise<void> {
    return new Promise(resolve => setImmediate(resolve));
}

/** The most connections a test here subscribes. */
const MOST_SUBSCRIBERS = 4;

/** Lets a pending flush (scheduled with setImmediate) run, then the sends it queues, a few connections a turn. */
async function delivered(): Promise<void> {
    for (let turn = 0; turn <= Math.ceil(MOST_SUBSCRIBERS / CONNECTIONS_SENT_PER_TURN); turn++) {
        await nextTurn();
    }
}

describe('ChangeFeedHub', () => {

    let store: DocumentStore;
    let hub: ChangeFeedHub;
    let logger: RecordingLogger;
    let temp: TempStore;
    let admin: ChangeFeedSubscriber & { client: { onDidCommit: sinon.SinonSpy<[DocumentDelta[]], void> } };
    let monitor: ChangeFeedSubscriber & { client: { onDidCommit: sinon.SinonSpy<[DocumentDelta[]], void> } };

    function subscriber(authority: Authority, collections: string[] = [UsersCollection.name]): typeof admin {
        return { caller: callerOf(authority), client: { onDidCommit: sinon.spy((_deltas: DocumentDelta[]): void => undefined) }, collections: new Set(collections) };
    }

    /** Every delta a subscriber received, over all its calls. */
    function received(subscriberToCheck: typeof admin): DocumentDelta[] {
        return subscriberToCheck.client.onDidCommit.getCalls().flatMap(call => call.args[0]);
    }

    beforeEach(async () => {
        temp = await openTempStore([], 'presswork-feed-');
        store = temp.store;
        logger = recordingLogger();
        // Without the interval, so every flush reaches the browsers at once (the interval has tests of its own below).
        hub = inject(new ChangeFeedHub(), { store, projectionProvider: { getContributions: () => [usersProjection] }, logger, intervalMs: 0 });
        // The hub starts listening in initialize() (a backend contribution); older versions did it in a @postConstruct init().
        const starter = hub as unknown as { initialize?(): void, init?(): void };
        (starter.initialize ?? starter.init)!.call(hub);

        admin = subscriber('Administrator');
        monitor = subscriber('Monitor');
        hub.add(admin);
        hub.add(monitor);
    });

    afterEach(async () => {
        sinon.restore();
        await temp.dispose();
    });

    it('sends changes committed before the next turn together, in one call, projected', async () => {
        // Hold back the flush until both commits are done, so the test does not depend on disk timing.
        const clock = sinon.useFakeTimers({ toFake: ['setImmediate'] });
        try {
            await Promise.all([store.create(UsersCollection, newUser('user-a', 'alice')), store.create(UsersCollection, newUser('user-b', 'bob'))]);
            assert.equal(admin.client.onDidCommit.called, false, 'nothing is sent before the turn ends');
            assert.equal(clock.countTimers(), 1, 'one flush is scheduled for both changes');
            clock.runAll();
        } finally {
            clock.restore();
        }

        assert.equal(admin.client.onDidCommit.callCount, 1);
        const deltas = admin.client.onDidCommit.firstCall.args[0];
        assert.equal(deltas.length, 2);
        assert.deepEqual(deltas.map(delta => delta.id).sort(), ['user-a', 'user-b']);
        for (const delta of deltas) {
            assert.equal(delta.collection, 'users');
            assert.equal(delta.kind, 'created');
            assert.equal(delta.version, 1);
            const document = delta.document as Record<string, unknown>;
            assert.ok(document, 'a created document is sent');
            assert.equal(document.id, delta.id);
            assert.equal(document.name, delta.id === 'user-a' ? 'alice' : 'bob');
            assert.ok(!('passwordHash' in document), 'the password hash never leaves the backend');
        }
        assert.ok(!JSON.stringify(deltas).includes('scrypt$'));
        assert.equal(monitor.client.onDidCommit.called, false, 'a Monitor may not see users');
    });

    it('delivers two users created in the same tick to the administrator only, without hashes', async () => {
        await Promise.all([store.create(UsersCollection, newUser('user-a', 'alice')), store.create(UsersCollection, newUser('user-b', 'bob'))]);
        await delivered();

        const deltas = received(admin);
        assert.deepEqual(deltas.map(delta => delta.id).sort(), ['user-a', 'user-b']);
        assert.ok(admin.client.onDidCommit.callCount <= 2);
        assert.ok(deltas.every(delta => !('passwordHash' in (delta.document as object))));
        assert.equal(monitor.client.onDidCommit.called, false);
    });

    it('batches changes announced in the same turn into one call, each document once as last committed', async () => {
        const created = await store.create(UsersCollection, newUser('user-a', 'alice'));
        await delivered();
        admin.client.onDidCommit.resetHistory();

        // Two updates queued back to back on the same document commit one after the other.
        const first = store.update(UsersCollection, { ...created, name: 'alicia' });
        const second = store.modify(UsersCollection, created.id, current => ({ ...current, authority: 'Monitor' as const }));
        const clock = sinon.useFakeTimers({ toFake: ['setImmediate'] });
        try {
            await Promise.all([first, second]);
            clock.runAll();
        } finally {
            clock.restore();
        }
        assert.equal(admin.client.onDidCommit.callCount, 1);
        assert.deepEqual(admin.client.onDidCommit.firstCall.args[0].map(delta => [delta.kind, delta.version]), [['updated', 3]]);
        assert.equal((admin.client.onDidCommit.firstCall.args[0][0].document as User).authority, 'Monitor');
    });

    it('sends updates and deletions, a deletion without a document', async () => {
        const created = await store.create(UsersCollection, newUser('user-a', 'alice'));
        await delivered();
        const updated = await store.update(UsersCollection, { ...created, name: 'alicia' });
        await delivered();
        await store.delete(UsersCollection, updated.id, updated.version);
        await delivered();

        const deltas = received(admin);
        assert.deepEqual(deltas.map(delta => [delta.kind, delta.version]), [['created', 1], ['updated', 2], ['deleted', 2]]);
        assert.equal((deltas[1].document as User).name, 'alicia');
        assert.equal(deltas[2].document, undefined);
        assert.equal(monitor.client.onDidCommit.called, false);
    });

    it('sends nothing to a subscriber whose session has ended, and still serves the others', async () => {
        (admin.caller as ReturnType<typeof callerOf>).user.throws(PressworkError.AccessDenied('Your session has ended: sign in again'));
        const other = subscriber('Administrator');
        hub.add(other);

        await store.create(UsersCollection, newUser('user-a', 'alice'));
        await delivered();

        assert.equal(admin.client.onDidCommit.called, false);
        assert.equal(received(other).length, 1);
    });

    it('judges the authority at the time of sending', async () => {
        const caller = monitor.caller as ReturnType<typeof callerOf>;
        await store.create(UsersCollection, newUser('user-a', 'alice'));
        await delivered();
        assert.equal(monitor.client.onDidCommit.called, false);

        caller.user.returns(userOf('Administrator'));
        await store.create(UsersCollection, newUser('user-b', 'bob'));
        await delivered();
        assert.deepEqual(received(monitor).map(delta => delta.id), ['user-b']);

        caller.user.returns(userOf('Operator'));
        await store.create(UsersCollection, newUser('user-c', 'carol'));
        await delivered();
        assert.deepEqual(received(monitor).map(delta => delta.id), ['user-b']);
    });

    it('sends nothing more after remove()', async () => {
        await store.create(UsersCollection, newUser('user-a', 'alice'));
        await delivered();
        assert.equal(admin.client.onDidCommit.callCount, 1);

        hub.remove(admin);
        await store.create(UsersCollection, newUser('user-b', 'bob'));
        await delivered();

        assert.equal(admin.client.onDidCommit.callCount, 1);
    });

    it('does not deliver a collection the subscriber did not subscribe to', async () => {
        const elsewhere = subscriber('Administrator', ['orders', 'workflows']);
        hub.add(elsewhere);
        await store.create(UsersCollection, newUser('user-a', 'alice'));
        await delivered();
        assert.equal(elsewhere.client.onDidCommit.called, false);
        assert.equal(received(admin).length, 1);

        // A new subscription replaces the set and is honoured from then on.
        elsewhere.collections = new Set(['users']);
        admin.collections = new Set();
        await store.create(UsersCollection, newUser('user-b', 'bob'));
        await delivered();
        assert.deepEqual(received(elsewhere).map(delta => delta.id), ['user-b']);
        assert.equal(received(admin).length, 1);
    });

    it('never sends a collection that has no projection, even to a subscriber asking for it', async () => {
        const orders = subscriber('Administrator', [OrdersCollection.name]);
        hub.add(orders);
        const setImmediateSpy = sinon.spy(global, 'setImmediate');
        await store.create(OrdersCollection, sampleOrder('order-1'));
        const scheduled = setImmediateSpy.callCount;
        setImmediateSpy.restore();
        await delivered();
        assert.equal(scheduled, 0, 'no flush is scheduled for a collection without a projection');
        assert.equal(orders.client.onDidCommit.called, false);
        assert.equal(admin.client.onDidCommit.called, false);
    });

    it('keeps serving the others when one browser cannot be reached', async () => {
        const broken = subscriber('Administrator');
        broken.client.onDidCommit = sinon.spy((_deltas: DocumentDelta[]): void => {
            throw new Error('connection closed');
        });
        hub.add(broken);
        const after = subscriber('Administrator');
        hub.add(after);

        await store.create(UsersCollection, newUser('user-a', 'alice'));
        await delivered();

        assert.ok(broken.client.onDidCommit.calledOnce);
        assert.equal(received(after).length, 1);
        assert.equal(received(admin).length, 1);
        assert.ok(logger.warn.calledOnce);
    });

    it('sends connections whose changes are due together a few a turn, each its own message', async () => {
        const many = Array.from({ length: 20 }, () => subscriber('Administrator'));
        many.forEach(each => hub.add(each));
        let turn = 0;
        const sentInTurn = new Map<number, number>();
        many.forEach(each => each.client.onDidCommit = sinon.spy((_deltas: DocumentDelta[]): void => {
            sentInTurn.set(turn, (sentInTurn.get(turn) ?? 0) + 1);
        }));
        await store.create(UsersCollection, newUser('user-a', 'alice'));
        for (; turn < 20 && many.some(each => !each.client.onDidCommit.called); turn++) {
            await nextTurn();
        }
        assert.ok(many.every(each => each.client.onDidCommit.calledOnce), 'every connection received the change once');
        assert.ok(Math.max(...sentInTurn.values()) <= CONNECTIONS_SENT_PER_TURN, `sent per turn: ${[...sentInTurn.values()]}`);
    });

    it('schedules a new flush for changes after the previous one was sent', async () => {
        await store.create(UsersCollection, newUser('user-a', 'alice'));
        await delivered();
        await store.create(UsersCollection, newUser('user-b', 'bob'));
        await delivered();
        assert.equal(admin.client.onDidCommit.callCount, 2);
        assert.deepEqual(admin.client.onDidCommit.getCalls().map(call => call.args[0].map(delta => delta.id)), [['user-a'], ['user-b']]);
    });
});

describe('ChangeFeedHub per connection, while changes keep coming', () => {

    let store: DocumentStore;
    let temp: TempStore;
    let hub: ChangeFeedHub;
    let clock: sinon.SinonFakeTimers;
    let admin: ChangeFeedSubscriber & { client: { onDidCommit: sinon.SinonSpy<[DocumentDelta[]], void> } };

    beforeEach(async () => {
        temp = await openTempStore([], 'presswork-feed-');
        store = temp.store;
        hub = inject(new ChangeFeedHub(), { store, projectionProvider: { getContributions: () => [usersProjection] }, logger: recordingLogger() });
        hub.initialize();
        // The store and the hub's turn run for real; the interval's timer and clock are the test's.
        clock = sinon.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
        admin = {
            caller: callerOf('Administrator'), client: { onDidCommit: sinon.spy((_deltas: DocumentDelta[]): void => undefined) },
            collections: new Set([UsersCollection.name])
        };
        hub.add(admin);
    });

    afterEach(async () => {
        hub.remove(admin);
        clock.restore();
        sinon.restore();
        await temp.dispose();
    });

    it('sends the first change at once, then at most one message per interval, each document as last committed', async () => {
        const created = await store.create(UsersCollection, newUser('user-a', 'alice'));
        await delivered();
        assert.equal(admin.client.onDidCommit.callCount, 1, 'an idle change goes out at once');

        let current = created;
        for (let change = 0; change < 10; change++) {
            current = await store.update(UsersCollection, { ...current, name: `alice-${change}` });
            await store.create(UsersCollection, newUser(`user-${change}`, `user${change}`));
            await delivered();
            clock.tick(40);
        }
        // 10 rounds of 40 ms: 400 ms of changes; the last interval's message is still waiting.
        clock.tick(CHANGE_FEED_INTERVAL_MS);
        await delivered();
        const calls = admin.client.onDidCommit.getCalls().map(call => call.args[0]);
        assert.ok(calls.length <= 1 + Math.ceil(400 / CHANGE_FEED_INTERVAL_MS) + 1, `${calls.length} messages for 20 commits`);
        const updatesOfA = calls.flat().filter(delta => delta.id === 'user-a');
        assert.ok(updatesOfA.length < 5, 'an often changed document travels once per message');
        assert.equal((updatesOfA[updatesOfA.length - 1].document as User).name, 'alice-9', 'its last version arrives');
        assert.equal(new Set(calls.flat().filter(delta => delta.kind === 'created').map(delta => delta.id)).size, 11, 'no created document is lost');
        assert.equal(clock.countTimers(), 0);
    });

    it('stops the timer of a connection that closes with changes waiting', async () => {
        await store.create(UsersCollection, newUser('user-a', 'alice'));
        await delivered();
        await store.create(UsersCollection, newUser('user-b', 'bob'));
        await delivered();
        assert.equal(clock.countTimers(), 1, 'the second change waits for the interval');
        hub.remove(admin);
        assert.equal(clock.countTimers(), 0);
        clock.tick(CHANGE_FEED_INTERVAL_MS);
        assert.equal(admin.client.onDidCommit.callCount, 1);
    });

    it('sends ids only for a collection subscribed without documents', async () => {
        admin.withoutDocuments = new Set([UsersCollection.name]);
        await store.create(UsersCollection, newUser('user-a', 'alice'));
        await delivered();
        const [delta] = admin.client.onDidCommit.firstCall.args[0];
        assert.deepEqual([delta.kind, delta.id, delta.version, delta.document], ['created', 'user-a', 1, undefined]);
    });
});

describe('projectionsByCollection', () => {
    it('refuses a second projection for one collection, naming it', () => {
        assert.throws(() => projectionsByCollection([usersProjection, { ...usersProjection }]), /collection "users"/);
    });

    it('keys each projection by its collection', () => {
        assert.equal(projectionsByCollection([usersProjection]).get('users'), usersProjection);
    });
});
