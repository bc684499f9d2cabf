import assert from 'node:assert/strict';
import { SAMPLE_ORDERS } from '../catalog/sample-orders';
import { RunningSimulator } from '../simulator';
import { descendant, textAt } from '../soap/xml-tree';
import { admin, soapCall } from '../testing/soap-test-client';
import { startTestSimulator } from '../testing/test-simulator';

describe('print files', () => {
    let simulator: RunningSimulator;

    afterEach(() => simulator.close());

    it('answers 404 until the file is ready, then a PDF naming the order and product', async () => {
        simulator = await startTestSimulator();
        const order = await simulator.placeOrder({ ...SAMPLE_ORDERS.cardSingleShipTo, OrderNumber: 'ACME-PDF' });
        const line = order.OrderDetails[0];
        const url = `${simulator.url}/files/${line.ID}.pdf`;
        assert.equal((await fetch(url)).status, 404);

        const ready = await admin(simulator, 'POST', `/files/${line.ID}/ready`);
        assert.equal(ready.status, 200);
        assert.deepEqual(ready.json, { LineItemID: line.ID, URL: url });

        const reply = await fetch(url);
        assert.equal(reply.status, 200);
        assert.equal(reply.headers.get('content-type'), 'application/pdf');
        const pdf = Buffer.from(await reply.arrayBuffer()).toString('latin1');
        assert.equal(Number(reply.headers.get('content-length')), pdf.length);
        assert.ok(pdf.startsWith('%PDF-1.4'));
        assert.ok(pdf.includes('(Order ACME-PDF) Tj'));
        assert.ok(pdf.includes('(Business Cards) Tj'));
        assert.equal(simulator.order(order.ID)!.OrderDetails[0].ClientStatus.Value, 'WorkInProgress', 'downloading starts the work');
        assert.equal((await fetch(`${simulator.url}/files/${order.OrderDetails[1].ID}.pdf`)).status, 404, 'other lines are not ready');
    });

    it('has no file for stocked items and refuses to render one', async () => {
        simulator = await startTestSimulator();
        const order = await simulator.placeOrder(SAMPLE_ORDERS.stockedOnly);
        const lineId = order.OrderDetails[0].ID;
        assert.equal((await admin(simulator, 'POST', `/files/${lineId}/ready`)).status, 409);
        await assert.rejects(simulator.markFileReady(lineId), /has no print file/);
        assert.equal((await fetch(`${simulator.url}/files/${lineId}.pdf`)).status, 404);
        assert.equal((await admin(simulator, 'POST', '/files/999/ready')).status, 404);
    });

    it('can leave FinalOutputFileURL empty until the file is ready', async () => {
        simulator = await startTestSimulator({ hideFileUrlUntilReady: true });
        const order = await simulator.placeOrder({ ...SAMPLE_ORDERS.costCenter, OrderNumber: 'HIDE-1' });
        const url = async () => {
            const call = await soapCall(simulator, 'GetOrdersByOrderNumber', '<OrderNumber>HIDE-1</OrderNumber>');
            return textAt(descendant(call.response, 'GetOrdersByOrderNumberResult', 'GetOrdersResponse', 'Orders', 'Order', 'OrderDetails', 'OrderDetail'), 'FinalOutputFileURL', 'URL');
        };
        assert.equal(await url(), '');
        await simulator.markFileReady(order.OrderDetails[0].ID);
        assert.equal(await url(), `${simulator.url}/files/${order.OrderDetails[0].ID}.pdf`);
    });
});

describe('print file paths', () => {
    it('answers 404 for malformed or unknown names', async () => {
        const simulator = await startTestSimulator();
        try {
            assert.equal((await fetch(`${simulator.url}/files/%E0%A4%A.pdf`)).status, 404);
            assert.equal((await fetch(`${simulator.url}/files/..%2F..%2Fetc%2Fpasswd.pdf`)).status, 404);
            assert.equal((await admin(simulator, 'POST', '/files/%E0%A4%A/ready')).status, 400);
        } finally {
            await simulator.close();
        }
    });
});
