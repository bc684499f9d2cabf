import { inject, injectable, named, optional } from '@theia/core/shared/inversify';
import { ILogger } from '@theia/core/lib/common/logger';
import { ActivityRegistry } from '@presswork/platform/lib/common/activity-registry';
import { scheduleRisk } from '@presswork/platform/lib/common/job-priority';
import { FINISHED_JOB_STATES, WAITING_FOR_CLOSEOUT } from '@presswork/platform/lib/common/job-status';
import type { JobState } from '@presswork/platform/lib/common/job-status';
import type { Job } from '@presswork/platform/lib/common/job-schema';
import type { Order } from '@presswork/platform/lib/common/order-schema';
import type { PressworkEventDraft } from '@presswork/platform/lib/common/presswork-events';
import { DocumentStore } from '@presswork/platform/lib/node/store/document-store';
import { OrdersCollection } from '@presswork/platform/lib/node/store/platform-collections';
import { FileEventJournal } from '../journal/file-event-journal';
import { EventsConfig } from './events-config';
import { jobEventFields, orderEventFields } from './job-event-fields';
import { TimeSlice } from './time-slice';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

/** States in which a job waits for an operator: too long there is `job.waiting-for-operator`, never a stall. */
const WAITING_FOR_OPERATOR: ReadonlySet<JobState> = new Set<JobState>(['Held', 'Waiting']);
/** States in which nothing is expected to move on its own: no stall. */
const NOT_STALLING: ReadonlySet<JobState> = new Set<JobState>([...WAITING_FOR_OPERATOR, WAITING_FOR_CLOSEOUT, ...FINISHED_JOB_STATES]);

/**
 * The events that time makes, not a change: every `scanSeconds` the orders are looked at for jobs
 * stalled (no change for `stalledMinutes` in a state that should move), waiting for an operator
 * longer than `waitingMinutes`, at risk (past their `atRiskAt` and not printed), past their due
 * date, and open orders whose card authorization expires within `cardExpiryHours`. Each event's id
 * and time come from what caused it (the job's last change, its due date, the expiry), so a
 * condition that lasts is journaled once.
 */
@injectable()
export class TimeEventScanner {
    @inject(DocumentStore) protected readonly store: DocumentStore;
    @inject(FileEventJournal) protected readonly journal: FileEventJournal;
    @inject(EventsConfig) protected readonly config: EventsConfig;
    @inject(ActivityRegistry) @optional() protected readonly activities: ActivityRegistry | undefined;
    @inject(ILogger) @named('notifications:TimeEventScanner') protected readonly logger: ILogger;

    protected timer: NodeJS.Timeout | undefined;
    protected scanning = false;

    start(): void {
        this.timer = setInterval(() => void this.scanSafely(), this.config.scanSeconds * 1000);
        this.timer.unref();
        void this.scanSafely();
    }

    stop(): void {
        clearInterval(this.timer);
        this.timer = undefined;
    }

    /** One scan; never two at once, never throwing. */
    protected async scanSafely(): Promise<void> {
        if (this.scanning) {
            return;
        }
        this.scanning = true;
        try {
            await this.scan(Date.now());
        } catch (error) {
            this.logger.error('Looking for stalled, waiting, at-risk and overdue jobs failed; trying again at the next scan', error);
        } finally {
            this.scanning = false;
        }
    }

    /** Journals the time-based events due at `now` that are not journaled yet; resolves with how many. */
    async scan(now: number): Promise<number> {
        const drafts: PressworkEventDraft[] = [];
        const slice = new TimeSlice();
        for (const id of [...this.store.all(OrdersCollection)].map(order => order.id)) {
            const order = this.store.get(OrdersCollection, id);
            if (order) {
                drafts.push(...this.eventsOf(order, now).filter(draft => !this.journal.has(draft.id)));
            }
            await slice.check();
        }
        return drafts.length > 0 ? (await this.journal.append(drafts)).length : 0;
    }

    eventsOf(order: Order, now: number): PressworkEventDraft[] {
        const drafts = order.jobs.flatMap(job => this.jobEvents(job, now));
        const card = this.cardExpiring(order, now);
        return card ? [...drafts, card] : drafts;
    }

    protected jobEvents(job: Job, now: number): PressworkEventDraft[] {
        if (FINISHED_JOB_STATES.has(job.state)) {
            return [];
        }
        const drafts: PressworkEventDraft[] = [];
        const since = Date.parse(job.updatedAt);
        const subject = `job:${job.id}`;
        const { stalledMinutes, waitingMinutes } = this.config;
        if (!NOT_STALLING.has(job.state) && now - since >= stalledMinutes * MINUTE_MS) {
            drafts.push({
                id: `job.stalled:${job.id}:${job.updatedAt}`, name: 'job.stalled', at: iso(since + stalledMinutes * MINUTE_MS), subject,
                payload: { ...jobEventFields(job, this.activities), minutes: stalledMinutes, since: job.updatedAt }
            });
        }
        if (WAITING_FOR_OPERATOR.has(job.state) && now - since >= waitingMinutes * MINUTE_MS) {
            drafts.push({
                id: `job.waiting-for-operator:${job.id}:${job.updatedAt}`, name: 'job.waiting-for-operator', at: iso(since + waitingMinutes * MINUTE_MS), subject,
                payload: { ...jobEventFields(job, this.activities), minutes: waitingMinutes, since: job.updatedAt }
            });
        }
        const atRisk = this.atRisk(job, now);
        if (atRisk) {
            drafts.push(atRisk);
        }
        if (job.due && Date.parse(job.due) <= now) {
            drafts.push({
                id: `job.overdue:${job.id}:${job.due}`, name: 'job.overdue', at: iso(Date.parse(job.due)), subject,
                payload: { ...jobEventFields(job, this.activities), due: job.due }
            });
        }
        return drafts;
    }

    /**
     * A job not printed whose at-risk time (its template's hours before due) has passed, while it
     * is not yet overdue (then `job.overdue` says more). Its id names the due date, so the event is
     * journaled once per job and due date, and again only when the due date changes.
     */
    protected atRisk(job: Job, now: number): PressworkEventDraft | undefined {
        const { atRisk, overdue } = scheduleRisk(job, now);
        if (!atRisk || overdue || !job.atRiskAt || !job.due) {
            return undefined;
        }
        return {
            id: `job.at-risk:${job.id}:${job.due}`, name: 'job.at-risk', at: job.atRiskAt, subject: `job:${job.id}`,
            payload: { ...jobEventFields(job, this.activities), due: job.due }
        };
    }

    protected cardExpiring(order: Order, now: number): PressworkEventDraft | undefined {
        const expiresAt = order.creditCard?.authorizationExpirationDate;
        if (order.closed || !expiresAt) {
            return undefined;
        }
        const expires = Date.parse(expiresAt);
        const hours = this.config.cardExpiryHours;
        if (expires <= now || expires - now > hours * HOUR_MS) {
            return undefined;
        }
        return {
            id: `order.card-authorization-expiring:${order.id}:${expiresAt}`,
            name: 'order.card-authorization-expiring',
            at: iso(expires - hours * HOUR_MS),
            subject: `order:${order.id}`,
            payload: { ...orderEventFields(order), expiresAt, hours }
        };
    }
}

function iso(time: number): string {
    return new Date(time).toISOString();
}
