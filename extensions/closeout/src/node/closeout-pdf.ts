import PDFDocument from 'pdfkit';
import { type Address, type Order, paymentMethodLabel } from '@presswork/platform/lib/common/order-schema';
import { ASCII_MARKER, visibleIdentifier } from '@presswork/platform/lib/common/hidden-characters';
import { type PressworkFormatter, formatterFor } from '@presswork/platform/lib/common/presswork-format';
import type { ShopIdentity } from '@presswork/platform/lib/common/shop-identity';
import type { CloseoutDocumentKind, CloseoutInput } from '../common/closeout-protocol';
import { distinctShipTo } from '@presswork/platform/lib/common/ship-to';
import { customerName, lineView, orderTotals } from './order-details';
import { writeShopHeading } from './shop-heading';

function addressLines(address: Address | undefined): string[] {
    if (!address) {
        return ['(no address)'];
    }
    return [address.attn, address.companyName, address.address1, address.address2, address.address3, address.address4,
        [address.city, address.state, address.zip].filter(Boolean).join(' '), address.country]
        .filter((line): line is string => !!line && line.trim().length > 0);
}

/**
 * An identifier as the document prints it: hidden characters spelled out in ASCII (<U+202E>), which
 * the standard fonts have. PDFKit lays text out in logical order and applies no bidi algorithm, so a
 * name cannot reorder its line here and needs no isolation.
 */
function printedIdentifier(text: string): string {
    return visibleIdentifier(text, ASCII_MARKER);
}

/** Fixed columns: product, SKU, quantity, and (on the invoice) unit price and amount. */
const COLUMNS = { product: 50, sku: 270, quantity: 360, unit: 420, amount: 490 } as const;

/**
 * The standard fonts' encoding (WinAnsi) has no narrow no-break space, which `Intl` puts in some
 * locales' numbers and times: the ordinary no-break space prints the same.
 */
function printable(text: string): string {
    return text.replace(/\u202f/g, '\u00a0');
}

/**
 * The packing slip or the invoice of an order as a PDF: the shop's identity (name, address, logo),
 * the shop's numbers, the ship-to, every line and (invoice) the totals as the store charges them,
 * dates and money in the shop's document locale. Built in memory; the caller stores it.
 */
export function renderCloseoutPdf(kind: CloseoutDocumentKind, order: Order, input: CloseoutInput, shop?: ShopIdentity): Promise<Buffer> {
    return new Promise((resolve, reject) => {
        const pdf = new PDFDocument({ size: 'LETTER', margin: 50, info: { Title: `${kind === 'invoice' ? 'Invoice' : 'Packing slip'} ${printedIdentifier(order.orderNumber)}`, Author: 'Presswork' } });
        const chunks: Buffer[] = [];
        pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
        pdf.on('end', () => resolve(Buffer.concat(chunks)));
        pdf.on('error', reject);
        const format = formatterFor(shop?.documentLocale);
        writeShopHeading(pdf, shop);
        if (kind === 'invoice') {
            writeInvoice(pdf, order, input, format);
        } else {
            writePackingSlip(pdf, order, input, format);
        }
        pdf.end();
    });
}

function header(pdf: PDFKit.PDFDocument, title: string, facts: [string, string | undefined][]): void {
    pdf.font('Helvetica-Bold').fontSize(20).text(title);
    pdf.moveDown(0.5).font('Helvetica').fontSize(10);
    for (const [label, value] of facts) {
        if (value) {
            pdf.text(`${label}: ${value}`);
        }
    }
    pdf.moveDown();
}

function addressBlock(pdf: PDFKit.PDFDocument, title: string, address: Address | undefined): void {
    pdf.font('Helvetica-Bold').text(title).font('Helvetica');
    addressLines(address).forEach(line => pdf.text(line));
    pdf.moveDown();
}

function row(pdf: PDFKit.PDFDocument, cells: Partial<Record<keyof typeof COLUMNS, string>>): void {
    if (pdf.y > pdf.page.height - 80) {
        pdf.addPage();
    }
    const y = pdf.y;
    let bottom = y;
    for (const [column, x] of Object.entries(COLUMNS) as [keyof typeof COLUMNS, number][]) {
        const text = cells[column];
        if (text !== undefined) {
            const width = column === 'product' ? 210 : column === 'sku' ? 85 : 60;
            pdf.text(text, x, y, { width, align: column === 'product' || column === 'sku' ? 'left' : 'right' });
            bottom = Math.max(bottom, pdf.y);
        }
    }
    pdf.x = COLUMNS.product;
    pdf.y = bottom + 2;
}

function writePackingSlip(pdf: PDFKit.PDFDocument, order: Order, input: CloseoutInput, format: PressworkFormatter): void {
    const slip = input.packingSlip;
    const totals = orderTotals(order);
    header(pdf, 'Packing slip', [
        ['Packing slip', slip.packingSlipNumber], ['Order', printedIdentifier(order.orderNumber)], ['Ship date', slip.shipDate && printable(format.date(slip.shipDate))],
        ['Carrier', slip.carrierName], ['Tracking number', slip.trackingNumber], ['Customer', customerName(order)],
        ['Order amount', printable(format.money(totals.total, totals.currency))]
    ]);
    addressBlock(pdf, 'Ship to', distinctShipTo(order)[0]);
    pdf.font('Helvetica-Bold');
    row(pdf, { product: 'Product', sku: 'SKU', quantity: 'Quantity' });
    pdf.font('Helvetica');
    for (const line of order.lineItems) {
        row(pdf, { product: line.productName, sku: printedIdentifier(line.sku?.name ?? line.sku?.id ?? ''), quantity: String(line.quantity) });
    }
}

function writeInvoice(pdf: PDFKit.PDFDocument, order: Order, input: CloseoutInput, format: PressworkFormatter): void {
    const totals = orderTotals(order);
    const amount = (value: number | undefined, currency?: string): string => printable(format.money(value, currency));
    header(pdf, 'Invoice', [
        ['Invoice', input.invoice.invoiceNumber], ['Invoice date', input.invoice.invoiceDate && printable(format.date(input.invoice.invoiceDate))], ['Order', printedIdentifier(order.orderNumber)],
        ['Customer', customerName(order)], ['Company', order.company?.name], ['Payment', paymentMethodLabel(order.paymentMethod)]
    ]);
    addressBlock(pdf, 'Bill to', order.billingAddress ?? order.shippingAddress);
    pdf.font('Helvetica-Bold');
    row(pdf, { product: 'Product', sku: 'SKU', quantity: 'Quantity', unit: 'Unit price', amount: 'Amount' });
    pdf.font('Helvetica');
    for (const line of order.lineItems.map(item => lineView(item, order))) {
        row(pdf, { product: line.productName, sku: printedIdentifier(line.sku ?? ''), quantity: String(line.quantity), unit: amount(line.unitPrice), amount: amount(line.lineAmount) });
    }
    pdf.moveDown();
    for (const [label, value] of [['Subtotal', totals.subtotal], ['Shipping', totals.shipping], ['Tax', totals.tax], ['Total', totals.total]] as const) {
        if (label === 'Total') {
            pdf.font('Helvetica-Bold');
        }
        row(pdf, { unit: label, amount: amount(value, label === 'Total' ? totals.currency : undefined) });
    }
    pdf.font('Helvetica');
}
