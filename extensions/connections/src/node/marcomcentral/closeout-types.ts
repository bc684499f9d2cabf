/**
 * Closeout in MarcomCentral: packing slip → invoice → settlement (credit-card orders only).
 * Requests carry MarcomCentral's own ids (`type="Printable"`); dates are ISO instants and are sent
 * with the store's offset.
 */

/** `ShipToAddress` of a packing slip. */
export interface ShipToAddress {
    readonly attention?: string;
    readonly name: string;
    readonly address1: string;
    readonly address2?: string;
    readonly city: string;
    readonly state: string;
    readonly postalCode: string;
    readonly country: string;
}

/** `PackingSlipNode`: the shipment. */
export interface PackingSlipDetails {
    /** The print shop's shipment number; repeating it makes the request an idempotent repeat (code 5). */
    readonly packingSlipNumber: string;
    /** ISO instant. */
    readonly shipDate: string;
    readonly carrierName: string;
    readonly trackingNumber?: string;
    /** `false`: MarcomCentral decrements inventory for stocked items. */
    readonly skipAdjustInventory: boolean;
    readonly shipToAddress?: ShipToAddress;
}

/** One packing slip for every line of an order (what Presswork uses). */
export interface PackingSlipByOrderRequest extends PackingSlipDetails {
    /** The MarcomCentral order id (Order/ID), not the order number. */
    readonly orderId: string;
}

export interface PackingSlipLine {
    /** The OrderDetail id. */
    readonly id: string;
    /** For a partial shipment; absent ships what remains. */
    readonly quantity?: number;
}

export interface PackingSlipByLineItemRequest extends PackingSlipDetails {
    readonly lineItems: readonly PackingSlipLine[];
}

export interface InvoiceByLineItemRequest {
    /** Repeating it makes the request an idempotent repeat (code 5). */
    readonly invoiceNumber: string;
    /** ISO instant; absent lets the store date the invoice. */
    readonly invoiceDate?: string;
    /** OrderDetail ids; no amounts are sent, the store takes each line's own values. */
    readonly lineItemIds: readonly string[];
}

export interface SettleByOrderRequest {
    readonly orderId: string;
    /** `true` captures through the store's gateway; `false` records an offline settlement. */
    readonly settleOnline: boolean;
}

/** A `Status` (or `Action`) element's attributes. */
export interface CloseoutStatus {
    readonly status: string;
    readonly code: number;
    readonly message: string;
}

export interface CloseoutAction extends CloseoutStatus {
    /** Id of the packing slip or invoice that was created. */
    readonly referenceId?: string;
}

export interface CloseoutLineResult {
    readonly lineItemId: string;
    readonly status?: CloseoutStatus;
    readonly action?: CloseoutAction;
}

/** `<Op>Result`: the request's status and each line's. */
export interface CloseoutResult extends CloseoutStatus {
    readonly lineItems: readonly CloseoutLineResult[];
}

/** The result codes of the contract. */
export const CLOSEOUT_CODES = {
    REQUEST_ACCEPTED: 1,
    LINE_PROCESSED: 3,
    ALREADY_DONE: 5,
    INVENTORY_CONFLICT: 167,
    NOT_FOUND: 201,
    DONE_UNDER_ANOTHER_NUMBER: 202,
    SETTLEMENT_NOT_REQUIRED: 401,
    NOT_SHIPPED_AND_INVOICED: 402,
    AUTHORIZATION_EXPIRED_OR_DECLINED: 403
} as const;

const CODE_MEANINGS: Readonly<Record<number, string>> = {
    1: 'request accepted',
    3: 'line processed',
    5: 'already done (an idempotent repeat)',
    167: 'inventory conflict',
    201: 'line item or order not found in this store',
    202: 'already shipped or invoiced under another number',
    401: 'the order does not require settlement (not a credit-card order)',
    402: 'the order is not fully shipped and invoiced',
    403: 'the card authorization expired or was declined'
};

export type CloseoutCodeClass = 'success' | 'already-done' | 'failed';

/** 1 and 3 succeed, 5 is a repeat of something that already succeeded, every other code failed. */
export function classifyCloseoutCode(code: number): CloseoutCodeClass {
    if (code === CLOSEOUT_CODES.REQUEST_ACCEPTED || code === CLOSEOUT_CODES.LINE_PROCESSED) {
        return 'success';
    }
    return code === CLOSEOUT_CODES.ALREADY_DONE ? 'already-done' : 'failed';
}

export function isCloseoutSuccessCode(code: number): boolean {
    return classifyCloseoutCode(code) === 'success';
}

export function isIdempotentRepeatCode(code: number): boolean {
    return classifyCloseoutCode(code) === 'already-done';
}

export function isCloseoutFailureCode(code: number): boolean {
    return classifyCloseoutCode(code) === 'failed';
}

/** What a code means, for messages: "inventory conflict", or "unknown code 999". */
export function describeCloseoutCode(code: number): string {
    return CODE_MEANINGS[code] ?? `unknown code ${code}`;
}

export interface CloseoutFailure {
    /** Absent for the request-level status. */
    readonly lineItemId?: string;
    readonly code: number;
    readonly message: string;
}

export interface CloseoutOutcome {
    /**
     * `failed` when the request or any line (its status or its action) failed. Otherwise, when lines
     * are reported: `already-done` if every line code is 5, else `success` (lines done now and lines
     * done before may mix). Without lines, the request's own code decides.
     */
    readonly outcome: CloseoutCodeClass;
    readonly failures: readonly CloseoutFailure[];
    /** The ReferenceIds MarcomCentral returned, in line order, without repeats. */
    readonly referenceIds: readonly string[];
}

export function closeoutOutcome(result: CloseoutResult): CloseoutOutcome {
    const failures: CloseoutFailure[] = [];
    if (isCloseoutFailureCode(result.code)) {
        failures.push({ code: result.code, message: result.message || describeCloseoutCode(result.code) });
    }
    const lineClasses: CloseoutCodeClass[] = [];
    for (const line of result.lineItems) {
        const failedCodes = new Set<number>();
        for (const status of [line.status, line.action]) {
            if (!status) {
                continue;
            }
            lineClasses.push(classifyCloseoutCode(status.code));
            if (isCloseoutFailureCode(status.code) && !failedCodes.has(status.code)) {
                failedCodes.add(status.code);
                failures.push({ lineItemId: line.lineItemId, code: status.code, message: status.message || describeCloseoutCode(status.code) });
            }
        }
    }
    const referenceIds = result.lineItems
        .map(line => line.action?.referenceId)
        .filter((id): id is string => id !== undefined);
    let outcome: CloseoutCodeClass;
    if (failures.length > 0) {
        outcome = 'failed';
    } else if (lineClasses.length > 0) {
        outcome = lineClasses.every(codeClass => codeClass === 'already-done') ? 'already-done' : 'success';
    } else {
        outcome = classifyCloseoutCode(result.code);
    }
    return { outcome, failures, referenceIds: [...new Set(referenceIds)] };
}
