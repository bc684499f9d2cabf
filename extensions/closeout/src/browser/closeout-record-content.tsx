import * as React from '@theia/core/shared/react';
import { nls } from '@theia/core/lib/common/nls';
import { paymentMethodLabel } from '@presswork/platform/lib/common/order-schema';
import { visibleIdentifier } from '@presswork/platform/lib/common/hidden-characters';
import { Identifier, StoreText } from '@presswork/platform/lib/browser/store-text';
import type { CloseoutDocumentKind, CloseoutPart, CloseoutPreparation } from '../common/closeout-protocol';
import { CLOSEOUT_FIELDS, partResultText, PART_STATUS_LABELS, TAB_LABELS } from './closeout-form';
import { formatDate } from '@presswork/platform/lib/common/presswork-format';
import { formatDateTime, formatMoney } from './closeout-format';
import { AddressBlock, DocumentButtons, DocumentOpener, Fact, LineItemsTable, TotalsTable } from './order-parts';

export interface CloseoutRecordContentProps {
    /** What "Closeout order…" read for the closed order: its details, the numbers sent and each part's result. */
    readonly preparation: CloseoutPreparation;
    readonly opener: DocumentOpener;
}

/**
 * The closeout record of a closed order, read-only: who closed it and when, then each part (packing
 * slip, invoice, settlement) with the numbers sent, MarcomCentral's reference and its document.
 * Nothing here sends anything: the order is closed.
 */
export function CloseoutRecordContent(props: CloseoutRecordContentProps): React.ReactElement {
    const { details } = props.preparation;
    return <div className='presswork-closeout presswork-closeout-record' data-order-id={details.orderId}>
        <p className='presswork-closeout-status presswork-closeout-status-success' role='status' data-status='closed'>{closedSentence(props.preparation)}</p>
        {hasRecord(props.preparation)
            ? <p className='presswork-closeout-note' data-note='readOnly'>
                <span className='codicon codicon-lock' aria-hidden='true' /> {nls.localize('presswork/closeout/recordReadOnly', 'The order is closed: this record is read-only and nothing is sent again.')}
            </p>
            : <p className='presswork-closeout-note' data-note='noRecord'>{nls.localize('presswork/closeout/noRecord',
                'It was not closed out from Presswork, so Presswork holds no packing slip, invoice or settlement for it.')}</p>}
        <PackingSlipRecord {...props} />
        <InvoiceRecord {...props} />
        <SettlementRecord {...props} />
    </div>;
}

/** "Order 1001 was closed out by olivia, 05/12/2026 11:44." (or without who and when, if unknown). */
export function closedSentence(preparation: Pick<CloseoutPreparation, 'details' | 'progress'>): string {
    // Spelled out, the order number has no bidi control left to reorder the sentence around it.
    const orderNumber = visibleIdentifier(preparation.details.orderNumber);
    const by = preparation.details.closeout?.closedBy ?? preparation.progress.closedBy;
    const at = preparation.details.closeout?.closedAt ?? preparation.progress.closedAt;
    if (!hasRecord(preparation)) {
        return nls.localize('presswork/closeout/closed', 'Order {0} is closed.', orderNumber);
    }
    return by
        ? nls.localize('presswork/closeout/closedOutBy', 'Order {0} was closed out by {1}, {2}.', orderNumber, by, formatDateTime(at))
        : nls.localize('presswork/closeout/closedOutAt', 'Order {0} was closed out, {1}.', orderNumber, formatDateTime(at));
}

/** Presswork closed the order out: it kept the numbers it sent or the record it wrote on the order. */
export function hasRecord(preparation: Pick<CloseoutPreparation, 'details' | 'progress'>): boolean {
    return preparation.progress.input !== undefined || preparation.details.closeout !== undefined;
}

/** A labelled value of a part: its field hook, its label and what it shows. */
type RecordFact = readonly [field: string, label: string, value: React.ReactNode];

interface PartSectionProps {
    readonly part: CloseoutPart;
    readonly preparation: CloseoutPreparation;
    readonly facts: readonly RecordFact[];
    /** The part's document, offered once the backend has it. */
    readonly document?: { readonly kind: CloseoutDocumentKind; readonly opener: DocumentOpener };
    readonly children?: React.ReactNode;
}

/** One part of the record: MarcomCentral's answer, the values sent, what else it shows, and its document. */
function PartSection(props: PartSectionProps): React.ReactElement {
    const { details, progress } = props.preparation;
    const state = progress.parts[props.part];
    const result = partResultText(props.part, progress);
    const document = props.document;
    const documentExists = document && (document.kind === 'packing-slip' ? details.documents.packingSlip : details.documents.invoice);
    return <section className='presswork-closeout-record-part' data-part={props.part} data-status={state.status} aria-labelledby={`presswork-closeout-record-${props.part}`}>
        <h3 id={`presswork-closeout-record-${props.part}`}>{TAB_LABELS[props.part]}</h3>
        <div className='presswork-closeout-facts'>
            <Fact field={`${props.part}Result`} label={nls.localize('presswork/closeout/recordResult', 'In MarcomCentral')}>
                {result ?? PART_STATUS_LABELS[state.status]}{state.at ? ` (${formatDateTime(state.at)})` : ''}
            </Fact>
            {props.facts.map(([field, label, value]) => <Fact key={field} field={field} label={label}>{value}</Fact>)}
        </div>
        {props.children}
        {documentExists && <div className='presswork-closeout-documents'><DocumentButtons orderId={details.orderId} kind={document.kind} opener={document.opener} /></div>}
    </section>;
}

function PackingSlipRecord(props: CloseoutRecordContentProps): React.ReactElement {
    const { details, progress } = props.preparation;
    const sent = progress.input?.packingSlip;
    return <PartSection part='packingSlip' preparation={props.preparation} document={{ kind: 'packing-slip', opener: props.opener }} facts={[
        ['packingSlipNumber', CLOSEOUT_FIELDS.packingSlipNumber.label, sent?.packingSlipNumber ?? details.closeout?.packingSlipNumber ?? '—'],
        ['shipDate', CLOSEOUT_FIELDS.shipDate.label, formatDate(sent?.shipDate) || '—'],
        ['carrierName', CLOSEOUT_FIELDS.carrierName.label, <StoreText text={sent?.carrierName ?? '—'} />],
        ['trackingNumber', CLOSEOUT_FIELDS.trackingNumber.label, sent?.trackingNumber ? <Identifier text={sent.trackingNumber} /> : '—']
    ]}>
        <AddressBlock field='shipTo' address={details.shipTo[0]} />
    </PartSection>;
}

function InvoiceRecord(props: CloseoutRecordContentProps): React.ReactElement {
    const { details, progress } = props.preparation;
    const sent = progress.input?.invoice;
    return <PartSection part='invoice' preparation={props.preparation} document={{ kind: 'invoice', opener: props.opener }} facts={[
        ['invoiceNumber', CLOSEOUT_FIELDS.invoiceNumber.label, sent?.invoiceNumber ?? details.closeout?.invoiceNumber ?? '—'],
        ['invoiceDate', CLOSEOUT_FIELDS.invoiceDate.label, formatDate(sent?.invoiceDate) || '—']
    ]}>
        <LineItemsTable lines={details.lines} showJobState={false} />
        <TotalsTable totals={details.totals} />
    </PartSection>;
}

/** The card charge: settled once through MarcomCentral; orders paid otherwise have none. */
function SettlementRecord(props: CloseoutRecordContentProps): React.ReactElement {
    const { details, progress } = props.preparation;
    if (!props.preparation.settlementRequired || progress.parts.settlement.status === 'not-required') {
        return <section className='presswork-closeout-record-part' data-part='settlement' data-status='not-required'>
            <h3>{TAB_LABELS.settlement}</h3>
            <p className='presswork-closeout-note'>{nls.localize('presswork/closeout/noSettlement', 'No settlement: the order was not paid by card (payment method: {0}).',
                paymentMethodLabel(details.payment.method))}</p>
        </section>;
    }
    return <PartSection part='settlement' preparation={props.preparation} facts={[
        ['settlementReference', nls.localize('presswork/closeout/settlementReference', 'Settlement reference'),
            <Identifier text={details.closeout?.settlementReference ?? progress.parts.settlement.referenceId ?? '—'} />],
        ['settlementAmount', nls.localize('presswork/closeout/amountSettled', 'Amount settled'), formatMoney(details.totals.total, details.totals.currency)],
        ['paymentMethod', nls.localize('presswork/closeout/paymentMethod', 'Payment method'), paymentMethodLabel(details.payment.method)],
        ['cardType', nls.localize('presswork/closeout/cardType', 'Card type'), <StoreText text={details.payment.cardType ?? '—'} />],
        ['authorization', nls.localize('presswork/closeout/authorization', 'Authorization'), details.payment.maskedAuthorization ?? '—']
    ]} />;
}
