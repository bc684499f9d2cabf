import { z } from 'zod';
import { CollectionNames } from '@presswork/platform/lib/common/collection-names';
import { DocumentIdSchema } from '@presswork/platform/lib/common/identifiers';
import { JobPropertiesSchema } from '@presswork/platform/lib/common/job-schema';
import { HIGHEST_PRIORITY, LOWEST_PRIORITY } from '@presswork/platform/lib/common/job-priority';
import type { Job, JobLogEntry } from '@presswork/platform/lib/common/job-schema';
import type { RpcContract } from '@presswork/platform/lib/common/rpc-contract';
import { JobsCollectionNames } from './jobs-collections';
import type { JobRow } from './job-row';
import { JobQuerySchema, JobWindowRequestSchema } from './job-query';
import type { JobCounts, JobFacetChoices, JobListItem, JobQuery, JobWindow, JobWindowRequest, OrderSummary } from './job-query';
import { SavedViewContentSchema } from './saved-views';
import type { SavedView, SavedViewContent, SavedViewList } from './saved-views';

export const JOB_QUERY_SERVICE_PATH = '/services/jobs/query';
export const JOB_ACTION_SERVICE_PATH = '/services/jobs/actions';
export const SAVED_VIEW_SERVICE_PATH = '/services/jobs/views';
export const LIVE_JOB_WINDOW_PATH = '/services/jobs/live-window';

/** Reads for the All Jobs pod, the Order side panel and the status bar: everyone who sees Operations. */
export const JobQueryService = Symbol('JobQueryService');
export interface JobQueryService {
    window(request: JobWindowRequest): Promise<JobWindow>;
    facetChoices(): Promise<JobFacetChoices>;
    counts(): Promise<JobCounts>;
    orderSummary(orderId: string): Promise<OrderSummary | undefined>;
    /** Those of these jobs that pass the query's filters: the pod keeps only them selected when the filter changes. */
    matchingJobIds(query: JobQuery, jobIds: string[]): Promise<string[]>;
}

/** The window a pod shows, numbered (`watch`) so that the pod tells updates of an older window apart. */
export const LiveJobWindowRequestSchema = JobWindowRequestSchema.extend({ watch: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER) });
export type LiveJobWindowRequest = z.input<typeof LiveJobWindowRequestSchema>;

/**
 * The window the pod shows, kept live by the backend: it tells the pod when what the window shows
 * changed (at most a few times a second, however fast jobs change), and nothing when the change
 * was elsewhere in the list.
 */
export const LiveJobWindowService = Symbol('LiveJobWindowService');
export interface LiveJobWindowService {
    /** Watch this window (instead of any earlier one): answers it as it is now. */
    watch(request: LiveJobWindowRequest): Promise<JobWindow>;
    unwatch(): Promise<void>;
}

/** A watched window that changed: its items (absent when only the counts changed) and the counts. */
export interface JobWindowUpdate extends Omit<JobWindow, 'items'> {
    readonly watch: number;
    readonly items?: JobListItem[];
    /** Jobs of the window sent before that no longer pass the query, or no longer exist: they fade out. */
    readonly left: string[];
}

/** Called by the backend; the name starts with `on` so it travels as a notification. */
export interface LiveJobWindowClient {
    onDidChangeWindow(update: JobWindowUpdate): void;
}

/** What happened to each job of a multi-job action: done, or refused with a reason the operator reads. */
export interface JobActionResult {
    readonly done: string[];
    readonly refused: { readonly jobId: string; readonly jobName: string; readonly reason: string }[];
}

/** A job with its properties and log, for Properties… and Log…. */
export interface JobDetails {
    readonly job: Job;
    readonly orderVersion: number;
    readonly workflowName?: string;
    /** The finishing options the customer chose for the job's line item, as the store sent them (read-only). */
    readonly finishingOptions: readonly { readonly name: string; readonly value: string }[];
}

/** The job property the engine's queue, the pod and the read API read a job's priority from. */
export const PRIORITY_PROPERTY = 'priority';
export const PRIORITY_PROBLEM = `Priority must be a whole number from ${HIGHEST_PRIORITY} (taken first) to ${LOWEST_PRIORITY} (taken last)`;

/** Whether a value set as a job's priority is one: a whole number from 1 to 10. */
export function isPriority(value: unknown): value is number {
    return typeof value === 'number' && Number.isInteger(value) && value >= HIGHEST_PRIORITY && value <= LOWEST_PRIORITY;
}

/**
 * A properties edit: the values the user saw (`base`) and the ones they set (`changes`). It is
 * refused when any changed field no longer has its base value, so a stale edit never overwrites.
 */
export const JobEditSchema = z.object({
    base: z.object({
        name: z.string().max(200).optional(),
        copies: z.number().int().positive().max(1_000_000).optional(),
        due: z.iso.datetime({ offset: true }).nullable().optional(),
        properties: JobPropertiesSchema.default({})
    }),
    changes: z.object({
        name: z.string().trim().min(1, 'Name is required').max(200).optional(),
        copies: z.number().int().positive().max(1_000_000).optional(),
        due: z.iso.datetime({ offset: true }).nullable().optional(),
        /** A priority set is a whole number from 1 to 10: any other value would be read as the default. */
        properties: JobPropertiesSchema.default({}).refine(
            properties => !Object.hasOwn(properties, PRIORITY_PROPERTY) || isPriority(properties[PRIORITY_PROPERTY]),
            { message: PRIORITY_PROBLEM, path: [PRIORITY_PROPERTY] }
        ),
        /** Property names to remove. */
        removedProperties: z.array(z.string().max(100)).max(200).default([])
    })
});
export type JobEdit = z.input<typeof JobEditSchema>;

export const JobActionService = Symbol('JobActionService');
export interface JobActionService {
    hold(jobIds: string[]): Promise<JobActionResult>;
    resume(jobIds: string[]): Promise<JobActionResult>;
    approve(jobIds: string[]): Promise<JobActionResult>;
    reject(jobIds: string[], reason: string): Promise<JobActionResult>;
    prepressDone(jobIds: string[]): Promise<JobActionResult>;
    processAgain(jobIds: string[]): Promise<JobActionResult>;
    moveToWorkflow(jobIds: string[], workflowId: string): Promise<JobActionResult>;
    complete(jobIds: string[]): Promise<JobActionResult>;
    retain(jobIds: string[]): Promise<JobActionResult>;
    delete(jobIds: string[]): Promise<JobActionResult>;
    /** Enabled workflows a job can be moved to. */
    workflowChoices(): Promise<{ id: string; name: string }[]>;
    details(jobId: string): Promise<JobDetails>;
    log(jobId: string): Promise<JobLogEntry[]>;
    editJob(jobId: string, edit: JobEdit): Promise<JobDetails>;
}

export const SavedViewService = Symbol('SavedViewService');
export interface SavedViewService {
    list(): Promise<SavedViewList>;
    create(content: SavedViewContent): Promise<SavedView>;
    /** The owner (or, for a shared view, an administrator) saves; refused when `version` is stale. */
    update(id: string, version: number, content: SavedViewContent): Promise<SavedView>;
    delete(id: string, version: number): Promise<void>;
    /** Administrators: share a view with everyone, or stop sharing it. */
    setShared(id: string, shared: boolean): Promise<SavedView>;
    /** Administrators: the view everyone opens unless they chose their own (undefined clears it). */
    setShopDefault(id: string | undefined): Promise<void>;
    /** The user's own choice of the view to open first (undefined: the shop's default). */
    setMyDefault(id: string | undefined): Promise<void>;
}

const jobIds = z.array(DocumentIdSchema).min(1).max(1000);
const id = DocumentIdSchema;
const version = z.number().int().positive();

export const JobQueryServiceContract: RpcContract<JobQueryService> = {
    window: { access: 'operations.view', args: z.tuple([JobWindowRequestSchema]) },
    facetChoices: { access: 'operations.view', args: z.tuple([]) },
    counts: { access: 'operations.view', args: z.tuple([]) },
    orderSummary: { access: 'operations.view', args: z.tuple([id]) },
    matchingJobIds: { access: 'operations.view', args: z.tuple([JobQuerySchema, jobIds]) }
};

export const LiveJobWindowServiceContract: RpcContract<LiveJobWindowService> = {
    watch: { access: 'operations.view', args: z.tuple([LiveJobWindowRequestSchema]) },
    unwatch: { access: 'operations.view', args: z.tuple([]) }
};

export const JobActionServiceContract: RpcContract<JobActionService> = {
    hold: { access: 'jobs.act', args: z.tuple([jobIds]) },
    resume: { access: 'jobs.act', args: z.tuple([jobIds]) },
    approve: { access: 'jobs.act', args: z.tuple([jobIds]) },
    reject: { access: 'jobs.act', args: z.tuple([jobIds, z.string().max(1000)]) },
    prepressDone: { access: 'jobs.act', args: z.tuple([jobIds]) },
    processAgain: { access: 'jobs.act', args: z.tuple([jobIds]) },
    moveToWorkflow: { access: 'jobs.act', args: z.tuple([jobIds, id]) },
    complete: { access: 'jobs.act', args: z.tuple([jobIds]) },
    retain: { access: 'jobs.act', args: z.tuple([jobIds]) },
    delete: { access: 'jobs.act', args: z.tuple([jobIds]) },
    workflowChoices: { access: 'jobs.act', args: z.tuple([]) },
    details: { access: 'jobs.inspect', args: z.tuple([id]) },
    log: { access: 'jobs.inspect', args: z.tuple([id]) },
    editJob: { access: 'jobs.act', args: z.tuple([id, JobEditSchema]) }
};

export const SavedViewServiceContract: RpcContract<SavedViewService> = {
    list: { access: 'operations.view', args: z.tuple([]) },
    create: { access: 'operations.view', args: z.tuple([SavedViewContentSchema]) },
    update: { access: 'operations.view', args: z.tuple([id, version, SavedViewContentSchema]) },
    delete: { access: 'operations.view', args: z.tuple([id, version]) },
    setShared: { access: 'views.share', args: z.tuple([id, z.boolean()]) },
    setShopDefault: { access: 'views.share', args: z.tuple([id.optional()]) },
    setMyDefault: { access: 'operations.view', args: z.tuple([id.optional()]) }
};

/**
 * The change feed carries, for each committed order, its jobs as rows (projected for everyone who
 * sees Operations), for sessions that follow every job. The pod follows its window through
 * LiveJobWindowService instead; the status bar and the Order panel take the order ids only.
 */
export const JOB_ROWS_FEED = CollectionNames.orders;
/** Saved views are announced (ids only); the pod lists them again through SavedViewService. */
export const SAVED_VIEWS_FEED = JobsCollectionNames.savedViews;
export interface OrderRowsDelta {
    readonly rows: JobRow[];
}
