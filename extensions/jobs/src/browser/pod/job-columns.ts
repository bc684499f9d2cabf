import { nls } from '@theia/core/lib/common/nls';
import type { JobColumnContribution } from '@presswork/platform/lib/common/job-column-contribution';

/** Dates as the shop reads them: local date and time to the minute. */
export function formatDateTime(value: unknown): string {
    if (typeof value !== 'string' || !value) {
        return '';
    }
    const date = new Date(value);
    return Number.isNaN(date.getTime()) ? value : date.toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'short' });
}

function column(id: string, label: string, field: string, defaultWidth: number, visibleByDefault = true, format?: (value: unknown) => string): JobColumnContribution {
    return { id, label: nls.localize(`presswork/jobs/column/${id}`, label), field, defaultWidth, visibleByDefault, format };
}

/** The All Jobs pod's own columns, in their default order. */
export const ALL_JOBS_COLUMNS: readonly JobColumnContribution[] = [
    { ...column('id', 'Job ID', 'id', 150, false), identifier: true },
    column('name', 'Name', 'name', 240),
    { ...column('orderNumber', 'Order number', 'orderNumber', 130), identifier: true },
    column('customer', 'Customer', 'customer', 150),
    column('workflow', 'Workflow', 'workflowName', 160),
    column('phase', 'Phase', 'phase', 90),
    column('state', 'State', 'state', 170),
    column('currentActivity', 'Current activity', 'currentActivity', 140),
    column('copies', 'Copies', 'copies', 70),
    column('due', 'Due', 'due', 140, true, formatDateTime),
    column('received', 'Received', 'receivedAt', 140, true, formatDateTime),
    column('waitReason', 'Wait reason', 'waitReason', 200)
];
