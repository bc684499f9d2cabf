import assert from 'node:assert/strict';
import { SAMPLE_ORDERS } from '../catalog/sample-orders';
import { RunningSimulator } from '../simulator';
import { OrderView } from '../store/order-view';
import { admin, dateRangeXml, soapCall, soapRequestBody } from '../testing/soap-test-client';
import { startTestSimulator } from '../testing/test-simulator';

describe('/_sim administration', () => {
    let simulator: RunningSimulator;

    beforeEach(async () => {
        simulator = await startTestSimulator({ orderToken: 'order-token', closeoutToken: 'closeout-token' });
    });

    afterEach(() => simulator.close());

    it('needs Authorization: Bearer <orderToken>', async () => {
        for (const token of [null, 'closeout-token', 'wrong']) {
            const reply = await admin(simulator, 'GET', '/orders', undefined, token);
            assert.equal(reply.status, 401, String(token));
        }
        const basic = await fetch(`${simulator.url}/_sim/orders`, { headers: { Authorization: 'Basic b3JkZXItdG9rZW46' } });
        assert.equal(basic.status, 401);
        assert.equal(basic.headers.get('www-authenticate'), 'Bearer realm="marcomcentral-simulator"');
        assert.equal((await admin(simulator, 'GET', '/orders')).status, 200);
    });

    it('places an order from almost nothing, filling the gaps from the catalog', async () => {
        const reply = await admin(simulator, 'POST', '/orders', {});
        assert.equal(reply.status, 201);
        const order = reply.json as OrderView;
        assert.match(order.ID, /^\d+$/);
        assert.equal(order.OrderNumber, 'ACME-001001');
        assert.ok(order.CreateDate.startsWith('2026-11-26T16:00:0'), 'placed at the store clock');
        assert.equal(order.User.LoginID, 'plee');
        assert.equal(order.PaymentMethod, 'CreditCard');
        assert.equal(order.OrderDetails.length, 1);
        assert.equal(order.OrderDetails[0].SKU.ID, '13933967');
        assert.equal(order.OrderDetails[0].ClientStatus.Value, 'OrderAccepted');
        assert.equal(order.Status, 'OrderAccepted');
        assert.equal(order.CaptureCount, 0);
        assert.deepEqual([order.PackingSlips, order.Invoices, order.Settlements], [[], [], []]);
    });

    it('places an order in the contract element names, with explicit values kept', async () => {
        const reply = await admin(simulator, 'POST', '/orders', {
            OrderNumber: 'CUSTOM-1',
            CreateDate: '2026-11-26T07:30:00',
            User: { LoginID: 'srivera' },
            OrderDetails: [{
                SKU: { Name: 'BRO-TRI-LTR' }, Quantity: 300,
                Price: { Cost: { Unit: 1, CustomerDiscount: '5.00' }, Tax: { CustomerSales: 0 } },
                Shipping: { Method: 'Customer Pickup', Address: { Address1: '1 Main St', City: 'Austin', State: 'TX', Zip: '78701' } },
                FinishingOptions: [{ Name: 'Fold', Value: 'Z fold' }]
            }]
        });
        assert.equal(reply.status, 201, JSON.stringify(reply.json));
        const order = reply.json as OrderView;
        assert.equal(order.CreateDate, '2026-11-26T15:30:00.000Z', 'offset-less dates are store time');
        assert.equal(order.PaymentMethod, 'PurchaseOrder');
        assert.equal(order.CreditCard, undefined);
        const line = order.OrderDetails[0];
        assert.deepEqual(line.Price, { Cost: { Unit: '1.00', Customer: '300.00', Shipping: '12.50', CustomerDiscount: '5.00' }, Tax: { CustomerSales: '0.00', TotalFreight: '0.00' } });
        assert.equal(order.Total, '307.50');
        assert.equal(line.Shipping.Address.Country, 'US');
        assert.deepEqual(line.FinishingOptions, [{ Name: 'Fold', Value: 'Z fold' }]);
        assert.equal(line.JobTicket?.JobTicketNumber, `JT-${line.ID}`);
    });

    it('refuses invalid orders with 400 naming the field, and duplicate numbers with 409', async () => {
        const cases: [unknown, RegExp][] = [
            [{ OrderDetails: [{ SKU: 'NOPE' }] }, /OrderDetails\.0\.SKU: unknown SKU NOPE/],
            [{ OrderDetails: [{ Quantity: -1 }] }, /OrderDetails\.0\.Quantity/],
            [{ PaymentMethod: 'Cash' }, /PaymentMethod/],
            [{ Typo: 1 }, /Unrecognized key/i],
            [{ CreateDate: 'tomorrow' }, /CreateDate/],
            [{ PaymentMethod: 'Invoice', CreditCard: { CCType: 'Visa' } }, /CreditCard/],
            [{ OrderDetails: [{ SKU: '17000101', FileReady: true }] }, /FileReady/]
        ];
        for (const [body, message] of cases) {
            const reply = await admin(simulator, 'POST', '/orders', body);
            assert.equal(reply.status, 400, JSON.stringify(body));
            assert.match((reply.json as { error: string }).error, message);
        }
        const notJson = await fetch(`${simulator.url}/_sim/orders`, { method: 'POST', headers: { Authorization: 'Bearer order-token' }, body: '{' });
        assert.equal(notJson.status, 400);
        assert.equal((await admin(simulator, 'POST', '/orders', { OrderNumber: 'DUP' })).status, 201);
        assert.equal((await admin(simulator, 'POST', '/orders', { OrderNumber: 'DUP' })).status, 409);
    });

    it('answers an order by id (or number) with its closeout records, 404 when unknown', async () => {
        const placed = (await admin(simulator, 'POST', '/orders', SAMPLE_ORDERS.multiShipTo)).json as OrderView;
        const byId = await admin(simulator, 'GET', `/orders/${placed.ID}`);
        assert.equal(byId.status, 200);
        assert.equal((byId.json as OrderView).OrderNumber, placed.OrderNumber);
        assert.equal((await admin(simulator, 'GET', `/orders/${placed.OrderNumber}`)).status, 200);
        assert.equal((await admin(simulator, 'GET', '/orders/1')).status, 404);
    });

    it('sets the store clock by time, offset or step', async () => {
        let reply = await admin(simulator, 'POST', '/clock', { now: '2026-11-01T01:30:00-07:00' });
        assert.equal(reply.status, 200);
        const clock = reply.json as { now: string; nowInStore: string };
        assert.match(clock.nowInStore, /^2026-11-01T01:30:0\d(\.\d{3})?-07:00$/);
        reply = await admin(simulator, 'POST', '/clock', { advanceMs: 3_600_000 });
        assert.match((reply.json as { nowInStore: string }).nowInStore, /^2026-11-01T01:30:0\d(\.\d{3})?-08:00$/, 'one hour later is 01:30 again, in standard time');
        reply = await admin(simulator, 'POST', '/clock', { offsetMs: 0 });
        assert.ok(Math.abs(Date.parse((reply.json as { now: string }).now) - Date.now()) < 5_000);
        assert.equal((await admin(simulator, 'POST', '/clock', { now: 'soon' })).status, 400);
        assert.equal((await admin(simulator, 'POST', '/clock', { now: '2026-01-01T00:00:00Z', offsetMs: 1 })).status, 400);
    });

    it('places orders at the store clock', async () => {
        await admin(simulator, 'POST', '/clock', { now: '2026-12-24T10:00:00-08:00' });
        const placed = (await admin(simulator, 'POST', '/orders', { OrderNumber: 'XMAS' })).json as OrderView;
        assert.ok(placed.CreateDate.startsWith('2026-12-24T18:00:0'));
        const result = await soapCall(simulator, 'GetOrdersByDate', dateRangeXml('2026-12-24T09:59:00', '2026-12-24T10:01:00'));
        assert.ok(result.text.includes('<OrderNumber>XMAS</OrderNumber>'));
    });

    it('keeps a bounded log of raw exchanges with tokens masked', async () => {
        await soapCall(simulator, 'GetOrdersByDate', dateRangeXml('2026-11-26T00:00:00Z', '2026-11-27T00:00:00Z'));
        await soapCall(simulator, 'GetOrdersByDate', '', { token: 'closeout-token' });
        const log = (await admin(simulator, 'GET', '/log')).json as { method: string; url: string; status: number; requestBody: string; responseBody: string; requestHeaders: Record<string, string> }[];
        const soap = log.filter(entry => entry.url.includes('Order.asmx'));
        assert.equal(soap.length, 2);
        assert.equal(soap[0].status, 200);
        assert.ok(soap[0].requestBody.includes('<Token>***</Token>'));
        assert.ok(soap[0].responseBody.includes('<GetOrdersByDateResponse'));
        assert.equal(soap[1].status, 500);
        await admin(simulator, 'GET', '/orders');
        const entries = (await admin(simulator, 'GET', '/log')).json as { url: string }[];
        assert.ok(!entries.some(entry => entry.url === '/_sim/log'), 'reading the log is not logged');
        const everything = JSON.stringify(entries);
        assert.ok(!everything.includes('order-token'), 'no order token anywhere in the log');
        assert.ok(!everything.includes('closeout-token'), 'no closeout token anywhere in the log');
        assert.ok(everything.includes('Bearer ***'));
        assert.equal((await admin(simulator, 'DELETE', '/log')).status, 200);
    });

    it('sets stock for stocked SKUs only', async () => {
        assert.equal((await admin(simulator, 'POST', '/stock', { SKU: 'PEN-BLUE-BOX50', Level: 3 })).status, 200);
        assert.equal(((await admin(simulator, 'GET', '/stock')).json as Record<string, number>)['17000101'], 3);
        assert.equal((await admin(simulator, 'POST', '/stock', { SKU: '13933967', Level: 3 })).status, 404);
        assert.equal((await admin(simulator, 'POST', '/stock', { SKU: '17000101', Level: -1 })).status, 400);
    });

    it('holds an order of 22 lines with 1 MB product names placed from outside, and answers it in full by number', async function () {
        this.timeout(60_000);
        const name = 'N'.repeat(1024 * 1024);
        const lines = Array.from({ length: 22 }, () => ({ SKU: '13933967', ProductName: name }));
        const reply = await admin(simulator, 'POST', '/orders', { OrderNumber: 'HUGE-1', OrderDetails: lines });
        assert.equal(reply.status, 201);
        // Read raw: parsing 22 MB would only slow the test down.
        const answer = await fetch(`${simulator.url}/TRANS/1.0/Order.asmx`, {
            method: 'POST', headers: { 'Content-Type': 'text/xml; charset=utf-8' },
            body: soapRequestBody('GetOrdersByOrderNumber', '<OrderNumber>HUGE-1</OrderNumber>', simulator.orderToken)
        });
        const text = await answer.text();
        assert.equal(answer.status, 200);
        assert.ok(text.includes('<OrderNumber>HUGE-1</OrderNumber>'));
        assert.ok(text.length > 22 * 1024 * 1024, `${text.length} characters`);
    });

    it('answers 404 for unknown routes', async () => {
        assert.equal((await admin(simulator, 'GET', '/nothing')).status, 404);
        assert.equal((await admin(simulator, 'PUT', '/orders')).status, 404);
    });
});
