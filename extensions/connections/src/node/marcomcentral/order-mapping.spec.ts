import * as assert from 'node:assert/strict';
import type { ReceivedOrder } from '@presswork/platform/lib/common';
import { mapOrder } from './order-mapping';
import { readAnswer } from './test/read-answer';
import { ORDERS_PER_SLICE } from './orders-answer';
import { MarcomCentralError } from './marcomcentral-error';
import { parseXmlDocument } from './xml-document';
import { ORDER_COST_CENTER, ORDER_CREDIT_CARD, ORDER_TWO_LINES, ordersResponse } from './test/canned-responses';

const LA = 'America/Los_Angeles';

function mapped(xml: string): ReceivedOrder {
    const outcome = mapOrder(parseXmlDocument(xml), LA);
    assert.ok(outcome.ok, outcome.ok ? '' : `rejected at ${outcome.rejected.path}: ${outcome.rejected.reason}`);
    return outcome.order;
}

describe('order-mapping', () => {

    it('maps every field of the contract to the platform order', () => {
        assert.deepEqual(mapped(ORDER_CREDIT_CARD), {
            marcomOrderId: '8004082',
            orderNumber: 'ACME-000123',
            description: 'Spring campaign & trade show',
            createDate: '2026-11-26T08:01:12-08:00',
            status: 'Pending',
            customer: { id: '5501', firstName: 'Pat', lastName: 'Lee', loginId: 'plee', email: 'pat@example.com' },
            company: { id: '17351', name: 'ACME Corp' },
            seller: { id: '77', name: 'Demo Print Co' },
            billingAddress: {
                address1: '1 Main St', address2: 'Suite 100', city: 'Portland', state: 'OR', zip: '97201', country: 'US',
                companyName: 'ACME Corp', attn: 'Accounts Payable', phoneNumber: '503-555-0100', email: 'ap@example.com'
            },
            shippingAddress: {
                address1: '200 Dock Rd', city: 'Portland', state: 'OR', zip: '97202', country: 'US', companyName: 'ACME Corp', attn: 'Pat Lee'
            },
            paymentMethod: 'CreditCard',
            creditCard: {
                authorizationNumber: 'AUTH-778899', authorizationExpirationDate: '2026-12-26T08:01:12-08:00', confirmationNumber: 'CONF-1', cardType: 'Visa'
            },
            lineItems: [{
                id: '123456',
                productId: '4400',
                productName: 'Business Cards',
                productDescription: '<p>Premium cards</p>',
                productType: 'Variable',
                sku: { id: 'SKU13933967', name: 'BC-PREMIUM' },
                skuDescription: 'Premium business cards, 16pt',
                quantity: 500,
                quantityShipped: 0,
                pageCount: 2,
                price: {
                    unit: { value: '0.25', currency: 'USD' },
                    customer: { value: '125.00', currency: 'USD' },
                    shipping: { value: '12.50', currency: 'USD' },
                    customerDiscount: { value: '5.00', currency: 'USD' },
                    customerSalesTax: { value: '9.60', currency: 'USD' },
                    totalFreightTax: { value: '0.75', currency: 'USD' }
                },
                shipping: {
                    method: 'UPS Ground',
                    date: '2026-11-30T00:00:00-08:00',
                    instructions: 'Leave at dock 3',
                    address: { address1: '200 Dock Rd', city: 'Portland', state: 'OR', zip: '97202', country: 'US', attn: 'Pat Lee' }
                },
                finalOutputFileUrl: 'https://files.example.com/files/123456.pdf',
                clientStatus: { value: 'OrderAccepted', date: '2026-11-26T08:01:12-08:00' },
                finishingOptions: [{ name: 'Corners', value: 'Rounded' }]
            }]
        });
    });

    it('treats empty elements as absent, defaults a missing Currency to USD and reads offset-less dates in the store zone', () => {
        const order = mapped(ORDER_TWO_LINES);
        assert.equal('description' in order, false);
        assert.equal(order.createDate, '2026-11-26T09:15:00-08:00');
        assert.deepEqual(order.customer, { firstName: 'Sam', lastName: 'Ortiz' });
        assert.equal(order.paymentMethod, 'PurchaseOrder');
        assert.equal(order.lineItems.length, 2);
        assert.deepEqual(order.lineItems[0].price, { customer: { value: '45.00', currency: 'USD' }, unit: { value: '4.50', currency: 'USD' } });
        assert.equal('finalOutputFileUrl' in order.lineItems[0], false);
        assert.deepEqual(order.lineItems[0].finishingOptions, []);
        assert.deepEqual(order.lineItems[1].price, { customer: { value: '60.00', currency: 'CAD' } });
        // A named finishing option with an empty Value keeps its name (the schema needs a string value).
        assert.deepEqual(order.lineItems[1].finishingOptions, [{ name: 'Imprint', value: 'Blue' }, { name: 'Gift box', value: '' }]);
    });

    it('takes an order without a User or Price, and trims whitespace around numbers', () => {
        const order = mapped(ORDER_COST_CENTER);
        assert.deepEqual(order.customer, {});
        assert.deepEqual(order.lineItems[0].price, {});
        assert.equal(order.lineItems[0].quantity, 1000);
    });

    it('accepts a payment method in any letter case', () => {
        assert.equal(mapped(ORDER_TWO_LINES.replace('PurchaseOrder', 'purchaseorder')).paymentMethod, 'PurchaseOrder');
    });

    it('clips an over-long description instead of refusing the order', () => {
        const order = mapped(ORDER_CREDIT_CARD.replace('Spring campaign &amp; trade show', 'x'.repeat(5000)));
        assert.equal(order.description?.length, 2000);
        assert.ok(order.description?.endsWith('…'));
    });

    it('rejects an order without an OrderNumber, naming the field', () => {
        const outcome = mapOrder(parseXmlDocument(ORDER_TWO_LINES.replace('<OrderNumber>ACME-000124</OrderNumber>', '')), LA);
        assert.ok(!outcome.ok);
        assert.equal(outcome.rejected.path, 'orderNumber');
        assert.equal(outcome.rejected.marcomOrderId, '8004083');
        assert.equal(outcome.rejected.orderNumber, undefined);
        assert.match(outcome.rejected.reason, /missing/);
    });

    it('rejects a non-numeric or fractional Quantity with the line path and the value', () => {
        const notNumeric = mapOrder(parseXmlDocument(ORDER_CREDIT_CARD.replace('<Quantity>500</Quantity>', '<Quantity>ten</Quantity>')), LA);
        assert.ok(!notNumeric.ok);
        assert.equal(notNumeric.rejected.path, 'lineItems.0.quantity');
        assert.match(notNumeric.rejected.reason, /expected number.*"ten"/);
        const fractional = mapOrder(parseXmlDocument(ORDER_TWO_LINES.replace('<Quantity>100</Quantity>', '<Quantity>2.5</Quantity>')), LA);
        assert.ok(!fractional.ok);
        assert.equal(fractional.rejected.path, 'lineItems.1.quantity');
    });

    it('rejects an order whose line items share an ID, naming the second line (two jobs would hide each other)', () => {
        const outcome = mapOrder(parseXmlDocument(ORDER_TWO_LINES.replace('<ID type="Printable">123458</ID>', '<ID type="Printable">123457</ID>')), LA);
        assert.ok(!outcome.ok);
        assert.equal(outcome.rejected.path, 'lineItems.1.id');
        assert.match(outcome.rejected.reason, /"123457" appears twice/);
        assert.equal(outcome.rejected.orderNumber, 'ACME-000124');
    });

    it('rejects an unknown payment method, an unreadable date, a bad amount and an order without lines', () => {
        const cases: [string, string, string][] = [
            ['<PaymentMethod>PurchaseOrder</PaymentMethod>', '<PaymentMethod>Barter</PaymentMethod>', 'paymentMethod'],
            ['<CreateDate>2026-11-26T09:15:00</CreateDate>', '<CreateDate>yesterday</CreateDate>', 'createDate'],
            ['<Customer>45.00</Customer>', '<Customer>45,00</Customer>', 'lineItems.0.price.customer.value'],
            [ORDER_TWO_LINES.slice(ORDER_TWO_LINES.indexOf('<OrderDetails>'), ORDER_TWO_LINES.indexOf('</OrderDetails>') + 15), '', 'lineItems']
        ];
        for (const [from, to, path] of cases) {
            const outcome = mapOrder(parseXmlDocument(ORDER_TWO_LINES.replace(from, to)), LA);
            assert.ok(!outcome.ok, `expected ${path} to be rejected`);
            assert.equal(outcome.rejected.path, path);
        }
    });

    it('keeps the rejected order element as plain data for quarantine', () => {
        const outcome = mapOrder(parseXmlDocument(ORDER_TWO_LINES.replace('<Quantity>10</Quantity>', '<Quantity>-1</Quantity>')), LA);
        assert.ok(!outcome.ok);
        const source = outcome.rejected.source as { ID: { '#text': string }; OrderNumber: string };
        assert.equal(source.OrderNumber, 'ACME-000124');
        assert.equal(source.ID['#text'], '8004083');
        assert.doesNotThrow(() => JSON.stringify(source));
    });

    describe('reading an answer with orders', () => {
        it('keeps the good orders when one is bad', () => {
            const bad = ORDER_TWO_LINES.replace('<Quantity>10</Quantity>', '<Quantity>ten</Quantity>');
            const result = readAnswer(ordersResponse([ORDER_CREDIT_CARD, bad, ORDER_COST_CENTER]), LA);
            assert.deepEqual(result.orders.map(order => order.orderNumber), ['ACME-000123', 'ACME-000125']);
            assert.deepEqual(result.rejected.map(rejected => [rejected.orderNumber, rejected.path]), [['ACME-000124', 'lineItems.0.quantity']]);
        });

        it('hands the orders over in slices of ORDERS_PER_SLICE, in the answer\'s order', () => {
            const orders = Array.from({ length: ORDERS_PER_SLICE + 3 }, (_, index) => ORDER_CREDIT_CARD
                .replace('<ID type="Printable">8004082</ID>', `<ID type="Printable">${9_000_000 + index}</ID>`).replace('ACME-000123', `ACME-${100_000 + index}`));
            const result = readAnswer(ordersResponse(orders), LA);
            assert.deepEqual(result.slices.map(slice => (JSON.parse(slice.orders) as unknown[]).length), [ORDERS_PER_SLICE, 3]);
            assert.deepEqual(result.orders.map(order => order.orderNumber), orders.map((_, index) => `ACME-${100_000 + index}`));
        });

        it('refuses an answer whose Summary/Count disagrees with its Order elements', () => {
            assert.throws(() => readAnswer(ordersResponse([ORDER_CREDIT_CARD], { count: 2 }), LA),
                (error: unknown) => error instanceof MarcomCentralError && error.kind === 'bad-response' && /Count 2 but holds 1 Order element$/.test(error.message));
            assert.throws(() => readAnswer(ordersResponse([], { count: 'many' }), LA),
                (error: unknown) => error instanceof MarcomCentralError && error.kind === 'bad-response');
        });

        it('reads no orders from Count 0 and an empty Orders element, with or without the Result wrapper', () => {
            assert.deepEqual(readAnswer(ordersResponse([]), LA), { orders: [], rejected: [], slices: [] });
            const unwrapped = readAnswer(ordersResponse([ORDER_COST_CENTER], { withoutResult: true }), LA);
            assert.equal(unwrapped.orders.length, 1);
        });
    });
});
