import * as assert from 'node:assert/strict';
import type { PressworkEventDraft } from '@presswork/platform/lib/common/presswork-events';
import { parseEventDraft } from '@presswork/platform/lib/common/presswork-events';
import type { DocumentStore } from '@presswork/platform/lib/node/store/document-store';
import { followDerivedDrafts } from '@presswork/platform/lib/node/test/derived-drafts';
import { inject } from '@presswork/platform/lib/node/test/inject';
import type { CloseoutInput } from '../../common/closeout-protocol';
import type { CloseoutDocument, StoredPart } from '../closeout-collections';
import { CloseoutFixture } from '../test/closeout-fixture';
import { ScriptedStore, answer, receivedOrder } from '../test/scripted-store';
import { CloseoutEventSource } from './closeout-event-source';

const T1 = '2026-11-26T12:00:00.000Z';
const T2 = '2026-11-26T12:05:00.000Z';
const INPUT: CloseoutInput = {
    packingSlip: { packingSlipNumber: 'PS-1001', shipDate: '2026-11-26', carrierName: 'UPS', trackingNumber: '1Z999' },
    invoice: { invoiceNumber: 'INV-1001', invoiceDate: '2026-11-26' }
};
const PENDING: StoredPart = { status: 'pending', sent: false };
const DONE: StoredPart = { status: 'done', referenceId: 'R-1', code: 0, message: 'ok', at: T1, sent: true };

function closeout(change: Partial<CloseoutDocument> = {}): CloseoutDocument {
    return {
        id: 'order-1', version: 1, orderNumber: '1001', input: INPUT,
        parts: { packingSlip: PENDING, invoice: PENDING, settlement: PENDING }, attempts: [], pendingLog: [], closed: false, ...change
    };
}

function sourceOver(store: Pick<DocumentStore, 'get'>): CloseoutEventSource {
    return inject(new CloseoutEventSource(), { store });
}

describe('CloseoutEventSource', () => {
    const order = { id: 'order-1', connectionId: 'conn-1', customer: { firstName: 'Pat', lastName: 'Lee' }, closeout: { closedAt: T2 } };
    const source = sourceOver({ get: (() => order) as DocumentStore['get'] });

    function derive(before: CloseoutDocument | undefined, after: CloseoutDocument | undefined): PressworkEventDraft[] {
        const drafts = source.derive(before && source.observe(before), after && source.observe(after));
        drafts.forEach(draft => parseEventDraft(draft));
        return drafts;
    }

    it('says the order closed out, with its packing slip number, carrier and tracking number', () => {
        const closed = closeout({ parts: { packingSlip: DONE, invoice: DONE, settlement: DONE }, closed: true, closedBy: 'olivia', closedAt: T2 });
        assert.deepEqual(derive(closeout(), closed), [{
            id: `order.closed-out:order-1:${T2}`, name: 'order.closed-out', at: T2, subject: 'order:order-1',
            payload: { orderId: 'order-1', orderNumber: '1001', connectionId: 'conn-1', customerName: 'Pat Lee', packingSlipNumber: 'PS-1001', carrier: 'UPS', trackingNumber: '1Z999' }
        }]);
        assert.deepEqual(derive(closed, { ...closed, version: 2 }), [], 'closed once');
    });

    it('says the order closed out when the order is closed but a stop kept its record from saying so', () => {
        const closedOrder = sourceOver({ get: (() => ({ ...order, closed: true })) as DocumentStore['get'] });
        const done = closeout({ parts: { packingSlip: DONE, invoice: DONE, settlement: DONE }, running: { by: 'olivia', since: T1, owner: 'b' } });
        const drafts = closedOrder.derive(source.observe(done), closedOrder.observe(done));
        assert.deepEqual(drafts.map(draft => [draft.id, draft.at]), [[`order.closed-out:order-1:${T2}`, T2]]);
    });

    it('says which part failed, with the store\'s code and message', () => {
        const failed: StoredPart = { status: 'failed', code: 402, message: 'MarcomCentral refused the invoice (code 402): Order not fully shipped', at: T1, sent: true };
        assert.deepEqual(derive(closeout(), closeout({ parts: { packingSlip: DONE, invoice: failed, settlement: PENDING } })), [{
            id: `order.closeout-failed:order-1:invoice:${T1}`, name: 'order.closeout-failed', at: T1, subject: 'order:order-1',
            payload: { orderId: 'order-1', orderNumber: '1001', connectionId: 'conn-1', customerName: 'Pat Lee', part: 'invoice', code: '402', message: failed.message }
        }]);
    });

    it('says a failure once: not again while it stands, again when a retry fails anew', () => {
        const failedAt = (at: string): CloseoutDocument => closeout({ parts: { packingSlip: { status: 'failed', message: 'MarcomCentral did not answer: timeout', at, sent: true }, invoice: PENDING, settlement: PENDING } });
        const first = derive(closeout(), failedAt(T1));
        assert.equal(first.length, 1);
        assert.equal((first[0].payload as { code?: string }).code, undefined, 'a transport error has no code');
        assert.deepEqual(derive(failedAt(T1), { ...failedAt(T1), version: 3, running: { by: 'sam', since: T2, owner: 'b' } }), []);
        const sending = closeout({ parts: { packingSlip: { status: 'sending', at: T2, sent: true }, invoice: PENDING, settlement: PENDING } });
        assert.deepEqual(derive(failedAt(T1), sending), []);
        assert.deepEqual(derive(sending, failedAt(T2)).map(draft => draft.id), [`order.closeout-failed:order-1:packingSlip:${T2}`]);
    });

    it('says nothing for a record that only moves (lock, attempts, audit), nor for a deleted one or an order gone from the store', () => {
        assert.deepEqual(derive(closeout(), closeout({ version: 2, running: { by: 'sam', since: T1, owner: 'b' } })), []);
        assert.deepEqual(derive(closeout(), undefined), []);
        const orphan = sourceOver({ get: (() => undefined) as DocumentStore['get'] });
        const closed = closeout({ closed: true, closedAt: T2 });
        assert.deepEqual(orphan.derive(undefined, orphan.observe(closed)), []);
    });

    it('derives the same ids from the same records, from plain JSON snapshots', () => {
        const closed = closeout({ parts: { packingSlip: DONE, invoice: DONE, settlement: DONE }, closed: true, closedAt: T2 });
        assert.deepEqual(derive(closeout(), closed), derive(closeout(), closed));
        assert.deepEqual(JSON.parse(JSON.stringify(source.observe(closed))), source.observe(closed));
        assert.deepEqual(JSON.parse(JSON.stringify(source.observe(closeout()))), source.observe(closeout()));
    });

    describe('as closeout attempts write the record', () => {
        let store: ScriptedStore;
        let fixture: CloseoutFixture;

        beforeEach(async () => {
            store = new ScriptedStore();
            fixture = await CloseoutFixture.open({ connectionType: store });
            await fixture.addOrder(receivedOrder());
        });

        afterEach(() => fixture.remove());

        it('an invoice refused, then a retry that closes the order: closeout failed, then closed out, once each', async () => {
            const events = followDerivedDrafts(fixture.store, sourceOver(fixture.store));
            store.createInvoice.onFirstCall().resolves(answer('failed', 402, [], 'Order not fully shipped'));
            await fixture.runner.closeOut('order-1', INPUT, 'olivia');
            assert.deepEqual(events.names(), ['order.closeout-failed']);
            const failed = events.drafts[0].payload as { part: string; code: string; message: string; orderNumber: string };
            assert.deepEqual([failed.part, failed.code, failed.orderNumber], ['invoice', '402', '1001']);
            assert.match(failed.message, /Order not fully shipped/);

            await fixture.runner.closeOut('order-1', INPUT, 'sam');
            await fixture.runner.idle();
            assert.deepEqual(events.names(), ['order.closeout-failed', 'order.closed-out']);
            const closed = events.drafts[1];
            assert.equal(closed.at, fixture.order().closeout?.closedAt);
            assert.deepEqual(closed.payload, {
                orderId: 'order-1', orderNumber: '1001', connectionId: 'conn-1', customerName: 'Pat Lee', packingSlipNumber: 'PS-1001', carrier: 'UPS', trackingNumber: '1Z999'
            });
            events.dispose();
        });
    });
});
