import { setTimeout as delay } from 'node:timers/promises';
import * as assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import nodeFetch from 'node-fetch';
import * as sinon from 'sinon';
import { MarcomCentralClient, MarcomCentralEndpoint, serviceUrl } from './marcomcentral-client';
import { MarcomCentralError, MarcomCentralErrorKind } from './marcomcentral-error';
import { parseSoapResponse } from './soap-envelope';
import { textAt } from './xml-query';
import {
    BILLION_LAUGHS, EXTERNAL_ENTITY, JOB_TICKET, ORDER_COST_CENTER, ORDER_CREDIT_CARD, ORDER_TWO_LINES,
    envelope, faultEnvelope, jobTicketsResponse, ordersResponse
} from './test/canned-responses';
import { SoapTestServer, StreamReport, closedPortUrl, neverAnswer, reply, streamLargeBody } from './test/soap-test-server';

const TOKEN = 'ptk-3f9c2a7e-SECRET-71d4';
const LA = 'America/Los_Angeles';
const WINTER = { start: '2026-01-15T18:00:00Z', end: '2026-01-15T19:00:00Z' };
const SUMMER = { start: '2026-07-15T18:00:00.000Z', end: '2026-07-15T19:00:00.000Z' };

/** Asserts a rejection is a MarcomCentralError of `kind` whose message does not give the token away. */
async function rejectsWith(promise: Promise<unknown>, kind: MarcomCentralErrorKind, message?: RegExp): Promise<MarcomCentralError> {
    let caught: unknown;
    try {
        await promise;
    } catch (error) {
        caught = error;
    }
    assert.ok(caught instanceof MarcomCentralError, `expected a MarcomCentralError (${kind}) but got ${caught === undefined ? 'success' : String(caught)}`);
    assert.equal(caught.kind, kind, caught.message);
    assert.ok(!caught.message.includes(TOKEN), `the message gives the token away: ${caught.message}`);
    assert.ok(!(caught.faultString ?? '').includes(TOKEN), 'the fault string gives the token away');
    assert.ok(!String(caught.stack).includes(TOKEN), 'the stack gives the token away');
    if (message) {
        assert.match(caught.message, message);
    }
    return caught;
}

describe('MarcomCentralClient', function () {
    this.timeout(20_000);

    let server: SoapTestServer;
    let endpoint: MarcomCentralEndpoint;
    let client: MarcomCentralClient;

    beforeEach(async () => {
        server = await SoapTestServer.start(reply(200, ordersResponse([])));
        endpoint = { url: server.url, token: TOKEN, timeZone: LA };
        client = new MarcomCentralClient({ timeoutMs: 5_000 });
    });

    afterEach(async () => {
        sinon.restore();
        await server.close();
    });

    function sentRequestElement(): ReturnType<typeof parseSoapResponse> & { kind: 'result' } {
        const content = parseSoapResponse(server.lastRequest.body);
        assert.ok(content.kind === 'result');
        return content;
    }

    describe('request shape', () => {
        it('posts GetOrdersByDate to <endpoint>/TRANS/1.0/Order.asmx with the SOAP headers', async () => {
            await client.getOrdersByDate(endpoint, WINTER);
            const request = server.lastRequest;
            assert.equal(request.method, 'POST');
            assert.equal(request.url, '/TRANS/1.0/Order.asmx');
            assert.equal(request.headers['content-type'], 'text/xml; charset=utf-8');
            assert.equal(request.headers['soapaction'], '"http://www.printable.com/WebService/Order/GetOrdersByDate"');
            assert.match(request.body, /<soap:Header\/>/);
            assert.match(request.body, /<tns:GetOrdersByDate xmlns:tns="http:\/\/www\.printable\.com\/WebService\/Order"><OrderRequestByDate>/);
        });

        it('carries the token in PartnerCredentials inside the request element, never in a header', async () => {
            await client.getOrdersByDate(endpoint, WINTER);
            const { element } = sentRequestElement();
            assert.equal(textAt(element, 'OrderRequestByDate', 'PartnerCredentials', 'Token'), TOKEN);
            for (const value of Object.values(server.lastRequest.headers)) {
                assert.ok(!String(value).includes(TOKEN));
            }
            assert.ok(!server.lastRequest.url.includes(TOKEN));
        });

        it('sends the window with the store offset: -08:00 in a PST window, -07:00 in a PDT window', async () => {
            await client.getOrdersByDate(endpoint, WINTER);
            let { element } = sentRequestElement();
            assert.equal(textAt(element, 'OrderRequestByDate', 'DateRange', 'Start'), '2026-01-15T10:00:00-08:00');
            assert.equal(textAt(element, 'OrderRequestByDate', 'DateRange', 'End'), '2026-01-15T11:00:00-08:00');
            await client.getOrdersByDate(endpoint, SUMMER);
            ({ element } = sentRequestElement());
            assert.equal(textAt(element, 'OrderRequestByDate', 'DateRange', 'Start'), '2026-07-15T11:00:00-07:00');
            assert.equal(textAt(element, 'OrderRequestByDate', 'DateRange', 'End'), '2026-07-15T12:00:00-07:00');
            await client.getOrdersByDate(endpoint, { start: '2026-11-01T08:00:00Z', end: '2026-11-01T10:00:00Z' });
            ({ element } = sentRequestElement());
            assert.equal(textAt(element, 'OrderRequestByDate', 'DateRange', 'Start'), '2026-11-01T01:00:00-07:00');
            assert.equal(textAt(element, 'OrderRequestByDate', 'DateRange', 'End'), '2026-11-01T02:00:00-08:00');
        });

        it('escapes <&> in the token and in values, and the store reads them back intact', async () => {
            const oddToken = 'a<b>&c"d\'e';
            server.respondWith(reply(200, ordersResponse([], { operation: 'GetOrdersByOrderNumber' })));
            await client.getOrdersByOrderNumber({ ...endpoint, token: oddToken }, 'PO <1> & "2"');
            assert.ok(server.lastRequest.body.includes('<Token>a&lt;b&gt;&amp;c&quot;d&apos;e</Token>'));
            assert.ok(server.lastRequest.body.includes('<OrderNumber>PO &lt;1&gt; &amp; &quot;2&quot;</OrderNumber>'));
            const { element } = sentRequestElement();
            assert.equal(element.name, 'GetOrdersByOrderNumber');
            assert.equal(textAt(element, 'OrderRequestByOrderNumber', 'PartnerCredentials', 'Token'), oddToken);
            assert.equal(textAt(element, 'OrderRequestByOrderNumber', 'OrderNumber'), 'PO <1> & "2"');
            assert.equal(server.lastRequest.headers['soapaction'], '"http://www.printable.com/WebService/Order/GetOrdersByOrderNumber"');
        });

        it('appends the service path to an endpoint with a path or a trailing slash', () => {
            assert.equal(serviceUrl({ ...endpoint, url: 'https://services.printable.com/' }, 'PackingSlip'), 'https://services.printable.com/TRANS/1.0/PackingSlip.asmx');
            assert.equal(serviceUrl({ ...endpoint, url: 'http://127.0.0.1:9/store/' }, 'Invoice'), 'http://127.0.0.1:9/store/TRANS/1.0/Invoice.asmx');
            assert.throws(() => serviceUrl({ ...endpoint, url: 'ftp://example.com' }, 'Order'), TypeError);
            assert.throws(() => serviceUrl({ ...endpoint, timeZone: 'Pacific/Nowhere' }, 'Order'), RangeError);
        });

        it('refuses a window that ends before it starts, or has no offset, without calling the store', async () => {
            await assert.rejects(client.getOrdersByDate(endpoint, { start: WINTER.end, end: WINTER.start }), RangeError);
            await assert.rejects(client.getOrdersByDate(endpoint, { start: '2026-01-15T10:00:00', end: WINTER.end }), RangeError);
            assert.equal(server.requests.length, 0);
        });
    });

    describe('orders', () => {
        it('reads one order (a single child element)', async () => {
            server.respondWith(reply(200, ordersResponse([ORDER_CREDIT_CARD])));
            const result = await client.getOrdersByDate(endpoint, WINTER);
            assert.equal(result.orders.length, 1);
            assert.equal(result.orders[0].marcomOrderId, '8004082');
            assert.equal(result.orders[0].lineItems[0].quantity, 500);
            assert.deepEqual(result.rejected, []);
        });

        for (const style of ['soap', 's', 'none'] as const) {
            it(`reads many orders with ${style === 'none' ? 'no prefix' : `the ${style}: prefix`}, unknown elements and any whitespace`, async () => {
                server.respondWith(reply(200, ordersResponse([ORDER_CREDIT_CARD, ORDER_TWO_LINES, ORDER_COST_CENTER], { style })));
                const result = await client.getOrdersByDate(endpoint, WINTER);
                assert.deepEqual(result.orders.map(order => order.orderNumber), ['ACME-000123', 'ACME-000124', 'ACME-000125']);
                assert.deepEqual(result.orders.map(order => order.lineItems.length), [1, 2, 1]);
            });
        }

        it('reads no orders from an empty answer', async () => {
            assert.deepEqual(await client.getOrdersByDate(endpoint, WINTER), { orders: [], rejected: [] });
        });

        it('puts an order with a missing field or a non-numeric Quantity in rejected, and lets the others through', async () => {
            const noOrderNumber = ORDER_TWO_LINES.replace('<OrderNumber>ACME-000124</OrderNumber>', '');
            const badQuantity = ORDER_COST_CENTER.replace('<Quantity> 1000 </Quantity>', '<Quantity>lots</Quantity>');
            server.respondWith(reply(200, ordersResponse([noOrderNumber, ORDER_CREDIT_CARD, badQuantity])));
            const result = await client.getOrdersByDate(endpoint, WINTER);
            assert.deepEqual(result.orders.map(order => order.orderNumber), ['ACME-000123']);
            assert.deepEqual(result.rejected.map(({ marcomOrderId, orderNumber, path }) => ({ marcomOrderId, orderNumber, path })), [
                { marcomOrderId: '8004083', orderNumber: undefined, path: 'orderNumber' },
                { marcomOrderId: '8004084', orderNumber: 'ACME-000125', path: 'lineItems.0.quantity' }
            ]);
            assert.ok(result.rejected[1].source && typeof result.rejected[1].source === 'object');
        });

        it('refuses an answer whose Summary/Count does not match the Order elements', async () => {
            server.respondWith(reply(200, ordersResponse([ORDER_CREDIT_CARD, ORDER_TWO_LINES], { count: 3 })));
            await rejectsWith(client.getOrdersByDate(endpoint, WINTER), 'bad-response', /Count 3 but holds 2/);
        });

        it('refuses an answer for another operation or without GetOrdersResponse', async () => {
            server.respondWith(reply(200, envelope('<GetJobTicketsByDateResponse/>')));
            await rejectsWith(client.getOrdersByDate(endpoint, WINTER), 'bad-response', /instead of <GetOrdersByDateResponse>/);
            server.respondWith(reply(200, envelope('<GetOrdersByDateResponse><GetOrdersByDateResult/></GetOrdersByDateResponse>')));
            await rejectsWith(client.getOrdersByDate(endpoint, WINTER), 'bad-response', /no GetOrdersResponse/);
        });

        it('reads GetOrdersByOrderNumber under its own Result element', async () => {
            server.respondWith(reply(200, ordersResponse([ORDER_CREDIT_CARD], { operation: 'GetOrdersByOrderNumber', style: 's' })));
            const result = await client.getOrdersByOrderNumber(endpoint, 'ACME-000123');
            assert.equal(result.orders[0].orderNumber, 'ACME-000123');
            assert.equal(textAt(sentRequestElement().element, 'OrderRequestByOrderNumber', 'OrderNumber'), 'ACME-000123');
        });
    });

    describe('job tickets', () => {
        it('calls JobTicket.asmx and reads tickets without a Result wrapper, one or many', async () => {
            server.respondWith(reply(200, jobTicketsResponse([JOB_TICKET])));
            const one = await client.getJobTicketsByDate(endpoint, SUMMER);
            assert.equal(server.lastRequest.url, '/TRANS/1.0/JobTicket.asmx');
            assert.equal(server.lastRequest.headers['soapaction'], '"http://www.printable.com/WebService/JobTicket/GetJobTicketsByDate"');
            assert.equal(textAt(sentRequestElement().element, 'JobTicketRequestByDate', 'DateRange', 'Start'), '2026-07-15T11:00:00-07:00');
            assert.deepEqual(one.jobTickets, [{
                id: 'JT-900',
                jobTicketNumber: '900',
                createdDate: '2026-11-26T08:01:12-08:00',
                deliveryDate: '2026-12-01T00:00:00-08:00',
                finalOutputFileUrl: 'https://files.example.com/files/123456.pdf',
                instructions: { paperDescription: '16pt matte', pressInstructions: '4/4', binderyInstructions: 'Round corners' },
                lineItems: [{
                    id: '123456', orderId: '8004082', orderNumber: 'ACME-000123', productName: 'Business Cards', productType: 'Variable',
                    sku: { id: 'SKU13933967' }, quantity: 500, shippingMethod: 'UPS Ground'
                }]
            }]);
            server.respondWith(reply(200, jobTicketsResponse([JOB_TICKET, JOB_TICKET.replace('JT-900', 'JT-901'), JOB_TICKET.replace('<ID type="Printable">JT-900</ID>', '')], 'none')));
            const many = await client.getJobTicketsByDate(endpoint, SUMMER);
            assert.deepEqual(many.jobTickets.map(ticket => ticket.id), ['JT-900', 'JT-901']);
            assert.deepEqual(many.rejected.map(rejected => rejected.path), ['id']);
        });
    });

    describe('faults and HTTP errors', () => {
        it('maps HTTP 500 with "Invalid partner credentials" to invalid-token', async () => {
            server.respondWith(reply(500, faultEnvelope('Invalid partner credentials')));
            const error = await rejectsWith(client.getOrdersByDate(endpoint, WINTER), 'invalid-token');
            assert.equal(error.status, 500);
            assert.equal(error.faultString, 'Invalid partner credentials');
            assert.equal(error.operation, 'GetOrdersByDate');
        });

        it('maps HTTP 500 with "Request limit exceeded" to rate-limited', async () => {
            server.respondWith(reply(500, faultEnvelope('Request limit exceeded', 's')));
            const error = await rejectsWith(client.getOrdersByDate(endpoint, WINTER), 'rate-limited');
            assert.equal(error.faultString, 'Request limit exceeded');
        });

        it('maps any other fault to fault, in HTTP 500 and in HTTP 200', async () => {
            server.respondWith(reply(500, faultEnvelope('Invalid date range', 'none', 'soap:Client')));
            const error = await rejectsWith(client.getOrdersByDate(endpoint, WINTER), 'fault', /"Invalid date range" \(soap:Client\)/);
            assert.equal(error.faultString, 'Invalid date range');
            server.respondWith(reply(200, faultEnvelope('Server was unable to process request.')));
            assert.equal((await rejectsWith(client.getOrdersByDate(endpoint, WINTER), 'fault')).status, 200);
        });

        it('maps HTTP 500 without a fault, and other statuses, to http', async () => {
            server.respondWith(reply(500, '<html><body>Internal Server Error</body></html>', { 'Content-Type': 'text/html' }));
            assert.equal((await rejectsWith(client.getOrdersByDate(endpoint, WINTER), 'http', /HTTP 500/)).status, 500);
            server.respondWith(reply(503, ''));
            assert.equal((await rejectsWith(client.getOrdersByDate(endpoint, WINTER), 'http')).status, 503);
            server.respondWith(reply(429, ''));
            assert.equal((await rejectsWith(client.getOrdersByDate(endpoint, WINTER), 'rate-limited')).status, 429);
        });

        it('does not follow a redirect with the token', async () => {
            server.respondWith(reply(302, '', { Location: 'http://127.0.0.1:1/elsewhere' }));
            assert.equal((await rejectsWith(client.getOrdersByDate(endpoint, WINTER), 'http')).status, 302);
            assert.equal(server.requests.length, 1);
        });

        it('never puts the token in a message, even when the store echoes it in a fault', async () => {
            server.respondWith(reply(500, faultEnvelope(`Invalid partner credentials: token ${TOKEN} unknown`)));
            const error = await rejectsWith(client.getOrdersByDate(endpoint, WINTER), 'invalid-token');
            assert.match(error.message, /\[redacted\]/);
            server.respondWith(reply(200, ordersResponse([], { count: TOKEN })));
            await rejectsWith(client.getOrdersByDate(endpoint, WINTER), 'bad-response');
            const longToken = `${'k'.repeat(30)}-LONG-SECRET-${'q'.repeat(40)}`;
            server.respondWith(reply(500, faultEnvelope(`${'x'.repeat(480)} ${longToken}`)));
            const clipped = await rejectsWith(client.getOrdersByDate({ ...endpoint, token: longToken }, WINTER), 'fault');
            assert.ok(!clipped.message.includes('LONG-SECRET') && !clipped.faultString?.includes('LONG-SECRET'), 'a clipped fault string kept part of the token');
            server.respondWith(reply(500, faultEnvelope(`Token ${TOKEN} cannot settle`)));
            await rejectsWith(client.settleByOrder(endpoint, { orderId: '1', settleOnline: true }), 'fault');
        });
    });

    describe('transport failures', () => {
        it('times out when the store never answers', async () => {
            server.respondWith(neverAnswer);
            const started = Date.now();
            const quick = new MarcomCentralClient({ timeoutMs: 200 });
            await rejectsWith(quick.getOrdersByDate(endpoint, WINTER), 'timeout', /within 200 ms/);
            assert.ok(Date.now() - started < 3_000);
        });

        it('times out when the body stalls after the headers', async () => {
            server.respondWith((_request, response) => {
                response.writeHead(200, { 'Content-Type': 'text/xml' });
                response.write('<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>');
            });
            await rejectsWith(new MarcomCentralClient({ timeoutMs: 300 }).getOrdersByDate(endpoint, WINTER), 'timeout');
        });

        it('rejects with the caller\'s reason when the caller aborts', async () => {
            server.respondWith(neverAnswer);
            const controller = new AbortController();
            const call = client.getOrdersByDate(endpoint, WINTER, controller.signal);
            setTimeout(() => controller.abort(), 50);
            await assert.rejects(call, (error: unknown) => error instanceof Error && error.name === 'AbortError');
            await assert.rejects(client.getOrdersByDate(endpoint, WINTER, AbortSignal.abort()), (error: unknown) => error instanceof Error && error.name === 'AbortError');
        });

        it('reports a closed port as unreachable', async () => {
            const error = await rejectsWith(client.getOrdersByDate({ ...endpoint, url: await closedPortUrl() }, WINTER), 'unreachable', /connection refused \(ECONNREFUSED\)/);
            assert.match(error.message, /\/TRANS\/1\.0\/Order\.asmx/);
        });

        it('reports TLS failures as tls: https to a plain HTTP server, and certificate errors', async () => {
            await rejectsWith(client.getOrdersByDate({ ...endpoint, url: server.url.replace('http:', 'https:') }, WINTER), 'tls');
            for (const code of ['DEPTH_ZERO_SELF_SIGNED_CERT', 'CERT_HAS_EXPIRED', 'ERR_TLS_CERT_ALTNAME_INVALID', 'SELF_SIGNED_CERT_IN_CHAIN']) {
                const failing = sinon.stub().rejects(Object.assign(new Error(`request to https://x/ failed, reason: ${code}`), { code, type: 'system' }));
                const tlsClient = new MarcomCentralClient({ fetch: failing as unknown as typeof nodeFetch });
                await rejectsWith(tlsClient.getOrdersByDate(endpoint, WINTER), 'tls', new RegExp(code));
            }
        });

        it('reports DNS failure as unreachable', async () => {
            const failing = sinon.stub().rejects(Object.assign(new Error('getaddrinfo ENOTFOUND store.invalid'), { code: 'ENOTFOUND', type: 'system' }));
            await rejectsWith(new MarcomCentralClient({ fetch: failing as unknown as typeof nodeFetch }).getOrdersByDate(endpoint, WINTER), 'unreachable', /host name not found/);
        });
    });

    describe('unreadable answers', () => {
        it('refuses malformed XML', async () => {
            server.respondWith(reply(200, envelope('<GetOrdersByDateResponse><GetOrdersByDateResult></GetOrdersByDateResponse>')));
            await rejectsWith(client.getOrdersByDate(endpoint, WINTER), 'bad-response', /not well-formed/);
            server.respondWith(reply(200, 'Service Unavailable', { 'Content-Type': 'text/plain' }));
            await rejectsWith(client.getOrdersByDate(endpoint, WINTER), 'bad-response');
        });

        it('refuses a truncated document, and a connection that closes mid-body', async () => {
            const whole = ordersResponse([ORDER_CREDIT_CARD]);
            server.respondWith(reply(200, whole.slice(0, Math.floor(whole.length / 2))));
            await rejectsWith(client.getOrdersByDate(endpoint, WINTER), 'bad-response');
            server.respondWith((_request, response) => {
                response.writeHead(200, { 'Content-Type': 'text/xml', 'Content-Length': String(whole.length) });
                response.write(whole.slice(0, 200));
                setTimeout(() => response.socket?.destroy(), 20);
            });
            const error = await client.getOrdersByDate(endpoint, WINTER).then(() => undefined, (failure: unknown) => failure);
            assert.ok(error instanceof MarcomCentralError && (error.kind === 'bad-response' || error.kind === 'unreachable'), String(error));
        });

        it('refuses the billion-laughs document as bad-response without expanding it', async () => {
            server.respondWith(reply(200, BILLION_LAUGHS));
            const before = process.memoryUsage().heapUsed;
            const started = Date.now();
            await rejectsWith(client.getOrdersByDate(endpoint, WINTER), 'bad-response', /DOCTYPE/);
            assert.ok(Date.now() - started < 1_000);
            assert.ok(process.memoryUsage().heapUsed - before < 50 * 1024 * 1024);
        });

        it('refuses an external entity (SYSTEM "file:///etc/passwd") as bad-response without reading it', async () => {
            server.respondWith(reply(200, EXTERNAL_ENTITY));
            const error = await rejectsWith(client.getOrdersByDate(endpoint, WINTER), 'bad-response', /DOCTYPE/);
            assert.doesNotMatch(error.message, /root:/);
        });

        it('cuts a 50 MB answer off at the 20 MB default limit as too-large without reading the rest', async () => {
            const report: StreamReport = { bytesWritten: 0, finished: false, closedEarly: false };
            const prefix = '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><GetOrdersByDateResponse><GetOrdersByDateResult><GetOrdersResponse><Orders><Order><Description>';
            server.respondWith(streamLargeBody(prefix, 50 * 1024 * 1024, report));
            // Count what the client pulls out of the body: it must stop near the limit, never read the 50 MB.
            let consumed = 0;
            const countingFetch = (async (url: Parameters<typeof nodeFetch>[0], init?: Parameters<typeof nodeFetch>[1]) => {
                const response = await nodeFetch(url, init);
                const original = response.body;
                if (original) {
                    const counted = (async function* (): AsyncGenerator<Buffer> {
                        for await (const chunk of original) {
                            consumed += (chunk as Buffer).byteLength;
                            yield chunk as Buffer;
                        }
                    })();
                    Object.defineProperty(response, 'body', { value: Readable.from(counted, { objectMode: false, highWaterMark: 64 * 1024 }) });
                }
                return response;
            }) as typeof nodeFetch;
            await rejectsWith(new MarcomCentralClient({ fetch: countingFetch }).getOrdersByDate(endpoint, WINTER), 'too-large', /20 MB limit/);
            assert.ok(consumed <= 21 * 1024 * 1024, `the client read ${consumed} bytes`);
            await waitFor(() => report.closedEarly || report.finished);
            assert.equal(report.finished, false, 'the server wrote the whole body: the client did not abort');
            assert.ok(report.closedEarly);
            assert.ok(report.bytesWritten < 45 * 1024 * 1024, `the server wrote ${report.bytesWritten} bytes`);
        });

        it('refuses at once an answer whose Content-Length is over a configured limit', async () => {
            const report: StreamReport = { bytesWritten: 0, finished: false, closedEarly: false };
            server.respondWith(streamLargeBody('<x>', 50 * 1024 * 1024, report, true));
            const small = new MarcomCentralClient({ maxResponseBytes: 1024 * 1024 });
            await rejectsWith(small.getOrdersByDate(endpoint, WINTER), 'too-large', /1 MB limit/);
            await waitFor(() => report.closedEarly || report.finished);
            assert.equal(report.finished, false);
        });

        it('reads an answer right at the limit', async () => {
            const body = ordersResponse([]);
            server.respondWith(reply(200, body));
            const exact = new MarcomCentralClient({ maxResponseBytes: Buffer.byteLength(body) });
            assert.deepEqual(await exact.getOrdersByDate(endpoint, WINTER), { orders: [], rejected: [] });
            await rejectsWith(new MarcomCentralClient({ maxResponseBytes: Buffer.byteLength(body) - 1 }).getOrdersByDate(endpoint, WINTER), 'too-large');
        });
    });
});

async function waitFor(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
        if (Date.now() > deadline) {
            throw new Error('condition not reached');
        }
        await delay(10);
    }
}
