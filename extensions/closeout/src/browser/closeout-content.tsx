import * as React from '@theia/core/shared/react';
import { nls } from '@theia/core/lib/common/nls';
import type { CloseoutPart, CloseoutPreparation, CloseoutProgress } from '../common/closeout-protocol';
import { formatMoney } from './closeout-format';
import {
    CLOSEOUT_FIELDS, CloseoutField, CloseoutFormValues, closeoutTabs, fieldsOfTab, PART_STATUS_LABELS, partResultText, partStatusIcon, TAB_LABELS
} from './closeout-form';
import { lacksShipTo } from './closeout-warnings';
import { AddressBlock, DocumentButtons, DocumentOpener, Fact, LineItemsTable, PaymentFacts, TotalsTable } from './order-parts';

export type CloseoutStatusKind = 'info' | 'success' | 'error';

export interface CloseoutContentProps {
    readonly preparation: CloseoutPreparation;
    /** The inputs' starting values (the inputs are uncontrolled, so typing never jumps the cursor). */
    readonly values: CloseoutFormValues;
    /** Messages under the fields the operator has touched (all of them after OK). */
    readonly errors: Partial<Record<CloseoutField, string>>;
    /** Numbers fixed by an earlier attempt: shown, not editable. */
    readonly fixed: boolean;
    readonly progress: CloseoutProgress;
    readonly activeTab: CloseoutPart;
    readonly status?: { readonly kind: CloseoutStatusKind; readonly text: string };
    readonly onSelectTab: (part: CloseoutPart) => void;
    readonly onChange: (field: CloseoutField, value: string) => void;
    readonly opener: DocumentOpener;
}

/** The Closeout Order dialog's body: one tab per part, each with its fields and its result. */
export function CloseoutContent(props: CloseoutContentProps): React.ReactElement {
    const tabs = closeoutTabs(props.preparation.settlementRequired);
    return <div className='presswork-closeout presswork-closeout-order'>
        {props.status && <p className={`presswork-closeout-status presswork-closeout-status-${props.status.kind}`} role='status' data-status={props.status.kind}>
            {props.status.text}
        </p>}
        <div className='presswork-closeout-tabs' role='tablist' aria-label={nls.localize('presswork/closeout/partsLabel', 'Closeout parts')}>
            {tabs.map(part => {
                const status = props.progress.parts[part].status;
                const hasError = fieldsOfTab(part).some(field => props.errors[field]);
                return <button type='button' role='tab' key={part} id={`presswork-closeout-tab-${part}`} data-part={part} data-status={status}
                    aria-selected={part === props.activeTab} aria-controls={`presswork-closeout-panel-${part}`}
                    className={`presswork-closeout-tab${part === props.activeTab ? ' active' : ''}${hasError ? ' invalid' : ''}`}
                    title={PART_STATUS_LABELS[status]} onClick={() => props.onSelectTab(part)}>
                    <span className={`presswork-closeout-part-icon presswork-closeout-part-${status} ${partStatusIcon(status)}`} role='img' aria-label={PART_STATUS_LABELS[status]} />
                    {TAB_LABELS[part]}
                </button>;
            })}
        </div>
        {tabs.map(part => <div key={part} role='tabpanel' id={`presswork-closeout-panel-${part}`} aria-labelledby={`presswork-closeout-tab-${part}`}
            data-part={part} className='presswork-closeout-panel' hidden={part !== props.activeTab}>
            {part === 'packingSlip' && <PackingSlipPanel {...props} />}
            {part === 'invoice' && <InvoicePanel {...props} />}
            {part === 'settlement' && <SettlementPanel {...props} />}
            <PartResult part={part} progress={props.progress} />
        </div>)}
    </div>;
}

function PackingSlipPanel(props: CloseoutContentProps): React.ReactElement {
    const { details } = props.preparation;
    return <>
        <p className='presswork-closeout-note'>{nls.localize('presswork/closeout/onePackingSlip', 'One packing slip for the whole order: every line item, the whole order amount.')}</p>
        <FormFields part='packingSlip' {...props} />
        <div className='presswork-closeout-facts'>
            <Fact field='orderAmount' label={nls.localize('presswork/closeout/orderAmount', 'Order amount')}>{formatMoney(details.totals.total, details.totals.currency)}</Fact>
        </div>
        <h3>{nls.localize('presswork/closeout/shipTo', 'Ship to')}</h3>
        {lacksShipTo(props.preparation)
            ? <p className='presswork-closeout-warning' role='alert' data-warning='noShipTo'>
                <span className='codicon codicon-warning' aria-hidden='true' /> {nls.localize('presswork/closeout/noShipToOnSlip',
                    'No ship-to address: neither the order nor its line items name one, so the packing slip names none.')}
            </p>
            : <AddressBlock field='shipTo' address={details.shipTo[0]} />}
        {isDone(props.progress, 'packingSlip', details.documents.packingSlip) &&
            <div className='presswork-closeout-documents'><DocumentButtons orderId={details.orderId} kind='packing-slip' opener={props.opener} /></div>}
    </>;
}

function InvoicePanel(props: CloseoutContentProps): React.ReactElement {
    const { details } = props.preparation;
    return <>
        <FormFields part='invoice' {...props} />
        <p className='presswork-closeout-note'>{nls.localize('presswork/closeout/lineItemsFixed', 'The line items keep their default values; they cannot be changed here.')}</p>
        <LineItemsTable lines={details.lines} showJobState={false} />
        <TotalsTable totals={details.totals} />
        {isDone(props.progress, 'invoice', details.documents.invoice) &&
            <div className='presswork-closeout-documents'><DocumentButtons orderId={details.orderId} kind='invoice' opener={props.opener} /></div>}
    </>;
}

function SettlementPanel(props: CloseoutContentProps): React.ReactElement {
    const { details } = props.preparation;
    return <>
        <p className='presswork-closeout-note'>{nls.localize('presswork/closeout/settledOnline', 'Settled online through MarcomCentral: the card is charged once, for the amount below.')}</p>
        <PaymentFacts payment={details.payment} />
        <div className='presswork-closeout-facts'>
            <Fact field='settlementAmount' label={nls.localize('presswork/closeout/amountToSettle', 'Amount to settle')}>{formatMoney(details.totals.total, details.totals.currency)}</Fact>
        </div>
    </>;
}

function FormFields(props: CloseoutContentProps & { part: CloseoutPart }): React.ReactElement {
    return <div className='presswork-form presswork-closeout-form'>
        {props.fixed && !props.progress.closed && <p className='presswork-closeout-note' data-note='fixed'>
            <span className='codicon codicon-lock' aria-hidden='true' /> {nls.localize('presswork/closeout/fixedByFirstAttempt', 'Fixed by the first attempt: trying again sends the same numbers, so nothing is created twice.')}
        </p>}
        {fieldsOfTab(props.part).map(field => {
            const info = CLOSEOUT_FIELDS[field];
            const id = `presswork-closeout-${field}`;
            const error = props.errors[field];
            return <div className='presswork-form-row' key={field}>
                <label htmlFor={id}>{field === 'trackingNumber' ? nls.localize('presswork/closeout/optionalField', '{0} (optional)', info.label) : info.label}</label>
                <input id={id} name={field} type={info.kind} className='theia-input' defaultValue={props.values[field]}
                    readOnly={props.fixed} aria-invalid={!!error} aria-describedby={error ? `${id}-error` : undefined} spellCheck={false} autoComplete='off'
                    onChange={event => props.onChange(field, event.target.value)} />
                {error && <span id={`${id}-error`} className='presswork-closeout-field-error' data-error-for={field}>{error}</span>}
            </div>;
        })}
    </div>;
}

function PartResult(props: { part: CloseoutPart; progress: CloseoutProgress }): React.ReactElement | null {
    const text = partResultText(props.part, props.progress);
    const state = props.progress.parts[props.part];
    return text ? <p className={`presswork-closeout-result presswork-closeout-part-${state.status}`} data-result={state.status}>
        <span className={partStatusIcon(state.status)} aria-hidden='true' /> {text}
    </p> : null;
}

function isDone(progress: CloseoutProgress, part: CloseoutPart, documentExists: boolean): boolean {
    return documentExists || progress.parts[part].status === 'done';
}
