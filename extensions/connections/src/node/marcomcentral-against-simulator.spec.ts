import { Agent } from 'node:http';
import * as assert from 'node:assert/strict';
import { OrderInput, OrderView, RunningSimulator, SAMPLE_ORDERS, startSimulator } from '@presswork/marcomcentral-simulator';
import {
    CloseoutResult, MarcomCentralClient, MarcomCentralEndpoint, MarcomCentralError, MarcomCentralErrorKind, PackingSlipByOrderRequest,
    closeoutOutcome, readStoreDateTime
} from './marcomcentral';
import { expectedJobTickets, expectedReceivedOrder, inStoreTime } from './test/simulator-expectations';

/**
 * The real MarcomCentral client against the real simulator, over loopback HTTP. The two were
 * written separately from the same contract; these tests are where they have to agree.
 */

const STORE_NOW = '2026-11-26T08:00:00-08:00';
const LA = 'America/Los_Angeles';
const PEN_SKU = '17000101';
const CATALOGUE_SKU = '17000102';
/** The client's own test: which hosts are allowed is print-file-source's to decide. */
const anyHost = (): Promise<Agent> => Promise.resolve(new Agent());

/** A window in store time: `[start, end)` written with offsets. */
function window(start: string, end: string): { start: string, end: string } {
    return { start: new Date(start).toISOString(), end: new Date(end).toISOString() };
}

async function rejectsWith(promise: Promise<unknown>, kind: MarcomCentralErrorKind, secrets: string[] = []): Promise<MarcomCentralError> {
    let caught: unknown;
    try {
        await promise;
    } catch (error) {
        caught = error;
    }
    assert.ok(caught instanceof MarcomCentralError, `expected a MarcomCentralError (${kind}) but got ${caught === undefined ? 'success' : String(caught)}`);
    assert.equal(caught.kind, kind, caught.message);
    for (const secret of secrets) {
        assert.ok(!caught.message.includes(secret), `the message gives a token away: ${caught.message}`);
        assert.ok(!(caught.faultString ?? '').includes(secret), 'the fault string gives a token away');
    }
    return caught;
}

/** The codes of a closeout result, compactly: request code, then each line's [id, status code, action code, reference]. */
function codesOf(result: CloseoutResult): { code: number, status: string, lines: [string, number | undefined, number | undefined, string | undefined][] } {
    return {
        code: result.code,
        status: result.status,
        lines: result.lineItems.map(line => [line.lineItemId, line.status?.code, line.action?.code, line.action?.referenceId])
    };
}

function lineIds(view: OrderView): string[] {
    return view.OrderDetails.map(line => line.ID);
}

describe('MarcomCentralClient against the simulator', function () {
    this.timeout(20_000);

    let simulator: RunningSimulator;
    let client: MarcomCentralClient;
    let orders: MarcomCentralEndpoint;
    let closeout: MarcomCentralEndpoint;
    let secrets: string[];

    before(async () => {
        simulator = await startSimulator({ host: '127.0.0.1', port: 0, now: STORE_NOW });
        client = new MarcomCentralClient({ timeoutMs: 5_000 });
        orders = { url: simulator.url, token: simulator.orderToken, timeZone: LA };
        closeout = { url: simulator.url, token: simulator.closeoutToken, timeZone: LA };
        secrets = [simulator.orderToken, simulator.closeoutToken];
    });

    after(async () => {
        await simulator?.close();
    });

    function view(orderId: string): OrderView {
        const found = simulator.order(orderId);
        assert.ok(found, `the simulator knows order ${orderId}`);
        return found;
    }

    async function place(input: OrderInput): Promise<OrderView> {
        return simulator.placeOrder(input);
    }

    async function admin<T>(path: string): Promise<T> {
        const response = await fetch(`${simulator.url}/_sim/${path}`, { headers: { Authorization: `Bearer ${simulator.orderToken}` } });
        assert.equal(response.status, 200);
        return await response.json() as T;
    }

    function slipFor(orderId: string, packingSlipNumber: string, overrides: Partial<PackingSlipByOrderRequest> = {}): PackingSlipByOrderRequest {
        return {
            orderId,
            packingSlipNumber,
            shipDate: '2026-11-26T10:30:00-08:00',
            carrierName: 'UPS',
            trackingNumber: `1Z-${packingSlipNumber}`,
            skipAdjustInventory: false,
            ...overrides
        };
    }

    describe('queries', () => {

        it('GetOrdersByDate reads every field of the orders placed, including escaped text and several ship-to addresses', async () => {
            const wayne = await place({
                ...SAMPLE_ORDERS.multiShipTo,
                Description: 'Gala <invitations> & "place cards" for O\'Neil',
                CreateDate: '2026-11-02T09:15:00-08:00',
                OrderDetails: SAMPLE_ORDERS.multiShipTo.OrderDetails.map((line, index) => index === 0
                    ? { ...line, Shipping: { ...line.Shipping, Method: 'UPS 2nd Day Air', Instructions: 'Dock 7 & ring <twice>' } }
                    : line)
            });
            const globex = await place({ ...SAMPLE_ORDERS.purchaseOrder, CreateDate: '2026-11-02T09:40:30.250-08:00' });

            const result = await client.getOrdersByDate(orders, window('2026-11-02T09:00:00-08:00', '2026-11-02T10:00:00-08:00'));

            assert.deepEqual(result.rejected, []);
            assert.deepEqual(result.orders, [expectedReceivedOrder(wayne, simulator), expectedReceivedOrder(globex, simulator)]);
            const [first, second] = result.orders;
            // Spot checks of the expectation itself, written out.
            assert.equal(first.createDate, '2026-11-02T09:15:00-08:00');
            assert.equal(second.createDate, '2026-11-02T09:40:30.250-08:00');
            assert.equal(first.description, 'Gala <invitations> & "place cards" for O\'Neil');
            assert.equal(first.lineItems[0].shipping?.instructions, 'Dock 7 & ring <twice>');
            assert.equal(first.lineItems[0].productDescription, '<p>Personalised 6 &times; 4 in postcard with the recipient&#39;s name &amp; address.</p>');
            assert.equal(first.lineItems[2].shipping?.address?.attn, "Morgan O'Neil");
            assert.equal(first.lineItems[2].finalOutputFileUrl, undefined, 'a stocked item has no print file');
            assert.deepEqual(first.lineItems.map(line => line.shipping?.address?.city), ['Gotham', 'Bristol', 'Metropolis']);
            assert.equal(first.creditCard?.cardType, 'AmericanExpress');
            assert.equal(second.paymentMethod, 'PurchaseOrder');
            assert.equal(second.creditCard, undefined);
        });

        it('GetOrdersByOrderNumber answers the same order as the date query, and nothing for an unknown number', async () => {
            const placed = await place({ ...SAMPLE_ORDERS.costCenter, CreateDate: '2026-11-03T08:00:00-08:00' });

            const byNumber = await client.getOrdersByOrderNumber(orders, placed.OrderNumber);
            const byDate = await client.getOrdersByDate(orders, window('2026-11-03T07:00:00-08:00', '2026-11-03T09:00:00-08:00'));

            assert.deepEqual(byNumber, { orders: [expectedReceivedOrder(placed, simulator)], rejected: [] });
            assert.deepEqual(byNumber.orders, byDate.orders);
            assert.deepEqual(await client.getOrdersByOrderNumber(orders, 'NOPE-999999'), { orders: [], rejected: [] });
        });

        it('GetJobTicketsByDate answers one ticket per printable line, field by field, and none for stocked items', async () => {
            const wayne = await place({ ...SAMPLE_ORDERS.multiShipTo, CreateDate: '2026-11-04T11:00:00-08:00' });
            const instructions = await place({
                User: { LoginID: 'cmoreau' },
                CreateDate: '2026-11-04T11:30:00-08:00',
                OrderDetails: [{
                    SKU: '15302450', Quantity: 1000,
                    Shipping: { Instructions: 'Deliver to the loading bay' },
                    JobTicketInstructions: { PaperDescription: '100 lb gloss text & cover', PressInstructions: 'Proof first', BinderyInstructions: 'Band in 25s' }
                }]
            });
            await place({ ...SAMPLE_ORDERS.stockedOnly, CreateDate: '2026-11-04T11:45:00-08:00' });

            const result = await client.getJobTicketsByDate(orders, window('2026-11-04T10:00:00-08:00', '2026-11-04T12:00:00-08:00'));

            assert.deepEqual(result.rejected, []);
            assert.deepEqual(result.jobTickets, [...expectedJobTickets(wayne, simulator), ...expectedJobTickets(instructions, simulator)]);
            assert.equal(result.jobTickets.length, 3, 'two printable lines of the first order, one of the second, none of the stocked-only order');
            assert.equal(result.jobTickets[2].instructions?.shippingInstructions, 'Deliver to the loading bay');
            assert.deepEqual(await client.getJobTicketsByDate(orders, window('2026-11-04T12:00:00-08:00', '2026-11-04T13:00:00-08:00')), { jobTickets: [], rejected: [] });
        });

        it('reads a window of one single-line order (one element, not a list) as well as a window of many', async () => {
            const single = await place({ User: { LoginID: 'dkim' }, CreateDate: '2026-11-05T06:30:00-08:00', OrderDetails: [{ SKU: '13933980', Quantity: 500 }] });
            const customers = ['plee', 'srivera', 'dkim', 'cmoreau', 'jblake'];
            const skus = ['13933967', '13933968', '15302443', '15302450', '13933980', PEN_SKU, CATALOGUE_SKU];
            const many: OrderView[] = [];
            for (let index = 0; index < 30; index++) {
                const lines = 1 + (index % 3);
                many.push(await place({
                    User: { LoginID: customers[index % customers.length] },
                    // Placed out of time order: the store answers in CreateDate order.
                    CreateDate: new Date(Date.parse('2026-11-05T08:00:00-08:00') + ((index * 7) % 30) * 60_000 + index).toISOString(),
                    OrderDetails: Array.from({ length: lines }, (_, line) => ({ SKU: skus[(index + line) % skus.length] }))
                }));
            }

            const one = await client.getOrdersByDate(orders, window('2026-11-05T06:00:00-08:00', '2026-11-05T07:00:00-08:00'));
            assert.deepEqual(one, { orders: [expectedReceivedOrder(single, simulator)], rejected: [] });
            assert.equal(one.orders[0].lineItems.length, 1);

            const all = await client.getOrdersByDate(orders, window('2026-11-05T08:00:00-08:00', '2026-11-05T09:00:00-08:00'));
            const expected = [...many].sort((a, b) => Date.parse(a.CreateDate) - Date.parse(b.CreateDate)).map(order => expectedReceivedOrder(order, simulator));
            assert.deepEqual(all.rejected, []);
            assert.equal(all.orders.length, 30);
            assert.deepEqual(all.orders, expected);
            assert.equal(all.orders.reduce((sum, order) => sum + order.lineItems.length, 0), 60);

            assert.deepEqual(await client.getOrdersByDate(orders, window('2026-11-05T07:00:00-08:00', '2026-11-05T08:00:00-08:00')), { orders: [], rejected: [] });
        });

        it('takes a window as [Start, End): an order on Start is in, one on End belongs to the next window', async () => {
            const onStart = await place({ ...SAMPLE_ORDERS.costCenter, CreateDate: '2026-11-06T10:00:00-08:00' });
            const lastMillisecond = await place({ ...SAMPLE_ORDERS.costCenter, CreateDate: '2026-11-06T10:59:59.999-08:00' });
            const onEnd = await place({ ...SAMPLE_ORDERS.costCenter, CreateDate: '2026-11-06T11:00:00-08:00' });

            const first = await client.getOrdersByDate(orders, window('2026-11-06T10:00:00-08:00', '2026-11-06T11:00:00-08:00'));
            const next = await client.getOrdersByDate(orders, window('2026-11-06T11:00:00-08:00', '2026-11-06T12:00:00-08:00'));

            assert.deepEqual(first.orders.map(order => order.marcomOrderId), [onStart.ID, lastMillisecond.ID]);
            assert.equal(first.orders[1].createDate, '2026-11-06T10:59:59.999-08:00');
            assert.deepEqual(next.orders.map(order => order.marcomOrderId), [onEnd.ID]);
        });

        it('writes the window in the store\'s offset on each side of a DST change, and the store reads it as the same instants', async () => {
            const before = await place({ ...SAMPLE_ORDERS.costCenter, CreateDate: '2026-11-01T01:30:00-07:00' });
            const after = await place({ ...SAMPLE_ORDERS.costCenter, CreateDate: '2026-11-01T01:30:00-08:00' });
            await fetch(`${simulator.url}/_sim/log`, { method: 'DELETE', headers: { Authorization: `Bearer ${simulator.orderToken}` } });

            const firstHour = await client.getOrdersByDate(orders, window('2026-11-01T08:00:00Z', '2026-11-01T09:00:00Z'));
            const secondHour = await client.getOrdersByDate(orders, window('2026-11-01T09:00:00Z', '2026-11-01T10:00:00Z'));

            assert.deepEqual(firstHour.orders.map(order => [order.marcomOrderId, order.createDate]), [[before.ID, '2026-11-01T01:30:00-07:00']]);
            assert.deepEqual(secondHour.orders.map(order => [order.marcomOrderId, order.createDate]), [[after.ID, '2026-11-01T01:30:00-08:00']]);
            const log = await admin<{ requestBody: string }[]>('log');
            const ranges = log.map(entry => /<Start>([^<]*)<\/Start><End>([^<]*)<\/End>/.exec(entry.requestBody)?.slice(1)).filter(range => range !== undefined);
            assert.deepEqual(ranges, [
                ['2026-11-01T01:00:00-07:00', '2026-11-01T01:00:00-08:00'],
                ['2026-11-01T01:00:00-08:00', '2026-11-01T02:00:00-08:00']
            ]);
        });

        it('reads an offset-less store date the way the store does: standard time in the repeated hour, forward across the gap', async () => {
            // The simulator reads these wall times in its zone and answers with offsets; the client's own
            // reader must reach the same instants should a store send them without an offset.
            const wallTimes = [
                '2027-11-07T00:59:59', '2027-11-07T01:00:00', '2027-11-07T01:30:00', '2027-11-07T02:00:00',
                '2027-03-14T01:59:59', '2027-03-14T02:30:00', '2027-03-14T03:00:00', '2027-07-04T08:00:00'
            ];
            const seen: [string, string | undefined][] = [];
            for (const wallTime of wallTimes) {
                const placed = await place({ ...SAMPLE_ORDERS.costCenter, CreateDate: wallTime });
                const [received] = (await client.getOrdersByOrderNumber(orders, placed.OrderNumber)).orders;
                seen.push([wallTime, received.createDate]);
            }
            assert.deepEqual(seen, wallTimes.map(wallTime => [wallTime, readStoreDateTime(wallTime, LA)]));
            assert.equal(seen[2][1], '2027-11-07T01:30:00-08:00');
            assert.equal(seen[5][1], '2027-03-14T03:30:00-07:00');
        });

        it('puts an offset on every date either side writes, so no wall-time rule is ever needed on the wire', async () => {
            await place({ ...SAMPLE_ORDERS.multiShipTo, CreateDate: '2026-11-08T09:00:00-08:00' });
            await client.getOrdersByDate(orders, window('2026-11-08T08:00:00-08:00', '2026-11-08T10:00:00-08:00'));
            await client.getJobTicketsByDate(orders, window('2026-11-08T08:00:00-08:00', '2026-11-08T10:00:00-08:00'));
            const log = await admin<{ url: string, requestBody: string, responseBody: string }[]>('log');
            const soap = log.filter(entry => /\.asmx$/i.test(entry.url));
            const dateTime = /<(\w+)>(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?)([^<]*)<\//g;
            const dates = soap.flatMap(entry => [...`${entry.requestBody}${entry.responseBody}`.matchAll(dateTime)]);
            assert.ok(dates.length > 20, 'the exchanges carried dates');
            assert.deepEqual(dates.filter(match => !/^(Z|[+-]\d{2}:\d{2})$/.test(match[3])).map(match => match[0]), []);
        });

        it('quarantines an order the store sends with a required field empty, and still reads the others of the window', async () => {
            const good = await place({ ...SAMPLE_ORDERS.costCenter, CreateDate: '2026-11-07T09:00:00-08:00' });
            const nameless = await place({
                User: { LoginID: 'srivera' }, CreateDate: '2026-11-07T09:10:00-08:00',
                OrderDetails: [{ SKU: '15302450' }, { SKU: '13933967', ProductName: '' }]
            });

            const result = await client.getOrdersByDate(orders, window('2026-11-07T09:00:00-08:00', '2026-11-07T10:00:00-08:00'));

            assert.deepEqual(result.orders, [expectedReceivedOrder(good, simulator)]);
            assert.equal(result.rejected.length, 1);
            const [rejected] = result.rejected;
            assert.equal(rejected.marcomOrderId, nameless.ID);
            assert.equal(rejected.orderNumber, nameless.OrderNumber);
            assert.equal(rejected.path, 'lineItems.1.productName');
            assert.match(rejected.reason, /missing/);
            assert.equal((rejected.source as { OrderNumber?: string }).OrderNumber, nameless.OrderNumber, 'the source is kept for quarantine');
        });
    });

    describe('closeout', () => {

        it('closes out a credit-card order: packing slip, invoice, settlement (codes 1/3), each repeat answers 5 and captures once', async () => {
            const placed = await place({ ...SAMPLE_ORDERS.cardSingleShipTo, CreateDate: '2026-11-20T09:00:00-08:00' });
            const ids = lineIds(placed);

            const shipped = await client.createPackingSlipByOrder(closeout, slipFor(placed.ID, 'PS-1001', {
                shipToAddress: { attention: 'Pat Lee', name: 'Acme Corporation', address1: '100 Market Street', address2: 'Suite 400', city: 'San Francisco', state: 'CA', postalCode: '94105', country: 'US' }
            }));
            const slip = view(placed.ID).PackingSlips;
            assert.equal(slip.length, 1);
            assert.deepEqual(codesOf(shipped), { code: 1, status: 'ProcessComplete', lines: ids.map(id => [id, 3, 3, slip[0].ID]) });
            assert.deepEqual(closeoutOutcome(shipped), { outcome: 'success', failures: [], referenceIds: [slip[0].ID] });
            assert.equal(slip[0].PackingSlipNumber, 'PS-1001');
            assert.equal(slip[0].CarrierName, 'UPS');
            assert.equal(slip[0].TrackingNumber, '1Z-PS-1001');
            assert.equal(slip[0].ShipDate, '2026-11-26T18:30:00.000Z');
            assert.equal(slip[0].SkipAdjustInventory, false);
            assert.deepEqual(slip[0].ShipToAddress, {
                Attention: 'Pat Lee', Name: 'Acme Corporation', Address1: '100 Market Street', Address2: 'Suite 400',
                City: 'San Francisco', State: 'CA', PostalCode: '94105', Country: 'US'
            });
            assert.deepEqual(slip[0].LineItems.map(item => [item.LineItemID, item.Quantity]), placed.OrderDetails.map(line => [line.ID, line.Quantity]));

            const shippedAgain = await client.createPackingSlipByOrder(closeout, slipFor(placed.ID, 'PS-1001'));
            assert.deepEqual(codesOf(shippedAgain), { code: 5, status: 'ProcessDone', lines: ids.map(id => [id, 5, 5, slip[0].ID]) });
            assert.equal(closeoutOutcome(shippedAgain).outcome, 'already-done');
            assert.equal(view(placed.ID).PackingSlips.length, 1, 'a repeat creates no second slip');

            const invoiced = await client.createInvoiceByLineItem(closeout, { invoiceNumber: 'INV-1001', invoiceDate: '2026-11-26T11:00:00-08:00', lineItemIds: ids });
            const invoice = view(placed.ID).Invoices;
            assert.equal(invoice.length, 1);
            assert.deepEqual(codesOf(invoiced), { code: 1, status: 'ProcessComplete', lines: ids.map(id => [id, 3, 3, invoice[0].ID]) });
            assert.equal(invoice[0].InvoiceNumber, 'INV-1001');
            assert.equal(invoice[0].InvoiceDate, '2026-11-26T19:00:00.000Z');
            assert.equal(invoice[0].Total, placed.Total, 'the store invoices its own line values');
            const invoicedAgain = await client.createInvoiceByLineItem(closeout, { invoiceNumber: 'INV-1001', lineItemIds: ids });
            assert.deepEqual(codesOf(invoicedAgain), { code: 5, status: 'ProcessDone', lines: ids.map(id => [id, 5, 5, invoice[0].ID]) });
            assert.equal(view(placed.ID).Invoices.length, 1);

            const settled = await client.settleByOrder(closeout, { orderId: placed.ID, settleOnline: true });
            const settlement = view(placed.ID).Settlements;
            assert.equal(settlement.length, 1);
            assert.deepEqual(codesOf(settled), { code: 1, status: 'ProcessComplete', lines: ids.map(id => [id, 3, 3, settlement[0].ID]) });
            assert.equal(settlement[0].Amount, placed.Total);
            assert.equal(settlement[0].Captured, true);
            assert.equal(view(placed.ID).CaptureCount, 1);

            const settledAgain = await client.settleByOrder(closeout, { orderId: placed.ID, settleOnline: true });
            assert.equal(settledAgain.code, 5);
            assert.equal(closeoutOutcome(settledAgain).outcome, 'already-done');
            assert.equal(view(placed.ID).CaptureCount, 1, 'a repeat never captures twice');

            // The closed order as the client now reads it: shipped quantities, tracking, status.
            const after = view(placed.ID);
            assert.equal(after.Status, 'Closed');
            const refreshed = await client.getOrdersByOrderNumber(orders, placed.OrderNumber);
            assert.deepEqual(refreshed.orders, [expectedReceivedOrder(after, simulator)]);
            const line = refreshed.orders[0].lineItems[0];
            assert.equal(line.quantityShipped, line.quantity);
            assert.equal(line.shipping?.trackingNumber, '1Z-PS-1001');
            assert.equal(line.shipping?.dateShipped, '2026-11-26T10:30:00-08:00');
            assert.equal(line.clientStatus?.value, 'Closed');
        });

        it('ships part of a line by line item, the rest on a second slip, and refuses another number for a shipped line (202)', async () => {
            const placed = await place({ ...SAMPLE_ORDERS.invoiceBilling, CreateDate: '2026-11-20T10:00:00-08:00' });
            const [line] = placed.OrderDetails;

            const part = await client.createPackingSlipByLineItem(closeout, { ...slipFor(placed.ID, 'PS-2001'), lineItems: [{ id: line.ID, quantity: 40 }] });
            assert.equal(part.code, 1);
            assert.equal(view(placed.ID).OrderDetails[0].QuantityShipped, 40);
            assert.equal(view(placed.ID).OrderDetails[0].ClientStatus.Value, 'WorkInProgress');

            const early = await client.createInvoiceByLineItem(closeout, { invoiceNumber: 'INV-2001', lineItemIds: [line.ID] });
            assert.deepEqual(codesOf(early), { code: 402, status: 'ProcessFailed', lines: [[line.ID, 402, 402, undefined]] });

            const rest = await client.createPackingSlipByLineItem(closeout, { ...slipFor(placed.ID, 'PS-2002'), lineItems: [{ id: line.ID }] });
            assert.equal(rest.code, 1);
            assert.equal(view(placed.ID).OrderDetails[0].QuantityShipped, line.Quantity);
            assert.deepEqual(view(placed.ID).PackingSlips.map(slip => [slip.PackingSlipNumber, slip.LineItems[0].Quantity]), [['PS-2001', 40], ['PS-2002', line.Quantity - 40]]);

            const again = await client.createPackingSlipByLineItem(closeout, { ...slipFor(placed.ID, 'PS-2003'), lineItems: [{ id: line.ID }] });
            assert.deepEqual(codesOf(again), { code: 202, status: 'ProcessFailed', lines: [[line.ID, 202, 202, undefined]] });
            assert.deepEqual(closeoutOutcome(again).failures.map(failure => failure.code), [202, 202]);

            assert.equal((await client.createInvoiceByLineItem(closeout, { invoiceNumber: 'INV-2001', lineItemIds: [line.ID] })).code, 1);
            const otherNumber = await client.createInvoiceByLineItem(closeout, { invoiceNumber: 'INV-2002', lineItemIds: [line.ID] });
            assert.equal(otherNumber.code, 202);
            assert.equal(view(placed.ID).Invoices.length, 1);
            assert.equal(view(placed.ID).Status, 'Closed', 'an invoice-billed order closes with its last invoice');
        });

        it('answers 401 to settling an order that is not paid by card', async () => {
            for (const sample of [SAMPLE_ORDERS.purchaseOrder, SAMPLE_ORDERS.costCenter, SAMPLE_ORDERS.invoiceBilling]) {
                const placed = await place({ ...sample, CreateDate: '2026-11-20T11:00:00-08:00' });
                const result = await client.settleByOrder(closeout, { orderId: placed.ID, settleOnline: true });
                assert.deepEqual(codesOf(result), { code: 401, status: 'ProcessFailed', lines: [] }, placed.PaymentMethod);
                assert.deepEqual(closeoutOutcome(result).failures.map(failure => failure.code), [401]);
                assert.deepEqual(view(placed.ID).Settlements, []);
            }
        });

        it('answers 402 to settling before every line is shipped and invoiced', async () => {
            const placed = await place({ ...SAMPLE_ORDERS.cardSingleShipTo, CreateDate: '2026-11-20T12:00:00-08:00' });
            const ids = lineIds(placed);

            const notShipped = await client.settleByOrder(closeout, { orderId: placed.ID, settleOnline: true });
            assert.deepEqual(codesOf(notShipped), { code: 402, status: 'ProcessFailed', lines: ids.map(id => [id, 402, 402, undefined]) });

            await client.createPackingSlipByOrder(closeout, slipFor(placed.ID, 'PS-3001'));
            const notInvoiced = await client.settleByOrder(closeout, { orderId: placed.ID, settleOnline: true });
            assert.equal(notInvoiced.code, 402);
            assert.match(notInvoiced.lineItems[0].status!.message, /not invoiced/);
            assert.equal(view(placed.ID).CaptureCount, 0);
        });

        it('answers 403 to settling online on an expired authorization; an offline settlement is recorded without a capture', async () => {
            const placed = await place({ ...SAMPLE_ORDERS.expiredCard, CreateDate: '2026-11-20T13:00:00-08:00' });
            const ids = lineIds(placed);
            assert.equal((await client.createPackingSlipByOrder(closeout, slipFor(placed.ID, 'PS-4001'))).code, 1);
            assert.equal((await client.createInvoiceByLineItem(closeout, { invoiceNumber: 'INV-4001', lineItemIds: ids })).code, 1);

            const online = await client.settleByOrder(closeout, { orderId: placed.ID, settleOnline: true });
            assert.deepEqual(codesOf(online), { code: 403, status: 'ProcessFailed', lines: [] });
            assert.match(online.message, /expired/);
            assert.equal(view(placed.ID).CaptureCount, 0);
            assert.deepEqual(view(placed.ID).Settlements, []);

            const offline = await client.settleByOrder(closeout, { orderId: placed.ID, settleOnline: false });
            assert.equal(offline.code, 1);
            assert.deepEqual(view(placed.ID).Settlements.map(settlement => [settlement.SettleOnline, settlement.Captured]), [[false, false]]);
            assert.equal(view(placed.ID).CaptureCount, 0);
        });

        it('answers 201 for an order or a line item the store does not know, and changes nothing (all or nothing)', async () => {
            const placed = await place({ ...SAMPLE_ORDERS.costCenter, CreateDate: '2026-11-20T14:00:00-08:00' });
            const [line] = placed.OrderDetails;

            assert.deepEqual(codesOf(await client.createPackingSlipByOrder(closeout, slipFor('99999999', 'PS-5001'))), { code: 201, status: 'ProcessFailed', lines: [] });
            assert.deepEqual(codesOf(await client.settleByOrder(closeout, { orderId: '99999999', settleOnline: true })), { code: 201, status: 'ProcessFailed', lines: [] });
            const mixed = await client.createPackingSlipByLineItem(closeout, { ...slipFor(placed.ID, 'PS-5002'), lineItems: [{ id: line.ID }, { id: '77777777' }] });
            assert.deepEqual(codesOf(mixed), { code: 201, status: 'ProcessFailed', lines: [['77777777', 201, 201, undefined]] });
            assert.equal(view(placed.ID).OrderDetails[0].QuantityShipped, 0, 'the known line was not shipped either');
            assert.deepEqual(view(placed.ID).PackingSlips, []);
            const invoice = await client.createInvoiceByLineItem(closeout, { invoiceNumber: 'INV-5001', lineItemIds: ['77777777'] });
            assert.deepEqual(codesOf(invoice), { code: 201, status: 'ProcessFailed', lines: [['77777777', 201, 201, undefined]] });
        });

        it('answers 167 when stock is short, takes nothing off the shelf, and ships with SkipAdjustInventory', async () => {
            await simulator.setStock(CATALOGUE_SKU, 10);
            const short = await place({ User: { LoginID: 'srivera' }, CreateDate: '2026-11-20T15:00:00-08:00', OrderDetails: [{ SKU: '15302450' }, { SKU: CATALOGUE_SKU, Quantity: 25 }] });
            const [printed, stocked] = lineIds(short);

            const refused = await client.createPackingSlipByOrder(closeout, slipFor(short.ID, 'PS-6001'));
            assert.deepEqual(codesOf(refused), { code: 167, status: 'ProcessFailed', lines: [[stocked, 167, 167, undefined]] });
            assert.deepEqual(closeoutOutcome(refused).failures.map(failure => [failure.lineItemId, failure.code]), [[undefined, 167], [stocked, 167]]);
            assert.deepEqual(view(short.ID).OrderDetails.map(line => line.QuantityShipped), [0, 0]);
            assert.equal((await admin<Record<string, number>>('stock'))[CATALOGUE_SKU], 10);

            const skipped = await client.createPackingSlipByOrder(closeout, slipFor(short.ID, 'PS-6001', { skipAdjustInventory: true }));
            assert.deepEqual(codesOf(skipped).lines.map(([id, code]) => [id, code]), [[printed, 3], [stocked, 3]]);
            assert.equal((await admin<Record<string, number>>('stock'))[CATALOGUE_SKU], 10, 'SkipAdjustInventory leaves the stock alone');

            const fits = await place({ User: { LoginID: 'srivera' }, CreateDate: '2026-11-20T15:10:00-08:00', OrderDetails: [{ SKU: CATALOGUE_SKU, Quantity: 10 }] });
            assert.equal((await client.createPackingSlipByOrder(closeout, slipFor(fits.ID, 'PS-6002'))).code, 1);
            assert.equal((await admin<Record<string, number>>('stock'))[CATALOGUE_SKU], 0);
        });

        it('a closeout whose answer was lost (timeout, cut off) ran in the store: the retry answers 5 and nothing happens twice', async () => {
            const placed = await place({ ...SAMPLE_ORDERS.cardSingleShipTo, CreateDate: '2026-11-21T09:00:00-08:00' });
            const ids = lineIds(placed);
            const impatient = new MarcomCentralClient({ timeoutMs: 300 });

            simulator.injectFault({ operation: 'CreatePackingSlipByOrder', mode: 'timeout' });
            await rejectsWith(impatient.createPackingSlipByOrder(closeout, slipFor(placed.ID, 'PS-7001')), 'timeout', secrets);
            assert.equal((await client.createPackingSlipByOrder(closeout, slipFor(placed.ID, 'PS-7001'))).code, 5);
            assert.equal(view(placed.ID).PackingSlips.length, 1);

            simulator.injectFault({ operation: 'CreateInvoiceByLineItem', mode: 'malformed' });
            await rejectsWith(client.createInvoiceByLineItem(closeout, { invoiceNumber: 'INV-7001', lineItemIds: ids }), 'bad-response', secrets);
            assert.equal((await client.createInvoiceByLineItem(closeout, { invoiceNumber: 'INV-7001', lineItemIds: ids })).code, 5);
            assert.equal(view(placed.ID).Invoices.length, 1);

            simulator.injectFault({ operation: 'SettleByOrder', mode: 'timeout' });
            await rejectsWith(impatient.settleByOrder(closeout, { orderId: placed.ID, settleOnline: true }), 'timeout', secrets);
            assert.equal(view(placed.ID).CaptureCount, 1);
            assert.equal((await client.settleByOrder(closeout, { orderId: placed.ID, settleOnline: true })).code, 5);
            assert.equal(view(placed.ID).CaptureCount, 1, 'captured once');
        });

        it('reads an injected result code as the store\'s answer, with nothing changed', async () => {
            const placed = await place({ ...SAMPLE_ORDERS.cardSingleShipTo, CreateDate: '2026-11-21T10:00:00-08:00' });
            simulator.injectFault({ operation: 'CreatePackingSlipByOrder', mode: 'code', code: 167 });

            const result = await client.createPackingSlipByOrder(closeout, slipFor(placed.ID, 'PS-8001'));

            assert.equal(result.code, 167);
            assert.deepEqual(result.lineItems.map(line => [line.lineItemId, line.status?.code]), lineIds(placed).map(id => [id, 167]));
            assert.equal(closeoutOutcome(result).outcome, 'failed');
            assert.deepEqual(view(placed.ID).PackingSlips, []);
        });
    });

    describe('faults', () => {

        it('HTTP 500 with an HTML page is an http error', async () => {
            simulator.injectFault({ operation: 'GetOrdersByDate', mode: 'http500' });
            const error = await rejectsWith(client.getOrdersByDate(orders, window('2026-11-10T00:00:00-08:00', '2026-11-10T01:00:00-08:00')), 'http', secrets);
            assert.equal(error.status, 500);
        });

        it('a SOAP fault is a fault with its faultstring', async () => {
            simulator.injectFault({ operation: 'GetJobTicketsByDate', mode: 'fault' });
            const error = await rejectsWith(client.getJobTicketsByDate(orders, window('2026-11-10T00:00:00-08:00', '2026-11-10T01:00:00-08:00')), 'fault', secrets);
            assert.equal(error.status, 500);
            assert.match(error.faultString ?? '', /Simulated failure/);
        });

        it('a wrong token is invalid-token, for queries and for closeout, and the token is not repeated', async () => {
            const wrong = 'wrong-token-0123456789';
            await rejectsWith(client.getOrdersByDate({ ...orders, token: wrong }, window('2026-11-10T00:00:00-08:00', '2026-11-10T01:00:00-08:00')), 'invalid-token', [wrong, ...secrets]);
            await rejectsWith(client.settleByOrder({ ...closeout, token: wrong }, { orderId: '1', settleOnline: true }), 'invalid-token', [wrong, ...secrets]);
        });

        it('a faulty series recovers: the next N calls fail, the one after answers', async () => {
            simulator.injectFault({ operation: '*', mode: 'http500', times: 2 });
            const range = window('2026-11-10T00:00:00-08:00', '2026-11-10T01:00:00-08:00');
            await rejectsWith(client.getOrdersByDate(orders, range), 'http', secrets);
            await rejectsWith(client.getJobTicketsByDate(orders, range), 'http', secrets);
            assert.deepEqual(await client.getOrdersByDate(orders, range), { orders: [], rejected: [] });
        });

        it('no answer within timeoutMs is a timeout', async () => {
            simulator.injectFault({ operation: 'GetOrdersByDate', mode: 'timeout' });
            const started = Date.now();
            await rejectsWith(new MarcomCentralClient({ timeoutMs: 250 }).getOrdersByDate(orders, window('2026-11-10T00:00:00-08:00', '2026-11-10T01:00:00-08:00')), 'timeout', secrets);
            assert.ok(Date.now() - started < 3_000);
        });

        it('a closed port is unreachable', async () => {
            const gone = await startSimulator({ now: STORE_NOW });
            await gone.close();
            const error = await rejectsWith(client.getOrdersByDate({ ...orders, url: gone.url }, window('2026-11-10T00:00:00-08:00', '2026-11-10T01:00:00-08:00')), 'unreachable', secrets);
            assert.match(error.message, /ECONNREFUSED/);
        });

        it('an answer cut off mid-document is a bad response', async () => {
            simulator.injectFault({ operation: 'GetOrdersByOrderNumber', mode: 'malformed' });
            await rejectsWith(client.getOrdersByOrderNumber(orders, 'ACME-000001'), 'bad-response', secrets);
        });

        it('an entity-expansion document is refused as a bad response, without expanding anything', async () => {
            simulator.injectFault({ operation: 'GetOrdersByDate', mode: 'entity' });
            const heapBefore = process.memoryUsage().heapUsed;
            const started = Date.now();
            const error = await rejectsWith(client.getOrdersByDate(orders, window('2026-11-10T00:00:00-08:00', '2026-11-10T01:00:00-08:00')), 'bad-response', secrets);
            assert.match(error.message, /DOCTYPE/);
            assert.ok(Date.now() - started < 2_000);
            assert.ok(process.memoryUsage().heapUsed - heapBefore < 64 * 1024 * 1024, 'nothing was expanded');
        });

        it('a 50 MB answer is too large and is not read to the end', async () => {
            simulator.injectFault({ operation: 'GetOrdersByDate', mode: 'huge' });
            const started = Date.now();
            const error = await rejectsWith(client.getOrdersByDate(orders, window('2026-11-10T00:00:00-08:00', '2026-11-10T01:00:00-08:00')), 'too-large', secrets);
            assert.match(error.message, /20 MB/);
            assert.ok(Date.now() - started < 5_000);
            // The store still answers normally afterwards.
            assert.deepEqual(await client.getOrdersByDate(orders, window('2026-11-10T00:00:00-08:00', '2026-11-10T01:00:00-08:00')), { orders: [], rejected: [] });
        });

        it('over the store\'s request limit is rate-limited; other operations and a later poll go through', async () => {
            const limited = await startSimulator({ now: STORE_NOW, pollLimit: 300_000 });
            try {
                const endpoint = { url: limited.url, token: limited.orderToken, timeZone: LA };
                const range = window('2026-11-10T00:00:00-08:00', '2026-11-10T01:00:00-08:00');
                await client.getOrdersByDate(endpoint, range);
                const error = await rejectsWith(client.getOrdersByDate(endpoint, range), 'rate-limited', [limited.orderToken]);
                assert.equal(error.status, 500);
                await client.getJobTicketsByDate(endpoint, range);
                await client.getOrdersByOrderNumber(endpoint, 'ACME-000001');
                limited.setClock(new Date(Date.parse(STORE_NOW) + 310_000));
                await client.getOrdersByDate(endpoint, range);
            } finally {
                await limited.close();
            }
        });

        it('with a separate closeout token, each token opens only its own services', async () => {
            const separate = await startSimulator({ now: STORE_NOW, orderToken: 'order-token-abcdef', closeoutToken: 'closeout-token-ghijkl' });
            try {
                const orderSide = { url: separate.url, token: separate.orderToken, timeZone: LA };
                const closeoutSide = { ...orderSide, token: separate.closeoutToken };
                const placed = await separate.placeOrder(SAMPLE_ORDERS.costCenter);
                await rejectsWith(client.createPackingSlipByOrder(orderSide, slipFor(placed.ID, 'PS-9001')), 'invalid-token', ['order-token-abcdef']);
                await rejectsWith(client.getOrdersByOrderNumber(closeoutSide, placed.OrderNumber), 'invalid-token', ['closeout-token-ghijkl']);
                assert.equal((await client.createPackingSlipByOrder(closeoutSide, slipFor(placed.ID, 'PS-9001'))).code, 1);
            } finally {
                await separate.close();
            }
        });
    });

    describe('print files', () => {

        it('downloads a line\'s file: not-ready (404) until the store has rendered it, then the PDF bytes', async () => {
            const placed = await place({ ...SAMPLE_ORDERS.purchaseOrder, CreateDate: '2026-11-12T09:00:00-08:00' });
            const [received] = (await client.getOrdersByOrderNumber(orders, placed.OrderNumber)).orders;
            const url = received.lineItems[0].finalOutputFileUrl!;
            assert.ok(url.startsWith(simulator.url));
            assert.equal(received.lineItems[1].finalOutputFileUrl, undefined, 'the stocked line has no file');

            const notReady = await rejectsWith(client.downloadFile(url, { guard: anyHost }), 'not-ready', secrets);
            assert.equal(notReady.status, 404);

            await simulator.markFileReady(placed.OrderDetails[0].ID);
            const bytes = await client.downloadFile(url, { guard: anyHost });
            assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-');
            assert.match(bytes.subarray(-8).toString('latin1'), /%%EOF\s*$/);
            const [after] = (await client.getOrdersByOrderNumber(orders, placed.OrderNumber)).orders;
            assert.equal(after.lineItems[0].clientStatus?.value, 'WorkInProgress', 'downloading the file starts the work');
        });

        it('a store that hides file URLs until they are ready sends none, then the URL', async () => {
            const hiding = await startSimulator({ now: STORE_NOW, hideFileUrlUntilReady: true });
            try {
                const endpoint = { url: hiding.url, token: hiding.orderToken, timeZone: LA };
                const placed = await hiding.placeOrder(SAMPLE_ORDERS.costCenter);
                const before = (await client.getOrdersByOrderNumber(endpoint, placed.OrderNumber)).orders[0];
                assert.equal(before.lineItems[0].finalOutputFileUrl, undefined);
                await hiding.markFileReady(placed.OrderDetails[0].ID);
                const after = (await client.getOrdersByOrderNumber(endpoint, placed.OrderNumber)).orders[0];
                const bytes = await client.downloadFile(after.lineItems[0].finalOutputFileUrl!, { guard: anyHost });
                assert.equal(bytes.subarray(0, 4).toString('latin1'), '%PDF');
            } finally {
                await hiding.close();
            }
        });
    });

    it('inStoreTime (the expectation helper) writes the store offset on each side of the autumn change', () => {
        assert.equal(inStoreTime('2026-11-01T08:30:00.000Z', LA), '2026-11-01T01:30:00-07:00');
        assert.equal(inStoreTime('2026-11-01T09:30:00.000Z', LA), '2026-11-01T01:30:00-08:00');
    });
});
