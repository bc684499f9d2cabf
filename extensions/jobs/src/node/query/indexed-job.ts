import { priorityOf, riskAt } from '@presswork/platform/lib/common/job-priority';
import type { ScheduleRiskTimes } from '@presswork/platform/lib/common/job-priority';
import type { Order } from '@presswork/platform/lib/common/order-schema';
import { CLOSE_OUT_IN_MARCOMCENTRAL, closedOutElsewhere, distinctShipTo } from '@presswork/platform/lib/common/ship-to';
import type { JobRow } from '../../common/job-row';
import { printFileSummaryOf } from '../../common/print-file';

/** Looks up a workflow's current name; undefined when the workflow no longer exists. */
export type WorkflowNameOf = (workflowId: string) => string | undefined;
/** An activity type in words (its label). */
export type ActivityLabelOf = (activityType: string) => string;

/**
 * A job row as the index keeps it, with what sorting and the text filter need precomputed: the
 * lower-case search text and the timestamps as numbers (timestamps may carry different offsets,
 * so their text does not sort), and when the job becomes at risk and overdue (the row says so
 * only as of the moment it is read: `rowAt`). Immutable: a changed job gets a new one.
 */
export class IndexedJob {
    readonly search: string;
    readonly receivedAtMs: number;
    readonly updatedAtMs: number;
    readonly dueMs: number | undefined;
    /** The row as last read at risk or overdue, so unchanged rows keep their identity (window-signature.ts). */
    protected flagged: JobRow | undefined;

    constructor(readonly row: JobRow, readonly risk: ScheduleRiskTimes = {}) {
        this.search = searchTextOf(row);
        this.receivedAtMs = timeOf(row.receivedAt) ?? 0;
        this.updatedAtMs = timeOf(row.updatedAt) ?? 0;
        this.dueMs = timeOf(row.due);
    }

    /** The row as it reads at `now`: `atRisk` and `overdue` set when they hold. */
    rowAt(now: number): JobRow {
        const { atRisk, overdue } = riskAt(this.risk, now);
        if (!atRisk && !overdue) {
            return this.row;
        }
        if (!this.flagged || !!this.flagged.atRisk !== atRisk || !!this.flagged.overdue !== overdue) {
            this.flagged = { ...this.row, ...(atRisk ? { atRisk } : {}), ...(overdue ? { overdue } : {}) };
        }
        return this.flagged;
    }

    /** The next time after `now` the job's risk changes (it becomes at risk or overdue), if any. */
    nextRiskChange(now: number): number | undefined {
        const { atRiskFrom, overdueFrom } = this.risk;
        const next = [atRiskFrom, overdueFrom].filter((time): time is number => time !== undefined && time > now);
        return next.length ? Math.min(...next) : undefined;
    }

    /** The same job with other row fields (a renamed workflow). */
    withRow(row: JobRow): IndexedJob {
        return new IndexedJob(row, this.risk);
    }
}

/** The fields the text filter looks in, joined by a character nobody types, so a match never spans two fields. */
const SEARCHED_FIELDS = ['id', 'name', 'orderNumber', 'customer', 'workflowName', 'state', 'currentActivity', 'waitReason'] as const;

function searchTextOf(row: Partial<JobRow>): string {
    return SEARCHED_FIELDS.map(field => row[field] ?? '').join('\u0000').toLowerCase();
}

function timeOf(value: string | undefined): number | undefined {
    if (value === undefined) {
        return undefined;
    }
    const millis = Date.parse(value);
    return Number.isNaN(millis) ? undefined : millis;
}

/** The customer's first and last name, else their login, else their email. */
export function customerNameOf(order: Pick<Order, 'customer'>): string {
    const { firstName, lastName, loginId, email } = order.customer;
    const fullName = [firstName, lastName].filter(part => part && part.trim()).join(' ').trim();
    return fullName || loginId || email || '';
}

/** The order's jobs as the pod and the read API show them. */
export function jobRowsOf(order: Order, workflowNameOf: WorkflowNameOf, activityLabelOf: ActivityLabelOf): JobRow[] {
    const customer = customerNameOf(order);
    const waitReasonOf = orderWaitReason(order);
    return order.jobs.map(job => ({
        id: job.id,
        name: job.name,
        orderId: order.id,
        orderNumber: order.orderNumber,
        customer,
        connectionId: job.connectionId,
        workflowId: job.workflowId,
        workflowName: job.workflowId === undefined ? undefined : workflowNameOf(job.workflowId) ?? job.workflowId,
        phase: job.phase,
        state: job.state,
        ...(job.currentActivity ? { currentActivity: activityLabelOf(job.currentActivity), currentActivityType: job.currentActivity } : {}),
        copies: job.copies,
        due: job.due,
        priority: priorityOf(job),
        ...(job.batchId ? { batchId: job.batchId } : {}),
        receivedAt: job.receivedAt,
        updatedAt: job.updatedAt,
        waitReason: waitReasonOf(job.waitReason),
        ...(job.printing?.uncertain ? { printingUncertain: job.printing.uncertain } : {}),
        ...withPrintFile(printFileSummaryOf(job)),
        orderVersion: order.version
    }));
}

/**
 * The job's wait reason as the pod shows it: an open order shipping to several addresses says so on
 * every job from its arrival on ("Close out in MarcomCentral"), after the job's own reason.
 */
export function orderWaitReason(order: Order): (reason: string | undefined) => string | undefined {
    if (!closedOutElsewhere(order)) {
        return reason => reason;
    }
    const flag = `${CLOSE_OUT_IN_MARCOMCENTRAL} (ships to ${distinctShipTo(order).length} addresses)`;
    return reason => reason ? `${reason} · ${flag}` : flag;
}

function withPrintFile(printFile: JobRow['printFile']): Pick<JobRow, 'printFile'> {
    return printFile ? { printFile } : {};
}
