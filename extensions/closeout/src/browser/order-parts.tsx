import * as React from '@theia/core/shared/react';
import { nls } from '@theia/core/lib/common/nls';
import { Address, paymentMethodLabel } from '@presswork/platform/lib/common/order-schema';
import { Identifier, StoreText } from '@presswork/platform/lib/browser/store-text';
import { CLOSEOUT_DOCUMENT_ROUTE, CloseoutDocumentKind, OrderDetailsView, OrderLineView, OrderTotals, PaymentView } from '../common/closeout-protocol';
import { addressLines, authorizationWarning, formatDateTime, formatMoney } from './closeout-format';

/**
 * Pieces both closeout dialogs show: facts, addresses, payment, line items, totals and document
 * buttons. Every order text goes in as React text, never as HTML, isolated (StoreText), identifiers
 * with their hidden characters shown. No Theia browser imports, so the pieces render in plain Node
 * for the tests.
 */

/** A labelled read-only value; `field` is the hook the system tests find it by. */
export function Fact(props: { field: string; label: string; children: React.ReactNode }): React.ReactElement {
    return <div className='presswork-closeout-fact' data-field={props.field}>
        <span className='presswork-closeout-fact-label'>{props.label}</span>
        <span className='presswork-closeout-fact-value'>{props.children}</span>
    </div>;
}

export function AddressBlock(props: { address: Address | undefined; field: string }): React.ReactElement {
    const lines = addressLines(props.address);
    return <address className='presswork-closeout-address' data-field={props.field}>
        {lines.length ? lines.map((line, index) => <div key={index}><StoreText text={line} /></div>) : <div>—</div>}
    </address>;
}

/** Payment method and, for cards, type, masked authorization and expiry with its warning. */
export function PaymentFacts(props: { payment: PaymentView }): React.ReactElement {
    const { payment } = props;
    const warning = authorizationWarning(payment);
    return <div className='presswork-closeout-facts' data-section='payment'>
        <Fact field='paymentMethod' label={nls.localize('presswork/closeout/paymentMethod', 'Payment method')}>{paymentMethodLabel(payment.method)}</Fact>
        {payment.method === 'CreditCard' && <>
            <Fact field='cardType' label={nls.localize('presswork/closeout/cardType', 'Card type')}><StoreText text={payment.cardType ?? '—'} /></Fact>
            <Fact field='authorization' label={nls.localize('presswork/closeout/authorization', 'Authorization')}>{payment.maskedAuthorization ?? '—'}</Fact>
            <Fact field='authorizationExpiry' label={nls.localize('presswork/closeout/authorizationExpires', 'Authorization expires')}>{formatDateTime(payment.authorizationExpiry)}</Fact>
        </>}
        {warning && <p className='presswork-closeout-warning' role='alert' data-warning={payment.authorizationWarning}>
            <span className='codicon codicon-warning' aria-hidden='true' /> {warning}
        </p>}
    </div>;
}

/** What a line's job printed: "250 of 250 printed on Printer A", "not printed yet", or a dash without a job. */
export function printedText(line: OrderLineView): string {
    if (!line.printed) {
        return line.jobId === undefined ? '—' : nls.localize('presswork/closeout/notPrintedYet', 'not printed yet');
    }
    const { copies, printerName, at, by } = line.printed;
    return by
        ? nls.localize('presswork/closeout/markedPrinted', '{0} of {1} marked printed on {2} by {3}, {4}', copies, line.quantity, printerName, by, formatDateTime(at))
        : nls.localize('presswork/closeout/printedOn', '{0} of {1} printed on {2}, {3}', copies, line.quantity, printerName, formatDateTime(at));
}

/** The line items with their default values; with `showJobState`, the state of each line's job. */
export function LineItemsTable(props: { lines: readonly OrderLineView[]; showJobState: boolean }): React.ReactElement {
    return <table className='presswork-table presswork-closeout-lines' aria-label={nls.localize('presswork/closeout/lineItems', 'Line items')}>
        <thead><tr>
            <th>{nls.localize('presswork/closeout/product', 'Product')}</th><th>{nls.localize('presswork/closeout/sku', 'SKU')}</th>
            <th className='presswork-number'>{nls.localize('presswork/closeout/quantity', 'Quantity')}</th><th className='presswork-number'>{nls.localize('presswork/closeout/unitPrice', 'Unit price')}</th>
            <th className='presswork-number'>{nls.localize('presswork/closeout/amount', 'Amount')}</th><th className='presswork-number'>{nls.localize('presswork/closeout/shipping', 'Shipping')}</th>
            <th className='presswork-number'>{nls.localize('presswork/closeout/tax', 'Tax')}</th>
            {props.showJobState && <th>{nls.localize('presswork/closeout/jobState', 'Job state')}</th>}
            {props.showJobState && <th>{nls.localize('presswork/closeout/printed', 'Printed')}</th>}
        </tr></thead>
        <tbody>{props.lines.map(line => <tr key={line.id} data-line-id={line.id}>
            <td><StoreText text={line.productName} /></td>
            <td>{line.sku === undefined ? '—' : <Identifier text={line.sku} />}</td>
            <td className='presswork-number'>{line.quantity}</td>
            <td className='presswork-number'>{formatMoney(line.unitPrice, line.currency)}</td>
            <td className='presswork-number'>{formatMoney(line.lineAmount, line.currency)}</td>
            <td className='presswork-number'>{formatMoney(line.shipping, line.currency)}</td>
            <td className='presswork-number'>{formatMoney(line.tax, line.currency)}</td>
            {props.showJobState && <td data-field='jobState'>{line.jobState ?? nls.localize('presswork/closeout/noJob', 'No job')}</td>}
            {props.showJobState && <td data-field='printed' className={line.printed && line.printed.copies < line.quantity ? 'presswork-warning' : undefined}>{printedText(line)}</td>}
        </tr>)}</tbody>
    </table>;
}

export function TotalsTable(props: { totals: OrderTotals }): React.ReactElement {
    const { totals } = props;
    const rows: [string, string, number][] = [
        ['subtotal', nls.localize('presswork/closeout/subtotal', 'Subtotal'), totals.subtotal], ['shipping', nls.localize('presswork/closeout/shipping', 'Shipping'), totals.shipping],
        ['tax', nls.localize('presswork/closeout/tax', 'Tax'), totals.tax], ['total', nls.localize('presswork/closeout/total', 'Total'), totals.total]
    ];
    return <table className='presswork-closeout-totals' aria-label={nls.localize('presswork/closeout/totals', 'Totals')}>
        <tbody>{rows.map(([field, label, amount]) => <tr key={field} data-field={field}>
            <th scope='row'>{label}</th><td className='presswork-number'>{formatMoney(amount, totals.currency)}</td>
        </tr>)}</tbody>
    </table>;
}

/** Where the backend serves an order's closeout document. */
export function documentUrl(orderId: string, kind: CloseoutDocumentKind): string {
    return `${CLOSEOUT_DOCUMENT_ROUTE}/${encodeURIComponent(orderId)}/${kind}.pdf`;
}

export const DOCUMENT_LABELS: Readonly<Record<CloseoutDocumentKind, string>> = {
    'packing-slip': nls.localize('presswork/closeout/packingSlipDocument', 'packing slip'),
    'invoice': nls.localize('presswork/closeout/invoiceDocument', 'invoice')
};

/** Opens a document in a browser tab, in the browser's own PDF viewer, which prints it. */
export interface DocumentOpener {
    open(orderId: string, kind: CloseoutDocumentKind): void;
}

/** Show the document inside the dialog (the browser's PDF viewer in a frame), or open it in a tab to print. */
export function DocumentButtons(props: { orderId: string; kind: CloseoutDocumentKind; opener: DocumentOpener }): React.ReactElement {
    const label = DOCUMENT_LABELS[props.kind];
    const [shown, setShown] = React.useState(false);
    return <span className='presswork-closeout-document' data-document={props.kind}>
        <button type='button' className='theia-button secondary' data-action='show' aria-expanded={shown}
            title={shown ? nls.localize('presswork/closeout/hideDocumentTitle', 'Hide the {0}', label) : nls.localize('presswork/closeout/showDocumentTitle', 'Show the {0} (PDF) here', label)} onClick={() => setShown(!shown)}>
            <span className='codicon codicon-eye' aria-hidden='true' /> {shown ? nls.localize('presswork/closeout/hideDocument', 'Hide the {0}', label) : nls.localize('presswork/closeout/showDocument', 'Show the {0}', label)}
        </button>
        <button type='button' className='theia-button secondary' data-action='open' title={nls.localize('presswork/closeout/printDocumentTitle', 'Open the {0} (PDF) in a browser tab to print it', label)}
            onClick={() => props.opener.open(props.orderId, props.kind)}>
            <span className='codicon codicon-file-pdf' aria-hidden='true' /> {nls.localize('presswork/closeout/printDocument', 'Print the {0}', label)}
        </button>
        {shown && <iframe className='presswork-closeout-document-preview' src={documentUrl(props.orderId, props.kind)} title={nls.localize('presswork/closeout/documentPreview', 'The {0} of the order (PDF)', label)} />}
    </span>;
}

export function orderTitle(details: Pick<OrderDetailsView, 'orderNumber'>): string {
    return nls.localize('presswork/closeout/orderTitle', 'Order {0}', details.orderNumber);
}
