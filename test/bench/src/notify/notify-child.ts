import 'reflect-metadata';
import * as http from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import * as nodemailer from 'nodemailer';
import type { Delivery, NotificationRule } from '@presswork/notifications/lib/common/notifications-protocol';
import { DeliveriesCollection, EmailSettingsCollection, RulesCollection } from '@presswork/notifications/lib/node/notifications-collections';
import { serveRequest } from '../child-process';
import { CountingLogger } from '../engine-backend';
import type { FileDocumentStore } from '@presswork/platform/lib/node/store';
import { percentile } from '../statistics';
import { endpointDeliveryId, ensureEndpoint, notificationsContainer, notifyEvent, startNotifications } from './notify-backend';
import {
    DeliveryStages, EMAIL_CONNECTION, EMAIL_RULE_SUBJECT, EventLoopDelay, NOTIFY_CONCURRENCY, NotifyBenchRequest, NotifyChildResult, NotifyPhase, PhaseRun, PhasedRun, isMailed, mailSubject
} from './notify-protocol';

/**
 * The notifications benchmark's backend process: first the real notifications backend (journal,
 * dispatcher, sender, channels over a data folder) fed through its EventPublisher at a steady rate
 * until every delivery is recorded; then, in the same process, the baseline: the same payloads
 * POSTed and the same messages mailed directly, at the same rate and concurrency. The receivers are
 * in the parent; this process reports when it published or sent each event, and its event loop's delay.
 */
serveRequest<NotifyBenchRequest, NotifyChildResult>(async request => {
    // nodemailer's pools leave timers behind after close: this process ends once its answer is sent.
    process.once('disconnect', () => process.exit());
    const logger = new CountingLogger();
    const notifications = await runNotifications(request, logger);
    const baseline = await runBaseline(request);
    http.globalAgent.destroy();
    return { notifications, baseline, errors: logger.errors };
});

/** Deliveries a phase makes: one per event to the endpoint, one per mailed event. */
function deliveriesOf(phase: NotifyPhase): number {
    return phase.events + Array.from({ length: phase.events }, (_, offset) => phase.first + offset).filter(isMailed).length;
}

async function runNotifications(request: NotifyBenchRequest, logger: CountingLogger): Promise<PhasedRun> {
    const container = notificationsContainer(request.folder, logger);
    const running = await startNotifications(container, async store => {
        await ensureEndpoint(container, store, `${request.webhookUrl}/notifications`);
        await configureEmail(store, request);
    });
    let delivered = 0;
    let wanted = 0;
    let reached: () => void = () => undefined;
    running.store.onDidChange(change => {
        if (change.collection === DeliveriesCollection.name && (change.document as Delivery | undefined)?.state === 'delivered' && ++delivered >= wanted) {
            reached();
        }
    });
    const phases: PhaseRun[] = [];
    for (const phase of request.phases) {
        wanted += deliveriesOf(phase);
        const all = new Promise<void>(resolve => reached = resolve);
        const loop = monitorEventLoopDelay({ resolution: 1 });
        loop.enable();
        const publishes: Promise<void>[] = [];
        const sentAt = await paced(phase, (first, count, at) => {
            publishes.push(running.publisher.publish(Array.from({ length: count }, (_, offset) => notifyEvent(first + offset, new Date(at).toISOString()))));
        });
        await Promise.all(publishes);
        const finished = delivered >= wanted || await Promise.race([all.then(() => true), delay(request.drainTimeoutMs).then(() => false)]);
        loop.disable();
        phases.push({ sentAt, eventLoop: delayOf(loop), unfinished: finished ? 0 : wanted - delivered, stages: stagesOf(running.store, phase, sentAt) });
    }
    await running.stop();
    return { phases };
}

/** Where a phase's webhook deliveries spent their time, from the delivery log: publish → delivery made → first attempt. */
function stagesOf(store: FileDocumentStore, phase: NotifyPhase, sentAt: readonly number[]): DeliveryStages {
    const made: number[] = [];
    const queued: number[] = [];
    sentAt.forEach((at, offset) => {
        const delivery = store.get(DeliveriesCollection, endpointDeliveryId(phase.first + offset));
        if (delivery) {
            const created = Date.parse(delivery.createdAt);
            made.push(created - at);
            if (delivery.attempts.length) {
                queued.push(Date.parse(delivery.attempts[0].at) - created);
            }
        }
    });
    const p = (values: number[], rank: number): number => percentile([...values].sort((a, b) => a - b), rank);
    return { madeP50: p(made, 50), madeP95: p(made, 95), queuedP50: p(queued, 50), queuedP95: p(queued, 95) };
}

/** SMTP on the parent's loopback server, and the one e-mail rule: the fixture's events about one connection, every one mailed. */
async function configureEmail(store: FileDocumentStore, request: NotifyBenchRequest): Promise<void> {
    const now = new Date().toISOString();
    if (!store.get(EmailSettingsCollection, 'email')) {
        await store.create(EmailSettingsCollection, {
            id: 'email', host: '127.0.0.1', port: request.smtpPort, security: 'none', from: 'presswork@shop.test', verifyCertificate: false, updatedAt: now
        });
    }
    const rule: Omit<NotificationRule, 'version'> = {
        id: 'bench-email-rule', name: 'Store 7 failing', enabled: true, event: 'connection.failing',
        conditions: [{ property: 'connectionId', comparison: 'equals', value: EMAIL_CONNECTION }],
        channel: { kind: 'email', recipients: { userIds: [], addresses: ['ops@shop.test'], customer: false } },
        template: { subject: EMAIL_RULE_SUBJECT, text: '{connection} is failing since {since}: {reason}' },
        // Every match its own message (no quiet period; a digest only past 1,000 a minute), so each can be timed.
        storm: { quietMinutes: 0, digestAbove: 1000 },
        builtIn: false, createdAt: now, updatedAt: now
    };
    if (!store.get(RulesCollection, rule.id)) {
        await store.create(RulesCollection, rule);
    }
}

/** The same payloads POSTed and the same messages mailed straight from this process, at the same rates and concurrency. */
async function runBaseline(request: NotifyBenchRequest): Promise<PhasedRun> {
    const transport = nodemailer.createTransport({ pool: true, maxConnections: 3, host: '127.0.0.1', port: request.smtpPort, secure: false, ignoreTLS: true, logger: false });
    const url = new URL(`${request.webhookUrl}/baseline`);
    const phases: PhaseRun[] = [];
    for (const phase of request.phases) {
        const queue = new WorkQueue(NOTIFY_CONCURRENCY);
        const loop = monitorEventLoopDelay({ resolution: 1 });
        loop.enable();
        const sentAt = await paced(phase, (first, count, at) => {
            for (let index = first; index < first + count; index++) {
                const event = { ...notifyEvent(index, new Date(at).toISOString()), seq: index + 1 };
                queue.push(() => post(url, JSON.stringify({ id: `baseline-${index}`, events: [event] }), `baseline-${index}`));
                if (isMailed(index)) {
                    const { connection, since, reason } = event.payload;
                    queue.push(async () => {
                        await transport.sendMail({ from: 'presswork@shop.test', to: 'baseline@shop.test', subject: mailSubject(event.payload), text: `${connection} is failing since ${since}: ${reason}` });
                    });
                }
            }
        });
        await queue.drained();
        loop.disable();
        phases.push({ sentAt, eventLoop: delayOf(loop), unfinished: 0 });
    }
    transport.close();
    return { phases };
}

/** Runs pushed work, at most `concurrency` at a time, in the order pushed. */
class WorkQueue {
    protected readonly waiting: (() => Promise<void>)[] = [];
    protected running = 0;
    protected idle: (() => void) | undefined;

    constructor(protected readonly concurrency: number) { }

    push(work: () => Promise<void>): void {
        this.waiting.push(work);
        this.next();
    }

    drained(): Promise<void> {
        return this.running === 0 && this.waiting.length === 0 ? Promise.resolve() : new Promise(resolve => this.idle = resolve);
    }

    protected next(): void {
        while (this.running < this.concurrency && this.waiting.length) {
            const work = this.waiting.shift()!;
            this.running++;
            work().catch(() => undefined).finally(() => {
                this.running--;
                this.next();
                if (this.running === 0 && this.waiting.length === 0) {
                    this.idle?.();
                }
            });
        }
    }
}

/** A bare JSON POST with node's http, as the webhook channel sends it (without the signature). */
function post(url: URL, body: string, key: string): Promise<void> {
    return new Promise(resolve => {
        const request = http.request(url, {
            method: 'POST', headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key, 'Content-Length': Buffer.byteLength(body) }
        }, response => {
            response.resume();
            response.on('end', () => resolve());
        });
        request.on('error', () => resolve());
        request.end(body);
    });
}

/**
 * Calls `emit` every tick of 10 ms with the phase's events due by then (`rate` a second), catching
 * up when a tick comes late. Resolves with when each of its events was handed over (ms).
 */
async function paced(phase: NotifyPhase, emit: (first: number, count: number, at: number) => void): Promise<number[]> {
    const sentAt: number[] = [];
    const started = Date.now();
    while (sentAt.length < phase.events) {
        const now = Date.now();
        const due = Math.min(phase.events, Math.floor(((now - started) / 1000) * phase.rate) + 1);
        if (due > sentAt.length) {
            emit(phase.first + sentAt.length, due - sentAt.length, now);
            while (sentAt.length < due) {
                sentAt.push(now);
            }
        }
        await delay(10);
    }
    return sentAt;
}

function delayOf(histogram: ReturnType<typeof monitorEventLoopDelay>): EventLoopDelay {
    return { p50: histogram.percentile(50) / 1e6, p99: histogram.percentile(99) / 1e6, max: histogram.max / 1e6 };
}
