import assert from 'node:assert/strict';
import { SAMPLE_ORDERS } from '../catalog/sample-orders';
import { RunningSimulator } from '../simulator';
import { XmlElement, child, children, textAt } from '../soap/xml-tree';
import { OrderView } from '../store/order-view';
import { invoiceLines, settleOrder, shipOrder } from '../testing/closeout-steps';
import { SoapCallResult, childNames, lineItemsXml, packingSlipNodeXml, soapCall, statusOf } from '../testing/soap-test-client';
import { startTestSimulator } from '../testing/test-simulator';

function result(call: SoapCallResult, operation: string): XmlElement {
    assert.equal(call.status, 200, call.text);
    assert.equal(call.response?.name, `${operation}Response`);
    return child(call.response, `${operation}Result`)!;
}

function topStatus(call: SoapCallResult, operation: string) {
    return statusOf(child(result(call, operation), 'Status'));
}

function lineCodes(call: SoapCallResult, operation: string): Record<string, string | undefined> {
    return Object.fromEntries(children(child(result(call, operation), 'LineItems'), 'LineItem')
        .map(line => [textAt(line, 'LineItemID')!, child(line, 'Status')?.attributes.Code]));
}

function lineIds(order: OrderView): string[] {
    return order.OrderDetails.map(line => line.ID);
}

describe('closeout services', () => {
    let simulator: RunningSimulator;

    beforeEach(async () => {
        simulator = await startTestSimulator();
    });

    afterEach(() => simulator.close());

    describe('PackingSlip.CreatePackingSlipByOrder', () => {
        it('ships every line on one slip and answers the contract shape', async () => {
            const order = await simulator.placeOrder(SAMPLE_ORDERS.cardSingleShipTo);
            const call = await shipOrder(simulator, order.ID, 'PS-1001');
            assert.ok(call.text.includes('<CreatePackingSlipByOrderResponse xmlns="http://www.printable.com/WebService/PackingSlip">'));
            const body = result(call, 'CreatePackingSlipByOrder');
            assert.deepEqual(childNames(body), ['Status', 'LineItems']);
            assert.deepEqual(statusOf(child(body, 'Status')), { Status: 'ProcessComplete', Code: '1', Message: 'Request processed successfully.' });
            const items = children(child(body, 'LineItems'), 'LineItem');
            assert.equal(items.length, 2);
            assert.deepEqual(childNames(items[0]), ['LineItemID', 'Status', 'Action']);
            const stored = simulator.order(order.ID)!;
            assert.equal(stored.PackingSlips.length, 1);
            const slip = stored.PackingSlips[0];
            assert.equal(slip.PackingSlipNumber, 'PS-1001');
            assert.equal(slip.TrackingNumber, '1Z999AA10123456784');
            assert.equal(slip.ShipToAddress?.PostalCode, '94105');
            items.forEach((item, index) => {
                assert.equal(textAt(item, 'LineItemID'), order.OrderDetails[index].ID);
                assert.deepEqual(statusOf(child(item, 'Status')), { Status: 'ProcessComplete', Code: '3', Message: 'Packing slip created.' });
                assert.equal(child(item, 'Action')?.attributes.ReferenceId, slip.ID);
                assert.equal(child(item, 'Action')?.attributes.Code, '3');
            });
            assert.deepEqual(stored.OrderDetails.map(line => [line.QuantityShipped, line.ClientStatus.Value, line.Shipping.TrackingNumber]),
                [[500, 'Shipped', '1Z999AA10123456784'], [1000, 'Shipped', '1Z999AA10123456784']]);
        });

        it('answers 5 for a repeat with the same slip number and never makes a second slip', async () => {
            const order = await simulator.placeOrder(SAMPLE_ORDERS.cardSingleShipTo);
            await shipOrder(simulator, order.ID, 'PS-1');
            const repeat = await shipOrder(simulator, order.ID, 'PS-1');
            assert.deepEqual(topStatus(repeat, 'CreatePackingSlipByOrder'), { Status: 'ProcessDone', Code: '5', Message: 'Already processed.' });
            const slipId = simulator.order(order.ID)!.PackingSlips[0].ID;
            for (const item of children(child(result(repeat, 'CreatePackingSlipByOrder'), 'LineItems'), 'LineItem')) {
                assert.equal(child(item, 'Status')?.attributes.Status, 'ProcessDone');
                assert.equal(child(item, 'Action')?.attributes.ReferenceId, slipId);
            }
            assert.equal(simulator.order(order.ID)!.PackingSlips.length, 1);
        });

        it('answers 202 when the order already shipped under another number', async () => {
            const order = await simulator.placeOrder(SAMPLE_ORDERS.costCenter);
            await shipOrder(simulator, order.ID, 'PS-1');
            const other = await shipOrder(simulator, order.ID, 'PS-2');
            assert.equal(topStatus(other, 'CreatePackingSlipByOrder').Code, '202');
            assert.equal(topStatus(other, 'CreatePackingSlipByOrder').Status, 'ProcessFailed');
            assert.deepEqual(lineCodes(other, 'CreatePackingSlipByOrder'), { [order.OrderDetails[0].ID]: '202' });
            assert.equal(simulator.order(order.ID)!.PackingSlips.length, 1);
        });

        it('answers 201 for an order that is not in this store', async () => {
            const call = await shipOrder(simulator, '999');
            assert.deepEqual(topStatus(call, 'CreatePackingSlipByOrder'), { Status: 'ProcessFailed', Code: '201', Message: 'Order 999 not found in this store.' });
            assert.ok(call.text.includes('<LineItems/>'));
        });

        it('answers 167 when a stocked line has too little stock, changes nothing, and succeeds once stock is back', async () => {
            const order = await simulator.placeOrder({ ...SAMPLE_ORDERS.purchaseOrder, OrderDetails: [{ SKU: '15302450', Quantity: 100 }, { SKU: '17000102', Quantity: 50 }] });
            await simulator.setStock('17000102', 10);
            const refused = await shipOrder(simulator, order.ID, 'PS-9');
            assert.equal(topStatus(refused, 'CreatePackingSlipByOrder').Code, '167');
            assert.deepEqual(lineCodes(refused, 'CreatePackingSlipByOrder'), { [order.OrderDetails[1].ID]: '167' }, 'only the failing line is listed');
            let stored = simulator.order(order.ID)!;
            assert.equal(stored.PackingSlips.length, 0);
            assert.deepEqual(stored.OrderDetails.map(line => line.QuantityShipped), [0, 0], 'all or nothing');

            await simulator.setStock('17000102', 60);
            const accepted = await shipOrder(simulator, order.ID, 'PS-9');
            assert.equal(topStatus(accepted, 'CreatePackingSlipByOrder').Code, '1');
            stored = simulator.order(order.ID)!;
            assert.deepEqual(stored.OrderDetails.map(line => line.ClientStatus.Value), ['Shipped', 'Shipped']);
            const stock = await fetch(`${simulator.url}/_sim/stock`, { headers: { Authorization: `Bearer ${simulator.orderToken}` } }).then(reply => reply.json());
            assert.equal((stock as Record<string, number>)['17000102'], 10, 'shipping took 50 off the shelf');
        });

        it('does not touch inventory when SkipAdjustInventory is true', async () => {
            const order = await simulator.placeOrder({ ...SAMPLE_ORDERS.stockedOnly, OrderDetails: [{ SKU: '17000101', Quantity: 5 }] });
            await simulator.setStock('17000101', 0);
            const call = await soapCall(simulator, 'CreatePackingSlipByOrder',
                `${packingSlipNodeXml({ number: 'PS-S', skipAdjustInventory: true })}<Orders><ID type="Printable">${order.ID}</ID></Orders>`);
            assert.equal(topStatus(call, 'CreatePackingSlipByOrder').Code, '1');
        });
    });

    describe('PackingSlip.CreatePackingSlipByLineItem', () => {
        it('ships part of a line, then the rest; the line is Shipped only when complete', async () => {
            const order = await simulator.placeOrder(SAMPLE_ORDERS.costCenter);
            const lineId = order.OrderDetails[0].ID;
            const first = await soapCall(simulator, 'CreatePackingSlipByLineItem', `${packingSlipNodeXml({ number: 'P1', shipDate: '2026-11-27' })}${lineItemsXml([{ id: lineId, quantity: 100 }])}`);
            assert.ok(first.text.includes('<CreatePackingSlipByLineItemResponse xmlns="http://www.printable.com/WebService/PackingSlip"><CreatePackingSlipByLineItemResult>'));
            assert.equal(topStatus(first, 'CreatePackingSlipByLineItem').Code, '1');
            let line = simulator.order(order.ID)!.OrderDetails[0];
            assert.equal(line.QuantityShipped, 100);
            assert.equal(line.ClientStatus.Value, 'WorkInProgress');
            assert.equal(line.Shipping.DateShipped, '2026-11-27T08:00:00.000Z', 'an xs:date ShipDate is midnight in the store zone');

            const tooMany = await soapCall(simulator, 'CreatePackingSlipByLineItem', `${packingSlipNodeXml({ number: 'P2' })}${lineItemsXml([{ id: lineId, quantity: 151 }])}`);
            assert.equal(topStatus(tooMany, 'CreatePackingSlipByLineItem').Code, '202');

            const rest = await soapCall(simulator, 'CreatePackingSlipByLineItem', `${packingSlipNodeXml({ number: 'P2' })}${lineItemsXml([{ id: lineId }])}`);
            assert.equal(topStatus(rest, 'CreatePackingSlipByLineItem').Code, '1');
            line = simulator.order(order.ID)!.OrderDetails[0];
            assert.equal(line.QuantityShipped, 250);
            assert.equal(line.ClientStatus.Value, 'Shipped');
            assert.equal(simulator.order(order.ID)!.PackingSlips.length, 2);
        });

        it('answers 201 for an unknown line and changes nothing', async () => {
            const order = await simulator.placeOrder(SAMPLE_ORDERS.costCenter);
            const call = await soapCall(simulator, 'CreatePackingSlipByLineItem',
                `${packingSlipNodeXml({ number: 'P1' })}${lineItemsXml([{ id: order.OrderDetails[0].ID }, { id: '424242' }])}`);
            assert.equal(topStatus(call, 'CreatePackingSlipByLineItem').Code, '201');
            assert.deepEqual(lineCodes(call, 'CreatePackingSlipByLineItem'), { 424242: '201' });
            assert.equal(simulator.order(order.ID)!.OrderDetails[0].QuantityShipped, 0);
        });
    });

    describe('Invoice.CreateInvoiceByLineItem', () => {
        it('invoices shipped lines at the store values and answers the contract shape', async () => {
            const order = await simulator.placeOrder(SAMPLE_ORDERS.cardSingleShipTo);
            await shipOrder(simulator, order.ID, 'PS-1');
            const call = await invoiceLines(simulator, lineIds(order), 'INV-77');
            assert.ok(call.text.includes('<CreateInvoiceByLineItemResponse xmlns="http://www.printable.com/WebService/Invoice"><CreateInvoiceByLineItemResult>'));
            assert.deepEqual(topStatus(call, 'CreateInvoiceByLineItem'), { Status: 'ProcessComplete', Code: '1', Message: 'Request processed successfully.' });
            const stored = simulator.order(order.ID)!;
            assert.equal(stored.Invoices.length, 1);
            const invoice = stored.Invoices[0];
            assert.equal(invoice.InvoiceNumber, 'INV-77');
            assert.equal(invoice.Total, stored.Total);
            for (const item of children(child(result(call, 'CreateInvoiceByLineItem'), 'LineItems'), 'LineItem')) {
                assert.equal(child(item, 'Status')?.attributes.Code, '3');
                assert.equal(child(item, 'Action')?.attributes.ReferenceId, invoice.ID);
            }
            assert.deepEqual(stored.OrderDetails.map(line => line.ClientStatus.Value), ['Invoiced', 'Invoiced'], 'card orders wait for settlement');
        });

        it('answers 5 for the same invoice number, 202 for another, and keeps one invoice', async () => {
            const order = await simulator.placeOrder(SAMPLE_ORDERS.cardSingleShipTo);
            await shipOrder(simulator, order.ID, 'PS-1');
            await invoiceLines(simulator, lineIds(order), 'INV-1');
            const repeat = await invoiceLines(simulator, lineIds(order), 'INV-1');
            assert.deepEqual(topStatus(repeat, 'CreateInvoiceByLineItem'), { Status: 'ProcessDone', Code: '5', Message: 'Already processed.' });
            const other = await invoiceLines(simulator, lineIds(order), 'INV-2');
            assert.equal(topStatus(other, 'CreateInvoiceByLineItem').Code, '202');
            assert.equal(simulator.order(order.ID)!.Invoices.length, 1);
        });

        it('refuses a line that is not shipped yet with 402, and an unknown line with 201', async () => {
            const order = await simulator.placeOrder(SAMPLE_ORDERS.costCenter);
            assert.equal(topStatus(await invoiceLines(simulator, lineIds(order), 'INV-1'), 'CreateInvoiceByLineItem').Code, '402');
            assert.equal(topStatus(await invoiceLines(simulator, ['31337'], 'INV-1'), 'CreateInvoiceByLineItem').Code, '201');
            assert.equal(simulator.order(order.ID)!.Invoices.length, 0);
        });

        it('closes a non-card order with its last invoice', async () => {
            const order = await simulator.placeOrder(SAMPLE_ORDERS.purchaseOrder);
            await shipOrder(simulator, order.ID, 'PS-1');
            await invoiceLines(simulator, [order.OrderDetails[0].ID], 'INV-1');
            assert.deepEqual(simulator.order(order.ID)!.OrderDetails.map(line => line.ClientStatus.Value), ['Invoiced', 'Shipped']);
            await invoiceLines(simulator, [order.OrderDetails[1].ID], 'INV-1');
            const stored = simulator.order(order.ID)!;
            assert.deepEqual(stored.OrderDetails.map(line => line.ClientStatus.Value), ['Closed', 'Closed']);
            assert.equal(stored.Invoices.length, 1, 'the same number adds to the same invoice');
        });
    });

    describe('Settlement.SettleByOrder', () => {
        async function shippedAndInvoiced(input: Parameters<RunningSimulator['placeOrder']>[0]): Promise<OrderView> {
            const order = await simulator.placeOrder(input);
            await shipOrder(simulator, order.ID, `PS-${order.ID}`);
            await invoiceLines(simulator, lineIds(order), `INV-${order.ID}`);
            return order;
        }

        it('captures the order total once and closes every line', async () => {
            const order = await shippedAndInvoiced(SAMPLE_ORDERS.cardSingleShipTo);
            const call = await settleOrder(simulator, order.ID);
            assert.ok(call.text.includes('<SettleByOrderResponse xmlns="http://www.printable.com/WebService/Settlement"><SettleByOrderResult>'));
            const body = result(call, 'SettleByOrder');
            assert.equal(statusOf(child(body, 'Status')).Code, '1');
            assert.equal(statusOf(child(body, 'Status')).Status, 'ProcessComplete');
            const stored = simulator.order(order.ID)!;
            assert.equal(stored.CaptureCount, 1);
            assert.equal(stored.Settlements[0].Amount, stored.Total);
            assert.deepEqual(stored.OrderDetails.map(line => line.ClientStatus.Value), ['Closed', 'Closed']);
            assert.deepEqual(children(child(body, 'LineItems'), 'LineItem').map(item => child(item, 'Action')?.attributes.ReferenceId), [stored.Settlements[0].ID, stored.Settlements[0].ID]);
        });

        it('answers 5 to a repeat and still captures only once', async () => {
            const order = await shippedAndInvoiced(SAMPLE_ORDERS.multiShipTo);
            await settleOrder(simulator, order.ID);
            for (let attempt = 0; attempt < 3; attempt += 1) {
                const repeat = await settleOrder(simulator, order.ID);
                assert.deepEqual(topStatus(repeat, 'SettleByOrder'), { Status: 'ProcessDone', Code: '5', Message: 'Order is already settled.' });
            }
            assert.equal(simulator.order(order.ID)!.CaptureCount, 1);
            assert.equal(simulator.order(order.ID)!.Settlements.length, 1);
        });

        it('refuses non-card orders with 401', async () => {
            for (const sample of [SAMPLE_ORDERS.purchaseOrder, SAMPLE_ORDERS.costCenter, SAMPLE_ORDERS.invoiceBilling]) {
                const order = await shippedAndInvoiced(sample);
                const call = await settleOrder(simulator, order.ID);
                assert.equal(topStatus(call, 'SettleByOrder').Code, '401');
                assert.equal(topStatus(call, 'SettleByOrder').Status, 'ProcessFailed');
                assert.equal(simulator.order(order.ID)!.CaptureCount, 0);
            }
        });

        it('refuses with 402 until every line is shipped and invoiced', async () => {
            const order = await simulator.placeOrder(SAMPLE_ORDERS.cardSingleShipTo);
            assert.equal(topStatus(await settleOrder(simulator, order.ID), 'SettleByOrder').Code, '402');
            await shipOrder(simulator, order.ID, 'PS-1');
            const shippedOnly = await settleOrder(simulator, order.ID);
            assert.equal(topStatus(shippedOnly, 'SettleByOrder').Code, '402');
            assert.deepEqual(Object.values(lineCodes(shippedOnly, 'SettleByOrder')), ['402', '402']);
            await invoiceLines(simulator, [order.OrderDetails[0].ID], 'INV-1');
            assert.deepEqual(Object.keys(lineCodes(await settleOrder(simulator, order.ID), 'SettleByOrder')), [order.OrderDetails[1].ID]);
            await invoiceLines(simulator, [order.OrderDetails[1].ID], 'INV-1');
            assert.equal(topStatus(await settleOrder(simulator, order.ID), 'SettleByOrder').Code, '1');
        });

        it('refuses with 403 when the authorization has expired, by the store clock', async () => {
            const expired = await shippedAndInvoiced(SAMPLE_ORDERS.expiredCard);
            assert.equal(topStatus(await settleOrder(simulator, expired.ID), 'SettleByOrder').Code, '403');
            assert.equal(simulator.order(expired.ID)!.CaptureCount, 0);

            const valid = await shippedAndInvoiced({ ...SAMPLE_ORDERS.cardSingleShipTo, CreditCard: { AuthorizationExpirationDate: '2026-11-30T00:00:00-08:00' } });
            simulator.setClock('2026-11-30T00:00:01-08:00');
            assert.equal(topStatus(await settleOrder(simulator, valid.ID), 'SettleByOrder').Code, '403');
            simulator.setClock('2026-11-29T23:59:00-08:00');
            assert.equal(topStatus(await settleOrder(simulator, valid.ID), 'SettleByOrder').Code, '1');
        });

        it('answers 201 for an unknown order', async () => {
            assert.equal(topStatus(await settleOrder(simulator, '1'), 'SettleByOrder').Code, '201');
        });

        it('records an offline settlement without capturing the card', async () => {
            const order = await shippedAndInvoiced(SAMPLE_ORDERS.expiredCard);
            assert.equal(topStatus(await settleOrder(simulator, order.ID, { online: false }), 'SettleByOrder').Code, '1');
            const stored = simulator.order(order.ID)!;
            assert.equal(stored.Settlements.length, 1);
            assert.equal(stored.CaptureCount, 0);
        });
    });

    it('walks a card order OrderAccepted → Shipped → Invoiced → Closed, visible to GetOrdersByOrderNumber', async () => {
        const order = await simulator.placeOrder({ ...SAMPLE_ORDERS.costCenter, PaymentMethod: 'CreditCard', OrderNumber: 'WALK-1' });
        const statusNow = async () => {
            const call = await soapCall(simulator, 'GetOrdersByOrderNumber', '<OrderNumber>WALK-1</OrderNumber>');
            return textAt(call.response, 'GetOrdersByOrderNumberResult', 'GetOrdersResponse', 'Orders', 'Order', 'OrderDetails', 'OrderDetail', 'ClientStatus', 'Value');
        };
        assert.equal(await statusNow(), 'OrderAccepted');
        await shipOrder(simulator, order.ID, 'PS-W');
        assert.equal(await statusNow(), 'Shipped');
        await invoiceLines(simulator, lineIds(order), 'INV-W');
        assert.equal(await statusNow(), 'Invoiced');
        await settleOrder(simulator, order.ID);
        assert.equal(await statusNow(), 'Closed');
    });
});
