import assert from 'node:assert/strict';
import { SAMPLE_ORDERS } from '../catalog/sample-orders';
import { RunningSimulator } from '../simulator';
import { shipOrder } from '../testing/closeout-steps';
import { dateRangeXml, soapCall, soapRequestBody } from '../testing/soap-test-client';
import { startTestSimulator } from '../testing/test-simulator';

const WINDOW = dateRangeXml('2026-11-26T00:00:00-08:00', '2026-11-27T00:00:00-08:00');

describe('SOAP endpoint', () => {
    let simulator: RunningSimulator;

    afterEach(() => simulator.close());

    describe('routing', () => {
        beforeEach(async () => {
            simulator = await startTestSimulator();
        });

        it('routes by the first child of soap:Body when SOAPAction is absent or empty', async () => {
            for (const soapAction of [null, '""', '']) {
                const result = await soapCall(simulator, 'GetOrdersByDate', WINDOW, { soapAction });
                assert.equal(result.status, 200, result.text);
                assert.equal(result.response?.name, 'GetOrdersByDateResponse');
            }
        });

        it('matches the service path case-insensitively and accepts version 0.9', async () => {
            for (const path of ['/trans/1.0/order.asmx', '/Trans/1.0/Order.asmx', '/TRANS/0.9/ORDER.ASMX', '/TRANS/1.0/Order.asmx?op=GetOrdersByDate']) {
                const result = await soapCall(simulator, 'GetOrdersByDate', WINDOW, { path });
                assert.equal(result.status, 200, path);
            }
            const unknown = await soapCall(simulator, 'GetOrdersByDate', WINDOW, { path: '/TRANS/2.0/Order.asmx' });
            assert.equal(unknown.status, 404);
        });

        it('refuses a SOAPAction the service does not know, or one that contradicts the body', async () => {
            const unknown = await soapCall(simulator, 'GetOrdersByDate', WINDOW, { soapAction: '"http://www.printable.com/WebService/Order/DeleteEverything"' });
            assert.equal(unknown.status, 500);
            assert.equal(unknown.fault?.code, 'soap:Client');
            assert.match(unknown.fault!.message, /did not recognize the value of HTTP Header SOAPAction/);
            const mismatch = await soapCall(simulator, 'GetOrdersByDate', WINDOW, { soapAction: '"http://www.printable.com/WebService/Order/GetOrdersByOrderNumber"' });
            assert.equal(mismatch.fault?.code, 'soap:Client');
            const wrongService = await soapCall(simulator, 'GetOrdersByDate', WINDOW, { path: '/TRANS/1.0/Invoice.asmx', soapAction: null });
            assert.equal(wrongService.fault?.code, 'soap:Client');
        });

        it('ignores prefixes: a default-namespace request reads the same', async () => {
            const body = '<?xml version="1.0"?><Envelope xmlns="http://schemas.xmlsoap.org/soap/envelope/"><Body>'
                + `<GetOrdersByDate xmlns="http://www.printable.com/WebService/Order"><OrderRequestByDate><PartnerCredentials><Token>${simulator.orderToken}</Token></PartnerCredentials>`
                + `${WINDOW}</OrderRequestByDate></GetOrdersByDate></Body></Envelope>`;
            const result = await soapCall(simulator, 'GetOrdersByDate', '', { rawBody: body });
            assert.equal(result.status, 200, result.text);
        });

        it('refuses SOAP 1.2 envelopes, non-SOAP XML and other media types', async () => {
            const soap12 = soapRequestBody('GetOrdersByDate', WINDOW, simulator.orderToken).replace('http://schemas.xmlsoap.org/soap/envelope/', 'http://www.w3.org/2003/05/soap-envelope');
            assert.equal((await soapCall(simulator, 'GetOrdersByDate', '', { rawBody: soap12 })).fault?.code, 'soap:VersionMismatch');
            assert.equal((await soapCall(simulator, 'GetOrdersByDate', '', { rawBody: '<hello/>' })).fault?.code, 'soap:Client');
            assert.equal((await soapCall(simulator, 'GetOrdersByDate', '', { rawBody: '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>' })).fault?.code, 'soap:Client');
            assert.equal((await soapCall(simulator, 'GetOrdersByDate', WINDOW, { contentType: 'application/json' })).status, 415);
            assert.equal((await soapCall(simulator, 'GetOrdersByDate', WINDOW, { contentType: 'text/xml; charset=utf-16' })).status, 415);
        });

        it('serves a WSDL naming every operation and its SOAPAction', async () => {
            const reply = await fetch(`${simulator.url}/TRANS/1.0/PackingSlip.asmx?WSDL`);
            assert.equal(reply.status, 200);
            const wsdl = await reply.text();
            assert.ok(wsdl.includes('soapAction="http://www.printable.com/WebService/PackingSlip/CreatePackingSlipByOrder"'));
            assert.ok(wsdl.includes('soapAction="http://www.printable.com/WebService/PackingSlip/CreatePackingSlipByLineItem"'));
            assert.ok(wsdl.includes(`location="${simulator.url}/TRANS/1.0/PackingSlip.asmx"`));
        });
    });

    describe('XML safety', () => {
        beforeEach(async () => {
            simulator = await startTestSimulator({ maxRequestBytes: 64 * 1024 });
        });

        it('refuses a request with a DOCTYPE (billion laughs) without expanding it', async () => {
            const entities = ['<!ENTITY a "aaaaaaaaaa">'];
            for (let level = 1; level < 10; level += 1) {
                entities.push(`<!ENTITY ${'a'.repeat(level + 1)} "${`&${'a'.repeat(level)};`.repeat(10)}">`);
            }
            const body = soapRequestBody('GetOrdersByDate', WINDOW, simulator.orderToken)
                .replace('<?xml version="1.0" encoding="utf-8"?>', `<?xml version="1.0"?><!DOCTYPE soapenv:Envelope [${entities.join('')}]>`)
                .replace('</DateRange>', `</DateRange><Junk>&${'a'.repeat(10)};</Junk>`);
            const result = await soapCall(simulator, 'GetOrdersByDate', '', { rawBody: body });
            assert.equal(result.status, 500);
            assert.equal(result.fault?.code, 'soap:Client');
            assert.match(result.fault!.message, /DTDs are not allowed/);
        });

        it('refuses an external entity reference', async () => {
            const body = soapRequestBody('GetOrdersByDate', WINDOW, simulator.orderToken)
                .replace('<?xml version="1.0" encoding="utf-8"?>', '<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>')
                .replace('</DateRange>', '</DateRange><Junk>&xxe;</Junk>');
            const result = await soapCall(simulator, 'GetOrdersByDate', '', { rawBody: body });
            assert.equal(result.fault?.code, 'soap:Client');
            assert.ok(!result.text.includes('root:'));
        });

        it('refuses a body over the size limit with a Fault', async () => {
            const padding = `<Padding>${'x'.repeat(70 * 1024)}</Padding>`;
            const result = await soapCall(simulator, 'GetOrdersByDate', WINDOW + padding);
            assert.equal(result.status, 500);
            assert.equal(result.fault?.code, 'soap:Client');
            assert.match(result.fault!.message, /larger than 65536 bytes/);
            // The connection is still usable afterwards.
            assert.equal((await soapCall(simulator, 'GetOrdersByDate', WINDOW)).status, 200);
        });

        it('refuses bodies over 10 MB by default', async () => {
            await simulator.close();
            simulator = await startTestSimulator();
            const padding = `<Padding>${'x'.repeat(10 * 1024 * 1024)}</Padding>`;
            const result = await soapCall(simulator, 'GetOrdersByDate', WINDOW + padding);
            assert.equal(result.fault?.code, 'soap:Client');
            assert.match(result.fault!.message, /larger than 10485760 bytes/);
        });
    });

    describe('credentials', () => {
        it('refuses a missing or unknown token with HTTP 500 "Invalid partner credentials"', async () => {
            simulator = await startTestSimulator();
            for (const token of [null, '', 'not-the-token', `${simulator.orderToken}x`]) {
                const result = await soapCall(simulator, 'GetOrdersByDate', WINDOW, { token });
                assert.equal(result.status, 500);
                assert.deepEqual(result.fault, { code: 'soap:Server', message: 'Invalid partner credentials' });
            }
        });

        it('with a separate closeout token: order token for Order/JobTicket only, closeout token for closeout only', async () => {
            simulator = await startTestSimulator({ orderToken: 'order-token', closeoutToken: 'closeout-token' });
            const order = await simulator.placeOrder(SAMPLE_ORDERS.costCenter);
            assert.equal((await soapCall(simulator, 'GetOrdersByDate', WINDOW, { token: 'closeout-token' })).fault?.message, 'Invalid partner credentials');
            assert.equal((await soapCall(simulator, 'GetJobTicketsByDate', WINDOW, { token: 'closeout-token' })).fault?.message, 'Invalid partner credentials');
            assert.equal((await shipOrder(simulator, order.ID, 'PS-1', { token: 'order-token' })).fault?.message, 'Invalid partner credentials');
            assert.equal((await shipOrder(simulator, order.ID, 'PS-1', { token: 'closeout-token' })).status, 200);
            assert.equal((await soapCall(simulator, 'GetOrdersByDate', WINDOW, { token: 'order-token' })).status, 200);
        });

        it('without a separate closeout token, the order token closes out too (and the generated one works)', async () => {
            simulator = await startTestSimulator({ orderToken: 'one-token' });
            assert.notEqual(simulator.closeoutToken, 'one-token');
            const order = await simulator.placeOrder(SAMPLE_ORDERS.costCenter);
            assert.equal((await shipOrder(simulator, order.ID, 'PS-1', { token: 'one-token' })).status, 200);
            assert.equal((await shipOrder(simulator, order.ID, 'PS-1', { token: simulator.closeoutToken })).status, 200);
        });

        it('reads the token only inside the request element', async () => {
            simulator = await startTestSimulator();
            const body = soapRequestBody('GetOrdersByDate', WINDOW, null)
                .replace('<soapenv:Header/>', `<soapenv:Header><PartnerCredentials><Token>${simulator.orderToken}</Token></PartnerCredentials></soapenv:Header>`);
            assert.equal((await soapCall(simulator, 'GetOrdersByDate', '', { rawBody: body })).fault?.message, 'Invalid partner credentials');
        });
    });

    describe('poll limit', () => {
        it('is off by default', async () => {
            simulator = await startTestSimulator();
            for (let poll = 0; poll < 5; poll += 1) {
                assert.equal((await soapCall(simulator, 'GetOrdersByDate', WINDOW)).status, 200);
            }
        });

        it('when configured, refuses a second date poll by one token inside the interval with a Fault', async () => {
            simulator = await startTestSimulator({ pollLimit: 5 * 60_000 });
            assert.equal((await soapCall(simulator, 'GetOrdersByDate', WINDOW)).status, 200);
            const second = await soapCall(simulator, 'GetOrdersByDate', WINDOW);
            assert.equal(second.status, 500);
            assert.deepEqual(second.fault, { code: 'soap:Server', message: 'Request limit exceeded' });
            assert.equal((await soapCall(simulator, 'GetJobTicketsByDate', WINDOW)).status, 200, 'counted per operation');
            assert.equal((await soapCall(simulator, 'GetOrdersByOrderNumber', '<OrderNumber>x</OrderNumber>')).status, 200, 'not a date poll');
            simulator.setClock('2026-11-26T08:05:01-08:00');
            assert.equal((await soapCall(simulator, 'GetOrdersByDate', WINDOW)).status, 200, 'allowed again after the interval');
            assert.equal((await soapCall(simulator, 'GetOrdersByDate', WINDOW)).fault?.message, 'Request limit exceeded', 'and the new poll starts the interval again');
            assert.equal((await soapCall(simulator, 'GetOrdersByDate', WINDOW, { token: 'other' })).fault?.message, 'Invalid partner credentials');
        });
    });
});
