import * as assert from 'node:assert/strict';
import { JobSchema, Order, ProductionTemplate, ReceivedOrder } from '@presswork/platform/lib/common';
import { receivedOrder } from '../test/received-orders';
import { template } from '../test/connection-documents';
import { jobIdOf, orderDocumentId } from './intake-ids';
import { WAITING_FOR_PRINT_FILE as WAITING_FOR_FILE } from '@presswork/platform/lib/common/job-flow';
import { buildJobs, formatAddress, isPrintable } from './job-builder';

describe('buildJobs', () => {

    const CONNECTION = 'conn-1';
    const NOW = new Date('2026-02-16T08:00:00.000Z');

    const cardsTemplate = template('Business cards', { skuId: 'BC-STD' }, {
        workflowId: 'wf-cards',
        defaults: { media: 'Cougar 350', duplex: true, priority: 3, dueInHours: 48, properties: { coating: 'UV', bleedMm: 3 } }
    });
    const lettersTemplate = template('Letters', { productType: 'Variable' }, { workflowId: 'wf-digital', defaults: { dueInHours: 24, properties: {} } });
    const mugsTemplate = template('Mugs', { productType: 'Static' }, { workflowId: 'wf-pick', defaults: { properties: {} } });
    const templates: ProductionTemplate[] = [cardsTemplate, lettersTemplate, mugsTemplate];

    function orderOf(received: ReceivedOrder = receivedOrder('M-1001')): Omit<Order, 'jobs' | 'version'> {
        return { ...received, id: orderDocumentId(CONNECTION, received.marcomOrderId), connectionId: CONNECTION, receivedAt: NOW.toISOString(), closed: false, log: [] };
    }

    it('makes one job per line item, named and counted from the line', () => {
        const order = orderOf();
        const jobs = buildJobs(order, templates, NOW);
        assert.equal(jobs.length, 4);
        jobs.forEach((job, index) => {
            const line = order.lineItems[index];
            assert.equal(job.id, jobIdOf(CONNECTION, 'M-1001', line.id));
            assert.equal(job.name, line.productName);
            assert.equal(job.copies, line.quantity);
            assert.equal(job.orderId, order.id);
            assert.equal(job.orderNumber, 'PW-M-1001');
            assert.equal(job.lineItemId, line.id);
            assert.equal(job.connectionId, CONNECTION);
            assert.equal(job.phase, 'Receive');
            assert.equal(job.stepIndex, 0);
            assert.equal(job.receivedAt, NOW.toISOString());
            assert.equal(job.log.length, 1);
            // What the store will check when the order is written.
            assert.equal(JobSchema.safeParse(job).success, true, JSON.stringify(JobSchema.safeParse(job).error?.issues));
        });
        assert.deepEqual(jobs.map(job => job.copies), [500, 250, 10, 12]);
    });

    it('puts a printable job with a template in Waiting for its print file, named by the job id', () => {
        const [cards, letters] = buildJobs(orderOf(), templates, NOW);
        assert.equal(cards.state, 'Waiting');
        assert.equal(cards.waitReason, WAITING_FOR_FILE);
        assert.equal(cards.workflowId, 'wf-cards');
        assert.deepEqual(cards.files, [{ name: `${cards.id}.pdf`, sourceUrl: 'https://store.example.com/output/M-1001-1/final.pdf?token=abc' }]);
        assert.equal(letters.state, 'Waiting');
        assert.deepEqual(letters.files, [{ name: `${letters.id}.pdf`, sourceUrl: 'https://store.example.com/output/M-1001-2/final.pdf' }]);
        assert.match(cards.log[0].message, /production template "Business cards"/);
    });

    it('never takes the file name from the URL', () => {
        const received = receivedOrder('M-1001');
        received.lineItems[0] = { ...received.lineItems[0], finalOutputFileUrl: 'https://evil.example.com/../../../etc/passwd%2F..%2Fcron.pdf' };
        const [cards] = buildJobs(orderOf(received), templates, NOW);
        assert.equal(cards.files.length, 1);
        assert.equal(cards.files[0].name, `${cards.id}.pdf`);
        assert.match(cards.files[0].name, /^J[0-9A-F]{12}\.pdf$/);
        assert.equal(cards.files[0].sourceUrl, 'https://evil.example.com/../../../etc/passwd%2F..%2Fcron.pdf');
    });

    it('treats Versioned, Variable and JobDirect as printed whatever their case, anything else as stocked', () => {
        const [cards] = orderOf().lineItems;
        for (const productType of ['Versioned', 'VARIABLE', 'jobdirect']) {
            assert.equal(isPrintable({ ...cards, productType }), true, productType);
        }
        for (const productType of ['Static', 'Kit', 'InventoryItem']) {
            assert.equal(isPrintable({ ...cards, productType }), false, productType);
        }
    });

    it('puts a stocked item with a template in Received, without files', () => {
        const mug = buildJobs(orderOf(), templates, NOW)[3];
        assert.equal(mug.state, 'Received');
        assert.equal(mug.waitReason, undefined);
        assert.deepEqual(mug.files, []);
        assert.equal(mug.workflowId, 'wf-pick');
    });

    it('holds a job no template matches, saying which SKU to match', () => {
        const poster = buildJobs(orderOf(), templates, NOW)[2];
        assert.equal(poster.state, 'Held');
        assert.equal(poster.workflowId, undefined);
        assert.equal(poster.waitReason, 'No production template matches SKU POSTER-A2 (product P-POSTER, type JobDirect)');
        assert.match(poster.log[0].message, /held: No production template matches SKU POSTER-A2/);
        // The print file is still known, so it can be fetched while an administrator adds a template.
        assert.equal(poster.files[0].sourceUrl, 'https://store.example.com/output/M-1001-3/final.pdf');
    });

    it('holds every job when there are no templates at all', () => {
        const jobs = buildJobs(orderOf(), [], NOW);
        assert.deepEqual(jobs.map(job => job.state), ['Held', 'Held', 'Held', 'Held']);
        assert.ok(jobs.every(job => job.waitReason?.startsWith('No production template matches SKU ')));
    });

    it('takes the due date from the line\'s ship date, else from the template\'s promise', () => {
        const [cards, letters, poster, mug] = buildJobs(orderOf(), templates, NOW);
        assert.equal(cards.due, '2026-02-20T17:00:00.000Z', 'the ship date wins over the template\'s 48 hours');
        assert.equal(letters.due, '2026-02-17T08:00:00.000Z', '24 hours after the order arrived');
        assert.equal(poster.due, undefined, 'no template, no ship date');
        assert.equal(mug.due, undefined, 'the template promises nothing');
    });

    it('uses the template\'s hours when the line has no ship date', () => {
        const received = receivedOrder('M-1001');
        received.lineItems[0] = { ...received.lineItems[0], shipping: { method: 'UPS Ground' } };
        const [cards] = buildJobs(orderOf(received), templates, NOW);
        assert.equal(cards.due, '2026-02-18T08:00:00.000Z');
    });

    it('flags a job at risk the template\'s at-risk hours before it is due, from the ship date or the turnaround', () => {
        const atRisk = (defaults: Partial<ProductionTemplate['defaults']>): ProductionTemplate[] =>
            templates.map(each => ({ ...each, defaults: { ...each.defaults, ...defaults } }));
        const [cards, letters, poster, mug] = buildJobs(orderOf(), atRisk({ atRiskHours: 6 }), NOW);
        assert.equal(cards.atRiskAt, '2026-02-20T11:00:00.000Z', '6 hours before the line\'s ship date');
        assert.equal(letters.atRiskAt, '2026-02-17T02:00:00.000Z', '6 hours before the 24-hour turnaround ends');
        assert.equal(poster.atRiskAt, undefined, 'no template: no at-risk hours');
        assert.equal(mug.atRiskAt, undefined, 'no due date: never at risk');
        assert.ok(!('atRiskAt' in poster), 'no empty field is written');
        [cards, letters, poster, mug].forEach(job => JobSchema.parse(job));

        const [plain] = buildJobs(orderOf(), templates, NOW);
        assert.equal(plain.atRiskAt, undefined, 'a template without at-risk hours flags nothing');
    });

    it('gives the job the customer, ship-to, SKU and the template\'s defaults, leaving finishing options on the line', () => {
        const [cards] = buildJobs(orderOf(), templates, NOW);
        assert.deepEqual(cards.properties, {
            marcomOrderId: 'M-1001',
            productType: 'Versioned',
            productId: 'P-BC',
            sku: 'BC-STD',
            skuName: 'Business card, standard',
            customer: 'Ada Lovelace',
            customerEmail: 'ada@example.com',
            company: 'Example Corp',
            shipTo: 'Receiving, Example Corp, 12 Press Lane, Springfield IL 62701, US',
            shippingMethod: 'UPS Ground',
            pageCount: 2,
            media: 'Cougar 350',
            duplex: true,
            priority: 3,
            coating: 'UV',
            bleedMm: 3
        });
    });

    it('never lets a template default override what the customer ordered', () => {
        const greedy = template('Greedy', { skuId: 'BC-STD' }, {
            workflowId: 'wf-cards', defaults: { properties: { sku: 'BC-CHEAP', customer: 'Someone else', coating: 'UV' } }
        });
        const [cards] = buildJobs(orderOf(), [greedy], NOW);
        assert.equal(cards.properties.sku, 'BC-STD');
        assert.equal(cards.properties.customer, 'Ada Lovelace');
        assert.equal(cards.properties.coating, 'UV', 'a default the order does not set still applies');
    });

    it('ships to the line\'s own address when it has one, and names a customer without a name by login', () => {
        const received = receivedOrder('M-1001', { customer: { loginId: 'buyer42' } });
        received.lineItems[0] = {
            ...received.lineItems[0],
            shipping: { address: { address1: '9 Branch Road', city: 'Portland', state: 'OR', zip: '97201' } }
        };
        const [cards, letters] = buildJobs(orderOf(received), templates, NOW);
        assert.equal(cards.properties.shipTo, '9 Branch Road, Portland OR 97201');
        assert.equal(letters.properties.shipTo, 'Receiving, Example Corp, 12 Press Lane, Springfield IL 62701, US');
        assert.equal(cards.properties.customer, 'buyer42');
        assert.equal('customerEmail' in cards.properties, false);
    });

    it('leaves template defaults off a held job', () => {
        const poster = buildJobs(orderOf(), templates, NOW)[2];
        assert.equal(poster.properties.sku, 'POSTER-A2');
        assert.equal('media' in poster.properties, false);
        assert.equal('skuName' in poster.properties, false);
    });
});

describe('formatAddress', () => {
    it('joins what is there and nothing else', () => {
        assert.equal(formatAddress(undefined), undefined);
        assert.equal(formatAddress({}), undefined);
        assert.equal(formatAddress({ city: 'Springfield', zip: '62701' }), 'Springfield 62701');
    });
});
