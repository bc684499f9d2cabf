import type { JobListItem, JobWindow } from '../../common/job-query';
import type { JobRow } from '../../common/job-row';

/** What a window showed, to tell whether it changed: its items as text, its counts and its jobs. */
export interface WindowSignature {
    readonly items: string;
    readonly counts: string;
    readonly jobIds: ReadonlySet<string>;
}

/** Rows are rebuilt for every job of an order that changes; each unchanged row object is written once. */
const rowTexts = new WeakMap<JobRow, string>();

/**
 * A row as the pod shows it: every field but the order's version, which changes whenever another
 * job of the same order does; a row whose own fields did not change needs no repaint.
 */
function rowText(row: JobRow): string {
    let text = rowTexts.get(row);
    if (text === undefined) {
        const { orderVersion: _orderVersion, ...shown } = row;
        text = JSON.stringify(shown);
        rowTexts.set(row, text);
    }
    return text;
}

function itemText(item: JobListItem): string {
    return item.kind === 'job' ? `${item.group ?? ''}\u0000${rowText(item.row)}` : JSON.stringify(item);
}

export function signatureOf(window: JobWindow): WindowSignature {
    return {
        items: window.items.map(itemText).join('\n'),
        counts: [window.offset, window.total, window.matchingJobs, window.allJobs, window.lookAlikes].join(':'),
        jobIds: new Set(window.items.flatMap(item => item.kind === 'job' ? [item.row.id] : []))
    };
}
