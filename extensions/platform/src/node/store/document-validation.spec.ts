import * as assert from 'node:assert/strict';
import { z } from 'zod';
import { Order, OrderSchema } from '../../common/order-schema';
import { describeZodError } from '../../common/validation-message';
import type { DocumentCollection } from './document-store';
import { validateDocument } from './document-validation';
import { OrdersCollection } from './platform-collections';
import { sampleOrder } from './test/sample-documents';

/** The stored version: a valid order with three jobs, as the store holds it (its schema's output). */
function storedOrder(): Order {
    return OrderSchema.parse({ ...sampleOrder('order-1', 3), version: 4 });
}

/** An order as a change sees it: any field may be given anything, as a careless caller might. */
type LooseJob = Record<string, unknown> & { id: string; log: unknown[] };
interface LooseOrder { jobs: LooseJob[]; lineItems: Array<Record<string, unknown>>; log: unknown[]; [field: string]: unknown }

/** A candidate made from the stored order by `change` (which may mutate its own deep copy). */
function candidateFrom(stored: Order, change: (order: LooseOrder) => void): Order {
    const candidate = structuredClone(stored) as unknown as LooseOrder;
    change(candidate);
    return candidate as unknown as Order;
}

/** Validating by parts must give exactly what the whole schema gives: the same verdict, document and message. */
function assertSameAsWhole(candidate: Order, stored: Order): z.ZodSafeParseResult<Order> {
    const whole = OrderSchema.safeParse(candidate);
    const byParts = validateDocument(OrdersCollection, candidate, stored);
    assert.equal(byParts.success, whole.success, `by parts: ${byParts.success ? 'valid' : describeZodError(byParts.error)}`);
    if (byParts.success && whole.success) {
        assert.deepEqual(byParts.data, whole.data);
        assert.equal(JSON.stringify(byParts.data), JSON.stringify(whole.data), 'the same text on disk, fields in the same order');
    } else if (!byParts.success && !whole.success) {
        assert.equal(describeZodError(byParts.error), describeZodError(whole.error));
    }
    return byParts;
}

const CHANGES: Record<string, (order: LooseOrder) => void> = {
    'nothing': () => undefined,
    'one job moved a step': order => Object.assign(order.jobs[1], { state: 'Processing', stepIndex: 1, currentActivity: 'Preflight' }),
    'one job logged a line': order => order.jobs[2].log.push({ at: '2025-01-15T09:31:00.000Z', level: 'info', message: 'Printed' }),
    'two jobs changed': order => { order.jobs[0].copies = 2; order.jobs[2].state = 'Held'; },
    'a job with a field its schema refuses': order => { order.jobs[1].copies = 0; },
    'a job with an unknown state': order => { order.jobs[0].state = 'Flying'; },
    'a job given the id of another': order => { order.jobs[2].id = order.jobs[0].id; },
    'a job given a new id': order => { order.jobs[1].id = 'order-1-job-9'; },
    'a job added': order => order.jobs.push({ ...order.jobs[0], id: 'order-1-job-4' }),
    'a job removed': order => order.jobs.pop(),
    'the jobs in another order': order => order.jobs.reverse(),
    'a job that is not an object': order => { (order.jobs as unknown[])[1] = 'job'; },
    'jobs that are not a list': order => { (order as Record<string, unknown>).jobs = { 0: order.jobs[0] }; },
    'a job with a field its schema does not know': order => { order.jobs[0].colour = 'red'; },
    'a job without a field its schema defaults': order => { delete order.jobs[0].files; },
    'a line item changed': order => { order.lineItems[0].quantity = 750; },
    'a line item refused': order => { order.lineItems[0].quantity = -1; },
    'all line items removed': order => { order.lineItems = []; },
    'the order closed': order => { order.closed = true; order.closeout = { invoiceNumber: 'INV-1', closedBy: 'ada' }; },
    'an order field refused': order => { order.orderNumber = ''; },
    'an optional order field removed': order => { delete order.description; },
    'an order field its schema defaults removed': order => { delete (order as Record<string, unknown>).log; },
    'an order field its schema does not know': order => { order.priority = 'rush'; },
    'an order log line and a job change together': order => { order.log.push({ at: '2025-01-15T09:32:00.000Z', level: 'warning', message: 'Closeout refused' }); order.jobs[0].state = 'Held'; }
};

describe('validateDocument', () => {

    for (const [name, change] of Object.entries(CHANGES)) {
        it(`gives what the whole schema gives when ${name}`, () => {
            const stored = storedOrder();
            assertSameAsWhole(candidateFrom(stored, change), stored);
        });
    }

    it('gives what the whole schema gives for 300 random changes of job fields', () => {
        let seed = 7;
        const random = (below: number): number => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) % below;
        const values = [0, 1, -1, 2.5, '', 'Printed', null, undefined, true, [], {}, '2025-01-15T09:31:00.000Z', 'x'.repeat(300)];
        const stored = storedOrder();
        const fields = Object.keys(stored.jobs[0]);
        for (let round = 0; round < 300; round++) {
            const candidate = candidateFrom(stored, order => {
                for (let changes = 1 + random(3); changes > 0; changes--) {
                    order.jobs[random(3)][fields[random(fields.length)]] = values[random(values.length)];
                }
            });
            assertSameAsWhole(candidate, stored);
        }
    });

    it('parses only the job that changed, and shares the unchanged parts with the stored version', () => {
        const stored = storedOrder();
        const candidate = candidateFrom(stored, order => { order.jobs[1].state = 'Held'; });

        const result = assertSameAsWhole(candidate, stored);

        assert.ok(result.success);
        // A part that was parsed is the schema's copy: the unchanged ones are the stored objects themselves.
        assert.equal(result.data.jobs[0], stored.jobs[0]);
        assert.equal(result.data.jobs[2], stored.jobs[2]);
        assert.equal(result.data.lineItems, stored.lineItems);
        assert.equal(result.data.customer, stored.customer);
        assert.notEqual(result.data.jobs[1], candidate.jobs[1], 'a changed job is the schema\'s copy, not the caller\'s object');
    });

    it('parses a document whole without a stored version, as the schema itself does', () => {
        const candidate = { ...sampleOrder('order-2', 2), closed: undefined, unknownField: 'dropped' } as unknown as Order;

        const result = validateDocument(OrdersCollection, candidate);

        assert.ok(result.success);
        assert.deepEqual(result.data, OrderSchema.parse(candidate), 'defaults filled in, unknown fields dropped');
        assert.notEqual(result.data.jobs[0], candidate.jobs[0], 'every part is the schema\'s copy');
    });

    it('refuses a document without a stored version with the schema\'s own issues', () => {
        const candidate = sampleOrder('order-3', 2);
        const broken = { ...candidate, jobs: candidate.jobs.map((job, index) => index === 1 ? { ...job, copies: -1 } : job), receivedAt: 'yesterday' } as Order;

        const result = validateDocument(OrdersCollection, broken);

        assert.ok(!result.success);
        assert.deepEqual(result.error.issues, OrderSchema.safeParse(broken).error?.issues);
    });

    it('parses whole a collection whose schema has rules across its fields', () => {
        const Pair = z.object({ id: z.string(), version: z.number(), from: z.number(), to: z.number() })
            .refine(pair => pair.from < pair.to, 'from must come before to');
        const collection: DocumentCollection<z.infer<typeof Pair>> = { name: 'pairs', schema: Pair };
        const stored = Pair.parse({ id: 'pair-1', version: 1, from: 1, to: 5 });

        const result = validateDocument(collection, { ...stored, from: 7 }, stored);

        assert.ok(!result.success);
        assert.match(describeZodError(result.error), /from must come before to/);
    });

    it('refuses a collection whose entry list is not a list in its schema', () => {
        const collection: DocumentCollection<Order> = { ...OrdersCollection, name: 'orders-misdeclared', entryLists: ['customer'] };
        const stored = storedOrder();

        assert.throws(() => validateDocument(collection, stored, stored), /orders-misdeclared: the entry list customer is not an array/);
    });
});
