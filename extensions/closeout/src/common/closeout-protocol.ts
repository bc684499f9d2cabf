import { z } from 'zod';
import { DocumentIdSchema } from '@presswork/platform/lib/common/identifiers';
import type { JobState } from '@presswork/platform/lib/common/job-status';
import type { JobLogEntry } from '@presswork/platform/lib/common/job-schema';
import type { Address, CloseoutRecord, CreditCard, Order, PaymentMethod } from '@presswork/platform/lib/common/order-schema';
import type { RpcContract } from '@presswork/platform/lib/common/rpc-contract';

export const CLOSEOUT_SERVICE_PATH = '/services/closeout';
export const CLOSEOUT_PARTS = ['packingSlip', 'invoice', 'settlement'] as const;
export type CloseoutPart = typeof CLOSEOUT_PARTS[number];

/** A date the operator picks: YYYY-MM-DD. */
const CalendarDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date (YYYY-MM-DD)');
const ReferenceNumberSchema = z.string().trim().min(1, 'is required').max(64, 'must be at most 64 characters')
    .regex(/^[A-Za-z0-9][A-Za-z0-9 ._/-]*$/, 'may hold letters, digits, spaces and . _ / - only');

/**
 * What the operator edits in the Closeout Order dialog, checked as they type and again on the
 * backend. Amounts, ship-to and line items are not here: they come from the order and cannot change.
 */
export const CloseoutInputSchema = z.object({
    packingSlip: z.object({
        packingSlipNumber: ReferenceNumberSchema,
        shipDate: CalendarDateSchema,
        carrierName: z.string().trim().min(1, 'is required').max(100),
        trackingNumber: z.string().trim().max(100).optional()
    }),
    invoice: z.object({
        invoiceNumber: ReferenceNumberSchema,
        invoiceDate: CalendarDateSchema
    })
});
export type CloseoutInput = z.infer<typeof CloseoutInputSchema>;

export type CloseoutPartStatus = 'pending' | 'sending' | 'done' | 'failed' | 'not-required';

/** One part's state: its reference once done, or the store's code and message when it failed. */
export interface CloseoutPartState {
    readonly status: CloseoutPartStatus;
    readonly referenceId?: string;
    readonly code?: number;
    readonly message?: string;
    readonly at?: string;
}

/** The closeout of one order as it stands, for the dialog (also sent over the change feed). */
export interface CloseoutProgress {
    readonly orderId: string;
    readonly version: number;
    /** The numbers fixed at the first attempt, reused by every retry. */
    readonly input?: CloseoutInput;
    readonly parts: Readonly<Record<CloseoutPart, CloseoutPartState>>;
    /** Who is closing the order out now, while an attempt runs. */
    readonly runningBy?: string;
    readonly runningSince?: string;
    readonly closed: boolean;
    readonly closedBy?: string;
    readonly closedAt?: string;
}

/** A line item as the Order details and the invoice show it. */
export interface OrderLineView {
    readonly id: string;
    readonly productName: string;
    readonly sku?: string;
    readonly quantity: number;
    readonly unitPrice?: number;
    readonly lineAmount?: number;
    readonly shipping?: number;
    readonly tax?: number;
    readonly currency?: string;
    readonly shipTo?: Address;
    readonly jobId?: string;
    readonly jobState?: JobState;
    /** What the line's job printed, as recorded when it was Printed (absent: not printed yet). */
    readonly printed?: PrintedView;
}

/** What a job printed, for Order details and the closeout warnings. */
export interface PrintedView {
    readonly copies: number;
    readonly printerName: string;
    /** When it was recorded as printed (ISO). */
    readonly at: string;
    /** Who marked it printed, when a person did rather than the printer. */
    readonly by?: string;
}

/** Card data as a browser may see it: the authorization number masked, never whole. */
export interface PaymentView {
    readonly method: PaymentMethod;
    readonly cardType?: string;
    readonly maskedAuthorization?: string;
    readonly authorizationExpiry?: string;
    /** 'expired', 'expiring' (within 24 hours), or absent. */
    readonly authorizationWarning?: 'expired' | 'expiring';
}

export interface OrderTotals {
    readonly subtotal: number;
    readonly shipping: number;
    readonly tax: number;
    readonly total: number;
    readonly currency?: string;
}

/** Everything the Order Details dialog shows, read-only. */
export interface OrderDetailsView {
    readonly orderId: string;
    readonly orderVersion: number;
    readonly orderNumber: string;
    readonly marcomOrderId: string;
    readonly orderDate: string;
    readonly customer: { readonly name: string; readonly email?: string; readonly company?: string };
    readonly billingAddress?: Address;
    /** Distinct ship-to addresses of the order's line items. */
    readonly shipTo: Address[];
    readonly payment: PaymentView;
    readonly lines: OrderLineView[];
    readonly totals: OrderTotals;
    readonly closed: boolean;
    readonly closeout?: CloseoutRecord;
    readonly documents: { readonly packingSlip: boolean; readonly invoice: boolean };
    /** The order's own log (closeout attempts and their parts, refreshes), newest last; the last ORDER_LOG_SHOWN entries. */
    readonly log: JobLogEntry[];
}

/** How much of the order's log the Order Details dialog shows. */
export const ORDER_LOG_SHOWN = 200;

/** What Refresh found: the order as the store has it now, and what changed since. */
export interface OrderRefreshResult {
    readonly details: OrderDetailsView;
    readonly changes: string[];
}

/**
 * A line item not ready for closeout: its job neither waits for closeout nor is finished, or the
 * line has no job at all (then `jobId` and `state` are absent): it would be shipped, invoiced and
 * charged without having been produced.
 */
export interface NotReadyItem {
    readonly lineItemId: string;
    readonly name: string;
    readonly jobId?: string;
    readonly state?: JobState;
}

/** What the operator must know before the Closeout Order dialog opens. */
export interface CloseoutPreparation {
    readonly orderId: string;
    /** Set when the order cannot be closed out here at all (e.g. several ship-to addresses), with why. */
    readonly blocked?: string;
    /** Every line item whose job is not ready, or that has no job: the dialog asks "Close out the order anyway?". */
    readonly notReady: NotReadyItem[];
    readonly details: OrderDetailsView;
    /** Proposed values (or those fixed by an earlier attempt, which cannot change). */
    readonly proposal: CloseoutInput;
    readonly settlementRequired: boolean;
    readonly progress: CloseoutProgress;
}

export const DOCUMENT_KINDS = ['packing-slip', 'invoice'] as const;
export type CloseoutDocumentKind = typeof DOCUMENT_KINDS[number];
/** GET `${CLOSEOUT_DOCUMENT_ROUTE}/<orderId>/<kind>.pdf` (session cookie; jobs.inspect). */
export const CLOSEOUT_DOCUMENT_ROUTE = '/closeout/documents';

export const CloseoutService = Symbol('CloseoutService');
export interface CloseoutService {
    orderDetails(orderId: string): Promise<OrderDetailsView>;
    /** Asks the store for the order again (GetOrdersByOrderNumber) and stores what changed. */
    refreshOrder(orderId: string): Promise<OrderRefreshResult>;
    prepareCloseout(orderId: string): Promise<CloseoutPreparation>;
    /**
     * Runs packing slip → invoice → settlement, each recorded before the next begins; resolves
     * with the progress when the attempt ends (closed, or stopped at a failed part).
     */
    closeOut(orderId: string, input: CloseoutInput): Promise<CloseoutProgress>;
    progress(orderId: string): Promise<CloseoutProgress>;
}

const orderId = DocumentIdSchema;

export const CloseoutServiceContract: RpcContract<CloseoutService> = {
    orderDetails: { access: 'jobs.inspect', args: z.tuple([orderId]) },
    refreshOrder: { access: 'jobs.inspect', args: z.tuple([orderId]) },
    prepareCloseout: { access: 'orders.closeout', args: z.tuple([orderId]) },
    closeOut: { access: 'orders.closeout', args: z.tuple([orderId, CloseoutInputSchema]) },
    progress: { access: 'orders.closeout', args: z.tuple([orderId]) }
};

/** Re-exported for the frontend, which must not import Order internals beyond these. */
export type { Address, CreditCard, Order };
