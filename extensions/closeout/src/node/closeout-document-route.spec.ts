import * as assert from 'node:assert/strict';
import type * as express from '@theia/core/shared/express';
import type { User } from '@presswork/platform/lib/common/user-schema';
import { CloseoutsCollection } from './closeout-collections';
import { CloseoutDocumentRoute, DocumentRequestSchema } from './closeout-document-route';
import { CloseoutProgressProjection } from './closeout-progress-projection';
import { inject } from '@presswork/platform/lib/node/test/inject';
import { recordingLogger } from '@presswork/platform/lib/node/test/recording-logger';
import { CloseoutFixture } from './test/closeout-fixture';
import { ScriptedStore, receivedOrder } from './test/scripted-store';

interface Sent {
    status: number;
    headers: Record<string, string>;
    body?: unknown;
}

function response(): { response: express.Response; sent: Sent } {
    const sent: Sent = { status: 200, headers: {} };
    const fake = {
        headersSent: false,
        status(code: number) {
            sent.status = code;
            return fake;
        },
        json(body: unknown) {
            sent.body = body;
            return fake;
        },
        setHeader(name: string, value: string) {
            sent.headers[name.toLowerCase()] = value;
            return fake;
        },
        send(body: unknown) {
            sent.body = body;
            return fake;
        }
    };
    return { response: fake as unknown as express.Response, sent };
}

const user = (authority: User['authority']): User => ({ id: 'u1', version: 1, name: 'olivia', authority, passwordHash: 'x', mustChangePassword: false, createdAt: '2026-01-01T00:00:00.000Z' });

describe('closeout documents route', () => {
    let fixture: CloseoutFixture;
    let signedIn: User | undefined;
    let route: CloseoutDocumentRoute;

    beforeEach(async () => {
        fixture = await CloseoutFixture.open({ connectionType: new ScriptedStore() });
        signedIn = user('Operator');
        route = inject(new CloseoutDocumentRoute(), { users: { userOf: () => signedIn }, documents: fixture.documents, logger: recordingLogger() });
        const order = await fixture.addOrder(receivedOrder());
        await fixture.documents.write('packing-slip', order, {
            packingSlip: { packingSlipNumber: 'PS-1001', shipDate: '2026-11-26', carrierName: 'UPS' }, invoice: { invoiceNumber: 'INV-1001', invoiceDate: '2026-11-26' }
        });
    });

    afterEach(() => fixture.remove());

    async function get(orderId: string, file: string): Promise<Sent> {
        const { response: res, sent } = response();
        await route.serve({ params: { orderId, file } } as unknown as express.Request, res);
        return sent;
    }

    it('serves a stored document as an inline PDF', async () => {
        const sent = await get('order-1', 'packing-slip.pdf');
        assert.equal(sent.status, 200);
        assert.equal(sent.headers['content-type'], 'application/pdf');
        assert.equal((sent.body as Buffer).subarray(0, 5).toString('latin1'), '%PDF-');
    });

    it('answers 404 for a document whose part is not done, and renders one that is done but not yet written', async () => {
        assert.equal((await get('order-1', 'invoice.pdf')).status, 404);
        const done = { status: 'done' as const, sent: true };
        await fixture.store.create(CloseoutsCollection, {
            id: 'order-1', orderNumber: '1001', attempts: [], pendingLog: [], closed: false,
            input: { packingSlip: { packingSlipNumber: 'PS-1001', shipDate: '2026-11-26', carrierName: 'UPS' }, invoice: { invoiceNumber: 'INV-1001', invoiceDate: '2026-11-26' } },
            parts: { packingSlip: done, invoice: done, settlement: { status: 'pending', sent: false } }
        });
        const sent = await get('order-1', 'invoice.pdf');
        assert.equal(sent.status, 200);
        assert.equal((sent.body as Buffer).subarray(0, 5).toString('latin1'), '%PDF-');
        assert.equal(await fixture.documents.exists('order-1', 'invoice'), true, 'kept for the next time');
    });

    it('refuses without a session (401) and to a Monitor (403)', async () => {
        signedIn = undefined;
        assert.equal((await get('order-1', 'packing-slip.pdf')).status, 401);
        signedIn = user('Monitor');
        assert.equal((await get('order-1', 'packing-slip.pdf')).status, 403);
    });

    it('never builds a path from a bad id or kind', async () => {
        for (const [orderId, file] of [['..', 'invoice.pdf'], ['order-1', '..%2Finvoice.pdf'], ['order-1', 'secrets.pdf'], ['.hidden', 'invoice.pdf'], ['order-1', 'invoice.PDF']]) {
            assert.equal((await get(orderId, file)).status, 400, `${orderId}/${file}`);
        }
        assert.equal(DocumentRequestSchema.parse({ orderId: 'order-1', file: 'invoice.pdf' }).file, 'invoice');
        assert.throws(() => fixture.documents.fileOf('../x', 'invoice'));
    });
});

describe('closeout progress projection', () => {
    it('carries parts, numbers and lock to those who may close out, never the audit trail', () => {
        assert.equal(CloseoutProgressProjection.permission, 'orders.closeout');
        assert.equal(CloseoutProgressProjection.collection, 'closeouts');
        const projected = CloseoutProgressProjection.project({
            id: 'order-1', version: 3, orderNumber: '1001', closed: false,
            running: { by: 'olivia', since: '2026-11-26T12:00:00.000Z', owner: 'backend-1' },
            parts: { packingSlip: { status: 'done', referenceId: 'S1', sent: true }, invoice: { status: 'sending', sent: true }, settlement: { status: 'pending', sent: false } },
            attempts: [{ by: 'olivia', startedAt: '2026-11-26T12:00:00.000Z', events: [] }]
        } as never);
        assert.deepEqual(projected, {
            orderId: 'order-1', version: 3, input: undefined,
            parts: {
                packingSlip: { status: 'done', referenceId: 'S1', code: undefined, message: undefined, at: undefined },
                invoice: { status: 'sending', referenceId: undefined, code: undefined, message: undefined, at: undefined },
                settlement: { status: 'pending', referenceId: undefined, code: undefined, message: undefined, at: undefined }
            },
            runningBy: 'olivia', runningSince: '2026-11-26T12:00:00.000Z', closed: false, closedBy: undefined, closedAt: undefined
        });
    });
});
