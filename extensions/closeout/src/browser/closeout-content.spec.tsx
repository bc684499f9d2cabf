import * as assert from 'node:assert/strict';
import * as React from '@theia/core/shared/react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { CloseoutPreparation, CloseoutProgress } from '../common/closeout-protocol';
import { CloseoutContent, CloseoutContentProps } from './closeout-content';
import { CloseoutField, formValuesOf } from './closeout-form';
import { OrderDetailsContent } from './order-details-content';
import { DocumentOpener } from './order-parts';
import { orderDetails, preparation, progress } from './test/closeout-fixture';
import { formatDateTime } from '@presswork/platform/lib/common/presswork-format';

/** The dialogs' bodies rendered to markup in plain Node: what the operator sees, and the hooks the system test uses. */

const opener: DocumentOpener = { open: () => undefined };

function renderCloseout(prep: CloseoutPreparation = preparation(), overrides: Partial<CloseoutContentProps> = {}): string {
    const props: CloseoutContentProps = {
        preparation: prep, values: formValuesOf(prep.proposal), errors: {}, fixed: false, progress: prep.progress, activeTab: 'packingSlip',
        onSelectTab: () => undefined, onChange: () => undefined, opener, ...overrides
    };
    return renderToStaticMarkup(<CloseoutContent {...props} />);
}

const tabs = (markup: string): string[] => [...markup.matchAll(/role="tab"[^>]*data-part="(\w+)"/g)].map(match => match[1]);

describe('Closeout Order dialog body', () => {

    it('has a tab per part, Settlement included for a card order', () => {
        assert.deepEqual(tabs(renderCloseout()), ['packingSlip', 'invoice', 'settlement']);
    });

    it('has no Settlement tab for an order paid otherwise', () => {
        const markup = renderCloseout(preparation({ settlementRequired: false, details: orderDetails({ payment: { method: 'PurchaseOrder' } }) }));
        assert.deepEqual(tabs(markup), ['packingSlip', 'invoice']);
        assert.doesNotMatch(markup, /Amount to settle/);
    });

    it('shows one packing slip for the whole order: ship-to and the order amount read-only', () => {
        const markup = renderCloseout();
        assert.match(markup, /One packing slip for the whole order/);
        assert.match(markup, /data-field="orderAmount"[^]*?\$120\.75/);
        assert.match(markup, /1 Analytical Way/);
        assert.match(markup, /name="packingSlipNumber"[^>]*value="PS-MC-1001"/);
        assert.match(markup, /type="date"[^>]*name="shipDate"/);
    });

    it('warns on the packing slip tab when the order has no ship-to address, and still lets it be filled in', () => {
        const markup = renderCloseout(preparation({ details: orderDetails({ shipTo: [], lines: orderDetails().lines.map(line => ({ ...line, shipTo: undefined })) }) }));
        assert.match(markup, /data-part="packingSlip"[^]*?data-warning="noShipTo"[^>]*>[^]*?No ship-to address: neither the order nor its line items name one/);
        assert.doesNotMatch(markup, /data-field="shipTo"/);
        assert.match(markup, /name="packingSlipNumber"/);
        assert.doesNotMatch(renderCloseout(), /data-warning="noShipTo"/);
    });

    it('shows the invoice lines with their default values and no input for them', () => {
        const markup = renderCloseout();
        assert.match(markup, /data-line-id="line-1"[^]*?Business cards[^]*?\$25\.00[^]*?\$50\.00[^]*?\$5\.00/);
        const inputs = [...markup.matchAll(/<input[^>]*name="(\w+)"/g)].map(match => match[1]);
        assert.deepEqual(inputs, ['packingSlipNumber', 'shipDate', 'carrierName', 'trackingNumber', 'invoiceNumber', 'invoiceDate']);
    });

    it('shows the card, its masked authorization, the expiry warning and the amount to settle', () => {
        const prep = preparation({ details: orderDetails({ payment: { method: 'CreditCard', cardType: 'Visa', maskedAuthorization: '••••4321', authorizationExpiry: '2026-11-26T12:00:00.000Z', authorizationWarning: 'expiring' } }) });
        const markup = renderCloseout(prep);
        assert.match(markup, /••••4321/);
        assert.match(markup, /data-warning="expiring"/);
        assert.match(markup, /data-field="settlementAmount"[^]*?\$120\.75/);
        assert.match(markup, /Settled online through MarcomCentral/);
    });

    it('shows errors under their fields and marks the tab holding them', () => {
        const errors: Partial<Record<CloseoutField, string>> = { invoiceNumber: 'Invoice number is required' };
        const markup = renderCloseout(preparation(), { errors });
        assert.match(markup, /data-error-for="invoiceNumber">Invoice number is required</);
        assert.match(markup, /data-part="invoice"[^>]*class="presswork-closeout-tab invalid"|class="presswork-closeout-tab invalid"[^>]*data-part="invoice"/);
    });

    it('makes numbers fixed by an earlier attempt read-only, with a note', () => {
        const markup = renderCloseout(preparation(), { fixed: true });
        assert.equal((markup.match(/readOnly=""|readonly=""/g) ?? []).length, 6);
        assert.match(markup, /data-note="fixed"/);
    });

    it('drops the retry note once the order is closed: the numbers are then the record', () => {
        const prep = preparation();
        const markup = renderCloseout(prep, { fixed: true, progress: { ...prep.progress, closed: true } });
        assert.doesNotMatch(markup, /data-note="fixed"/);
    });

    it("puts each part's state on its tab and its result in its panel, with the documents once made", () => {
        const state: CloseoutProgress = progress({ parts: {
            packingSlip: { status: 'done', referenceId: 'PS-1' }, invoice: { status: 'failed', code: 500, message: 'Store unavailable' }, settlement: { status: 'pending' }
        } });
        const markup = renderCloseout(preparation(), { progress: state });
        assert.match(markup, /data-part="packingSlip" data-status="done"/);
        assert.match(markup, /data-part="invoice" data-status="failed"/);
        assert.match(markup, /Packing slip done: reference PS-1/);
        assert.match(markup, /Invoice failed \(MarcomCentral code 500\): Store unavailable/);
        assert.match(markup, /data-document="packing-slip"/);
        assert.doesNotMatch(markup, /data-document="invoice"/);
    });

    it('shows only the active tab', () => {
        const markup = renderCloseout(preparation(), { activeTab: 'invoice' });
        assert.match(markup, /role="tabpanel"[^>]*data-part="packingSlip"[^>]*hidden=""/);
        assert.doesNotMatch(markup, /role="tabpanel"[^>]*data-part="invoice"[^>]*hidden=""/);
    });
});

describe('Order Details dialog body', () => {

    it('shows the order, customer, addresses, payment, every line with its job state, and totals', () => {
        const markup = renderToStaticMarkup(<OrderDetailsContent details={orderDetails()} opener={opener} />);
        for (const text of ['MC-1001', '88001', 'Ada Lovelace', 'ada@example.com', 'Engines Ltd', '2 Ledger Lane', '1 Analytical Way', 'Visa', '••••4321',
            'Waiting for order closeout', 'Printing', 'BC-100', '$120.75', 'Not closed out yet.']) {
            assert.ok(markup.includes(text), `shows ${text}`);
        }
    });

    it('shows each job\'s printed count: of the quantity ordered, on which printer, or not printed yet', () => {
        const [business, flyers] = orderDetails().lines;
        const at = '2026-11-26T10:00:00.000Z';
        const details = orderDetails({ lines: [{ ...business, printed: { copies: 2, printerName: 'Printer A', at } }, flyers, { ...flyers, id: 'line-3', jobId: undefined, printed: undefined }] });
        const markup = renderToStaticMarkup(<OrderDetailsContent details={details} opener={opener} />);
        const printed = [...markup.matchAll(/<td data-field="printed"[^>]*>([^<]*)<\/td>/g)].map(match => match[1]);
        assert.deepEqual(printed, [`2 of 2 printed on Printer A, ${formatDateTime(at)}`, 'not printed yet', '—']);
        const marked = orderDetails({ lines: [{ ...flyers, printed: { copies: 60, printerName: 'Printer A', at, by: 'olivia' } }] });
        assert.match(renderToStaticMarkup(<OrderDetailsContent details={marked} opener={opener} />), /<td data-field="printed" class="presswork-warning">60 of 100 marked printed on Printer A by olivia, /);
    });

    it('renders order text as text, never as HTML', () => {
        const details = orderDetails({ customer: { name: '<img src=x onerror=alert(1)>' } });
        const markup = renderToStaticMarkup(<OrderDetailsContent details={details} opener={opener} />);
        assert.doesNotMatch(markup, /<img/);
        assert.match(markup, /&lt;img src=x onerror=alert\(1\)&gt;/);
    });

    it('shows the closeout record and the documents once the order is closed', () => {
        const details = orderDetails({ closed: true, documents: { packingSlip: true, invoice: true },
            closeout: { packingSlipNumber: 'PS-1', invoiceNumber: 'INV-1', settlementReference: 'SET-9', closedBy: 'olivia', closedAt: '2026-11-26T10:00:00.000Z' } });
        const markup = renderToStaticMarkup(<OrderDetailsContent details={details} opener={opener} />);
        assert.match(markup, /data-field="settlementReference"[^]*?SET-9/);
        assert.match(markup, /data-field="closedBy"[^]*?olivia/);
        assert.match(markup, /data-document="packing-slip"/);
        assert.match(markup, /data-document="invoice"/);
    });

    it("shows the order's log: closeout attempts, parts and refreshes, with who and when", () => {
        const markup = renderToStaticMarkup(<OrderDetailsContent details={orderDetails()} opener={opener} />);
        assert.match(markup, /data-section="log"[^]*?olivia[^]*?Refreshed from MarcomCentral: no changes/);
        const empty = renderToStaticMarkup(<OrderDetailsContent details={orderDetails({ log: [] })} opener={opener} />);
        assert.match(empty, /Nothing logged for the order yet/);
    });

    it('lists what Refresh found, or says there were no changes', () => {
        const none = renderToStaticMarkup(<OrderDetailsContent details={orderDetails()} changes={[]} opener={opener} />);
        assert.match(none, /No changes/);
        const some = renderToStaticMarkup(<OrderDetailsContent details={orderDetails()} changes={['Line 2 quantity: 100 → 200']} opener={opener} />);
        assert.match(some, /<li><bdi class="presswork-store-text">Line 2 quantity: 100 → 200<\/bdi><\/li>/);
    });

    it('isolates store text and spells out the hidden characters of the order number and SKU', () => {
        const details = orderDetails({
            orderNumber: '10\u200B01\u202Efdp.exe', customer: { name: 'Ada \u202ELovelace' },
            lines: [{ ...orderDetails().lines[0], productName: 'Cards \u2067x', sku: 'BC\u200D100' }]
        });
        const markup = renderToStaticMarkup(<OrderDetailsContent details={details} opener={opener} />);
        assert.match(markup, /data-field="orderNumber"[^]*?<bdi[^>]*data-hidden-characters="U\+200B U\+202E"[^>]*>10<span class="presswork-hidden-character">⟨U\+200B⟩<\/span>01<span class="presswork-hidden-character">⟨U\+202E⟩<\/span>fdp\.exe<\/bdi>/);
        assert.match(markup, /<td><bdi[^>]*>BC<span class="presswork-hidden-character">⟨U\+200D⟩<\/span>100<\/bdi><\/td>/);
        assert.match(markup, /data-field="customerName"[^]*?<bdi class="presswork-store-text">Ada \u202ELovelace\u202C<\/bdi>/, 'a name keeps its text, isolated and closed');
        assert.match(markup, /<td><bdi class="presswork-store-text">Cards \u2067x\u2069<\/bdi><\/td>/);
        assert.doesNotMatch(markup, /\u200B/, 'no identifier keeps a hidden character');
    });
});
