import type { JobState, Phase } from './job-status';

/**
 * A job as the All Jobs pod and the read API show it: flat fields under plain names, so sorting,
 * grouping and filtering name a field, and shop systems read it without knowing our documents.
 */
export interface JobRow {
    readonly id: string;
    readonly name: string;
    readonly orderId: string;
    readonly orderNumber: string;
    /** The customer's name (first and last), else their login or email. */
    readonly customer: string;
    readonly connectionId: string;
    readonly workflowId?: string;
    /** The workflow's name, or its id when it no longer exists. */
    readonly workflowName?: string;
    readonly phase: Phase;
    readonly state: JobState;
    /** The current step's activity in words, its label (e.g. "Prepress Check"): what people read, sort and filter by. */
    readonly currentActivity?: string;
    /** The current step's activity type id (e.g. `prepress-check`): what rules compare, never shown. */
    readonly currentActivityType?: string;
    readonly copies: number;
    readonly due?: string;
    /** 1 taken first, 10 last (job-priority.ts). */
    readonly priority: number;
    /** Not printed and due soon (job-priority.ts `scheduleRisk`), as of the time the row was read. */
    readonly atRisk?: boolean;
    /** Not printed and past its due date, as of the time the row was read. */
    readonly overdue?: boolean;
    /** The batch the job waits in or was printed with (its id, e.g. `B-0042`). */
    readonly batchId?: string;
    readonly receivedAt: string;
    readonly updatedAt: string;
    readonly waitReason?: string;
    /**
     * Set when the printer no longer knows the job's print (printing-record.ts `uncertain`): why,
     * in words. The job waits for an operator to decide: Print again or Mark printed.
     */
    readonly printingUncertain?: string;
    /**
     * The job's print file once it has arrived: its page count and first page's size in points
     * when it has been read (absent while it is being read; `unreadable` says why it could not be).
     */
    readonly printFile?: { readonly pageCount?: number; readonly width?: number; readonly height?: number; readonly unreadable?: string };
    /** The version of the order document the row was read from. */
    readonly orderVersion: number;
}

/** The fields the pod can sort by and columns can show. */
export const JOB_ROW_FIELDS = [
    'id', 'name', 'orderNumber', 'customer', 'workflowName', 'phase', 'state', 'currentActivity',
    'copies', 'due', 'receivedAt', 'updatedAt', 'waitReason', 'priority', 'batchId'
] as const satisfies readonly (keyof JobRow)[];
export type JobRowField = typeof JOB_ROW_FIELDS[number];

/** The fields the pod can group by. */
export const JOB_GROUP_FIELDS = ['orderNumber', 'state', 'workflowName', 'batchId'] as const satisfies readonly JobRowField[];
export type JobGroupField = typeof JOB_GROUP_FIELDS[number];
