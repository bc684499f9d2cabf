import assert from 'node:assert/strict';
import { SAMPLE_ORDERS } from '../catalog/sample-orders';
import { RunningSimulator } from '../simulator';
import { child, children, descendant, textAt } from '../soap/xml-tree';
import { childNames, dateRangeXml, soapCall } from '../testing/soap-test-client';
import { startTestSimulator } from '../testing/test-simulator';

describe('JobTicket.asmx GetJobTicketsByDate', () => {
    let simulator: RunningSimulator;

    beforeEach(async () => {
        simulator = await startTestSimulator();
    });

    afterEach(() => simulator.close());

    it('answers one ticket per printable line, without a Result wrapper', async () => {
        const placed = await simulator.placeOrder({
            ...SAMPLE_ORDERS.purchaseOrder, CreateDate: '2026-11-26T08:01:00-08:00',
            OrderDetails: [
                { SKU: '15302450', Quantity: 500, Shipping: { Instructions: 'Dock 7 only', Date: '2026-12-01T12:00:00-08:00' } },
                { SKU: '17000102', Quantity: 25 }
            ]
        });
        const result = await soapCall(simulator, 'GetJobTicketsByDate', dateRangeXml('2026-11-26T08:00:00-08:00', '2026-11-26T08:05:00-08:00'));
        assert.equal(result.status, 200, result.text);
        assert.ok(result.text.includes('<GetJobTicketsByDateResponse xmlns="http://www.printable.com/WebService/JobTicket"><GetJobTicketResponse><JobTicket>'));
        assert.deepEqual(childNames(result.response), ['GetJobTicketResponse']);
        const tickets = children(child(result.response, 'GetJobTicketResponse'), 'JobTicket');
        assert.equal(tickets.length, 1, 'the stocked line has no ticket');
        const ticket = tickets[0];
        assert.deepEqual(childNames(ticket), [
            'ID', 'JobTicketNumber', 'CreatedDate', 'DeliveryDate', 'FinalOutputFileURL', 'JobTicketInstructions', 'OrderDetails'
        ]);
        assert.equal(child(ticket, 'ID')?.attributes.type, 'Printable');
        assert.equal(textAt(ticket, 'CreatedDate'), '2026-11-26T08:01:00-08:00');
        assert.equal(textAt(ticket, 'DeliveryDate'), '2026-12-01T12:00:00-08:00');
        const line = placed.OrderDetails[0];
        assert.equal(textAt(ticket, 'FinalOutputFileURL', 'URL'), `${simulator.url}/files/${line.ID}.pdf`);
        assert.deepEqual(childNames(child(ticket, 'JobTicketInstructions')), ['PaperDescription', 'PressInstructions', 'BinderyInstructions', 'ShippingInstructions']);
        assert.equal(textAt(ticket, 'JobTicketInstructions', 'PaperDescription'), '100 lb gloss text');
        assert.equal(textAt(ticket, 'JobTicketInstructions', 'ShippingInstructions'), 'Dock 7 only');
        const detail = descendant(ticket, 'OrderDetails', 'OrderDetail');
        assert.equal(textAt(detail, 'ID'), line.ID);
        assert.equal(textAt(detail, 'OrderID'), placed.ID);
        assert.equal(textAt(detail, 'ProductType'), 'JobDirect');
    });

    it('answers an empty GetJobTicketResponse when nothing matches', async () => {
        await simulator.placeOrder({ ...SAMPLE_ORDERS.stockedOnly, CreateDate: '2026-11-26T08:01:00-08:00' });
        const result = await soapCall(simulator, 'GetJobTicketsByDate', dateRangeXml('2026-11-26T08:00:00-08:00', '2026-11-26T08:05:00-08:00'));
        assert.equal(result.status, 200);
        assert.ok(result.text.includes('<GetJobTicketResponse/>'));
    });

    it('answers many tickets as repeated elements, in order', async () => {
        await simulator.placeOrder({ ...SAMPLE_ORDERS.multiShipTo, CreateDate: '2026-11-26T08:02:00-08:00' });
        await simulator.placeOrder({ ...SAMPLE_ORDERS.costCenter, CreateDate: '2026-11-26T08:01:00-08:00' });
        const result = await soapCall(simulator, 'GetJobTicketsByDate', dateRangeXml('2026-11-26T08:00:00', '2026-11-26T08:05:00'));
        const tickets = children(child(result.response, 'GetJobTicketResponse'), 'JobTicket');
        assert.deepEqual(tickets.map(ticket => textAt(ticket, 'OrderDetails', 'OrderDetail', 'SKU', 'Name')), ['BC-MATTE-14PT', 'PC-6X4-VDP', 'BC-SOFTTOUCH-16PT']);
    });

    it('refuses an inverted window with a Fault', async () => {
        const result = await soapCall(simulator, 'GetJobTicketsByDate', dateRangeXml('2026-11-26T09:00:00Z', '2026-11-26T08:00:00Z'));
        assert.equal(result.status, 500);
        assert.equal(result.fault?.message, 'Invalid date range');
    });
});
