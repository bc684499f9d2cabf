import * as assert from 'node:assert/strict';
import * as React from '@theia/core/shared/react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { CloseoutPreparation } from '../common/closeout-protocol';
import { closedSentence, CloseoutRecordContent } from './closeout-record-content';
import { DocumentOpener } from './order-parts';
import { orderDetails, preparation, progress } from './test/closeout-fixture';
import { formatDateTime } from './closeout-format';

/** Closeout order… on a closed order: the record, read-only, as the operator sees it. */

const opener: DocumentOpener = { open: () => undefined };
const closedAt = '2026-11-26T10:00:00.000Z';

function closedCardOrder(overrides: Partial<CloseoutPreparation> = {}): CloseoutPreparation {
    const input = {
        packingSlip: { packingSlipNumber: 'PS-MC-1001', shipDate: '2026-11-26', carrierName: 'UPS', trackingNumber: '1Z999AA10123456784' },
        invoice: { invoiceNumber: 'INV-MC-1001', invoiceDate: '2026-11-26' }
    };
    return preparation({
        blocked: 'Order MC-1001 is already closed',
        details: orderDetails({
            closed: true, documents: { packingSlip: true, invoice: true },
            closeout: { packingSlipNumber: 'PS-MC-1001', invoiceNumber: 'INV-MC-1001', settlementReference: 'SET-9', closedBy: 'olivia', closedAt }
        }),
        progress: progress({
            closed: true, closedBy: 'olivia', closedAt, input,
            parts: { packingSlip: { status: 'done', referenceId: 'PS-REF-1', at: closedAt }, invoice: { status: 'done', referenceId: 'INV-REF-2', at: closedAt }, settlement: { status: 'done', referenceId: 'SET-9', at: closedAt } }
        }),
        ...overrides
    });
}

const render = (prep: CloseoutPreparation): string => renderToStaticMarkup(<CloseoutRecordContent preparation={prep} opener={opener} />);

describe('Closeout record (a closed order, read-only)', () => {

    it('says who closed the order out and when, instead of "already closed"', () => {
        const markup = render(closedCardOrder());
        assert.match(markup, new RegExp(`data-status="closed">Order MC-1001 was closed out by olivia, ${escape(formatDateTime(closedAt))}\\.<`));
        assert.doesNotMatch(markup, /already closed/);
        assert.match(markup, /data-note="readOnly"/);
    });

    it('has no input and no button that sends anything: only the documents to show or print', () => {
        const markup = render(closedCardOrder());
        assert.doesNotMatch(markup, /<input/);
        const actions = [...markup.matchAll(/<button[^>]*data-action="(\w+)"/g)].map(match => match[1]);
        assert.deepEqual(actions, ['show', 'open', 'show', 'open']);
    });

    it('shows each part with the numbers sent and MarcomCentral\'s reference', () => {
        const markup = render(closedCardOrder());
        assert.deepEqual([...markup.matchAll(/<section[^>]*data-part="(\w+)" data-status="(\S+)"/g)].map(match => `${match[1]}:${match[2]}`),
            ['packingSlip:done', 'invoice:done', 'settlement:done']);
        for (const [field, text] of [['packingSlipNumber', 'PS-MC-1001'], ['shipDate', '11/26/2026'], ['carrierName', 'UPS'], ['trackingNumber', '1Z999AA10123456784'],
            ['packingSlipResult', 'Packing slip done: reference PS-REF-1'], ['invoiceNumber', 'INV-MC-1001'], ['invoiceDate', '11/26/2026'],
            ['invoiceResult', 'Invoice done: reference INV-REF-2'], ['settlementReference', 'SET-9'], ['settlementAmount', '$120.75'], ['authorization', '••••4321']]) {
            assert.match(markup, new RegExp(`data-field="${field}"[^]*?${escape(text)}`), `${field} shows ${text}`);
        }
    });

    it('offers the packing slip and the invoice the backend made', () => {
        const markup = render(closedCardOrder());
        assert.match(markup, /data-part="packingSlip"[^]*?data-document="packing-slip"[^]*?data-part="invoice"[^]*?data-document="invoice"/);
        const withoutDocuments = closedCardOrder();
        const none = render({ ...withoutDocuments, details: { ...withoutDocuments.details, documents: { packingSlip: false, invoice: false } } });
        assert.doesNotMatch(none, /data-document=/);
    });

    it('says there was no settlement for an order not paid by card', () => {
        const card = closedCardOrder();
        const markup = render({
            ...card, settlementRequired: false, details: { ...card.details, payment: { method: 'PurchaseOrder' } },
            progress: { ...card.progress, parts: { ...card.progress.parts, settlement: { status: 'not-required' } } }
        });
        assert.match(markup, /data-part="settlement" data-status="not-required"[^]*?No settlement: the order was not paid by card \(payment method: Purchase order\)/);
        assert.doesNotMatch(markup, /data-field="settlementReference"/);
    });

    it('says so when the order was closed without a closeout from Presswork', () => {
        const prep = preparation({ details: orderDetails({ closed: true }), progress: progress({ closed: true }) });
        assert.equal(closedSentence(prep), 'Order MC-1001 is closed.');
        assert.match(render(prep), /data-note="noRecord"[^>]*>It was not closed out from Presswork/);
    });

    it('spells out hidden characters of the order number in the sentence', () => {
        const prep = closedCardOrder();
        assert.match(closedSentence({ ...prep, details: { ...prep.details, orderNumber: 'MC\u202E1001' } }), /^Order MC⟨U\+202E⟩1001 was closed out by olivia/);
    });
});

function escape(text: string): string {
    return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
