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
    packingSlipNumber: { label: 'Packing slip number', tab: 'packingSlip', kind: 'text' },
    shipDate: { label: 'Ship date', tab: 'packingSlip', kind: 'date' },
    carrierName: { label: 'Carrier', tab: 'packingSlip', kind: 'text' },
    trackingNumber: { label: 'Tracking number', tab: 'packingSlip', kind: 'text' },
    invoiceNumber: { label: 'Invoice number', tab: 'invoice', kind: 'text' },
    invoiceDate: { label: 'Invoice date', tab: 'invoice', kind: 'date' }
};

export const TAB_LABELS: Readonly<Record<CloseoutPart, string>> = {
    packingSlip: 'Packing slip',
    invoice: 'Invoice',
    settlement: 'Settlement'
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
    return /^[a-z]/.test(message) ? `${label} ${message}` : message;
}

/** The first problem, naming its tab, for the line beside OK. */
export function firstProblem(check: CloseoutFormCheck): string | undefined {
    const field = (Object.keys(CLOSEOUT_FIELDS) as CloseoutField[]).find(candidate => check.errors[candidate]);
    return field && `${TAB_LABELS[CLOSEOUT_FIELDS[field].tab]}: ${check.errors[field]}`;
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
    'pending': 'Not done yet',
    'sending': 'Sending to MarcomCentral…',
    'done': 'Done',
    'failed': 'Failed',
    'not-required': 'Not required'
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
        return state.referenceId ? `${TAB_LABELS[part]} done: reference ${state.referenceId}` : `${TAB_LABELS[part]} done`;
    }
    if (state.status === 'failed') {
        const code = state.code !== undefined ? ` (MarcomCentral code ${state.code})` : '';
        return `${TAB_LABELS[part]} failed${code}: ${state.message ?? 'no answer'}`;
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
