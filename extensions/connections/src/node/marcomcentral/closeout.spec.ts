import * as assert from 'node:assert/strict';
import { MarcomCentralClient, MarcomCentralEndpoint } from './marcomcentral-client';
import { MarcomCentralError } from './marcomcentral-error';
import {
    CLOSEOUT_CODES, CloseoutResult, classifyCloseoutCode, closeoutOutcome, describeCloseoutCode,
    isCloseoutFailureCode, isCloseoutSuccessCode, isIdempotentRepeatCode
} from './closeout-types';
import { parseSoapResponse } from './soap-envelope';
import type { XmlElement } from './xml-document';
import { childElement, childElements, elementAt, textAt } from './xml-query';
import { closeoutResponse } from './test/canned-responses';
import { SoapTestServer, reply } from './test/soap-test-server';

const TOKEN = 'closeout-token-9f8e7d';

describe('closeout', () => {

    let server: SoapTestServer;
    let endpoint: MarcomCentralEndpoint;
    const client = new MarcomCentralClient({ timeoutMs: 5_000 });

    beforeEach(async () => {
        server = await SoapTestServer.start();
        endpoint = { url: `${server.url}/`, token: TOKEN, timeZone: 'America/Los_Angeles' };
    });

    afterEach(() => server.close());

    function sent(): XmlElement {
        const content = parseSoapResponse(server.lastRequest.body);
        assert.ok(content.kind === 'result');
        return content.element;
    }

    const SHIPMENT = {
        packingSlipNumber: 'PS-2026-0042',
        shipDate: '2026-07-02T17:00:00Z',
        carrierName: 'UPS',
        trackingNumber: '1Z999AA10123456784',
        skipAdjustInventory: false,
        shipToAddress: {
            attention: 'Pat Lee', name: 'ACME <Corp> & Sons', address1: '200 Dock Rd', city: 'Portland', state: 'OR', postalCode: '97202', country: 'US'
        }
    };

    describe('requests', () => {
        it('CreatePackingSlipByOrder: PackingSlip.asmx, pRequest with the token, the slip node in order and the order id', async () => {
            server.respondWith(reply(200, closeoutResponse('CreatePackingSlipByOrder', 'PackingSlip', { status: 'ProcessComplete', code: 1 })));
            await client.createPackingSlipByOrder(endpoint, { ...SHIPMENT, orderId: '8004082' });
            assert.equal(server.lastRequest.url, '/TRANS/1.0/PackingSlip.asmx');
            assert.equal(server.lastRequest.headers['soapaction'], '"http://www.printable.com/WebService/PackingSlip/CreatePackingSlipByOrder"');
            assert.match(server.lastRequest.body, /<tns:CreatePackingSlipByOrder xmlns:tns="http:\/\/www\.printable\.com\/WebService\/PackingSlip"><pRequest><PartnerCredentials><Token>closeout-token-9f8e7d<\/Token><\/PartnerCredentials>/);
            const request = childElement(sent(), 'pRequest');
            const node = childElement(request, 'PackingSlipNode');
            assert.deepEqual(node?.children.map(child => child.name), ['PackingSlipNumber', 'ShipDate', 'CarrierName', 'TrackingNumber', 'SkipAdjustInventory', 'ShipToAddress']);
            assert.equal(textAt(node, 'ShipDate'), '2026-07-02T10:00:00-07:00');
            assert.equal(textAt(node, 'SkipAdjustInventory'), 'false');
            assert.deepEqual(elementAt(node, 'ShipToAddress')?.children.map(child => child.name), ['Attention', 'Name', 'Address1', 'City', 'State', 'PostalCode', 'Country']);
            assert.equal(textAt(node, 'ShipToAddress', 'Name'), 'ACME <Corp> & Sons');
            assert.ok(server.lastRequest.body.includes('<Name>ACME &lt;Corp&gt; &amp; Sons</Name>'));
            const id = elementAt(request, 'Orders', 'ID');
            assert.equal(id?.text, '8004082');
            assert.equal(id?.attributes.get('type'), 'Printable');
            assert.equal(childElement(request, 'LineItems'), undefined);
        });

        it('CreatePackingSlipByLineItem: LineItems/LineItem{ID, Quantity?}', async () => {
            server.respondWith(reply(200, closeoutResponse('CreatePackingSlipByLineItem', 'PackingSlip', { status: 'ProcessComplete', code: 1 })));
            const { trackingNumber: _unused, shipToAddress: _none, ...withoutOptional } = SHIPMENT;
            await client.createPackingSlipByLineItem(endpoint, { ...withoutOptional, lineItems: [{ id: '123456', quantity: 250 }, { id: '123457' }] });
            assert.equal(server.lastRequest.headers['soapaction'], '"http://www.printable.com/WebService/PackingSlip/CreatePackingSlipByLineItem"');
            const request = childElement(sent(), 'pRequest');
            assert.deepEqual(childElement(request, 'PackingSlipNode')?.children.map(child => child.name), ['PackingSlipNumber', 'ShipDate', 'CarrierName', 'SkipAdjustInventory']);
            const lines = childElements(childElement(request, 'LineItems'), 'LineItem');
            assert.deepEqual(lines.map(line => [textAt(line, 'ID'), textAt(line, 'Quantity')]), [['123456', '250'], ['123457', undefined]]);
            assert.equal(childElement(lines[0], 'ID')?.attributes.get('type'), 'Printable');
        });

        it('CreateInvoiceByLineItem: Invoice.asmx, InvoiceNode{InvoiceNumber, InvoiceDate?} and every line id, no amounts', async () => {
            server.respondWith(reply(200, closeoutResponse('CreateInvoiceByLineItem', 'Invoice', { status: 'ProcessComplete', code: 1 })));
            await client.createInvoiceByLineItem(endpoint, { invoiceNumber: 'INV-77', invoiceDate: '2026-01-10T20:00:00Z', lineItemIds: ['123456', '123457'] });
            assert.equal(server.lastRequest.url, '/TRANS/1.0/Invoice.asmx');
            assert.equal(server.lastRequest.headers['soapaction'], '"http://www.printable.com/WebService/Invoice/CreateInvoiceByLineItem"');
            const request = childElement(sent(), 'pRequest');
            assert.deepEqual(request?.children.map(child => child.name), ['PartnerCredentials', 'InvoiceNode', 'LineItems']);
            assert.equal(textAt(request, 'InvoiceNode', 'InvoiceNumber'), 'INV-77');
            assert.equal(textAt(request, 'InvoiceNode', 'InvoiceDate'), '2026-01-10T12:00:00-08:00');
            assert.deepEqual(childElements(childElement(request, 'LineItems'), 'LineItem').map(line => textAt(line, 'ID')), ['123456', '123457']);
            await client.createInvoiceByLineItem(endpoint, { invoiceNumber: 'INV-78', lineItemIds: ['1'] });
            assert.equal(elementAt(sent(), 'pRequest', 'InvoiceNode', 'InvoiceDate'), undefined);
        });

        it('SettleByOrder: Settlement.asmx, SettleOnline first, then the token, then OrderID[@type]', async () => {
            server.respondWith(reply(200, closeoutResponse('SettleByOrder', 'Settlement', { status: 'ProcessComplete', code: 1 })));
            await client.settleByOrder(endpoint, { orderId: '8004082', settleOnline: true });
            assert.equal(server.lastRequest.url, '/TRANS/1.0/Settlement.asmx');
            assert.equal(server.lastRequest.headers['soapaction'], '"http://www.printable.com/WebService/Settlement/SettleByOrder"');
            const request = childElement(sent(), 'pRequest');
            assert.deepEqual(request?.children.map(child => child.name), ['SettleOnline', 'PartnerCredentials', 'OrderID']);
            assert.equal(textAt(request, 'SettleOnline'), 'true');
            assert.equal(childElement(request, 'OrderID')?.attributes.get('type'), 'Printable');
        });

        it('refuses a request without lines or with an impossible quantity before calling the store', async () => {
            await assert.rejects(client.createInvoiceByLineItem(endpoint, { invoiceNumber: 'X', lineItemIds: [] }), RangeError);
            await assert.rejects(client.createPackingSlipByLineItem(endpoint, { ...SHIPMENT, lineItems: [{ id: '1', quantity: 0 }] }), RangeError);
            assert.equal(server.requests.length, 0);
        });
    });

    describe('results', () => {
        it('reads the request status and each line with its action and ReferenceId', async () => {
            server.respondWith(reply(200, closeoutResponse('CreatePackingSlipByOrder', 'PackingSlip', { status: 'ProcessComplete', code: 1, message: 'Request processed.' }, [
                { id: '123456', status: { status: 'ProcessComplete', code: 3 }, action: { status: 'ProcessComplete', code: 3, message: 'Packing slip created', referenceId: '900001' } },
                { id: '123457', status: { status: 'ProcessComplete', code: 3 }, action: { status: 'ProcessComplete', code: 3, referenceId: '900001' } }
            ])));
            const result = await client.createPackingSlipByOrder(endpoint, { ...SHIPMENT, orderId: '8004082' });
            assert.deepEqual(result, {
                status: 'ProcessComplete', code: 1, message: 'Request processed.',
                lineItems: [
                    {
                        lineItemId: '123456',
                        status: { status: 'ProcessComplete', code: 3, message: '' },
                        action: { status: 'ProcessComplete', code: 3, message: 'Packing slip created', referenceId: '900001' }
                    },
                    {
                        lineItemId: '123457',
                        status: { status: 'ProcessComplete', code: 3, message: '' },
                        action: { status: 'ProcessComplete', code: 3, message: '', referenceId: '900001' }
                    }
                ]
            });
            assert.deepEqual(closeoutOutcome(result), { outcome: 'success', failures: [], referenceIds: ['900001'] });
        });

        const table: [number, string, 'success' | 'already-done' | 'failed'][] = [
            [1, 'ProcessComplete', 'success'],
            [3, 'ProcessComplete', 'success'],
            [5, 'ProcessDone', 'already-done'],
            [167, 'ProcessFailed', 'failed'],
            [201, 'ProcessFailed', 'failed'],
            [202, 'ProcessFailed', 'failed'],
            [401, 'ProcessFailed', 'failed'],
            [402, 'ProcessFailed', 'failed'],
            [403, 'ProcessFailed', 'failed']
        ];
        for (const [code, status, expected] of table) {
            it(`maps a line code ${code} to ${expected}`, async () => {
                server.respondWith(reply(200, closeoutResponse('CreateInvoiceByLineItem', 'Invoice',
                    { status: expected === 'failed' ? 'ProcessFailed' : 'ProcessComplete', code: expected === 'failed' ? code : 1 },
                    [{ id: '123456', status: { status, code, message: `message ${code}` }, action: { status, code, message: `message ${code}` } }], 's')));
                const result = await client.createInvoiceByLineItem(endpoint, { invoiceNumber: 'INV-1', lineItemIds: ['123456'] });
                assert.equal(result.lineItems[0].status?.code, code);
                assert.equal(classifyCloseoutCode(code), expected);
                const outcome = closeoutOutcome(result);
                assert.equal(outcome.outcome, expected);
                if (expected === 'failed') {
                    assert.deepEqual(outcome.failures, [{ code, message: describeCloseoutCode(code) }, { lineItemId: '123456', code, message: `message ${code}` }]);
                } else {
                    assert.deepEqual(outcome.failures, []);
                }
            });
        }

        it('tells success, idempotent repeats and failures apart with the helpers', () => {
            assert.deepEqual([1, 3, 5, 167, 0, 999].map(isCloseoutSuccessCode), [true, true, false, false, false, false]);
            assert.deepEqual([1, 3, 5, 167].map(isIdempotentRepeatCode), [false, false, true, false]);
            assert.deepEqual([1, 3, 5, 167, 201, 202, 401, 402, 403, 999].map(isCloseoutFailureCode), [false, false, false, true, true, true, true, true, true, true]);
            assert.equal(CLOSEOUT_CODES.INVENTORY_CONFLICT, 167);
            assert.equal(describeCloseoutCode(167), 'inventory conflict');
            assert.equal(describeCloseoutCode(403), 'the card authorization expired or was declined');
            assert.equal(describeCloseoutCode(999), 'unknown code 999');
        });

        it('judges a whole result: mixed done-now and done-before lines succeed, all-5 is a repeat, any failure fails', () => {
            const line = (id: string, code: number) => ({ lineItemId: id, status: { status: '', code, message: '' } });
            const result = (code: number, ...lineItems: ReturnType<typeof line>[]): CloseoutResult => ({ status: '', code, message: '', lineItems });
            assert.equal(closeoutOutcome(result(1, line('a', 3), line('b', 5))).outcome, 'success');
            assert.equal(closeoutOutcome(result(1, line('a', 5), line('b', 5))).outcome, 'already-done');
            assert.equal(closeoutOutcome(result(5)).outcome, 'already-done');
            assert.equal(closeoutOutcome(result(1)).outcome, 'success');
            const partial = closeoutOutcome(result(1, line('a', 3), line('b', 167)));
            assert.equal(partial.outcome, 'failed');
            assert.deepEqual(partial.failures, [{ lineItemId: 'b', code: 167, message: 'inventory conflict' }]);
        });

        it('refuses a result without a Status, with a non-numeric Code or with a line without an id', async () => {
            const bad = [
                closeoutResponse('SettleByOrder', 'Settlement', { status: 'ProcessComplete', code: 1 }).replace(/<Status[^>]*\/>/, ''),
                closeoutResponse('SettleByOrder', 'Settlement', { status: 'ProcessComplete', code: 'one' }),
                closeoutResponse('SettleByOrder', 'Settlement', { status: 'ProcessComplete', code: 1 }, [{ id: '', status: { status: 'x', code: 3 } }])
            ];
            for (const body of bad) {
                server.respondWith(reply(200, body));
                await assert.rejects(client.settleByOrder(endpoint, { orderId: '1', settleOnline: true }),
                    (error: unknown) => error instanceof MarcomCentralError && error.kind === 'bad-response' && !error.message.includes(TOKEN));
            }
        });

        it('maps a closeout fault like any other call', async () => {
            server.respondWith(reply(500, `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><s:Fault><faultcode>s:Server</faultcode><faultstring>Invalid partner credentials</faultstring></s:Fault></s:Body></s:Envelope>`));
            await assert.rejects(client.settleByOrder(endpoint, { orderId: '1', settleOnline: false }),
                (error: unknown) => error instanceof MarcomCentralError && error.kind === 'invalid-token' && error.status === 500);
        });
    });
});
