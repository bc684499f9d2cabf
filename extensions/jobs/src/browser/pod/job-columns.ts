import { nls } from '@theia/core/lib/common/nls';
import type { JobColumnContribution } from '@presswork/platform/lib/common/job-column-contribution';
import { formatDateTime as formatMoment, onFormatLocaleChanged } from '@presswork/platform/lib/common/presswork-format';

/** The texts of the dates shown lately; rows drawn again show the same dates. */
const formattedDates = new Map<string, string>();
const FORMATTED_DATES_KEPT = 2_000;
onFormatLocaleChanged(() => formattedDates.clear());

/** Dates as the shop reads them: local date and time to the minute. */
export function formatDateTime(value: unknown): string {
    if (typeof value !== 'string' || !value) {
        return '';
    }
    let text = formattedDates.get(value);
    if (text === undefined) {
        text = formatMoment(value);
        if (formattedDates.size >= FORMATTED_DATES_KEPT) {
            formattedDates.clear();
        }
        formattedDates.set(value, text);
    }
    return text;
}

function column(id: string, label: string, field: string, defaultWidth: number, visibleByDefault = true, format?: (value: unknown) => string): JobColumnContribution {
    return { id, label: nls.localize(`presswork/jobs/column/${id}`, label), field, defaultWidth, visibleByDefault, format };
}

/**
 * The All Jobs pod's own columns, in their default order: what an operator scans first leads, so
 * at 1024 px Name, Order number, State and Current activity show; the default ones fit beside the
 * Order panel at 1440 px (the Wait reason truncates, its tooltip shows all).
 */
export const ALL_JOBS_COLUMNS: readonly JobColumnContribution[] = [
    { ...column('id', 'Job ID', 'id', 150, false), identifier: true },
    column('name', 'Name', 'name', 160),
    { ...column('orderNumber', 'Order number', 'orderNumber', 100), identifier: true },
    column('state', 'State', 'state', 150),
    column('currentActivity', 'Current activity', 'currentActivity', 125),
    column('customer', 'Customer', 'customer', 110),
    column('workflow', 'Workflow', 'workflowName', 120, false),
    column('phase', 'Phase', 'phase', 70, false),
    column('copies', 'Copies', 'copies', 60),
    column('due', 'Due', 'due', 120, true, formatDateTime),
    column('received', 'Received', 'receivedAt', 120, true, formatDateTime),
    column('waitReason', 'Wait reason', 'waitReason', 160),
    column('priority', 'Priority', 'priority', 60, false),
    { ...column('batch', 'Batch', 'batchId', 90, false), identifier: true }
];
