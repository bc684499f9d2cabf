import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SAMPLE_ORDERS } from '../catalog/sample-orders';
import { startSimulator } from '../simulator';
import { invoiceLines, settleOrder, shipOrder } from '../testing/closeout-steps';
import { soapCall } from '../testing/soap-test-client';
import { TEST_NOW } from '../testing/test-simulator';
import { StateFileError, StateStore } from './state-store';

describe('state file', () => {
    let folder: string;
    let file: string;

    beforeEach(async () => {
        folder = await mkdtemp(join(tmpdir(), 'marcom-sim-'));
        file = join(folder, 'nested', 'state.json');
    });

    afterEach(() => rm(folder, { recursive: true, force: true }));

    it('keeps orders, closeout records, stock and id counters across a restart', async () => {
        const first = await startSimulator({ stateFile: file, now: TEST_NOW });
        const order = await first.placeOrder(SAMPLE_ORDERS.multiShipTo);
        await first.markFileReady(order.OrderDetails[0].ID);
        await shipOrder(first, order.ID, 'PS-1');
        await invoiceLines(first, order.OrderDetails.map(line => line.ID), 'INV-1');
        await settleOrder(first, order.ID);
        await first.close();
        assert.deepEqual((await readdir(join(folder, 'nested'))).sort(), ['state.json'], 'no temporary files left behind');

        const second = await startSimulator({ stateFile: file, now: TEST_NOW });
        try {
            const restored = second.order(order.ID)!;
            assert.equal(restored.OrderNumber, order.OrderNumber);
            assert.equal(restored.CaptureCount, 1);
            assert.deepEqual(restored.OrderDetails.map(line => line.ClientStatus.Value), ['Closed', 'Closed', 'Closed']);
            assert.equal(restored.OrderDetails[0].FileReady, true);
            assert.equal((await fetch(`${second.url}/files/${order.OrderDetails[0].ID}.pdf`)).status, 200);
            const repeat = await settleOrder(second, order.ID);
            assert.ok(repeat.text.includes('Code="5"'), 'still settled after a restart');
            const stock = await fetch(`${second.url}/_sim/stock`, { headers: { Authorization: `Bearer ${second.orderToken}` } }).then(reply => reply.json());
            assert.equal((stock as Record<string, number>)['17000101'], 38, 'two boxes of pens shipped');
            const next = await second.placeOrder({});
            assert.ok(Number(next.ID) > Number(order.ID), 'ids keep counting');
            const found = await soapCall(second, 'GetOrdersByOrderNumber', `<OrderNumber>${order.OrderNumber}</OrderNumber>`);
            assert.ok(found.text.includes(`<ID type="Printable">${order.ID}</ID>`));
        } finally {
            await second.close();
        }
    });

    it('writes the file as readable JSON after each change', async () => {
        const simulator = await startSimulator({ stateFile: file });
        try {
            const order = await simulator.placeOrder({ OrderNumber: 'ON-DISK' });
            const saved = JSON.parse(await readFile(file, 'utf8')) as { version: number; orders: { ID: string }[] };
            assert.equal(saved.version, 1);
            assert.deepEqual(saved.orders.map(entry => entry.ID), [order.ID]);
        } finally {
            await simulator.close();
        }
    });

    it('refuses a state file that is not valid, naming the field, and leaves it alone', async () => {
        await writeFile(join(folder, 'bad.json'), JSON.stringify({ version: 1, nextIds: {}, orders: [], packingSlips: [], invoices: [], settlements: [], stock: {} }));
        await assert.rejects(StateStore.open(join(folder, 'bad.json')), (error: Error) => error instanceof StateFileError && /nextIds\.order/.test(error.message));
        await writeFile(join(folder, 'garbage.json'), 'not json');
        await assert.rejects(startSimulator({ stateFile: join(folder, 'garbage.json') }), /is not JSON/);
        assert.equal(await readFile(join(folder, 'garbage.json'), 'utf8'), 'not json');
    });

    it('coalesces concurrent saves and finishes them all', async () => {
        const store = await StateStore.open(file);
        store.setStock('17000101', 1);
        const first = store.save();
        store.setStock('17000101', 2);
        const second = store.save();
        store.setStock('17000101', 3);
        await Promise.all([first, second, store.save()]);
        const saved = JSON.parse(await readFile(file, 'utf8')) as { stock: Record<string, number> };
        assert.equal(saved.stock['17000101'], 3);
    });
});
