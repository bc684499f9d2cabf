import { z } from 'zod';
import { DocumentIdSchema } from '@presswork/platform/lib/common/identifiers';
import { JobStateSchema, PhaseSchema } from '@presswork/platform/lib/common/job-status';
import { JOB_GROUP_FIELDS, JOB_ROW_FIELDS } from './job-row';
import type { JobRow } from './job-row';

export const SortKeySchema = z.object({
    field: z.enum(JOB_ROW_FIELDS),
    direction: z.enum(['asc', 'desc']).default('asc')
});
export type SortKey = z.infer<typeof SortKeySchema>;

/** How a job stands against its due date, as a filter: at risk (overdue ones included) or overdue. */
export const SCHEDULE_RISKS = ['atRisk', 'overdue'] as const;
export type ScheduleRiskFacet = typeof SCHEDULE_RISKS[number];

/**
 * Facet filters: a job passes when, for every facet given, its value is one of those listed.
 * `schedule` is read at the time of the query (a job becomes at risk as time passes).
 */
export const JobFacetsSchema = z.object({
    state: z.array(JobStateSchema).max(20).optional(),
    phase: z.array(PhaseSchema).max(4).optional(),
    workflowId: z.array(DocumentIdSchema).max(200).optional(),
    connectionId: z.array(DocumentIdSchema).max(200).optional(),
    schedule: z.array(z.enum(SCHEDULE_RISKS)).max(2).optional()
});
export type JobFacets = z.infer<typeof JobFacetsSchema>;

/**
 * What the pod shows: sort keys (the first is primary; shift-click adds a second), an optional
 * grouping, a text filter (case-insensitive, over id, name, order number, customer, workflow,
 * state, current activity and wait reason) and facet filters. The backend runs it over its index.
 */
export const JobQuerySchema = z.object({
    sort: z.array(SortKeySchema).max(3).default([{ field: 'receivedAt', direction: 'desc' }]),
    groupBy: z.enum(JOB_GROUP_FIELDS).optional(),
    /** Keys of the groups the user collapsed: their jobs are not in the window, only their header. */
    collapsed: z.array(z.string().max(200)).max(100_000).default([]),
    text: z.string().max(200).default(''),
    facets: JobFacetsSchema.default({})
});
export type JobQuery = z.input<typeof JobQuerySchema>;
export type CheckedJobQuery = z.infer<typeof JobQuerySchema>;

export const JobWindowRequestSchema = z.object({
    query: JobQuerySchema,
    /** Index of the first item (group headers count as items). */
    offset: z.number().int().nonnegative().max(10_000_000),
    limit: z.number().int().min(0).max(1000)
});
export type JobWindowRequest = z.input<typeof JobWindowRequestSchema>;

/** A group header: the group's key (e.g. the order number), how many jobs it holds and how many wait for closeout. */
export interface JobGroupItem {
    readonly kind: 'group';
    readonly key: string;
    readonly label: string;
    readonly jobCount: number;
    readonly waitingForCloseout: number;
    readonly collapsed: boolean;
}

export interface JobRowItem {
    readonly kind: 'job';
    readonly row: JobRow;
    /** The key of the group the row is in, when the query groups. */
    readonly group?: string;
}

export type JobListItem = JobGroupItem | JobRowItem;

/** A slice of the sorted, grouped, filtered list. */
export interface JobWindow {
    readonly offset: number;
    readonly items: JobListItem[];
    /** Items in the whole list (jobs of expanded groups plus group headers). */
    readonly total: number;
    /** Jobs that pass the filters. */
    readonly matchingJobs: number;
    /** Jobs in the store. */
    readonly allJobs: number;
    /**
     * Jobs whose order number looks like the text filter but holds hidden characters (so the filter
     * does not take it for the same number): the pod says they exist.
     */
    readonly lookAlikes: number;
}

/** The values the facet filters offer. */
export interface JobFacetChoices {
    readonly workflows: readonly { readonly id: string; readonly name: string }[];
    readonly connections: readonly { readonly id: string; readonly name: string }[];
}

/** An order at a glance, for the Order side panel. */
export interface OrderSummary {
    readonly id: string;
    readonly orderNumber: string;
    readonly customer: string;
    readonly createDate: string;
    readonly paymentMethod: string;
    readonly closed: boolean;
    readonly closedBy?: string;
    readonly closedAt?: string;
    readonly jobs: JobRow[];
    /** Jobs waiting for order closeout or finished (Complete, Retained). */
    readonly readyForCloseout: number;
    /** How many distinct addresses the order's lines ship to. */
    readonly shipToAddresses: number;
    /** Open and shipping to several addresses: closed out in MarcomCentral, its jobs go on to Retain. */
    readonly closeOutInMarcomCentral: boolean;
}

/** What the status bar counts. */
export interface JobCounts {
    readonly error: number;
    readonly waitingForCloseout: number;
    readonly waitingForBatch: number;
    /** Jobs not printed and at risk of missing their due date (overdue ones included), now. */
    readonly atRisk: number;
    /** Open orders shipping to several addresses, to be closed out in MarcomCentral. */
    readonly closeOutInMarcomCentral: number;
    readonly all: number;
}
