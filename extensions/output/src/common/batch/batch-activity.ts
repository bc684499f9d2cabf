import { z } from 'zod';
import type { ActivityDefinition } from '@presswork/platform/lib/common/activity-ui-contribution';
import { ActivityTypes } from '@presswork/platform/lib/common/well-known';

/**
 * What jobs of one batch must share: a job differing from a batch in a chosen key never joins it.
 * `size` is the print file's first page size; `dueDay` the due date's day in the shop's time zone.
 */
export const BATCH_KEYS = ['media', 'size', 'sides', 'colorMode', 'product', 'sku', 'dueDay', 'connection'] as const;
export const BatchKeySchema = z.enum(BATCH_KEYS);
export type BatchKey = z.infer<typeof BatchKeySchema>;
export const BATCH_KEY_LABELS: Readonly<Record<BatchKey, string>> = {
    media: 'Media', size: 'Page size', sides: 'Sides', colorMode: 'Colour', product: 'Product', sku: 'SKU',
    dueDay: 'Due date (day)', connection: 'Connection'
};

/** "14:00": a time of day in the shop's time zone. */
export const TimeOfDaySchema = z.string().trim().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day is written HH:MM, e.g. 14:00');

/** A number field left empty in the designer is no rule at all. */
function unsetWhenEmpty(value: unknown): unknown {
    return value === null || value === '' ? undefined : value;
}
const optionalCount = (max: number) => z.preprocess(unsetWhenEmpty, z.number().int().min(1).max(max).optional());

/**
 * The Batch step's properties: how jobs are grouped and when a batch is released. Any release
 * rule that is set releases the batch when it holds; with none set, a batch is released only by
 * hand (Release batch now).
 */
export const BatchPropertiesSchema = z.object({
    groupBy: z.array(BatchKeySchema).max(BATCH_KEYS.length).default([])
        .refine(keys => new Set(keys).size === keys.length, 'a key may be chosen only once'),
    /** Released when it holds this many jobs. */
    jobsPerBatch: optionalCount(1000),
    /** Released when its jobs' copies add up to at least this. */
    totalCopies: optionalCount(10_000_000),
    /** Released when its jobs' sheets (pages × copies, one-sided; half that two-sided) add up to at least this. */
    totalSheets: optionalCount(10_000_000),
    /** Released at each of these times of day, in the shop's time zone. */
    timesOfDay: z.array(TimeOfDaySchema).max(24).default([]),
    /** Released when its oldest job has waited this many minutes. */
    oldestWaitMinutes: optionalCount(7 * 24 * 60),
    /** Released when one of its jobs is due within this many hours. */
    dueWithinHours: optionalCount(24 * 30)
});
export type BatchProperties = z.infer<typeof BatchPropertiesSchema>;

/** At most this many jobs wait in one batch: a fuller batch is released. */
export const MAX_BATCH_JOBS = 1000;

/**
 * Batch, declared once for the engine (output's backend) and the designer (output's frontend):
 * gathers jobs of one workflow step that match in the chosen keys, across orders, until a release
 * rule holds; the step after it (Print) then makes one output for the whole batch.
 */
export const BatchActivity: ActivityDefinition<BatchProperties> = {
    type: ActivityTypes.batch,
    label: 'Batch',
    description: 'Gathers jobs across orders into one batch (same media, size, sides… as chosen) until a rule releases it: '
        + 'a number of jobs, copies or sheets, a time of day, the oldest job\'s wait, a due date; or by hand. The Print step after it '
        + 'sends the whole batch as one document with a batch slip in front.',
    iconClass: 'codicon codicon-layers',
    allowedPhases: ['Prepare', 'Print'],
    oncePerWorkflow: true,
    propertiesSchema: BatchPropertiesSchema,
    fields: [
        {
            key: 'groupBy', label: 'Group jobs by', kind: 'choice-list',
            choices: BATCH_KEYS.map(value => ({ value, label: BATCH_KEY_LABELS[value] })),
            help: 'Jobs that differ in a chosen key never share a batch.'
        },
        { key: 'jobsPerBatch', label: 'Jobs per batch', kind: 'number', help: 'Release the batch when it holds this many jobs.' },
        { key: 'totalCopies', label: 'Total copies', kind: 'number', help: 'Release the batch when its jobs\' copies add up to this.' },
        { key: 'totalSheets', label: 'Total sheets', kind: 'number', help: 'Release the batch when its jobs\' sheets add up to this.' },
        { key: 'timesOfDay', label: 'Times of day', kind: 'text-list', help: 'One a line, HH:MM in the shop\'s time zone: release at each of these times.' },
        { key: 'oldestWaitMinutes', label: 'Oldest job waited (minutes)', kind: 'number', help: 'Release when the batch\'s oldest job has waited this long.' },
        { key: 'dueWithinHours', label: 'Due within (hours)', kind: 'number', help: 'Release when one of its jobs is due within this many hours.' }
    ]
};
