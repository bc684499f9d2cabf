import { nls } from '@theia/core/lib/common/nls';
import { CLOSEOUT_PARTS, CloseoutInput, CloseoutInputSchema, CloseoutPart, CloseoutPartStatus, CloseoutProgress } from '../common/closeout-protocol';

/** What the operator types in the Closeout Order dialog, as the inputs hold it: text. */
export interface CloseoutFormValues {
    packingSlipNumber: string;
    shipDate: string;
    carrierName: string;
    trackingNumber: string;
    invoiceNumber: string;
    invoiceDate: string;
}
export type CloseoutField = keyof CloseoutFormValues;

export interface CloseoutFieldInfo {
    readonly label: string;
    readonly tab: CloseoutPart;
    readonly kind: 'text' | 'date';
}

/** Every editable field, in the order the tabs show them, with its label and tab. */
export const CLOSEOUT_FIELDS: Readonly<Record<CloseoutField, CloseoutFieldInfo>> = {
    packingSlipNumber: { label: nls.localize('presswork/closeout/packingSlipNumber', 'Packing slip number'), tab: 'packingSlip', kind: 'text' },
    shipDate: { label: nls.localize('presswork/closeout/shipDate', 'Ship date'), tab: 'packingSlip', kind: 'date' },
    carrierName: { label: nls.localize('presswork/closeout/carrier', 'Carrier'), tab: 'packingSlip', kind: 'text' },
    trackingNumber: { label: nls.localize('presswork/closeout/trackingNumber', 'Tracking number'), tab: 'packingSlip', kind: 'text' },
    invoiceNumber: { label: nls.localize('presswork/closeout/invoiceNumber', 'Invoice number'), tab: 'invoice', kind: 'text' },
    invoiceDate: { label: nls.localize('presswork/closeout/invoiceDate', 'Invoice date'), tab: 'invoice', kind: 'date' }
};

export const TAB_LABELS: Readonly<Record<CloseoutPart, string>> = {
    packingSlip: nls.localize('presswork/closeout/packingSlipTab', 'Packing slip'),
    invoice: nls.localize('presswork/closeout/invoiceTab', 'Invoice'),
    settlement: nls.localize('presswork/closeout/settlementTab', 'Settlement')
};

export function fieldsOfTab(tab: CloseoutPart): CloseoutField[] {
    return (Object.keys(CLOSEOUT_FIELDS) as CloseoutField[]).filter(field => CLOSEOUT_FIELDS[field].tab === tab);
}

export function formValuesOf(input: CloseoutInput): CloseoutFormValues {
    return {
        packingSlipNumber: input.packingSlip.packingSlipNumber,
        shipDate: input.packingSlip.shipDate,
        carrierName: input.packingSlip.carrierName,
        trackingNumber: input.packingSlip.trackingNumber ?? '',
        invoiceNumber: input.invoice.invoiceNumber,
        invoiceDate: input.invoice.invoiceDate
    };
}

export interface CloseoutFormCheck {
    /** The request, when every field is valid. */
    readonly input?: CloseoutInput;
    /** One message per invalid field, shown under it. */
    readonly errors: Partial<Record<CloseoutField, string>>;
}

/** Checks the typed values with the schema the backend checks again, and says what is wrong where. */
export function checkCloseoutForm(values: CloseoutFormValues): CloseoutFormCheck {
    const parsed = CloseoutInputSchema.safeParse({
        packingSlip: {
            packingSlipNumber: values.packingSlipNumber,
            shipDate: values.shipDate,
            carrierName: values.carrierName,
            // An empty tracking number is "none", not an invalid one.
            trackingNumber: values.trackingNumber.trim() || undefined
        },
        invoice: { invoiceNumber: values.invoiceNumber, invoiceDate: values.invoiceDate }
    });
    if (parsed.success) {
        return { input: parsed.data, errors: {} };
    }
    const errors: Partial<Record<CloseoutField, string>> = {};
    for (const issue of parsed.error.issues) {
        const field = issue.path[1];
        if (typeof field === 'string' && field in CLOSEOUT_FIELDS && !errors[field as CloseoutField]) {
            errors[field as CloseoutField] = fieldMessage(CLOSEOUT_FIELDS[field as CloseoutField].label, issue.message);
        }
    }
    return { errors };
}

/** "is required" reads as "Carrier is required"; a sentence of its own stays as it is. */
function fieldMessage(label: string, message: string): string {
    return /^[a-z]/.test(message) ? nls.localize('presswork/closeout/fieldProblem', '{0} {1}', label, message) : message;
}

/** The first problem, naming its tab, for the line beside OK. */
export function firstProblem(check: CloseoutFormCheck): string | undefined {
    const field = (Object.keys(CLOSEOUT_FIELDS) as CloseoutField[]).find(candidate => check.errors[candidate]);
    return field && nls.localize('presswork/closeout/tabProblem', '{0}: {1}', TAB_LABELS[CLOSEOUT_FIELDS[field].tab], check.errors[field]!);
}

/** The tabs of the dialog: Settlement only for orders that need it (paid by card). */
export function closeoutTabs(settlementRequired: boolean): CloseoutPart[] {
    return CLOSEOUT_PARTS.filter(part => part !== 'settlement' || settlementRequired);
}

/** The icon on a tab's title for its part's state. */
export function partStatusIcon(status: CloseoutPartStatus): string {
    switch (status) {
        case 'sending': return 'codicon codicon-loading codicon-modifier-spin';
        case 'done': return 'codicon codicon-pass-filled';
        case 'failed': return 'codicon codicon-error';
        case 'not-required': return 'codicon codicon-circle-slash';
        default: return 'codicon codicon-circle-large-outline';
    }
}

export const PART_STATUS_LABELS: Readonly<Record<CloseoutPartStatus, string>> = {
    'pending': nls.localize('presswork/closeout/partPending', 'Not done yet'),
    'sending': nls.localize('presswork/closeout/partSending', 'Sending to MarcomCentral…'),
    'done': nls.localize('presswork/closeout/partDoneStatus', 'Done'),
    'failed': nls.localize('presswork/closeout/partFailedStatus', 'Failed'),
    'not-required': nls.localize('presswork/closeout/partNotRequired', 'Not required')
};

/** The part a new attempt starts with: the first required one not yet done. */
export function firstUnfinishedPart(progress: CloseoutProgress): CloseoutPart | undefined {
    return CLOSEOUT_PARTS.find(part => progress.parts[part].status !== 'done' && progress.parts[part].status !== 'not-required');
}

/** The part that stopped the last attempt, if one failed. */
export function failedPart(progress: CloseoutProgress): CloseoutPart | undefined {
    return CLOSEOUT_PARTS.find(part => progress.parts[part].status === 'failed');
}

/** True when an attempt already sent something: the numbers are fixed and a new attempt resumes. */
export function hasStarted(progress: CloseoutProgress): boolean {
    return progress.input !== undefined || CLOSEOUT_PARTS.some(part => progress.parts[part].status === 'done' || progress.parts[part].status === 'failed');
}

/** A part's result for its tab: the reference id, or the store's code and message. */
export function partResultText(part: CloseoutPart, progress: CloseoutProgress): string | undefined {
    const state = progress.parts[part];
    if (state.status === 'done') {
        return state.referenceId
            ? nls.localize('presswork/closeout/partDoneReference', '{0} done: reference {1}', TAB_LABELS[part], state.referenceId)
            : nls.localize('presswork/closeout/partDone', '{0} done', TAB_LABELS[part]);
    }
    if (state.status === 'failed') {
        const message = state.message ?? nls.localize('presswork/closeout/noAnswer', 'no answer');
        return state.code !== undefined
            ? nls.localize('presswork/closeout/partFailedCode', '{0} failed (MarcomCentral code {1}): {2}', TAB_LABELS[part], state.code, message)
            : nls.localize('presswork/closeout/partFailed', '{0} failed: {1}', TAB_LABELS[part], message);
    }
    if (state.status === 'sending') {
        return PART_STATUS_LABELS.sending;
    }
    return undefined;
}

/** Keeps the newer of two progress reports (the feed and the RPC answer may arrive in either order). */
export function newerProgress(current: CloseoutProgress | undefined, next: CloseoutProgress): CloseoutProgress {
    return !current || next.version >= current.version ? next : current;
}
