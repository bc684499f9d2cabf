import { setTimeout as delay } from 'node:timers/promises';
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import nodeFetch, { Response } from 'node-fetch';
import { MarcomCentralClient, MarcomCentralEndpoint } from './marcomcentral-client';
import { MarcomCentralError } from './marcomcentral-error';
import { parseXmlDocument, XmlDocumentError } from './xml-document';
import {
    BILLION_LAUGHS, EXTERNAL_ENTITY, JOB_TICKET, ORDER_COST_CENTER, ORDER_CREDIT_CARD, ORDER_TWO_LINES,
    closeoutResponse, envelope, faultEnvelope, jobTicketsResponse, ordersResponse
} from './test/canned-responses';
import { SoapTestServer, StreamReport, streamLargeBody } from './test/soap-test-server';

/*
 * Hostile answers from a store (issue 7, item 3): whatever MarcomCentral, or someone in its place,
 * sends back, the client ends with a result or a typed MarcomCentralError, never another error, a
 * crash or a hang, and never reads a local file or expands an entity.
 */

const TOKEN = 'hostile-token-5e1d9c';
const ENDPOINT: MarcomCentralEndpoint = { url: 'http://store.invalid/', token: TOKEN, timeZone: 'America/Los_Angeles' };
const WINDOW = { start: '2026-01-15T18:00:00Z', end: '2026-01-15T19:00:00Z' };
/** How long one parse of a few kilobytes may take before we call it a hang. */
const PARSE_BUDGET_MS = 2_000;

type Call = (client: MarcomCentralClient) => Promise<unknown>;

const SHIPMENT = {
    packingSlipNumber: 'PS-1', shipDate: '2026-07-02T17:00:00Z', carrierName: 'UPS', trackingNumber: '1Z', skipAdjustInventory: false,
    shipToAddress: { attention: 'Pat', name: 'ACME', address1: '200 Dock Rd', city: 'Portland', state: 'OR', postalCode: '97202', country: 'US' }
};

/** Each operation with a valid answer to mutate. */
const OPERATIONS: readonly { name: string, call: Call, valid: string }[] = [
    { name: 'GetOrdersByDate', call: client => client.getOrdersByDate(ENDPOINT, WINDOW), valid: ordersResponse([ORDER_CREDIT_CARD, ORDER_TWO_LINES, ORDER_COST_CENTER]) },
    { name: 'GetJobTicketsByDate', call: client => client.getJobTicketsByDate(ENDPOINT, WINDOW), valid: jobTicketsResponse([JOB_TICKET]) },
    {
        name: 'CreatePackingSlipByOrder', call: client => client.createPackingSlipByOrder(ENDPOINT, { ...SHIPMENT, orderId: '8004082' }),
        valid: closeoutResponse('CreatePackingSlipByOrder', 'PackingSlip', { status: 'ProcessComplete', code: 1 }, [{ id: '1', status: { status: 'ProcessComplete', code: 1 } }])
    }
];

/** A client whose every request is answered with this status and body, through node-fetch's own Response. */
function clientAnswering(status: number, body: string | Buffer, contentType = 'text/xml; charset=utf-8'): MarcomCentralClient {
    const fetch = (async () => new Response(body, { status, headers: { 'content-type': contentType } })) as unknown as typeof nodeFetch;
    return new MarcomCentralClient({ fetch, timeoutMs: 5_000 });
}

/** Runs the call; fails unless it succeeds or rejects with a MarcomCentralError that keeps the token secret, in time. */
async function typedOutcome(call: Call, client: MarcomCentralClient): Promise<MarcomCentralError | 'ok'> {
    const started = Date.now();
    let outcome: MarcomCentralError | 'ok';
    try {
        await call(client);
        outcome = 'ok';
    } catch (error) {
        assert.ok(error instanceof MarcomCentralError, `expected a MarcomCentralError, got ${error instanceof Error ? error.stack : String(error)}`);
        assert.ok(error.message.length > 0 && error.message.length < 2_000, `a clear, bounded message: ${error.message.slice(0, 200)}`);
        assert.ok(!error.message.includes(TOKEN), 'the message keeps the token secret');
        outcome = error;
    }
    assert.ok(Date.now() - started < PARSE_BUDGET_MS, 'no hang');
    return outcome;
}

/** Hostile text: anything, XML-ish fragments, markup declarations, references, Unicode edge cases. */
const hostileText = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 200 }),
    fc.string({ unit: 'grapheme', maxLength: 100 }),
    fc.constantFrom(
        '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>', '<!doctype x>', '<!ENTITY % p SYSTEM "http://127.0.0.1:1/x">', '%p;',
        '<![CDATA[', ']]>', '<!--', '-->', '&xxe;', '&#0;', '&#xD800;', '&#x110000;', '&amp', '&lt;&gt;&quot;&apos;', '<?xml-stylesheet href="x"?>',
        '<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="file:///etc/passwd"/>', '\u0000', '\uD800', '\uDFFF', '\u202E', '\u200B', '\uFEFF',
        '<Order>', '</Order>', '<Count>99999999999999999999</Count>', '<a', '"', "'", '>', '<', '&', '/>', 'x'.repeat(10_000)
    )
);

/** A valid answer with one slice replaced by hostile text, or cut short, or with a slice repeated. */
function mutated(valid: string): fc.Arbitrary<string> {
    const position = fc.nat({ max: valid.length });
    return fc.oneof(
        fc.tuple(position, position, hostileText).map(([a, b, text]) => valid.slice(0, Math.min(a, b)) + text + valid.slice(Math.max(a, b))),
        position.map(at => valid.slice(0, at)),
        fc.tuple(position, position, fc.integer({ min: 2, max: 20 })).map(([a, b, times]) =>
            valid.slice(0, Math.min(a, b)) + valid.slice(Math.min(a, b), Math.max(a, b)).repeat(times) + valid.slice(Math.min(a, b))),
        fc.tuple(position, hostileText).map(([at, text]) => envelope(`<${'a'.repeat(at % 50 + 1)}>${text}`)),
        hostileText.map(text => faultEnvelope(text))
    );
}

describe('hostile answers from MarcomCentral', function () {
    this.timeout(30_000);

    for (const operation of OPERATIONS) {
        it(`${operation.name}: the valid answer used below is accepted (so the mutations start from something real)`, async () => {
            assert.equal(await typedOutcome(operation.call, clientAnswering(200, operation.valid)), 'ok');
        });

        it(`${operation.name}: arbitrary bodies end in a result or a typed MarcomCentralError`, async () => {
            await fc.assert(fc.asyncProperty(fc.oneof(hostileText, fc.uint8Array({ maxLength: 300 }).map(bytes => Buffer.from(bytes))),
                fc.constantFrom(200, 500, 404), async (body, status) => {
                    await typedOutcome(operation.call, clientAnswering(status, body));
                }), { numRuns: 150 });
        });

        it(`${operation.name}: mutated valid answers end in a result or a typed MarcomCentralError`, async () => {
            await fc.assert(fc.asyncProperty(mutated(operation.valid), fc.constantFrom(200, 500), async (body, status) => {
                await typedOutcome(operation.call, clientAnswering(status, body));
            }), { numRuns: 250 });
        });
    }

    it('a declaration anywhere (DOCTYPE, ENTITY, parameter entities, any case, after comments) is refused as bad-response', async () => {
        const doctypes = [
            BILLION_LAUGHS,
            EXTERNAL_ENTITY,
            `<!--hello--><!DOCTYPE x SYSTEM "file:///etc/passwd">${ordersResponse([])}`,
            `<?xml version="1.0"?>\n<!doctype x [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]>${ordersResponse([])}`,
            ordersResponse([]).replace('<soap:Body>', '<soap:Body><!ENTITY e "x">'),
            ordersResponse([]).replace('<soap:Body>', '<soap:Body><!ATTLIST a b CDATA "c">'),
            // Quadratic blowup: one huge internal entity used many times.
            `<!DOCTYPE q [<!ENTITY a "${'a'.repeat(50_000)}">]>${ordersResponse([ORDER_TWO_LINES.replace('<Description/>', `<Description>${'&a;'.repeat(1_000)}</Description>`)])}`
        ];
        for (const body of doctypes) {
            const outcome = await typedOutcome(OPERATIONS[0].call, clientAnswering(200, body));
            assert.ok(outcome !== 'ok');
            assert.equal(outcome.kind, 'bad-response', outcome.message);
            assert.match(outcome.message, /DOCTYPE|ENTITY|declaration/);
            assert.ok(!outcome.message.includes('root:'), 'nothing of /etc/passwd in the message');
        }
    });

    it('an undeclared entity reference and an XInclude are never resolved', async () => {
        const reference = await typedOutcome(OPERATIONS[0].call, clientAnswering(200, ordersResponse([ORDER_TWO_LINES.replace('<Description/>', '<Description>&xxe;</Description>')])));
        assert.ok(reference !== 'ok' && reference.kind === 'bad-response', 'an unknown entity is refused');
        const include = parseXmlDocument('<a xmlns:xi="http://www.w3.org/2001/XInclude"><xi:include href="file:///etc/passwd" parse="text"/></a>');
        assert.equal(include.children[0].name, 'include');
        assert.equal(include.children[0].text, '', 'XInclude is plain markup, never fetched');
    });

    it('a UTF-16 body smuggling a DOCTYPE past a byte scan is decoded first and refused', async () => {
        const body = Buffer.from(`\uFEFF${EXTERNAL_ENTITY}`, 'utf16le');
        const outcome = await typedOutcome(OPERATIONS[0].call, clientAnswering(200, body, 'text/xml; charset=utf-16le'));
        assert.ok(outcome !== 'ok' && outcome.kind === 'bad-response', String(outcome));
    });

    it('deep nesting is refused without a stack overflow', () => {
        for (const depth of [1_000, 10_000, 200_000]) {
            assert.throws(() => parseXmlDocument(`${'<a>'.repeat(depth)}${'</a>'.repeat(depth)}`), XmlDocumentError, `depth ${depth}`);
        }
    });

    it('Unicode edge cases in order fields come through as text or a rejected order, never a crash', async () => {
        for (const text of ['\u202Eevil\u202C', 'a\u200Bb', '\uFEFFname', '&#xD800;', '&#0;', 'emoji 🧾', 'a'.repeat(100_000)]) {
            const body = ordersResponse([ORDER_TWO_LINES.replace('<Description/>', `<Description>${text}</Description>`)]);
            await typedOutcome(OPERATIONS[0].call, clientAnswering(200, body));
        }
    });

    it('a 100 MB answer from a local server is cut off at the limit as too-large, without reading it all', async () => {
        const server = await SoapTestServer.start();
        try {
            const report: StreamReport = { bytesWritten: 0, finished: false, closedEarly: false };
            server.respondWith(streamLargeBody('<soap:Envelope><soap:Body><x>', 100 * 1024 * 1024, report));
            const error = await new MarcomCentralClient({ timeoutMs: 20_000 }).getOrdersByDate({ ...ENDPOINT, url: server.url }, WINDOW).then(() => undefined, caught => caught);
            assert.ok(error instanceof MarcomCentralError, String(error));
            assert.equal(error.kind, 'too-large');
            assert.match(error.message, /20 MB/);
            await delay(100);
            assert.equal(report.finished, false, 'the server never got to write the whole 100 MB');
            assert.ok(report.bytesWritten < 60 * 1024 * 1024, `stopped early (${report.bytesWritten} bytes written)`);
        } finally {
            await server.close();
        }
    });

    it('a fault string full of markup and the token comes back as text, clipped, without the token', async () => {
        const body = faultEnvelope(`&lt;script&gt;alert(1)&lt;/script&gt; ${TOKEN} ${'x'.repeat(5_000)}`);
        const outcome = await typedOutcome(OPERATIONS[0].call, clientAnswering(500, body));
        assert.ok(outcome !== 'ok');
        assert.equal(outcome.kind, 'fault');
        assert.ok((outcome.faultString ?? '').length <= 500);
        assert.ok((outcome.faultString ?? '').startsWith('<script>'), 'decoded as text, not markup');
    });
});
