import * as assert from 'node:assert/strict';
import { MarcomCentralError } from './marcomcentral-error';
import { OrdersAnswer, OrdersAnswerTask } from './orders-answer';
import { OrdersParser, ordersWorkerFile } from './orders-parser';
import { ORDER_COST_CENTER, ORDER_CREDIT_CARD, ordersResponse } from './test/canned-responses';
import { WorkerPool } from '@presswork/platform/lib/node/worker-pool';
import { inject } from '@presswork/platform/lib/node/test/inject';
import { MarcomCentralConnectionType } from '../marcomcentral-connection-type';
import { MarcomCentralClient } from './marcomcentral-client';

/** Small, so that exhausting it is quick; still room for the worker's own modules. */
const SMALL_HEAP_MB = 32;

describe('OrdersParser', function () {
    this.timeout(30_000);

    let parser: OrdersParser;

    afterEach(() => parser?.close());

    function answer(xml: string): { status: number; statusText: string; contentType: string; body: Buffer } {
        return { status: 200, statusText: 'OK', contentType: 'text/xml; charset=utf-8', body: Buffer.from(xml, 'utf8') };
    }

    it('reads orders in a worker and hands them over in order', async () => {
        parser = new OrdersParser(new WorkerPool<OrdersAnswerTask, OrdersAnswer>({ file: ordersWorkerFile(), size: 1, maxOldGenerationSizeMb: 256 }));
        const many = Array.from({ length: 120 }, (_, index) => ORDER_COST_CENTER.replace('8004084', String(9_000_000 + index)));
        const result = await parser.read(answer(ordersResponse(many)), 'GetOrdersByDate', 'America/Los_Angeles');
        assert.deepEqual(result.orders.map(order => order.marcomOrderId), many.map((_, index) => String(9_000_000 + index)));
        assert.equal(result.orders[0].lineItems[0].quantity, 1000);
    });

    it('starts its worker when the MarcomCentral connection type is readied to poll, before any answer', async () => {
        const pool = new WorkerPool<OrdersAnswerTask, OrdersAnswer>({ file: ordersWorkerFile(), size: 1, maxOldGenerationSizeMb: 256 });
        parser = new OrdersParser(pool);
        const type = inject(new MarcomCentralConnectionType(), { client: new MarcomCentralClient({ ordersParser: parser }) });
        type.prepareToPoll();
        assert.equal(pool.workerCount, 1);
        const result = await parser.read(answer(ordersResponse([ORDER_CREDIT_CARD])), 'GetOrdersByDate', 'America/Los_Angeles');
        assert.deepEqual(result.orders.map(order => order.marcomOrderId), ['8004082']);
        assert.equal(pool.workerCount, 1, 'read by the worker started ahead');
    });

    it('carries what the worker found wrong back as the same MarcomCentralError', async () => {
        parser = new OrdersParser(new WorkerPool<OrdersAnswerTask, OrdersAnswer>({ file: ordersWorkerFile(), size: 1, maxOldGenerationSizeMb: 256 }));
        const doctype = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x/>';
        await assert.rejects(parser.read(answer(doctype), 'GetOrdersByDate', 'UTC'), (error: MarcomCentralError) =>
            error instanceof MarcomCentralError && error.kind === 'bad-response' && /DOCTYPE/.test(error.message));
    });

    it('fails the poll with a clear reason when a hostile answer exhausts the worker\'s memory, then reads the next answer', async () => {
        parser = new OrdersParser(new WorkerPool<OrdersAnswerTask, OrdersAnswer>({ file: ordersWorkerFile(), size: 1, maxOldGenerationSizeMb: SMALL_HEAP_MB }));
        // Well within the 20 MB a whole answer may have, but 600,000 elements to hold.
        const hostile = ordersResponse([`<Order><ID>1</ID>${'<a b="c"/>'.repeat(600_000)}</Order>`]);
        const startedAt = Date.now();
        await assert.rejects(parser.read(answer(hostile), 'GetOrdersByDate', 'UTC'), (error: MarcomCentralError) =>
            error instanceof MarcomCentralError && error.kind === 'bad-response'
            && /GetOrdersByDate could not be read: the worker ran out of its 32 MB memory limit/.test(error.message) && /broken or hostile/.test(error.message));
        const result = await parser.read(answer(ordersResponse([ORDER_CREDIT_CARD])), 'GetOrdersByDate', 'America/Los_Angeles');
        assert.deepEqual(result.orders.map(order => order.marcomOrderId), ['8004082']);
        assert.ok(Date.now() - startedAt < 20_000);
    });
});
