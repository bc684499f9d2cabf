import * as assert from 'node:assert/strict';
import { orderDigest } from './order-digest';
import { readAnswer } from './test/read-answer';
import { ORDER_COST_CENTER, ORDER_CREDIT_CARD, ORDER_TWO_LINES, ordersResponse } from './test/canned-responses';
import { parseXmlDocument } from './xml-document';

const LA = 'America/Los_Angeles';

function digestOf(xml: string, timeZone = LA): string {
    return orderDigest(parseXmlDocument(xml), timeZone);
}

describe('orderDigest', () => {

    it('is the same for the same order sent with its elements in another order, other whitespace and other prefixes', () => {
        const plain = '<Order><ID>8004084</ID><OrderNumber>ACME-000125</OrderNumber><PaymentMethod>CostCenter</PaymentMethod>'
            + '<OrderDetails><OrderDetail><ID>1</ID><Quantity>10</Quantity></OrderDetail><OrderDetail><ID>2</ID><Quantity>5</Quantity></OrderDetail></OrderDetails></Order>';
        const shuffled = `<m:Order xmlns:m="urn:x">
            <m:PaymentMethod> CostCenter </m:PaymentMethod>
            <m:OrderDetails>
                <m:OrderDetail><m:Quantity>5</m:Quantity><m:ID>2</m:ID></m:OrderDetail>
                <m:OrderDetail>
                    <m:Quantity>10</m:Quantity>
                    <m:ID>1</m:ID>
                </m:OrderDetail>
            </m:OrderDetails>
            <m:OrderNumber>ACME-000125</m:OrderNumber>
            <m:ID>8004084</m:ID>
        </m:Order>`;
        assert.equal(digestOf(shuffled), digestOf(plain));
        assert.match(digestOf(plain), /^[0-9a-f]{64}$/);
    });

    it('changes when a value, an attribute, an element or the store\'s time zone changes', () => {
        const base = digestOf(ORDER_CREDIT_CARD);
        assert.notEqual(digestOf(ORDER_CREDIT_CARD.replace('<Quantity>500</Quantity>', '<Quantity>501</Quantity>')), base, 'a quantity');
        assert.notEqual(digestOf(ORDER_CREDIT_CARD.replace('<Status>Pending</Status>', '<Status>Shipped</Status>')), base, 'the status');
        assert.notEqual(digestOf(ORDER_CREDIT_CARD.replace('<ID type="Printable">8004082</ID>', '<ID type="Other">8004082</ID>')), base, 'an attribute');
        assert.notEqual(digestOf(ORDER_CREDIT_CARD.replace('<Status>Pending</Status>', '<Status>Pending</Status><Note>rush</Note>')), base, 'a new element');
        assert.notEqual(digestOf(ORDER_CREDIT_CARD, 'Europe/Berlin'), base, 'another time zone');
        assert.equal(digestOf(ORDER_CREDIT_CARD), base, 'and is stable');
    });

    it('stays the same from one version of Presswork to the next: the digests kept with stored orders remain valid', () => {
        assert.equal(digestOf(ORDER_CREDIT_CARD), '760c35768f1efcd6fa87fa4993e51eaf5eaf54d612d8b9bd9cff11be94c15d83');
        assert.equal(digestOf(ORDER_TWO_LINES, 'Europe/Berlin'), '31ef6a6d543a42ad15ab7fa46c7cb04a97f785acbfd57a0537e06672f1f950a7');
        assert.equal(digestOf('<Order a="1" b="&lt;&quot;&#x2028;"><B/><A x="2">t "q"</A><A>t</A></Order>'),
            '481790c92e40c6baeda12cd00189b946b1e2fa110d69aae7361f657754c16bc7');
    });

    it('does not mistake text moved between elements for the same content', () => {
        assert.notEqual(digestOf('<Order><A>xy</A><B/></Order>'), digestOf('<Order><A>x</A><B>y</B></Order>'));
        assert.notEqual(digestOf('<Order><A><B/></A></Order>'), digestOf('<Order><A/><B/></Order>'));
    });
});

describe('reading an answer with known digests', () => {

    it('names the orders whose digest is known as unchanged without mapping them, and gives the others with their digest', () => {
        const known = new Set([digestOf(ORDER_CREDIT_CARD), digestOf(ORDER_COST_CENTER)]);
        const changedCostCenter = ORDER_COST_CENTER.replace('<Quantity> 1000 </Quantity>', '<Quantity>2000</Quantity>');
        const result = readAnswer(ordersResponse([ORDER_CREDIT_CARD, ORDER_TWO_LINES, changedCostCenter]), LA, known);

        assert.deepEqual(result.unchanged, ['8004082']);
        assert.deepEqual(result.orders.map(order => order.marcomOrderId), ['8004083', '8004084'], 'the new order and the changed one are mapped');
        assert.equal(result.orders[1].lineItems[0].quantity, 2000);
        assert.deepEqual([...result.digests!.keys()], ['8004083', '8004084']);
        assert.equal(result.digests!.get('8004083'), digestOf(ORDER_TWO_LINES));
        assert.ok(!known.has(result.digests!.get('8004084')!), 'the changed order has a new digest');
    });

    it('answers as before when no digests are named', () => {
        const result = readAnswer(ordersResponse([ORDER_CREDIT_CARD]), LA);
        assert.deepEqual(Object.keys(result), ['orders', 'rejected', 'slices']);
        assert.equal(result.slices[0].digests, undefined, 'no digest is taken');
    });
});
