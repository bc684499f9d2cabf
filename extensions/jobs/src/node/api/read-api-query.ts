import { z } from 'zod';
import { DocumentIdSchema } from '@presswork/platform/lib/common/identifiers';
import { JobStateSchema, PhaseSchema } from '@presswork/platform/lib/common/job-status';
import { JobQuerySchema, SCHEDULE_RISKS, SortKeySchema } from '../../common/job-query';
import type { CheckedJobQuery, SortKey } from '../../common/job-query';
import { JOB_ROW_FIELDS } from '../../common/job-row';
import type { JobRow } from '../../common/job-row';
import { SortSpec, sortSpecKey, sortSpecOf } from '../query/job-ordering';

/** A query parameter given once, several times, or as a comma-separated list. */
const listOf = <T extends z.ZodType>(item: T, max: number) => z.preprocess(
    value => (Array.isArray(value) ? value : [value]).flatMap(part => String(part).split(',')).map(part => part.trim()).filter(Boolean),
    z.array(item).max(max)
);

const SortParamSchema = z.string().regex(new RegExp(`^(${JOB_ROW_FIELDS.join('|')})(:(asc|desc))?$`), `must be <field>[:asc|:desc] with a field among ${JOB_ROW_FIELDS.join(', ')}`)
    .transform((text): SortKey => {
        const [field, direction] = text.split(':');
        return SortKeySchema.parse({ field, direction: direction ?? 'asc' });
    });

/** The most jobs a page of `GET /api/v1/jobs` holds, and how many when the request names no `limit`. */
export const LARGEST_JOBS_PAGE = 1000;
export const DEFAULT_JOBS_PAGE = 100;

/** `GET /api/v1/jobs` parameters: the pod's filters and sort, plus the page size and the cursor. */
export const JobsRequestSchema = z.strictObject({
    limit: z.coerce.number().int().min(1).max(LARGEST_JOBS_PAGE).default(DEFAULT_JOBS_PAGE),
    cursor: z.string().max(2000).optional(),
    text: z.string().max(200).default(''),
    state: listOf(JobStateSchema, 20).optional(),
    phase: listOf(PhaseSchema, 4).optional(),
    workflowId: listOf(DocumentIdSchema, 200).optional(),
    connectionId: listOf(DocumentIdSchema, 200).optional(),
    /** `atRisk` (overdue included) or `overdue`, as of the request. */
    schedule: listOf(z.enum(SCHEDULE_RISKS), 2).optional(),
    sort: listOf(SortParamSchema, 3).optional()
});
export type JobsRequest = z.infer<typeof JobsRequestSchema>;

/** The pod's query without its view-only fields; made once (a zod schema is costly to derive, and every page asks). */
const ApiJobQuerySchema = JobQuerySchema.omit({ collapsed: true, groupBy: true });

export function jobQueryOf(request: JobsRequest): Omit<CheckedJobQuery, 'collapsed' | 'groupBy'> {
    const { text, state, phase, workflowId, connectionId, schedule, sort } = request;
    return ApiJobQuerySchema.parse({
        text, facets: { state, phase, workflowId, connectionId, schedule }, ...(sort?.length ? { sort } : {})
    });
}

/** The query parameters of the same request for another page (filters and sort as given, canonically written). */
export function pageParametersOf(request: JobsRequest, cursor: string): URLSearchParams {
    const parameters = new URLSearchParams({ limit: String(request.limit) });
    if (request.text) {
        parameters.set('text', request.text);
    }
    for (const facet of ['state', 'phase', 'workflowId', 'connectionId', 'schedule'] as const) {
        if (request[facet]?.length) {
            parameters.set(facet, request[facet]!.join(','));
        }
    }
    if (request.sort?.length) {
        parameters.set('sort', request.sort.map(key => `${key.field}:${key.direction}`).join(','));
    }
    parameters.set('cursor', cursor);
    return parameters;
}

const CursorSchema = z.object({
    /** The sort the cursor was made for. */
    s: z.string().max(500),
    /** The last row's values of the sorted fields. */
    k: z.array(z.union([z.string().max(4000), z.number(), z.null()])).max(3),
    id: DocumentIdSchema
});

/** An opaque cursor: the last row's sort key and id, so the next page starts right after it. */
export function encodeCursor(spec: SortSpec, row: JobRow): string {
    const cursor: z.infer<typeof CursorSchema> = { s: sortSpecKey(spec), k: spec.map(key => row[key.field] ?? null), id: row.id };
    return Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');
}

export class CursorError extends Error { }

/** The row the cursor stands for (its sorted fields and id); refuses a cursor of another sort or a damaged one. */
export function decodeCursor(query: Pick<CheckedJobQuery, 'sort'>, text: string): Partial<JobRow> & { id: string } {
    const spec = sortSpecOf(query);
    let parsed: z.infer<typeof CursorSchema>;
    try {
        parsed = CursorSchema.parse(JSON.parse(Buffer.from(text, 'base64url').toString('utf8')));
    } catch {
        throw new CursorError('cursor is not one this server gave out');
    }
    if (parsed.s !== sortSpecKey(spec) || parsed.k.length !== spec.length) {
        throw new CursorError('cursor belongs to another sort order; start again without a cursor');
    }
    const row: Record<string, unknown> = { id: parsed.id };
    spec.forEach((key, index) => {
        row[key.field] = parsed.k[index] ?? undefined;
    });
    return row as Partial<JobRow> & { id: string };
}
