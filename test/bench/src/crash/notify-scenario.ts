import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { PressworkEvent } from '@presswork/platform/lib/common/presswork-events';
import { FileEventJournal } from '@presswork/notifications/lib/node/journal/file-event-journal';
import { WebhookReceiver } from '@presswork/notifications/lib/node/test/webhook-receiver';
import { CountingLogger } from '../engine-backend';
import { notifyEventId } from '../notify/notify-backend';
import type { NotifyWork } from './crash-protocol';
import type { CrashScenario, RoundOutcome } from './crash-rounds';

const NOTIFY_TIMEOUT_MS = 3 * 60_000;

interface NotifyPlan {
    readonly folder: string;
    /** The receiver's path for this round: its requests are told apart from other rounds'. */
    readonly hookPath: string;
}

/** What the receiver got in one round: for each event id, the Idempotency-Keys it came under and how often. */
interface Receipts {
    readonly keysByEvent: Map<string, Set<string>>;
    /** Requests whose Idempotency-Key had come before (sent again after a kill between send and record). */
    readonly repeatedKeys: number;
    readonly badRequests: string[];
}

/**
 * (f) Notifications (issue 13): a webhook receiver in this process (it outlives every kill)
 * records every request's Idempotency-Key and events. Each round, the notifications backend on a
 * fresh folder, with one endpoint wanting the fixture's event, publishes `events` events through
 * EventPublisher and sends each to the receiver; it is killed at random instants and started
 * again until every delivery is recorded. Then every journaled event (and every published one)
 * must have reached the receiver (none lost), and no event under two keys (a real duplicate). The
 * same key received twice is at-least-once by design (a kill between the send and its record):
 * counted apart, not a violation.
 */
export class NotifyScenario implements CrashScenario<NotifyPlan> {
    readonly name = 'notify';

    protected constructor(protected readonly workFolder: string, protected readonly events: number, protected readonly receiver: WebhookReceiver) { }

    static async start(workFolder: string, events: number): Promise<NotifyScenario> {
        return new NotifyScenario(workFolder, events, await WebhookReceiver.start());
    }

    async prepare(round: number): Promise<{ request: NotifyWork; plan: NotifyPlan }> {
        const folder = path.join(this.workFolder, 'notify', `round-${round}`);
        const hookPath = `/hooks/round-${round}`;
        return {
            request: { kind: 'notify', folder, events: this.events, webhookUrl: this.receiver.url(hookPath), timeoutMs: NOTIFY_TIMEOUT_MS },
            plan: { folder, hookPath }
        };
    }

    async afterKill(): Promise<string[]> {
        return [];
    }

    async verify(plan: NotifyPlan): Promise<RoundOutcome> {
        const receipts = this.receipts(plan);
        const violations = [...receipts.badRequests];
        const journaled = await journaledEvents(plan.folder);
        const expected = new Set([...journaled.map(event => event.id), ...Array.from({ length: this.events }, (_, index) => notifyEventId(index))]);
        let lost = 0;
        let duplicates = 0;
        for (const id of expected) {
            const keys = receipts.keysByEvent.get(id);
            if (!keys) {
                lost++;
                violations.push(`event ${id} was ${journaled.some(event => event.id === id) ? 'journaled' : 'published'} but never reached the receiver`);
            } else if (keys.size > 1) {
                duplicates++;
                violations.push(`event ${id} reached the receiver under ${keys.size} Idempotency-Keys: ${[...keys].join(', ')}`);
            }
        }
        if (journaled.length !== this.events) {
            violations.push(`the journal holds ${journaled.length} events, ${this.events} were published`);
        }
        if (violations.length === 0) {
            await fs.rm(plan.folder, { recursive: true, force: true });
        }
        // Events stand in the jobs column.
        return { orders: 0, jobs: expected.size, duplicates, lost, stuck: 0, doubleCaptures: 0, atLeastOnceRepeats: receipts.repeatedKeys, violations };
    }

    protected receipts(plan: NotifyPlan): Receipts {
        const keysByEvent = new Map<string, Set<string>>();
        const keys = new Set<string>();
        const badRequests: string[] = [];
        let repeatedKeys = 0;
        for (const request of this.receiver.requests.filter(received => received.url === plan.hookPath)) {
            const key = String(request.headers['idempotency-key'] ?? '');
            const body = JSON.parse(request.body) as { id: string; events: { id: string }[] };
            if (!key || body.id !== key) {
                badRequests.push(`a request's Idempotency-Key ${JSON.stringify(key)} is not its body's id ${JSON.stringify(body.id)}`);
            }
            if (keys.has(key)) {
                repeatedKeys++;
            }
            keys.add(key);
            for (const event of body.events) {
                const under = keysByEvent.get(event.id) ?? new Set<string>();
                under.add(key);
                keysByEvent.set(event.id, under);
            }
        }
        return { keysByEvent, repeatedKeys, badRequests };
    }

    dispose(): Promise<void> {
        return this.receiver.stop();
    }
}

/** Every event the round's journal holds, read as a restart would. */
async function journaledEvents(folder: string): Promise<PressworkEvent[]> {
    const journal = new FileEventJournal({ folder: path.join(folder, 'notifications', 'journal'), logger: new CountingLogger() as never });
    try {
        const events: PressworkEvent[] = [];
        for (let page = await journal.read(0, 1000); page.length > 0; page = await journal.read(page[page.length - 1].seq, 1000)) {
            events.push(...page);
        }
        return events;
    } finally {
        await journal.close();
    }
}
