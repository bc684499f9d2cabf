import * as sinon from 'sinon';
import { Emitter } from '@theia/core/lib/common/event';
import type { ChannelDelivery, ChannelOutcome, NotificationChannelContribution } from '@presswork/platform/lib/common/notification-channel-contribution';
import type { NotificationChannelRegistry } from '@presswork/platform/lib/common/notification-channel-registry';
import type { PressworkEvent, PressworkEventDraft, PressworkEventName, PressworkEventPayload } from '@presswork/platform/lib/common/presswork-events';
import { inject } from '@presswork/platform/lib/node/test/inject';
import { recordingLogger, type RecordingLogger } from '@presswork/platform/lib/node/test/recording-logger';
import { openTempStore, type TempStore } from '@presswork/platform/lib/node/test/temp-store';
import type { DocumentStore } from '@presswork/platform/lib/node/store/document-store';
import { EVENT_CATALOG } from '../../../common/event-catalog';
import type { NotificationRule, NotificationRuleInput } from '../../../common/notifications-protocol';
import type { EventJournal } from '../../journal/event-journal';
import { NOTIFICATION_COLLECTIONS, RulesCollection } from '../../notifications-collections';
import { DeliverySender } from '../delivery-sender';
import { RecipientResolver } from '../recipients';
import { RuleBook } from '../rule-book';
import { RuleDispatcher } from '../rule-dispatcher';
import { ShopTimeZone } from '../shop-time-zone';

/** An in-memory journal: positions from 1, a repeated id skipped, as the real one promises. */
export class FakeJournal implements EventJournal {
    readonly events: PressworkEvent[] = [];
    readonly ready = Promise.resolve();
    protected readonly appended = new Emitter<readonly PressworkEvent[]>();
    readonly onDidAppend = this.appended.event;

    get lastSeq(): number {
        return this.events.length ? this.events[this.events.length - 1].seq : 0;
    }

    async append(drafts: readonly PressworkEventDraft[]): Promise<readonly PressworkEvent[]> {
        const added = drafts.filter(draft => !this.events.some(event => event.id === draft.id)).map((draft, index) => ({ ...draft, seq: this.lastSeq + index + 1 }));
        this.events.push(...added);
        this.appended.fire(added);
        return added;
    }

    async read(afterSeq: number, limit: number): Promise<readonly PressworkEvent[]> {
        return this.events.filter(event => event.seq > afterSeq).slice(0, limit);
    }
}

/** A channel whose outcome each test decides (delivered by default); it records every attempt. */
export class FakeChannel implements NotificationChannelContribution {
    readonly received: ChannelDelivery[] = [];
    outcome: (delivery: ChannelDelivery) => ChannelOutcome | Promise<ChannelOutcome> = () => ({ ok: true, detail: '250 OK' });

    constructor(readonly kind: string) { }

    async deliver(delivery: ChannelDelivery): Promise<ChannelOutcome> {
        this.received.push(delivery);
        let onAbort = (): void => undefined;
        const aborted = new Promise<ChannelOutcome>(resolve => { onAbort = () => resolve({ ok: false, retryable: true, reason: 'aborted' }); });
        delivery.signal.addEventListener('abort', onAbort);
        try {
            return await Promise.race([this.outcome(delivery), aborted]);
        } finally {
            delivery.signal.removeEventListener('abort', onAbort);
        }
    }
}

let drafted = 0;

/** A draft of `name` about `subject`, its payload the catalog's sample with `payload` over it. */
export function draft<N extends PressworkEventName>(name: N, subject: string, at: string, payload: Partial<PressworkEventPayload<N>> = {}): PressworkEventDraft<N> {
    return { id: `${name}:${subject}:${++drafted}`, name, at, subject, payload: { ...EVENT_CATALOG[name].sample, ...payload } as PressworkEventPayload<N> };
}

/** A rule input mailing ops@shop.test about job errors, storm control off unless given. */
export function ruleInput(change: Partial<NotificationRuleInput> = {}): NotificationRuleInput {
    return {
        name: 'Errors',
        enabled: true,
        event: 'job.error',
        conditions: [],
        channel: { kind: 'email', recipients: { userIds: [], addresses: ['ops@shop.test'], customer: false } },
        template: { subject: EVENT_CATALOG['job.error'].defaultSubject, text: EVENT_CATALOG['job.error'].defaultText },
        storm: { quietMinutes: 0, digestAbove: 1000 },
        ...change
    };
}

/**
 * The rules' services over a real file store in a temporary folder, a fake journal and fake
 * e-mail and webhook channels. `restart` is a crash and start: new services over the same files.
 */
export class RulesFixture {
    readonly journal = new FakeJournal();
    readonly email = new FakeChannel('email');
    readonly webhook = new FakeChannel('webhook');
    logger: RecordingLogger;
    sender: DeliverySender;
    dispatcher: RuleDispatcher;
    book: RuleBook;

    protected constructor(readonly temp: TempStore) {
        this.wire();
    }

    static async open(): Promise<RulesFixture> {
        return new RulesFixture(await openTempStore(NOTIFICATION_COLLECTIONS, 'presswork-rules-'));
    }

    get store(): DocumentStore {
        return this.temp.store;
    }

    async start(): Promise<void> {
        this.sender.start();
        await this.dispatcher.start();
    }

    /** Rules made directly in the store (the book checks users and endpoints). */
    async rule(change: Partial<NotificationRuleInput> = {}, id = `rule-${drafted++}`): Promise<NotificationRule> {
        const now = new Date().toISOString();
        return this.store.create(RulesCollection, RulesCollection.schema.parse({ ...ruleInput(change), id, version: 1, createdAt: now, updatedAt: now }));
    }

    async publish(...drafts: PressworkEventDraft[]): Promise<void> {
        await this.journal.append(drafts);
        await this.settle();
    }

    /** Waits until dispatching rests and the sends it started have begun (not ended). */
    async dispatched(): Promise<void> {
        for (let round = 0; round < 5; round++) {
            await this.dispatcher.idle();
            await new Promise(resolve => setImmediate(resolve));
        }
    }

    /** Polls `condition` between turns of the event loop (the fake clock stands still; `performance` is not faked); fails after 5 s. */
    async until(condition: () => boolean, what: string): Promise<void> {
        const deadline = performance.now() + 5000;
        while (!condition()) {
            if (performance.now() > deadline) {
                throw new Error(`gave up waiting for ${what}`);
            }
            await new Promise(resolve => setImmediate(resolve));
        }
    }

    /** Waits until dispatching and sending rest. */
    async settle(): Promise<void> {
        for (let round = 0; round < 5; round++) {
            await this.dispatcher.idle();
            await this.sender.idle();
            await new Promise(resolve => setImmediate(resolve));
        }
    }

    /** A kill and a start: the services forget everything, the store is opened again from its files. */
    async restart(before?: () => Promise<void>): Promise<void> {
        this.stopQuietly();
        await before?.();
        await this.temp.reopen();
        this.wire();
        await this.start();
        await this.settle();
    }

    async dispose(): Promise<void> {
        await this.dispatcher.stop();
        await this.sender.stop();
        await this.temp.dispose();
    }

    protected stopQuietly(): void {
        this.dispatcher.stop().catch(() => undefined);
        this.sender.stop().catch(() => undefined);
    }

    protected wire(): void {
        const store = this.temp.store;
        const channels = { get: (kind: string) => [this.email, this.webhook].find(channel => channel.kind === kind) } as unknown as NotificationChannelRegistry;
        const timeZone = inject(new ShopTimeZone(), { store });
        const recipients = inject(new RecipientResolver(), { store });
        this.logger = recordingLogger();
        this.sender = inject(new DeliverySender(), { store, channels, journal: this.journal, logger: this.logger });
        this.sender['random'] = () => 0.5;
        this.dispatcher = inject(new RuleDispatcher(), { journal: this.journal, store, sender: this.sender, recipients, timeZone, logger: this.logger });
        this.book = inject(new RuleBook(), { store, sender: this.sender, timeZone });
    }
}

export const START = Date.parse('2026-12-05T14:00:00.000Z');
/** The time `ms` after START, as an event's `at`. */
export const at = (ms: number): string => new Date(START + ms).toISOString();

export interface ClockedRules {
    readonly fixture: RulesFixture;
    readonly clock: sinon.SinonFakeTimers;
    /** Moves the fake clock on and lets what fell due run. */
    advance(ms: number): Promise<void>;
}

/** For a `describe`: before each test a fake clock at START and a started fixture; after it, both gone. */
export function clockedRules(): ClockedRules {
    const context = {} as { fixture: RulesFixture; clock: sinon.SinonFakeTimers };
    beforeEach(async () => {
        context.clock = sinon.useFakeTimers({ now: START, toFake: ['Date', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
        context.fixture = await RulesFixture.open();
        await context.fixture.start();
    });
    afterEach(async () => {
        try {
            await context.fixture.dispose();
        } finally {
            context.clock.restore();
        }
    });
    return {
        get fixture() { return context.fixture; },
        get clock() { return context.clock; },
        async advance(ms: number): Promise<void> {
            await context.clock.tickAsync(ms);
            await context.fixture.settle();
        }
    };
}
