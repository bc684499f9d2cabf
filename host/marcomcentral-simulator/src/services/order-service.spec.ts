import assert from 'node:assert/strict';
import { SAMPLE_ORDERS } from '../catalog/sample-orders';
import { RunningSimulator } from '../simulator';
import { child, children, descendant, textAt } from '../soap/xml-tree';
import { childNames, dateRangeXml, soapCall } from '../testing/soap-test-client';
import { startTestSimulator } from '../testing/test-simulator';

const ORDER_NS = 'http://www.printable.com/WebService/Order';

describe('Order.asmx', () => {
    let simulator: RunningSimulator;

    beforeEach(async () => {
        simulator = await startTestSimulator();
    });

    afterEach(() => simulator.close());

    async function ordersInWindow(start: string, end: string) {
        const result = await soapCall(simulator, 'GetOrdersByDate', dateRangeXml(start, end));
        assert.equal(result.status, 200, result.text);
        const ordersResponse = descendant(result.response, 'GetOrdersByDateResult', 'GetOrdersResponse');
        return {
            count: Number(textAt(ordersResponse, 'Summary', 'Count')),
            numbers: children(child(ordersResponse, 'Orders'), 'Order').map(order => textAt(order, 'OrderNumber')),
            result
        };
    }

    it('GetOrdersByDate answers the contract shape for a credit-card order', async () => {
        const placed = await simulator.placeOrder({ ...SAMPLE_ORDERS.cardSingleShipTo, CreateDate: '2026-11-26T08:01:12-08:00', OrderNumber: 'ACME-42' });
        const result = await soapCall(simulator, 'GetOrdersByDate', dateRangeXml('2026-11-26T08:00:00-08:00', '2026-11-26T08:05:00-08:00'));
        assert.equal(result.status, 200);
        assert.equal(result.contentType, 'text/xml; charset=utf-8');
        assert.match(result.text, /^<\?xml version="1.0" encoding="utf-8"\?><soap:Envelope xmlns:soap="http:\/\/schemas.xmlsoap.org\/soap\/envelope\/"/);
        assert.ok(result.text.includes(`<GetOrdersByDateResponse xmlns="${ORDER_NS}">`));
        assert.equal(result.response?.name, 'GetOrdersByDateResponse');
        assert.deepEqual(childNames(result.response), ['GetOrdersByDateResult']);
        const ordersResponse = descendant(result.response, 'GetOrdersByDateResult', 'GetOrdersResponse');
        assert.deepEqual(childNames(ordersResponse), ['Summary', 'Orders']);
        assert.equal(textAt(ordersResponse, 'Summary', 'Count'), '1');
        const order = descendant(ordersResponse, 'Orders', 'Order')!;
        assert.deepEqual(childNames(order), [
            'ID', 'OrderNumber', 'Description', 'CreateDate', 'Status', 'User', 'Company', 'Seller',
            'BillingAddress', 'ShippingAddress', 'PaymentMethod', 'CreditCard', 'OrderDetails'
        ]);
        assert.equal(child(order, 'ID')?.attributes.type, 'Printable');
        assert.equal(textAt(order, 'ID'), placed.ID);
        assert.equal(textAt(order, 'OrderNumber'), 'ACME-42');
        assert.equal(textAt(order, 'CreateDate'), '2026-11-26T08:01:12-08:00');
        assert.equal(textAt(order, 'Status'), 'OrderAccepted');
        assert.deepEqual(childNames(child(order, 'User')), ['ID', 'FirstName', 'LastName', 'LoginID', 'Email']);
        assert.equal(textAt(order, 'User', 'LoginID'), 'plee');
        assert.deepEqual(childNames(child(order, 'Company')), ['ID', 'Name']);
        assert.deepEqual(childNames(child(order, 'Seller')), ['ID', 'Name']);
        assert.deepEqual(childNames(child(order, 'ShippingAddress')), ['Address1', 'Address2', 'City', 'State', 'Zip', 'Country', 'CompanyName', 'Attn', 'PhoneNumber']);
        assert.equal(textAt(order, 'PaymentMethod'), 'CreditCard');
        assert.deepEqual(childNames(child(order, 'CreditCard')), ['AuthorizationNumber', 'AuthorizationExpirationDate', 'ConfirmationNumber', 'CCType']);
        assert.equal(textAt(order, 'CreditCard', 'AuthorizationExpirationDate'), '2026-12-26T08:01:12-08:00');

        const lines = children(child(order, 'OrderDetails'), 'OrderDetail');
        assert.equal(lines.length, 2);
        const line = lines[0];
        assert.deepEqual(childNames(line), [
            'ID', 'OrderID', 'OrderNumber', 'ProductID', 'ProductName', 'ProductDescription', 'ProductType', 'SKU',
            'SKUDescription', 'Quantity', 'QuantityShipped', 'PageCount', 'Price', 'Shipping', 'FinalOutputFileURL',
            'ClientStatus', 'FinishingOptions'
        ]);
        assert.equal(textAt(line, 'OrderID'), placed.ID);
        assert.equal(child(line, 'OrderID')?.attributes.type, 'Printable');
        assert.equal(textAt(line, 'ProductType'), 'Versioned');
        assert.equal(textAt(line, 'ProductDescription'), '<p>Full-colour business cards, <b>3.5 &times; 2 in</b>, printed both sides.</p>');
        assert.deepEqual(childNames(child(line, 'SKU')), ['ID', 'Name']);
        assert.equal(textAt(line, 'SKU', 'ID'), '13933967');
        assert.equal(textAt(line, 'Quantity'), '500');
        assert.equal(textAt(line, 'QuantityShipped'), '0');
        assert.deepEqual(childNames(descendant(line, 'Price', 'Cost')), ['Unit', 'Customer', 'Shipping', 'CustomerDiscount']);
        assert.deepEqual(childNames(descendant(line, 'Price', 'Tax')), ['CustomerSales', 'TotalFreight']);
        const customer = descendant(line, 'Price', 'Cost', 'Customer')!;
        assert.equal(customer.text, '45.00');
        assert.equal(customer.attributes.Currency, 'USD');
        assert.equal(descendant(line, 'Price', 'Tax', 'CustomerSales')?.text, '3.26');
        assert.deepEqual(childNames(child(line, 'Shipping')), ['Method', 'Date', 'Instructions', 'Address']);
        assert.equal(textAt(line, 'FinalOutputFileURL', 'URL'), `${simulator.url}/files/${placed.OrderDetails[0].ID}.pdf`);
        assert.deepEqual(childNames(child(line, 'ClientStatus')), ['Value', 'Date']);
        assert.equal(textAt(line, 'ClientStatus', 'Value'), 'OrderAccepted');
        assert.deepEqual(childNames(descendant(line, 'FinishingOptions', 'FinishingOption')), ['Name', 'Value']);
        assert.equal(child(lines[1], 'FinishingOptions')?.children.length, 0);
    });

    it('answers Count 0 and an empty Orders element when nothing matches', async () => {
        const { count, numbers, result } = await ordersInWindow('2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z');
        assert.equal(count, 0);
        assert.deepEqual(numbers, []);
        assert.ok(result.text.includes('<Summary><Count>0</Count></Summary><Orders/>'));
    });

    it('answers one order as one element and many as repeated elements', async () => {
        await simulator.placeOrder({ OrderNumber: 'A-1', CreateDate: '2026-11-26T07:00:00-08:00' });
        let window = await ordersInWindow('2026-11-26T00:00:00-08:00', '2026-11-27T00:00:00-08:00');
        assert.deepEqual(window.numbers, ['A-1']);
        assert.equal((window.result.text.match(/<Order>/g) ?? []).length, 1);
        await simulator.placeOrder({ OrderNumber: 'A-3', CreateDate: '2026-11-26T07:30:00-08:00' });
        await simulator.placeOrder({ OrderNumber: 'A-2', CreateDate: '2026-11-26T07:10:00-08:00' });
        window = await ordersInWindow('2026-11-26T00:00:00-08:00', '2026-11-27T00:00:00-08:00');
        assert.equal(window.count, 3);
        assert.deepEqual(window.numbers, ['A-1', 'A-2', 'A-3'], 'oldest first');
    });

    it('includes CreateDate == Start and excludes CreateDate == End', async () => {
        await simulator.placeOrder({ OrderNumber: 'AT-START', CreateDate: '2026-11-26T08:00:00-08:00' });
        await simulator.placeOrder({ OrderNumber: 'JUST-BEFORE-END', CreateDate: '2026-11-26T08:04:59.999-08:00' });
        await simulator.placeOrder({ OrderNumber: 'AT-END', CreateDate: '2026-11-26T08:05:00-08:00' });
        const first = await ordersInWindow('2026-11-26T08:00:00-08:00', '2026-11-26T08:05:00-08:00');
        assert.deepEqual(first.numbers, ['AT-START', 'JUST-BEFORE-END']);
        const next = await ordersInWindow('2026-11-26T08:05:00-08:00', '2026-11-26T08:10:00-08:00');
        assert.deepEqual(next.numbers, ['AT-END']);
        const empty = await ordersInWindow('2026-11-26T08:05:00-08:00', '2026-11-26T08:05:00-08:00');
        assert.equal(empty.count, 0, 'an empty window is valid and empty');
    });

    it('compares instants, whatever offset the window is written in', async () => {
        await simulator.placeOrder({ OrderNumber: 'PST', CreateDate: '2026-11-26T08:01:12-08:00' });
        assert.deepEqual((await ordersInWindow('2026-11-26T16:00:00Z', '2026-11-26T16:05:00Z')).numbers, ['PST']);
        assert.deepEqual((await ordersInWindow('2026-11-26T21:30:00+05:30', '2026-11-26T21:35:00+05:30')).numbers, ['PST']);
        assert.deepEqual((await ordersInWindow('2026-11-26T11:02:00-05:00', '2026-11-26T11:05:00-05:00')).numbers, []);
    });

    it('reads a window without offsets in the store zone', async () => {
        await simulator.placeOrder({ OrderNumber: 'PST', CreateDate: '2026-11-26T16:01:12Z' });
        assert.deepEqual((await ordersInWindow('2026-11-26T08:00:00', '2026-11-26T08:05:00')).numbers, ['PST']);
        // Read as UTC the same window would miss it.
        assert.deepEqual((await ordersInWindow('2026-11-26T16:00:00', '2026-11-26T16:05:00')).numbers, []);
    });

    it('in the repeated autumn hour, reads offset-less times as standard time (the second 01:30)', async () => {
        await simulator.placeOrder({ OrderNumber: 'FIRST-0130', CreateDate: '2026-11-01T01:30:00-07:00' });
        await simulator.placeOrder({ OrderNumber: 'SECOND-0130', CreateDate: '2026-11-01T01:30:00-08:00' });
        const local = await ordersInWindow('2026-11-01T01:29:00', '2026-11-01T01:31:00');
        assert.deepEqual(local.numbers, ['SECOND-0130']);
        const explicit = await ordersInWindow('2026-11-01T01:29:00-07:00', '2026-11-01T01:31:00-07:00');
        assert.deepEqual(explicit.numbers, ['FIRST-0130'], 'the first occurrence needs an explicit offset');
        const wholeNight = await ordersInWindow('2026-11-01T00:00:00', '2026-11-01T03:00:00');
        assert.deepEqual(wholeNight.numbers, ['FIRST-0130', 'SECOND-0130']);
        assert.ok(wholeNight.result.text.includes('<CreateDate>2026-11-01T01:30:00-07:00</CreateDate>'));
        assert.ok(wholeNight.result.text.includes('<CreateDate>2026-11-01T01:30:00-08:00</CreateDate>'));
    });

    it('in the skipped spring hour, moves offset-less times forward by the gap', async () => {
        await simulator.placeOrder({ OrderNumber: 'AT-0130', CreateDate: '2026-03-08T01:30:00-08:00' });
        await simulator.placeOrder({ OrderNumber: 'AT-0330', CreateDate: '2026-03-08T03:30:00-07:00' });
        // 02:30 does not exist: it is read as 03:30 PDT (10:30Z), so an End of 02:30 stops just before AT-0330.
        assert.deepEqual((await ordersInWindow('2026-03-08T01:00:00', '2026-03-08T02:30:00')).numbers, ['AT-0130']);
        assert.deepEqual((await ordersInWindow('2026-03-08T01:00:00', '2026-03-08T02:30:01')).numbers, ['AT-0130', 'AT-0330']);
    });

    it('refuses End before Start, and unreadable or missing dates, with a Fault', async () => {
        for (const inner of [
            dateRangeXml('2026-11-26T08:05:00-08:00', '2026-11-26T08:00:00-08:00'),
            dateRangeXml('yesterday', '2026-11-26T08:00:00-08:00'),
            '<DateRange><Start>2026-11-26T08:00:00-08:00</Start></DateRange>',
            ''
        ]) {
            const result = await soapCall(simulator, 'GetOrdersByDate', inner);
            assert.equal(result.status, 500);
            assert.deepEqual(result.fault, { code: 'soap:Server', message: 'Invalid date range' });
        }
    });

    it('GetOrdersByOrderNumber answers the same shape with zero or one order', async () => {
        const placed = await simulator.placeOrder({ ...SAMPLE_ORDERS.purchaseOrder, OrderNumber: 'GLBX-7' });
        const found = await soapCall(simulator, 'GetOrdersByOrderNumber', '<OrderNumber>GLBX-7</OrderNumber>');
        assert.equal(found.status, 200);
        assert.deepEqual(childNames(found.response), ['GetOrdersByOrderNumberResult']);
        const response = descendant(found.response, 'GetOrdersByOrderNumberResult', 'GetOrdersResponse');
        assert.equal(textAt(response, 'Summary', 'Count'), '1');
        const order = descendant(response, 'Orders', 'Order');
        assert.equal(textAt(order, 'ID'), placed.ID);
        assert.equal(textAt(order, 'PaymentMethod'), 'PurchaseOrder');
        assert.equal(child(order, 'CreditCard'), undefined, 'no card block on non-card orders');
        const missing = await soapCall(simulator, 'GetOrdersByOrderNumber', '<OrderNumber>NOPE</OrderNumber>');
        assert.equal(textAt(missing.response, 'GetOrdersByOrderNumberResult', 'GetOrdersResponse', 'Summary', 'Count'), '0');
        assert.ok(missing.text.includes('<Orders/>'));
    });

    it('gives each line its own ship-to, and stocked lines no print file', async () => {
        await simulator.placeOrder({ ...SAMPLE_ORDERS.multiShipTo, OrderNumber: 'WAYN-1' });
        const found = await soapCall(simulator, 'GetOrdersByOrderNumber', '<OrderNumber>WAYN-1</OrderNumber>');
        const lines = children(descendant(found.response, 'GetOrdersByOrderNumberResult', 'GetOrdersResponse', 'Orders', 'Order', 'OrderDetails'), 'OrderDetail');
        assert.deepEqual(lines.map(line => textAt(line, 'Shipping', 'Address', 'City')), ['Gotham', 'Bristol', 'Metropolis']);
        assert.deepEqual(lines.map(line => textAt(line, 'ProductType')), ['Variable', 'Versioned', 'Static']);
        assert.ok(child(lines[0], 'FinalOutputFileURL'));
        assert.equal(child(lines[2], 'FinalOutputFileURL'), undefined);
        assert.equal(textAt(lines[2], 'Shipping', 'Address', 'Attn'), "Morgan O'Neil");
    });
});
