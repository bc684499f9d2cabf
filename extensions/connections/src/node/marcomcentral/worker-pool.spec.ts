import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { MarcomCentralError } from './marcomcentral-error';
import { OrdersAnswer, OrdersAnswerTask } from './orders-answer';
import { OrdersParser, ordersWorkerFile } from './orders-parser';
import { ORDER_COST_CENTER, ORDER_CREDIT_CARD, ordersResponse } from './test/canned-responses';
import { WorkerFailureError, WorkerPool } from './worker-pool';

const SCRIPTED_WORKER = join(__dirname, 'test', 'scripted-worker.js');
/** Small, so that exhausting it is quick; still room for the workers' own modules. */
const SMALL_HEAP_MB = 32;

describe('WorkerPool', function () {
    this.timeout(20_000);

    let pool: WorkerPool<string, string>;

    beforeEach(() => {
        pool = new WorkerPool({ file: SCRIPTED_WORKER, size: 1, maxOldGenerationSizeMb: SMALL_HEAP_MB });
    });

    afterEach(() => pool.close());

    it('fails only the task whose worker crashed, and runs the next task in a new worker', async () => {
        assert.equal(await pool.run('one'), 'echo one');
        const waiting = pool.run('after the crash');
        await assert.rejects(pool.run('crash').then(() => pool.run('unreached')), (error: WorkerFailureError) =>
            error instanceof WorkerFailureError && error.reason === 'crashed' && /scripted crash/.test(error.message));
        assert.equal(await waiting, 'echo after the crash');
        assert.equal(await pool.run('two'), 'echo two');
        assert.equal(pool.workerCount, 1, 'the dead worker was replaced, not added to');
    });

    it('ends a worker that exhausts its memory limit, with that reason, and lives on', async () => {
        await assert.rejects(pool.run('exhaust-memory'), (error: WorkerFailureError) =>
            error instanceof WorkerFailureError && error.reason === 'out-of-memory' && error.message.includes(`${SMALL_HEAP_MB} MB`));
        assert.equal(await pool.run('three'), 'echo three');
    });

    it('runs tasks in order when they outnumber the workers', async () => {
        const answers = await Promise.all(['a', 'b', 'c', 'd'].map(task => pool.run(task)));
        assert.deepEqual(answers, ['echo a', 'echo b', 'echo c', 'echo d']);
    });
});

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
