import { setTimeout as delay } from 'node:timers/promises';
import * as assert from 'node:assert/strict';
import { ConnectionTypeRegistry } from '@presswork/platform/lib/common/connection-type-registry';
import { registryOf } from '@presswork/platform/lib/common/test/registry-of';
import { inject } from '@presswork/platform/lib/node/test/inject';
import { recordingLogger } from '@presswork/platform/lib/node/test/recording-logger';
import type { CloseoutInput } from '../common/closeout-protocol';
import { CloseoutsCollection } from './closeout-collections';
import { CloseoutRunner, clockTime } from './closeout-runner';
import { CloseoutFixture } from './test/closeout-fixture';
import { closeoutInput, refusal } from './test/closeout-input';
import { ScriptedStore, answer, receivedOrder } from './test/scripted-store';

const NOW = new Date('2026-11-26T12:00:00.000Z');

function input(invoiceNumber = 'INV-1001'): CloseoutInput {
    return closeoutInput({ invoice: { invoiceNumber } });
}

/** The closeout lock with several servers on one database: the fixture's store is taken for a PostgreSQL one (kind). */
describe('CloseoutLock across servers', function (): void {
    this.timeout(30_000);
    let store: ScriptedStore;
    let fixture: CloseoutFixture;
    let now: () => Date;

    async function open(lockMs: number): Promise<void> {
        fixture = await CloseoutFixture.open({ connectionType: store, now: () => now(), owner: 'server-a', lockMs });
        Object.defineProperty(fixture.store, 'kind', { value: 'postgresql', configurable: true });
        await fixture.addOrder(receivedOrder());
    }

    /** A second server's runner over the same store. */
    function serverB(lockMs: number): CloseoutRunner {
        return inject(new CloseoutRunner(), {
            store: fixture.store, connectionTypes: registryOf(ConnectionTypeRegistry, [store]), documents: fixture.documents,
            releaser: fixture.releaser, logger: recordingLogger(), options: { now: () => now(), owner: 'server-b', lockMs }
        });
    }

    beforeEach(() => {
        store = new ScriptedStore();
        now = () => NOW;
    });

    afterEach(() => fixture.remove());

    it('refuses while a live server holds the lock; takes a dead server\'s lock over once it expired, resending a part left sending with its numbers', async () => {
        await open(30_000);
        store.createInvoice.onFirstCall().rejects(Object.assign(new Error('killed'), { killed: true }));
        await fixture.runner.closeOut('order-1', input(), 'olivia');
        // Server A died while the invoice was out: the document keeps "sending" and A's lock.
        await fixture.store.modify(CloseoutsCollection, 'order-1', current => ({
            ...current,
            parts: { ...current.parts, invoice: { ...current.parts.invoice, status: 'sending' as const } },
            running: { by: 'olivia', since: NOW.toISOString(), owner: 'server-a', expiresAt: new Date(NOW.getTime() + 30_000).toISOString() }
        }));
        const b = serverB(30_000);
        assert.equal(await refusal(b.closeOut('order-1', input(), 'sam')), `olivia is closing out order 1001 since ${clockTime(NOW.toISOString())}`);

        now = () => new Date(NOW.getTime() + 30_001);
        const progress = await b.closeOut('order-1', input('INV-CHANGED'), 'sam');
        await b.idle();
        assert.equal(progress.closed, true);
        assert.equal(store.createInvoice.callCount, 2);
        assert.equal(store.createInvoice.secondCall.args[1].invoiceNumber, 'INV-1001', 'the numbers it was sent with');
        assert.equal(store.createPackingSlip.callCount, 1);
        assert.equal(fixture.closeout()!.running, undefined);
    });

    it('with the embedded store (one backend owns the data folder), takes another process\'s lock over at once', async () => {
        await open(30_000);
        Object.defineProperty(fixture.store, 'kind', { value: 'embedded', configurable: true });
        await fixture.store.create(CloseoutsCollection, {
            id: 'order-1', orderNumber: '1001', running: { by: 'kim', since: NOW.toISOString(), owner: 'the-killed-backend', expiresAt: new Date(NOW.getTime() + 30_000).toISOString() },
            attempts: [], pendingLog: [], closed: false,
            parts: { packingSlip: { status: 'pending', sent: false }, invoice: { status: 'pending', sent: false }, settlement: { status: 'pending', sent: false } }
        });
        assert.equal((await fixture.runner.closeOut('order-1', input(), 'olivia')).closed, true);
    });

    it('renews the lock while an attempt runs, so another server is refused all along', async () => {
        now = () => new Date();
        await open(600);
        let release!: () => void;
        store.createPackingSlip.callsFake(() => new Promise(resolve => release = () => resolve(answer('success', 1, ['SLIP-1']))));
        const attempt = fixture.runner.closeOut('order-1', input(), 'olivia');
        while (!store.createPackingSlip.called) {
            await delay(5);
        }
        const b = serverB(600);
        for (let check = 0; check < 4; check++) {
            await delay(250);
            assert.match(await refusal(b.closeOut('order-1', input(), 'sam')), /^olivia is closing out order 1001 since/);
        }
        assert.ok(Date.parse(fixture.closeout()!.running!.expiresAt!) > Date.now(), 'renewed');
        release();
        assert.equal((await attempt).closed, true);
        assert.equal(store.createPackingSlip.callCount, 1);
    });

    it('stops an attempt whose lock another server took over before its next part, and leaves that server\'s lock', async () => {
        await open(30_000);
        let release!: () => void;
        store.createPackingSlip.callsFake(() => new Promise(resolve => release = () => resolve(answer('success', 1, ['SLIP-1']))));
        const attempt = fixture.runner.closeOut('order-1', input(), 'olivia');
        while (!store.createPackingSlip.called) {
            await delay(5);
        }
        // Server A could not renew in time (a long pause): server B took the expired lock over.
        await fixture.store.modify(CloseoutsCollection, 'order-1', current => ({
            ...current, running: { by: 'sam', since: NOW.toISOString(), owner: 'server-b', expiresAt: new Date(NOW.getTime() + 30_000).toISOString() }
        }));
        release();
        assert.equal(await refusal(attempt), 'The closeout of order 1001 was taken over by another server');
        assert.equal(store.createInvoice.callCount, 0);
        assert.equal(fixture.closeout()!.running!.owner, 'server-b');
    });
});
