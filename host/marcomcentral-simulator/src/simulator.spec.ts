import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { CATALOG, SAMPLE_ORDERS, startSimulator } from './index';
import { dateRangeXml, soapCall } from './testing/soap-test-client';

describe('startSimulator', () => {
    it('listens on 127.0.0.1 with random, distinct tokens', async () => {
        const simulator = await startSimulator();
        try {
            assert.match(simulator.url, /^http:\/\/127\.0\.0\.1:\d+$/);
            assert.ok(simulator.orderToken.length >= 32);
            assert.ok(simulator.closeoutToken.length >= 32);
            assert.notEqual(simulator.orderToken, simulator.closeoutToken);
            assert.equal(simulator.timeZone, 'America/Los_Angeles');
            assert.equal(simulator.catalog, CATALOG);
        } finally {
            await simulator.close();
        }
    });

    it('drives the store in-process: orders, files, clock, faults', async () => {
        const simulator = await startSimulator({ now: '2026-06-01T12:00:00', timeZone: 'America/New_York', orderToken: 'tok' });
        try {
            const order = await simulator.placeOrder(SAMPLE_ORDERS.cardSingleShipTo);
            assert.equal(order.CreateDate.slice(0, 16), '2026-06-01T16:00', 'the start time is read in the store zone (EDT)');
            const result = await soapCall(simulator, 'GetOrdersByDate', dateRangeXml('2026-06-01T11:59:00', '2026-06-01T12:01:00'));
            assert.ok(result.text.includes(`<CreateDate>2026-06-01T12:00:0`), result.text.slice(0, 400));
            assert.ok(/<CreateDate>[^<]+-04:00<\/CreateDate>/.test(result.text));
            await simulator.markFileReady(order.OrderDetails[0].ID);
            assert.equal(simulator.order(order.ID)!.OrderDetails[0].FileReady, true);
            simulator.setClock(new Date('2026-07-01T00:00:00Z'));
            const later = await simulator.placeOrder({});
            assert.ok(later.CreateDate.startsWith('2026-07-01T00:00:0'));
            simulator.injectFault({ operation: 'GetOrdersByDate', mode: 'http500', times: 1 });
            assert.equal((await soapCall(simulator, 'GetOrdersByDate', dateRangeXml('2026-06-01T00:00:00Z', '2026-06-02T00:00:00Z'))).status, 500);
            assert.equal(simulator.order('nope'), undefined);
            assert.throws(() => simulator.setClock('not a date'), RangeError);
        } finally {
            await simulator.close();
            await simulator.close();
        }
        await assert.rejects(fetch(simulator.url), 'closed for good');
    });

    it('refuses an unknown time zone', async () => {
        await assert.rejects(startSimulator({ timeZone: 'Mars/Olympus_Mons' }), /Unknown IANA time zone/);
    });

    it('starts from the command line and prints the URL and both tokens', async function () {
        this.timeout(10_000);
        const child = spawn(process.execPath, [join(__dirname, 'cli.js'), '--port', '0', '--order-token', 'cli-order', '--closeout-token', 'cli-closeout'], { stdio: ['ignore', 'pipe', 'pipe'] });
        try {
            const banner = await new Promise<string>((resolve, reject) => {
                let output = '';
                child.stdout.on('data', (chunk: Buffer) => {
                    output += chunk.toString();
                    if (output.includes('Administration:')) {
                        resolve(output);
                    }
                });
                child.once('exit', code => reject(new Error(`exited with ${code}: ${output}`)));
            });
            const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(banner)![1];
            assert.match(banner, /Order token:\s+cli-order/);
            assert.match(banner, /Closeout token:\s+cli-closeout\n/);
            const reply = await fetch(`${url}/_sim/orders`, { headers: { Authorization: 'Bearer cli-order' } });
            assert.equal(reply.status, 200);
        } finally {
            const exited = new Promise(resolve => child.once('exit', resolve));
            child.kill('SIGTERM');
            await exited;
        }
    });
});
