import * as React from '@theia/core/shared/react';
import { nls } from '@theia/core/lib/common/nls';
import type { OrderDetailsView } from '../common/closeout-protocol';
import { formatDateTime } from './closeout-format';
import { Identifier, StoreText } from '@presswork/platform/lib/browser/store-text';
import { AddressBlock, DocumentButtons, DocumentOpener, Fact, LineItemsTable, PaymentFacts, TotalsTable } from './order-parts';

export interface OrderDetailsContentProps {
    readonly details: OrderDetailsView;
    /** What the last Refresh found: undefined before any, empty for "No changes". */
    readonly changes?: readonly string[];
    readonly status?: string;
    readonly opener: DocumentOpener;
}

/** The Order Details dialog's body: everything about the order, read-only. */
export function OrderDetailsContent(props: OrderDetailsContentProps): React.ReactElement {
    const { details } = props;
    const customer = details.customer;
    return <div className='presswork-closeout presswork-order-details' tabIndex={0}>
        {props.status && <p className='presswork-closeout-status' role='status'>{props.status}</p>}
        {props.changes && <section className='presswork-closeout-changes' data-section='changes' aria-label={nls.localize('presswork/closeout/changesFound', 'Changes found by Refresh')}>
            {props.changes.length === 0 ? <p>{nls.localize('presswork/closeout/noChanges', 'No changes')}</p> : <>
                <p>{nls.localize('presswork/closeout/changedInMarcomCentral', 'Changed in MarcomCentral:')}</p>
                <ul>{props.changes.map((change, index) => <li key={index}><StoreText text={change} /></li>)}</ul>
            </>}
        </section>}
        <div className='presswork-closeout-facts' data-section='order'>
            <Fact field='orderNumber' label={nls.localize('presswork/closeout/orderNumber', 'Order number')}><Identifier text={details.orderNumber} /></Fact>
            <Fact field='marcomOrderId' label={nls.localize('presswork/closeout/marcomOrderId', 'MarcomCentral order ID')}><Identifier text={details.marcomOrderId} /></Fact>
            <Fact field='orderDate' label={nls.localize('presswork/closeout/orderDate', 'Order date')}>{formatDateTime(details.orderDate)}</Fact>
            <Fact field='orderStatus' label={nls.localize('presswork/closeout/orderStatus', 'Status')}>{details.closed ? nls.localize('presswork/closeout/statusClosed', 'Closed') : nls.localize('presswork/closeout/statusOpen', 'Open')}</Fact>
        </div>
        <h3>{nls.localize('presswork/closeout/customer', 'Customer')}</h3>
        <div className='presswork-closeout-facts' data-section='customer'>
            <Fact field='customerName' label={nls.localize('presswork/closeout/customerName', 'Name')}><StoreText text={customer.name} /></Fact>
            <Fact field='customerEmail' label={nls.localize('presswork/closeout/customerEmail', 'Email')}><StoreText text={customer.email ?? '—'} /></Fact>
            <Fact field='customerCompany' label={nls.localize('presswork/closeout/customerCompany', 'Company')}><StoreText text={customer.company ?? '—'} /></Fact>
        </div>
        <div className='presswork-closeout-addresses'>
            <div><h3>{nls.localize('presswork/closeout/billingAddress', 'Billing address')}</h3><AddressBlock field='billingAddress' address={details.billingAddress} /></div>
            <div><h3>{details.shipTo.length > 1 ? nls.localize('presswork/closeout/shipToSeveral', 'Ship to ({0} addresses)', details.shipTo.length) : nls.localize('presswork/closeout/shipTo', 'Ship to')}</h3>
                {details.shipTo.length === 0 ? <AddressBlock field='shipTo' address={undefined} />
                    : details.shipTo.map((address, index) => <AddressBlock key={index} field='shipTo' address={address} />)}
            </div>
        </div>
        <h3>{nls.localize('presswork/closeout/payment', 'Payment')}</h3>
        <PaymentFacts payment={details.payment} />
        <h3>{nls.localize('presswork/closeout/lineItems', 'Line items')}</h3>
        <LineItemsTable lines={details.lines} showJobState={true} />
        <TotalsTable totals={details.totals} />
        <h3>{nls.localize('presswork/closeout/closeoutHeading', 'Closeout')}</h3>
        {details.closeout ? <div className='presswork-closeout-facts' data-section='closeout'>
            <Fact field='packingSlipNumber' label={nls.localize('presswork/closeout/packingSlipNumber', 'Packing slip number')}>{details.closeout.packingSlipNumber ?? '—'}</Fact>
            <Fact field='invoiceNumber' label={nls.localize('presswork/closeout/invoiceNumber', 'Invoice number')}>{details.closeout.invoiceNumber ?? '—'}</Fact>
            <Fact field='settlementReference' label={nls.localize('presswork/closeout/settlementReference', 'Settlement reference')}><Identifier text={details.closeout.settlementReference ?? '—'} /></Fact>
            <Fact field='closedBy' label={nls.localize('presswork/closeout/closedByLabel', 'Closed by')}>{details.closeout.closedBy ?? '—'}</Fact>
            <Fact field='closedAt' label={nls.localize('presswork/closeout/closedAt', 'Closed at')}>{formatDateTime(details.closeout.closedAt)}</Fact>
        </div> : <p data-section='closeout'>{nls.localize('presswork/closeout/notClosedOut', 'Not closed out yet.')}</p>}
        {(details.documents.packingSlip || details.documents.invoice) && <div className='presswork-closeout-documents'>
            {details.documents.packingSlip && <DocumentButtons orderId={details.orderId} kind='packing-slip' opener={props.opener} />}
            {details.documents.invoice && <DocumentButtons orderId={details.orderId} kind='invoice' opener={props.opener} />}
        </div>}
        <h3>{nls.localize('presswork/closeout/orderLog', 'Order log')}</h3>
        {details.log.length === 0 ? <p data-section='log'>{nls.localize('presswork/closeout/nothingLogged', 'Nothing logged for the order yet.')}</p>
            : <table className='presswork-closeout-lines' data-section='log' aria-label={nls.localize('presswork/closeout/orderLog', 'Order log')}>
                <thead><tr><th scope='col'>{nls.localize('presswork/closeout/logTime', 'Time')}</th><th scope='col'>{nls.localize('presswork/closeout/logBy', 'By')}</th><th scope='col'>{nls.localize('presswork/closeout/logMessage', 'Message')}</th></tr></thead>
                <tbody>{details.log.map((entry, index) => <tr key={index} data-level={entry.level}>
                    <td>{formatDateTime(entry.at)}</td><td>{entry.by ?? '—'}</td><td><StoreText text={entry.message} /></td>
                </tr>)}</tbody>
            </table>}
    </div>;
}
