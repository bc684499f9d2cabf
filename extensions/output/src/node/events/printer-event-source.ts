import { inject, injectable } from '@theia/core/shared/inversify';
import type { EventSourceContribution } from '@presswork/platform/lib/common/event-source-contribution';
import { clip } from '@presswork/platform/lib/common/job-log';
import type { PressworkEventDraft } from '@presswork/platform/lib/common/presswork-events';
import { DocumentStore } from '@presswork/platform/lib/node/store/document-store';
import { PrintersCollection } from '@presswork/platform/lib/node/store/platform-collections';
import { OutputCollectionNames } from '../../common/output-collections';
import type { PrinterState } from '../../common/printer-state';
import { attentionReasons, needsAttention, reasonBase, troubleInWords } from './printer-attention';

/** What printer events depend on: whether the printer needs attention, for which problems, since when. */
export interface PrinterSnapshot {
    readonly printerId: string;
    /** The printer's name when the state was written (the state document holds only its id). */
    readonly printer: string;
    /** A printer taken out of use by an administrator is not watched: leaving trouble that way is no recovery. */
    readonly enabled: boolean;
    readonly trouble: boolean;
    /** Attention reasons without their severity, plus `stopped` and `unreachable`: one more of them is a new problem. */
    readonly problems: readonly string[];
    readonly state: PrinterState['state'];
    readonly reasons: readonly string[];
    /** The trouble in words, while there is one. */
    readonly words?: string;
    /** The job the printer is on (its queue's first, the one it is processing if it says), while in trouble. */
    readonly job?: { readonly orderNumber: string; readonly jobName: string };
    /** How many of Presswork's jobs its queue holds, while in trouble. */
    readonly jobs?: number;
    readonly since: string;
}

/**
 * Printer events from the printer monitor's state documents (`printer-states`): needs attention
 * when a printer enters trouble (stopped, not answering, out of paper, jammed, a door open…) or a
 * new problem joins the one it has, recovered when it leaves trouble. The monitor moves `since`
 * whenever the state or the reasons change, so printer id, kind and `since` name each happening.
 */
@injectable()
export class PrinterEventSource implements EventSourceContribution<PrinterState, PrinterSnapshot> {
    readonly id = 'printer-states';
    readonly collection = OutputCollectionNames.printerStates;

    @inject(DocumentStore) protected readonly store: DocumentStore;

    observe(document: PrinterState): PrinterSnapshot {
        const trouble = needsAttention(document);
        const printer = this.store.get(PrintersCollection, document.id);
        const problems = [
            ...attentionReasons(document.reasons).map(reasonBase),
            ...(document.state === 'stopped' ? ['stopped'] : []),
            ...(document.reachable ? [] : ['unreachable'])
        ];
        return {
            printerId: document.id,
            printer: printer?.name ?? document.id,
            enabled: printer?.enabled ?? false,
            trouble,
            problems: [...new Set(problems)].sort(),
            state: document.state,
            reasons: [...document.reasons],
            ...(trouble ? { words: clip(troubleInWords(document), 2000), ...jobsAt(document) } : {}),
            since: document.since
        };
    }

    derive(previous: PrinterSnapshot | undefined, next: PrinterSnapshot | undefined): PressworkEventDraft[] {
        if (!next) {
            // A deleted printer neither needs attention nor recovers.
            return [];
        }
        const { printerId } = next;
        const fields = {
            printerId,
            printer: next.printer,
            printerState: next.state,
            ...(next.reasons.length > 0 ? { reasonKeywords: clip(next.reasons.join(', '), 2000) } : {})
        };
        const subject = `printer:${printerId}`;
        if (next.trouble && (!previous?.trouble || next.problems.some(problem => !previous.problems.includes(problem)))) {
            return [{
                id: `printer.needs-attention:${printerId}:${next.since}`, name: 'printer.needs-attention', at: next.since, subject,
                payload: { ...fields, ...jobFields(next), reason: next.words ?? next.state, since: next.since }
            }];
        }
        if (previous?.trouble && !next.trouble && next.enabled) {
            return [{
                id: `printer.recovered:${printerId}:${next.since}`, name: 'printer.recovered', at: next.since, subject,
                payload: { ...fields, troubleSince: previous.since }
            }];
        }
        return [];
    }
}

/** The job a printer in trouble holds up (the one it processes, else its queue's first) and how many it holds. */
function jobsAt(document: PrinterState): Pick<PrinterSnapshot, 'job' | 'jobs'> {
    const count = document.queue.length + document.queueMore;
    const current = document.queue.find(queued => queued.deviceState === 'processing') ?? document.queue[0];
    return current ? { job: { orderNumber: current.orderNumber, jobName: current.jobName }, jobs: count } : {};
}

/** The held-up job for conditions and placeholders, and all of them in words ("order ORD-1, Cards, and 2 more jobs"). */
function jobFields(snapshot: PrinterSnapshot): { orderNumber?: string; jobName?: string; atPrinter?: string } {
    if (!snapshot.job) {
        return {};
    }
    const others = (snapshot.jobs ?? 1) - 1;
    const more = others === 0 ? '' : others === 1 ? ', and 1 more job' : `, and ${others} more jobs`;
    return {
        orderNumber: snapshot.job.orderNumber,
        jobName: clip(snapshot.job.jobName, 200),
        atPrinter: clip(`order ${snapshot.job.orderNumber}, ${snapshot.job.jobName}${more}`, 2000)
    };
}
