import { inject, injectable } from '@theia/core/shared/inversify';
import { Emitter, type Event } from '@theia/core/lib/common/event';
import type { Disposable } from '@theia/core/lib/common/disposable';
import { CollectionNames } from '@presswork/platform/lib/common/collection-names';
import type { Job } from '@presswork/platform/lib/common/job-schema';
import type { Order } from '@presswork/platform/lib/common/order-schema';
import { isAtPrinter, type PrintingRecord } from '@presswork/platform/lib/common/printing-record';
import { DocumentStore } from '@presswork/platform/lib/node/store/document-store';
import { OrdersCollection } from '@presswork/platform/lib/node/store/platform-collections';

/** A Presswork job sent (or being sent) to a printer, as the monitor and the follower need it. */
export interface PrintingJob {
    readonly jobId: string;
    readonly orderId: string;
    readonly orderNumber: string;
    readonly jobName: string;
    readonly copies: number;
    readonly state: Job['state'];
    readonly stepId: string;
    readonly printing: PrintingRecord;
    /** Handed over to the printer (`isAtPrinter`): the follower's to follow. */
    readonly atPrinter: boolean;
}

export interface PrintingJobsChange {
    /** Printers whose queue changed. */
    readonly printerIds: ReadonlySet<string>;
    /** Jobs that have just reached their printer (or changed record while there). */
    readonly reached: readonly PrintingJob[];
}

/**
 * Jobs at printers, kept from the store's events rather than read from every order on each
 * poll: one pass over the orders at start, then only the order a change names. A job is listed
 * while its current step's print record names a printer and is not uncertain, and it is either at
 * the printer (`isAtPrinter`) or Printing with the intent recorded (being sent).
 */
@injectable()
export class PrintingJobs {
    @inject(DocumentStore) protected readonly store: DocumentStore;

    protected readonly byJob = new Map<string, PrintingJob>();
    protected readonly byOrder = new Map<string, readonly string[]>();
    protected readonly changed = new Emitter<PrintingJobsChange>();
    protected subscription: Disposable | undefined;
    protected users = 0;

    readonly onDidChange: Event<PrintingJobsChange> = this.changed.event;

    /** Starts following the store (once, however many users); `release` when done. */
    open(): void {
        this.users++;
        if (this.subscription) {
            return;
        }
        this.subscription = this.store.onDidChange(change => {
            if (change.collection === CollectionNames.orders) {
                this.indexOrder(change.id, change.document as Order | undefined);
            }
        });
        for (const order of this.store.all(OrdersCollection)) {
            this.indexOrder(order.id, order, false);
        }
    }

    release(): void {
        this.users = Math.max(0, this.users - 1);
        if (this.users === 0) {
            this.subscription?.dispose();
            this.subscription = undefined;
            this.byJob.clear();
            this.byOrder.clear();
        }
    }

    get(jobId: string): PrintingJob | undefined {
        return this.byJob.get(jobId);
    }

    /** A printer's queue: its jobs in the order they were sent. */
    ofPrinter(printerId: string): PrintingJob[] {
        return [...this.byJob.values()].filter(job => job.printing.printerId === printerId)
            .sort((a, b) => a.printing.requestedAt.localeCompare(b.printing.requestedAt) || a.jobId.localeCompare(b.jobId));
    }

    /** Every job handed over to its printer. */
    atPrinter(): PrintingJob[] {
        return [...this.byJob.values()].filter(job => job.atPrinter);
    }

    protected indexOrder(orderId: string, order: Order | undefined, announce = true): void {
        const printerIds = new Set<string>();
        const reached: PrintingJob[] = [];
        for (const jobId of this.byOrder.get(orderId) ?? []) {
            const before = this.byJob.get(jobId);
            if (before) {
                printerIds.add(before.printing.printerId);
                this.byJob.delete(jobId);
            }
        }
        const ids: string[] = [];
        for (const job of order?.jobs ?? []) {
            const entry = printingJobOf(order!, job);
            if (!entry) {
                continue;
            }
            ids.push(job.id);
            this.byJob.set(job.id, entry);
            printerIds.add(entry.printing.printerId);
            if (entry.atPrinter) {
                reached.push(entry);
            }
        }
        if (ids.length) {
            this.byOrder.set(orderId, ids);
        } else {
            this.byOrder.delete(orderId);
        }
        if (announce && (printerIds.size || reached.length)) {
            this.changed.fire({ printerIds, reached });
        }
    }
}

function printingJobOf(order: Order, job: Job): PrintingJob | undefined {
    const printing = job.printing;
    if (!printing || !job.stepId || printing.stepId !== job.stepId || printing.uncertain !== undefined) {
        return undefined;
    }
    const atPrinter = isAtPrinter(job);
    if (!atPrinter && job.state !== 'Printing') {
        return undefined;
    }
    return {
        jobId: job.id, orderId: order.id, orderNumber: order.orderNumber, jobName: job.name, copies: job.copies,
        state: job.state, stepId: job.stepId, printing, atPrinter
    };
}
