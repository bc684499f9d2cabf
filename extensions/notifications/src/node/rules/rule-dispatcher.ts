import { inject, injectable, named, optional } from '@theia/core/shared/inversify';
import { ILogger } from '@theia/core/lib/common/logger';
import { DisposableCollection } from '@theia/core/lib/common/disposable';
import type { PressworkEvent } from '@presswork/platform/lib/common/presswork-events';
import { DocumentStore } from '@presswork/platform/lib/node/store/document-store';
import { EVENT_CATALOG } from '../../common/event-catalog';
import type { Delivery, NotificationRule, WebhookEndpoint } from '../../common/notifications-protocol';
import { MAX_DIGEST_EVENTS } from '../../common/notifications-protocol';
import { EventJournal, JournalRetention } from '../journal/event-journal';
import { DeliveriesCollection, DispatcherStateCollection, EndpointsCollection, RulesCollection } from '../notifications-collections';
import { conditionsHold } from './conditions';
import { DELIVERY_LIFETIME_MS, DeliverySender } from './delivery-sender';
import { DeliveryIds } from './delivery-ids';
import { DISPATCHER_STATE_ID, type DispatcherState } from './dispatcher-state';
import { renderDigest, renderMessage, type RenderedMessage } from './message-renderer';
import { RecipientResolver } from './recipients';
import { ShopTimeZone } from './shop-time-zone';
import { StormControl, type StormDecision } from './storm-control';

const BATCH = 200;
/** The dispatcher's name toward the journal's retention. */
const RETENTION_CONSUMER = 'rule-dispatcher';

/** A held message is never due sooner than this after it is made, so a backlog being dispatched folds into it first. */
const HOLD_GRACE_MS = 2000;
const RETRY_AFTER_ERROR_MS = 5000;
/**
 * Events that match no rule and no endpoint move only the position: that is saved at most this
 * long after, not after each batch (while the engine runs, a batch every few milliseconds, each a
 * durable write). A crash replays at most this much, which again matches nothing.
 */
const QUIET_POSITION_SAVE_MS = 1000;

/** Where the dispatcher is: its position, and the storm state as of it. */
type DispatchedState = Pick<DispatcherState, 'position' | 'quiet' | 'minutes'>;

type NewDelivery = Omit<Delivery, 'version'>;

/**
 * Reads the journal from its own persisted position, matches each event against the enabled
 * rules of its kind (and their conditions) and the enabled webhook endpoints that want it, and
 * makes the deliveries (ids derived from rule or endpoint and event, or from the held slot) before
 * the position moves on. After a crash it dispatches again from the last position written, with
 * the storm state of that position: the same decisions, the same ids, so nothing twice.
 */
@injectable()
export class RuleDispatcher {
    @inject(EventJournal) protected readonly journal: EventJournal;
    /** Told the position as it moves, so that pruning the journal never drops what is not dispatched yet. */
    @inject(JournalRetention) @optional() protected readonly retention: JournalRetention | undefined;
    @inject(DocumentStore) protected readonly store: DocumentStore;
    @inject(DeliverySender) protected readonly sender: DeliverySender;
    @inject(RecipientResolver) protected readonly recipients: RecipientResolver;
    @inject(ShopTimeZone) protected readonly timeZone: ShopTimeZone;
    @inject(ILogger) @named('notifications:RuleDispatcher') protected readonly logger: ILogger;

    protected readonly toDispose = new DisposableCollection();
    protected running = false;
    protected work: Promise<void> | undefined;
    protected again = false;
    protected retryTimer: NodeJS.Timeout | undefined;
    /** Dispatched past the saved position over events that matched nothing; saved by `saveIfDue`. */
    protected unsaved: { readonly state: DispatchedState; readonly since: number } | undefined;
    protected saveTimer: NodeJS.Timeout | undefined;

    /** Dispatches what the journal holds past the position, then each append as it comes. */
    async start(): Promise<void> {
        await this.journal.ready;
        this.retention?.holdFrom(RETENTION_CONSUMER, this.position);
        this.running = true;
        this.toDispose.push(this.journal.onDidAppend(() => this.wake()));
        this.wake();
        await this.work;
    }

    async stop(): Promise<void> {
        this.running = false;
        clearTimeout(this.retryTimer);
        clearTimeout(this.saveTimer);
        this.toDispose.dispose();
        await this.work;
        try {
            await this.saveIfDue();
        } catch (error) {
            this.logger.error('The rule dispatcher could not save its position as it stopped; the next start dispatches those events again', error);
        }
    }

    /** Resolves once everything journaled so far is dispatched. */
    async idle(): Promise<void> {
        while (this.work) {
            await this.work;
        }
    }

    /** The journal position dispatched so far (saved, or not yet when the events since matched nothing). */
    get position(): number {
        return this.unsaved?.state.position ?? this.store.get(DispatcherStateCollection, DISPATCHER_STATE_ID)?.position ?? 0;
    }

    protected wake(): void {
        clearTimeout(this.retryTimer);
        clearTimeout(this.saveTimer);
        if (this.work) {
            this.again = true;
            return;
        }
        this.work = this.drain()
            .catch(error => {
                this.logger.error(`The rule dispatcher stopped on an error; it tries again in ${RETRY_AFTER_ERROR_MS / 1000} s`, error);
                this.retryTimer = setTimeout(() => this.running && this.wake(), RETRY_AFTER_ERROR_MS);
            })
            .finally(() => { this.work = undefined; });
    }

    protected async drain(): Promise<void> {
        do {
            this.again = false;
            while (this.running && await this.dispatchBatch()) { /* next batch */ }
        } while (this.running && this.again);
        await this.saveIfDue();
    }

    /** Saves a position left unsaved once it is due (or the dispatcher stops); until then, wakes when it will be. */
    protected async saveIfDue(): Promise<void> {
        if (!this.unsaved) {
            return;
        }
        const dueIn = this.unsaved.since + QUIET_POSITION_SAVE_MS - Date.now();
        if (this.running && dueIn > 0) {
            this.saveTimer = setTimeout(() => this.running && this.wake(), dueIn);
            return;
        }
        await this.savePosition(this.store.get(DispatcherStateCollection, DISPATCHER_STATE_ID), this.unsaved.state);
    }

    /**
     * One batch: its deliveries made, then the position and storm state written (later, when its
     * events matched nothing). Whether it found any events.
     */
    protected async dispatchBatch(): Promise<boolean> {
        const saved = this.store.get(DispatcherStateCollection, DISPATCHER_STATE_ID);
        const from = this.unsaved?.state ?? saved;
        const events = await this.journal.read(from?.position ?? 0, BATCH);
        if (!events.length) {
            return false;
        }
        const storm = { quiet: structuredClone(from?.quiet ?? {}), minutes: structuredClone(from?.minutes ?? {}) };
        const control = new StormControl(storm);
        const writes: Promise<Delivery>[] = [];
        let matched = false;
        for (const event of events) {
            this.sender.events.remember(event);
            matched = await this.dispatch(event, control, writes) || matched;
        }
        // The batch's own deliveries are written together (one group commit), all before the position moves on.
        const written = await Promise.allSettled(writes);
        for (const result of written) {
            if (result.status === 'rejected') {
                throw result.reason;
            }
            this.sender.schedule(result.value);
        }
        control.forget(Date.parse(events[events.length - 1].at));
        const next = { ...storm, position: events[events.length - 1].seq };
        if (matched) {
            await this.savePosition(saved, next);
        } else {
            this.unsaved = { state: next, since: this.unsaved?.since ?? Date.now() };
        }
        return true;
    }

    protected async savePosition(saved: DispatcherState | undefined, next: DispatchedState): Promise<void> {
        const updatedAt = new Date().toISOString();
        if (saved) {
            // Never back: a dispatcher that led before may save late, after a newer leader saved further on.
            await this.store.modify(DispatcherStateCollection, DISPATCHER_STATE_ID,
                current => current.position > next.position ? current : { ...current, ...next, updatedAt });
        } else {
            await this.store.create(DispatcherStateCollection, { id: DISPATCHER_STATE_ID, ...next, updatedAt });
        }
        // Whatever was left unsaved is at or before `next`, which carries on from it.
        this.unsaved = undefined;
        this.retention?.holdFrom(RETENTION_CONSUMER, next.position);
    }

    /**
     * Makes the event's deliveries: single ones are pushed to `writes` (ids of their own, nothing
     * waits on them), held ones folded in turn. Whether any rule or endpoint matched the event.
     */
    protected async dispatch(event: PressworkEvent, control: StormControl, writes: Promise<Delivery>[]): Promise<boolean> {
        const rules = this.store.findBy(RulesCollection, 'event', event.name)
            .filter(rule => rule.enabled && conditionsHold(rule.conditions, event.payload as Record<string, unknown>));
        for (const rule of rules) {
            await this.dispatchRule(rule, event, control, writes);
        }
        const endpoints = [...this.store.all(EndpointsCollection)].filter(endpoint => endpoint.enabled && endpoint.events.includes(event.name));
        for (const endpoint of endpoints) {
            writes.push(this.dispatchToEndpoint(endpoint, event));
        }
        return rules.length > 0 || endpoints.length > 0;
    }

    protected async dispatchRule(rule: NotificationRule, event: PressworkEvent, control: StormControl, writes: Promise<Delivery>[]): Promise<void> {
        const target = this.targetOf(rule, event);
        if (!target) {
            return;
        }
        // A digest spans subjects: it never goes to an order's customer, who must see their own order only.
        const canDigest = !(rule.channel.kind === 'email' && rule.channel.recipients.customer);
        for (; ;) {
            const { decision, commit } = control.plan(rule, event, canDigest, (scope, slot) => this.isClosed(DeliveryIds.ofRuleHeld(rule.id, scope, slot)));
            if (decision.kind === 'single') {
                writes.push(this.createOnce({
                    ...this.newDelivery(rule, event, target, event.subject),
                    id: DeliveryIds.ofRuleEvent(rule.id, event.id),
                    message: renderMessage(rule.template, event, this.timeZone.of(event.payload))
                }));
                commit();
                return;
            }
            if (await this.fold(rule, event, target, decision)) {
                commit();
                return;
            }
            // The held message went out meanwhile: plan again, into the next slot.
        }
    }

    /** Folds the event into the held delivery of its slot (made by the first); false when that one has gone already. */
    protected fold(rule: NotificationRule, event: PressworkEvent, target: DeliveryTarget, decision: Extract<StormDecision, { kind: 'held' }>): Promise<boolean> {
        const id = DeliveryIds.ofRuleHeld(rule.id, decision.scope, decision.slot);
        return this.sender.withDelivery(id, async () => {
            const held = this.store.get(DeliveriesCollection, id);
            if (!held) {
                const due = Math.max(Date.parse(decision.slot), Date.now() + HOLD_GRACE_MS);
                const delivery = await this.createOnce({
                    ...this.newDelivery(rule, event, target, decision.scope),
                    id,
                    moreEvents: decision.count - 1,
                    message: await this.heldMessage(rule, [event.seq], decision.count - 1),
                    nextAttemptAt: new Date(due).toISOString()
                });
                this.sender.schedule(delivery);
                return true;
            }
            if (held.eventSeqs.includes(event.seq)) {
                return true;
            }
            if (held.state !== 'pending' || held.attempts.length) {
                return false;
            }
            const eventSeqs = held.eventSeqs.length < MAX_DIGEST_EVENTS ? [...held.eventSeqs, event.seq] : held.eventSeqs;
            const moreEvents = Math.max(held.moreEvents, decision.count - eventSeqs.length);
            const message = await this.heldMessage(rule, eventSeqs, moreEvents);
            await this.store.modify(DeliveriesCollection, id, current => ({ ...current, eventSeqs, moreEvents, message }));
            return true;
        });
    }

    protected async heldMessage(rule: NotificationRule, seqs: readonly number[], moreEvents: number): Promise<RenderedMessage> {
        const events = await this.sender.events.bySeq(seqs);
        const timeZone = this.timeZone.of(events[0]?.payload ?? {});
        return events.length === 1 && !moreEvents
            ? renderMessage(rule.template, events[0], timeZone)
            : renderDigest({ ruleName: rule.name, template: rule.template, events, moreEvents, timeZone });
    }

    protected dispatchToEndpoint(endpoint: WebhookEndpoint, event: PressworkEvent): Promise<Delivery> {
        const entry = EVENT_CATALOG[event.name];
        return this.createOnce({
            ...this.baseDelivery(event, event.subject),
            id: DeliveryIds.ofEndpointEvent(endpoint.id, event.id),
            source: { kind: 'endpoint', endpointId: endpoint.id },
            channel: 'webhook',
            destination: { endpointId: endpoint.id },
            message: renderMessage({ subject: entry.defaultSubject, text: entry.defaultText }, event, this.timeZone.of(event.payload))
        });
    }

    /** Where a rule's message about this event goes; undefined (and logged) when nowhere. */
    protected targetOf(rule: NotificationRule, event: PressworkEvent): DeliveryTarget | undefined {
        if (rule.channel.kind === 'webhook') {
            const endpoint = this.store.get(EndpointsCollection, rule.channel.endpointId);
            if (!endpoint?.enabled) {
                this.logger.warn(`Rule "${rule.name}" matched event ${event.id}, but its webhook endpoint is ${endpoint ? 'disabled' : 'gone'}: nothing sent`);
                return undefined;
            }
            return { channel: 'webhook', destination: { endpointId: endpoint.id }, notes: [] };
        }
        const { addresses, notes } = this.recipients.resolve(rule.channel.recipients, event);
        if (!addresses.length) {
            this.logger.warn(`Rule "${rule.name}" matched event ${event.id}, but it has no recipient with an e-mail address: nothing sent${notes.length ? ` (${notes.join('; ')})` : ''}`);
            return undefined;
        }
        return { channel: 'email', destination: { addresses }, notes };
    }

    protected newDelivery(rule: NotificationRule, event: PressworkEvent, target: DeliveryTarget, subject: string): Omit<NewDelivery, 'id' | 'message'> {
        return {
            ...this.baseDelivery(event, subject),
            source: { kind: 'rule', ruleId: rule.id },
            channel: target.channel,
            destination: target.destination,
            ...(target.notes.length ? { notes: target.notes.slice(0, 20).map(note => note.slice(0, 300)) } : {})
        };
    }

    protected baseDelivery(event: PressworkEvent, subject: string): Pick<NewDelivery, 'eventName' | 'subject' | 'eventSeqs' | 'moreEvents' | 'state' | 'attempts' | 'createdAt' | 'expiresAt' | 'nextAttemptAt'> {
        const now = Date.now();
        return {
            eventName: event.name,
            subject: subject.slice(0, 300),
            eventSeqs: [event.seq],
            moreEvents: 0,
            state: 'pending',
            attempts: [],
            createdAt: new Date(now).toISOString(),
            nextAttemptAt: new Date(now).toISOString(),
            expiresAt: new Date(now + DELIVERY_LIFETIME_MS).toISOString()
        };
    }

    /** Makes the delivery unless a delivery of that id exists (dispatched before a crash); the caller hands it to the sender. */
    protected async createOnce(delivery: NewDelivery): Promise<Delivery> {
        return this.store.get(DeliveriesCollection, delivery.id) ?? this.store.create(DeliveriesCollection, delivery);
    }

    /** Whether the held delivery of that id has gone (or is going) already. */
    protected isClosed(id: string): boolean {
        const held = this.store.get(DeliveriesCollection, id);
        return !!held && (held.state !== 'pending' || held.attempts.length > 0);
    }
}

interface DeliveryTarget {
    readonly channel: Delivery['channel'];
    readonly destination: Delivery['destination'];
    readonly notes: readonly string[];
}
