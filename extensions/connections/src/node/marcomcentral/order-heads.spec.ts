import * as assert from 'node:assert/strict';
import { MarcomCentralError } from './marcomcentral-error';
import { OrderHeadScanner } from './order-heads';

function answer(orders: string): string {
    return '<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>'
        + '<GetOrdersByDateResponse xmlns="http://www.printable.com/WebService/Order"><GetOrdersByDateResult><GetOrdersResponse>'
        + `<Summary><Count>2</Count></Summary><Orders>${orders}</Orders></GetOrdersResponse></GetOrdersByDateResult></GetOrdersByDateResponse>`
        + '</soap:Body></soap:Envelope>';
}

function order(id: string, number: string): string {
    return `<Order><ID type="Printable">${id}</ID><OrderNumber>${number}</OrderNumber><Description>x</Description><OrderDetails>`
        + `<OrderDetail><ID type="Printable">L-${id}</ID><OrderNumber>NOT-${number}</OrderNumber><ProductName>${'P'.repeat(5000)}</ProductName></OrderDetail>`
        + '</OrderDetails></Order>';
}

/** Feeds the document in chunks of `size` bytes, so names and texts are cut mid-way. */
function scan(xml: string, size = 7): ReturnType<OrderHeadScanner['end']> {
    const scanner = new OrderHeadScanner('GetOrdersByDate');
    const bytes = Buffer.from(xml, 'utf8');
    for (let at = 0; at < bytes.length; at += size) {
        scanner.write(bytes.subarray(at, at + size));
    }
    return scanner.end();
}

describe('OrderHeadScanner', () => {
    it('keeps each order\'s own ID and OrderNumber, never a line item\'s, across chunk boundaries', () => {
        assert.deepEqual(scan(answer(order('8004001', 'ACME-1') + order('8004002', 'ACMÉ-2'))), [
            { marcomOrderId: '8004001', orderNumber: 'ACME-1' },
            { marcomOrderId: '8004002', orderNumber: 'ACMÉ-2' }
        ]);
    });

    it('names no order number that is empty or too long to be one', () => {
        assert.deepEqual(scan(answer(order('8004001', '') + order('8004002', 'N'.repeat(65)))), [
            { marcomOrderId: '8004001', orderNumber: undefined },
            { marcomOrderId: '8004002', orderNumber: undefined }
        ]);
    });

    it('refuses a DOCTYPE, a SOAP fault and an answer without GetOrdersResponse', () => {
        const refused = (xml: string, why: RegExp): void => {
            assert.throws(() => scan(xml), (error: MarcomCentralError) => error.kind === 'bad-response' && why.test(error.message));
        };
        refused(`<!DOCTYPE a [<!ENTITY x "y">]>${answer(order('1', 'A'))}`, /DOCTYPE/);
        refused('<soap:Envelope xmlns:soap="s"><soap:Body><soap:Fault><faultstring>no</faultstring></soap:Fault></soap:Body></soap:Envelope>', /SOAP fault/);
        refused('<soap:Envelope xmlns:soap="s"><soap:Body><Other/></soap:Body></soap:Envelope>', /no GetOrdersResponse/);
        refused(answer(order('1', '&unknown;')), /could not be scanned/);
    });
});
