import * as assert from 'node:assert/strict';
import nodeFetch from 'node-fetch';
import * as sinon from 'sinon';
import { testConnection } from './connection-tester';
import { MarcomCentralClient, MarcomCentralEndpoint } from './marcomcentral-client';
import { parseSoapResponse } from './soap-envelope';
import { textAt } from './xml-query';
import { ORDER_COST_CENTER, ORDER_CREDIT_CARD, ORDER_TWO_LINES, faultEnvelope, ordersResponse } from './test/canned-responses';
import { SoapTestServer, closedPortUrl, neverAnswer, reply } from './test/soap-test-server';

const TOKEN = 'tester-token-5c6d7e8f';
const NOW = new Date('2026-11-26T17:00:00Z');

describe('testConnection', () => {

    let server: SoapTestServer;
    let endpoint: MarcomCentralEndpoint;
    const client = new MarcomCentralClient({ timeoutMs: 5_000 });
    const now = (): Date => NOW;

    beforeEach(async () => {
        server = await SoapTestServer.start();
        endpoint = { url: server.url, token: TOKEN, timeZone: 'America/Los_Angeles' };
    });

    afterEach(async () => {
        sinon.restore();
        await server.close();
    });

    it('is ok with the number of orders of the last hour, asked for with one GetOrdersByDate', async () => {
        server.respondWith(reply(200, ordersResponse([ORDER_CREDIT_CARD, ORDER_TWO_LINES, ORDER_COST_CENTER])));
        assert.deepEqual(await testConnection(client, endpoint, { now }), { ok: true, detail: 'Connected: 3 orders in the last hour' });
        assert.equal(server.requests.length, 1);
        const content = parseSoapResponse(server.lastRequest.body);
        assert.ok(content.kind === 'result');
        assert.equal(textAt(content.element, 'OrderRequestByDate', 'DateRange', 'Start'), '2026-11-26T08:00:00-08:00');
        assert.equal(textAt(content.element, 'OrderRequestByDate', 'DateRange', 'End'), '2026-11-26T09:00:00-08:00');
    });

    it('counts one order in the singular and mentions orders it could not read', async () => {
        server.respondWith(reply(200, ordersResponse([ORDER_CREDIT_CARD])));
        assert.deepEqual(await testConnection(client, endpoint, { now }), { ok: true, detail: 'Connected: 1 order in the last hour' });
        server.respondWith(reply(200, ordersResponse([ORDER_CREDIT_CARD, ORDER_TWO_LINES.replace('<Quantity>10</Quantity>', '<Quantity>x</Quantity>')])));
        assert.deepEqual(await testConnection(client, endpoint, { now }), { ok: true, detail: 'Connected: 2 orders in the last hour (1 of them could not be read)' });
        server.respondWith(reply(200, ordersResponse([])));
        assert.deepEqual(await testConnection(client, endpoint, { now }), { ok: true, detail: 'Connected: 0 orders in the last hour' });
    });

    it('says invalid-token for a refused token, without the token', async () => {
        server.respondWith(reply(500, faultEnvelope('Invalid partner credentials')));
        const result = await testConnection(client, endpoint, { now });
        assert.equal(result.ok, false);
        assert.equal(!result.ok && result.reason, 'invalid-token');
        assert.match(result.detail, /refused the partner token/);
        assert.ok(!result.detail.includes(TOKEN));
    });

    it('says unreachable for a closed port and for a store that never answers', async () => {
        const closed = await testConnection(client, { ...endpoint, url: await closedPortUrl() }, { now });
        assert.deepEqual(closed.ok ? undefined : closed.reason, 'unreachable');
        assert.match(closed.detail, /ECONNREFUSED/);
        server.respondWith(neverAnswer);
        const silent = await testConnection(new MarcomCentralClient({ timeoutMs: 150 }), endpoint, { now });
        assert.deepEqual(silent.ok ? undefined : silent.reason, 'unreachable');
        assert.match(silent.detail, /did not complete GetOrdersByDate within 150 ms/);
    });

    it('says tls for certificate problems', async () => {
        const failing = sinon.stub().rejects(Object.assign(new Error('self-signed certificate'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT', type: 'system' }));
        const result = await testConnection(new MarcomCentralClient({ fetch: failing as unknown as typeof nodeFetch }), endpoint, { now });
        assert.deepEqual(result.ok ? undefined : result.reason, 'tls');
        assert.match(result.detail, /self-signed certificate \(DEPTH_ZERO_SELF_SIGNED_CERT\)/);
    });

    it('says bad-response for an answer it cannot read, with the exact detail', async () => {
        server.respondWith(reply(200, '<html><body>Welcome to nginx</body></html>', { 'Content-Type': 'text/html' }));
        const result = await testConnection(client, endpoint, { now });
        assert.deepEqual(result, {
            ok: false, reason: 'bad-response',
            detail: 'MarcomCentral\'s answer to GetOrdersByDate could not be read: expected a SOAP Envelope but the document\'s root is <html>'
        });
    });

    it('says other for other faults, HTTP errors and rate limits', async () => {
        for (const [status, body, detail] of [
            [500, faultEnvelope('Object reference not set to an instance of an object.'), /SOAP fault/],
            [404, 'Not Found', /HTTP 404/],
            [500, faultEnvelope('Request limit exceeded'), /too many requests/]
        ] as const) {
            server.respondWith(reply(status, body));
            const result = await testConnection(client, endpoint, { now });
            assert.deepEqual(result.ok ? undefined : result.reason, 'other');
            assert.match(result.detail, detail);
        }
    });

    it('says other, with the message, for a misconfigured endpoint', async () => {
        const result = await testConnection(client, { ...endpoint, url: 'not a url' }, { now });
        assert.deepEqual(result, { ok: false, reason: 'other', detail: 'The MarcomCentral endpoint is not a valid URL' });
    });
});
