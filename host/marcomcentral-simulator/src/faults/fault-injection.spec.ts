import { setTimeout as delay } from 'node:timers/promises';
import assert from 'node:assert/strict';
import { SAMPLE_ORDERS } from '../catalog/sample-orders';
import { RunningSimulator } from '../simulator';
import { parseXmlDocument } from '../soap/xml-tree';
import { shipOrder } from '../testing/closeout-steps';
import { admin, dateRangeXml, soapCall, soapRequestBody } from '../testing/soap-test-client';
import { startTestSimulator } from '../testing/test-simulator';

const WINDOW = dateRangeXml('2026-11-26T00:00:00-08:00', '2026-11-27T00:00:00-08:00');

describe('fault injection', () => {
    let simulator: RunningSimulator;

    beforeEach(async () => {
        simulator = await startTestSimulator();
    });

    afterEach(() => simulator.close());

    it('fails exactly the next N calls of the operation, then answers normally', async () => {
        simulator.injectFault({ operation: 'GetOrdersByDate', mode: 'fault', times: 2 });
        for (let call = 0; call < 2; call += 1) {
            const failed = await soapCall(simulator, 'GetOrdersByDate', WINDOW);
            assert.equal(failed.status, 500);
            assert.equal(failed.fault?.code, 'soap:Server');
        }
        assert.equal((await soapCall(simulator, 'GetOrdersByDate', WINDOW)).status, 200);
    });

    it('leaves other operations alone, unless injected for any operation (*)', async () => {
        simulator.injectFault({ operation: 'GetJobTicketsByDate', mode: 'http500' });
        assert.equal((await soapCall(simulator, 'GetOrdersByDate', WINDOW)).status, 200);
        simulator.injectFault({ operation: '*', mode: 'http500' });
        const anyOperation = await soapCall(simulator, 'GetOrdersByOrderNumber', '<OrderNumber>x</OrderNumber>');
        assert.equal(anyOperation.status, 500);
        assert.equal((await soapCall(simulator, 'GetJobTicketsByDate', WINDOW)).status, 500);
        assert.equal((await soapCall(simulator, 'GetJobTicketsByDate', WINDOW)).status, 200);
    });

    it('http500 answers an HTML error page, not SOAP', async () => {
        simulator.injectFault({ operation: 'GetOrdersByDate', mode: 'http500' });
        const result = await soapCall(simulator, 'GetOrdersByDate', WINDOW);
        assert.equal(result.status, 500);
        assert.match(result.contentType ?? '', /^text\/html/);
        assert.equal(result.fault, undefined);
    });

    it('malformed answers a truncated document, and the operation still ran', async () => {
        const order = await simulator.placeOrder(SAMPLE_ORDERS.costCenter);
        simulator.injectFault({ operation: 'CreatePackingSlipByOrder', mode: 'malformed' });
        const garbled = await shipOrder(simulator, order.ID, 'PS-1');
        assert.equal(garbled.status, 200);
        assert.throws(() => parseXmlDocument(garbled.text));
        assert.equal(simulator.order(order.ID)!.PackingSlips.length, 1);
        const retry = await shipOrder(simulator, order.ID, 'PS-1');
        assert.ok(retry.text.includes('Code="5"'), 'a retry learns it is already done');
    });

    it('code answers the closeout result code for the requested lines and changes nothing', async () => {
        const order = await simulator.placeOrder(SAMPLE_ORDERS.cardSingleShipTo);
        simulator.injectFault({ operation: 'CreatePackingSlipByOrder', mode: 'code', code: 167 });
        const refused = await shipOrder(simulator, order.ID, 'PS-1');
        assert.equal(refused.status, 200);
        assert.match(refused.text, /<Status Status="ProcessFailed" Code="167" Message="Inventory conflict. \(injected\)"\/>/);
        assert.equal((refused.text.match(/<LineItemID>/g) ?? []).length, 2);
        assert.equal(simulator.order(order.ID)!.PackingSlips.length, 0);
        assert.ok((await shipOrder(simulator, order.ID, 'PS-1')).text.includes('Code="1"'));
    });

    it('refuses a code fault for a non-closeout operation', async () => {
        const reply = await admin(simulator, 'POST', '/faults', { operation: 'GetOrdersByDate', mode: 'code', code: 403 });
        assert.equal(reply.status, 400);
        assert.throws(() => simulator.injectFault({ operation: 'SettleByOrder', mode: 'code' }));
    });

    it('timeout holds the answer until the client gives up, and the operation still ran', async () => {
        const order = await simulator.placeOrder(SAMPLE_ORDERS.costCenter);
        simulator.injectFault({ operation: 'CreatePackingSlipByOrder', mode: 'timeout' });
        const started = Date.now();
        await assert.rejects(shipOrder(simulator, order.ID, 'PS-1', { signal: AbortSignal.timeout(300) }), /abort|timeout/i);
        assert.ok(Date.now() - started >= 290);
        assert.equal(simulator.order(order.ID)!.PackingSlips.length, 1);
        assert.equal((await shipOrder(simulator, order.ID, 'PS-1')).status, 200);
    });

    it('close() releases a held answer', async () => {
        simulator.injectFault({ operation: 'GetOrdersByDate', mode: 'timeout' });
        const pending = soapCall(simulator, 'GetOrdersByDate', WINDOW);
        await delay(100);
        await simulator.close();
        await assert.rejects(pending);
    });

    it('huge answers a well-formed document of at least 50 MB', async function () {
        this.timeout(30_000);
        await simulator.placeOrder({ ...SAMPLE_ORDERS.costCenter, OrderNumber: 'BIG-1' });
        simulator.injectFault({ operation: 'GetOrdersByDate', mode: 'huge' });
        const reply = await fetch(`${simulator.url}/TRANS/1.0/Order.asmx`, {
            method: 'POST',
            headers: { 'Content-Type': 'text/xml; charset=utf-8' },
            body: soapRequestBody('GetOrdersByDate', WINDOW, simulator.orderToken)
        });
        assert.equal(reply.status, 200);
        const body = Buffer.from(await reply.arrayBuffer());
        assert.ok(body.length >= 50 * 1024 * 1024, `${body.length} bytes`);
        const text = body.toString('utf8');
        assert.ok(text.startsWith('<?xml version="1.0" encoding="utf-8"?><!-- padding'));
        assert.ok(text.endsWith('</soap:Envelope>'));
        assert.ok(text.includes('<OrderNumber>BIG-1</OrderNumber>'));
    });

    it('entity answers a billion-laughs document', async () => {
        simulator.injectFault({ operation: 'GetOrdersByDate', mode: 'entity' });
        const result = await soapCall(simulator, 'GetOrdersByDate', WINDOW);
        assert.equal(result.status, 200);
        assert.ok(result.text.includes('<!DOCTYPE soap:Envelope ['));
        assert.ok(result.text.includes('<!ENTITY lol9 "&lol8;&lol8;'));
        assert.ok(result.text.includes('<GetOrdersByDateResult>&lol9;</GetOrdersByDateResult>'));
        assert.ok(result.text.length < 4096, 'small on the wire');
    });

    it('injects through the admin API and lists what is pending', async () => {
        const created = await admin(simulator, 'POST', '/faults', { operation: 'SettleByOrder', mode: 'code', code: 403, times: 3 });
        assert.equal(created.status, 201);
        assert.deepEqual(created.json, { operation: 'SettleByOrder', mode: 'code', code: 403, remaining: 3 });
        assert.deepEqual((await admin(simulator, 'GET', '/faults')).json, [{ operation: 'SettleByOrder', mode: 'code', code: 403, remaining: 3 }]);
        assert.equal((await admin(simulator, 'POST', '/faults', { operation: 'Nope', mode: 'fault' })).status, 400);
        assert.equal((await admin(simulator, 'DELETE', '/faults')).status, 200);
        assert.deepEqual((await admin(simulator, 'GET', '/faults')).json, []);
    });
});
