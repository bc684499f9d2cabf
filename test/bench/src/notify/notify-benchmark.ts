import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { runChild } from '../child-process';
import { TargetCheck, check } from '../results';
import { percentile } from '../statistics';
import { DeliveryStages, EventLoopDelay, NotifyBenchRequest, NotifyChildResult, NotifyPhase, PhaseRun, PhasedRun, eventIndexIn, isMailed } from './notify-protocol';

/** The load: events offered to both the backend and the baseline at `LOAD_RATE` a second. */
const EVENTS = 10_000;
const LOAD_RATE = 250;
/** Before it, a steady phase at a busy shop's rate, for the latency a shop sees. */
const STEADY = { events: 500, rate: 50 };
const DRAIN_TIMEOUT_MS = 30_000;
const TARGETS = { webhookP95Millis: 1_000, eventLoopP99Millis: 50 };

/** One thing received by the parent's webhook receiver or SMTP server, when (wall clock ms). */
interface Receipt {
    readonly channel: 'webhook' | 'email';
    readonly run: 'notifications' | 'baseline';
    readonly at: number;
    readonly index: number | undefined;
}

/** Delivery of one channel in one run: latency from publish (or the baseline's send) to receipt, ms. */
export interface ChannelFigures {
    readonly expected: number;
    readonly received: number;
    /** Received again (the same event a second time). */
    readonly repeats: number;
    readonly p50: number;
    readonly p95: number;
    readonly p99: number;
    readonly max: number;
    /** Events received per second, from the first publish to the last receipt. */
    readonly perSecond: number;
}

export interface RunFigures {
    readonly webhook: ChannelFigures;
    readonly email: ChannelFigures;
    readonly eventLoop: EventLoopDelay;
    readonly unfinished: number;
    readonly stages?: DeliveryStages;
}

export interface PhaseFigures {
    readonly phase: NotifyPhase;
    readonly notifications: RunFigures;
    readonly baseline: RunFigures;
}

export interface NotifyResults {
    readonly startedAt: string;
    readonly phases: readonly PhaseFigures[];
    readonly backendErrors: number;
    readonly checks: readonly TargetCheck[];
}

/**
 * Notifications (issue 13): events published through the real EventPublisher of the
 * notifications backend (journal, dispatcher, sender, webhook and e-mail channels over a data
 * folder, in a process of its own) to a webhook endpoint that wants them all and an e-mail rule
 * whose condition matches one in 50; the receiver and the SMTP server are in this process. First
 * 500 at 50 a second (a busy shop), then 10,000 offered at 250 a second (a load: how many a
 * second get through). The baseline, in the same backend process after it, POSTs the same
 * payloads and mails the same messages directly, at the same rates and concurrency. Latency is
 * from the event's publish (its `at`) to its receipt; the backend's event-loop delay is watched.
 */
export async function runNotifyBenchmark(workFolder: string, progress: (message: string) => void, events = EVENTS): Promise<NotifyResults> {
    const startedAt = new Date().toISOString();
    const receipts: Receipt[] = [];
    const receiver = await startReceiver(receipts);
    const smtp = await startSmtp(receipts);
    try {
        const phases: NotifyPhase[] = [
            { name: 'steady', first: 0, ...STEADY },
            { name: 'load', first: STEADY.events, events, rate: LOAD_RATE }
        ];
        progress(`notify: ${phases.map(phase => `${phase.events.toLocaleString('en-US')} events at ${phase.rate}/s`).join(', then ')}, through notifications, then straight (baseline)`);
        const request: NotifyBenchRequest = {
            folder: path.join(workFolder, 'notify'), webhookUrl: `http://127.0.0.1:${receiver.port}`, smtpPort: smtp.port, phases, drainTimeoutMs: DRAIN_TIMEOUT_MS
        };
        const result = await runChild<NotifyChildResult>('notify/notify-child.js', request);
        const figuresOf = (run: PhasedRun, name: Receipt['run'], index: number): RunFigures => figures(receipts, name, phases[index], run.phases[index]);
        const measured = phases.map((phase, index) => ({
            phase, notifications: figuresOf(result.notifications, 'notifications', index), baseline: figuresOf(result.baseline, 'baseline', index)
        }));
        const [steady, load] = measured;
        return {
            startedAt, phases: measured, backendErrors: result.errors,
            checks: [
                check(`publish → webhook receipt p95 at ${steady.phase.rate}/s`, steady.notifications.webhook.p95, TARGETS.webhookP95Millis, 'ms'),
                check(`publish → webhook receipt p95 at ${load.phase.rate}/s`, load.notifications.webhook.p95, TARGETS.webhookP95Millis, 'ms'),
                check('backend event-loop delay p99 (worst phase)', Math.max(...measured.map(each => each.notifications.eventLoop.p99)), TARGETS.eventLoopP99Millis, 'ms')
            ]
        };
    } finally {
        await receiver.stop();
        await smtp.stop();
    }
}

function figures(receipts: readonly Receipt[], run: Receipt['run'], phase: NotifyPhase, paced: PhaseRun): RunFigures {
    const inPhase = (index: number | undefined): index is number => index !== undefined && index >= phase.first && index < phase.first + phase.events;
    const channel = (kind: Receipt['channel'], expected: number): ChannelFigures => {
        const first = new Map<number, number>();
        let repeats = 0;
        for (const receipt of receipts) {
            if (receipt.run !== run || receipt.channel !== kind || !inPhase(receipt.index)) {
                continue;
            }
            if (first.has(receipt.index)) {
                repeats++;
            } else {
                first.set(receipt.index, receipt.at);
            }
        }
        const latencies = [...first].map(([index, at]) => at - paced.sentAt[index - phase.first]).sort((a, b) => a - b);
        const lastReceipt = Math.max(...first.values());
        const seconds = (lastReceipt - paced.sentAt[0]) / 1000;
        return {
            expected, received: first.size, repeats,
            p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99), max: latencies[latencies.length - 1],
            perSecond: first.size / seconds
        };
    };
    const mailed = paced.sentAt.filter((_, offset) => isMailed(phase.first + offset)).length;
    return { webhook: channel('webhook', paced.sentAt.length), email: channel('email', mailed), eventLoop: paced.eventLoop, unfinished: paced.unfinished, stages: paced.stages };
}

/** The webhook receiver: answers 200 at once and notes when each request's event arrived. */
async function startReceiver(receipts: Receipt[]): Promise<{ port: number; stop(): Promise<void> }> {
    const server = http.createServer((request, response) => {
        const chunks: Buffer[] = [];
        request.on('data', (chunk: Buffer) => chunks.push(chunk));
        request.on('end', () => {
            const at = Date.now();
            const run = request.url === '/baseline' ? 'baseline' : 'notifications';
            const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { events: { id: string }[] };
            for (const event of body.events) {
                receipts.push({ channel: 'webhook', run, at, index: Number(event.id.slice(event.id.lastIndexOf(':') + 1)) });
            }
            response.writeHead(200).end();
        });
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    return {
        port: (server.address() as AddressInfo).port,
        stop: () => new Promise(resolve => {
            server.closeAllConnections();
            server.close(() => resolve());
        })
    };
}

/** The SMTP server: takes every message and notes when the message about each event arrived. */
async function startSmtp(receipts: Receipt[]): Promise<{ port: number; stop(): Promise<void> }> {
    const server = new SMTPServer({
        logger: false, authOptional: true, disabledCommands: ['STARTTLS'],
        onData: (stream, session, callback) => {
            const chunks: Buffer[] = [];
            stream.on('data', (chunk: Buffer) => chunks.push(chunk));
            stream.on('end', () => {
                const at = Date.now();
                const run = session.envelope.rcptTo.some(recipient => recipient.address.startsWith('baseline@')) ? 'baseline' : 'notifications';
                const raw = Buffer.concat(chunks).toString('utf8').replace(/\r?\n[ \t]/g, ' ');
                receipts.push({ channel: 'email', run, at, index: eventIndexIn(raw) });
                callback();
            });
        }
    });
    const port = await new Promise<number>((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => resolve((server.server.address() as AddressInfo).port));
    });
    return { port, stop: () => new Promise(resolve => server.close(() => resolve())) };
}

export function formatNotifyReport(results: NotifyResults): string {
    const ms = (value: number): string => value.toFixed(0).padStart(7);
    const row = (label: string, figures: ChannelFigures): string =>
        `  ${label.padEnd(34)}${`${figures.received}/${figures.expected}`.padStart(13)}${ms(figures.p50)}${ms(figures.p95)}${ms(figures.p99)}${ms(figures.max)}` +
        `${figures.perSecond.toFixed(0).padStart(9)}${String(figures.repeats).padStart(9)}`;
    const loop = (delay: EventLoopDelay): string => `p50 ${delay.p50.toFixed(1)}, p99 ${delay.p99.toFixed(1)}, max ${delay.max.toFixed(1)} ms`;
    return [
        'Notifications: events published through EventPublisher → journal → rules → webhook endpoint (every event) and e-mail rule (1 in 50);',
        '  publish → receipt, ms. Baseline: the same POSTs and mails sent straight from the same process, same rate and concurrency (8).',
        `  ${''.padEnd(34)}${'received'.padStart(13)}${'p50'.padStart(7)}${'p95'.padStart(7)}${'p99'.padStart(7)}${'max'.padStart(7)}${'events/s'.padStart(9)}${'repeats'.padStart(9)}`,
        ...results.phases.flatMap(({ phase, notifications, baseline }) => [
            `  ${phase.name}: ${phase.events.toLocaleString('en-US')} events offered at ${phase.rate}/s`,
            row('  webhook, notifications', notifications.webhook),
            row('  webhook, baseline', baseline.webhook),
            row('  e-mail, notifications', notifications.email),
            row('  e-mail, baseline', baseline.email),
            `    event loop of the backend process: notifications ${loop(notifications.eventLoop)}; baseline ${loop(baseline.eventLoop)}`,
            `    webhook p95 notifications / baseline ${(notifications.webhook.p95 / Math.max(1, baseline.webhook.p95)).toFixed(1)} ×; deliveries unfinished ${notifications.unfinished}`,
            ...(notifications.stages ? [`    webhook deliveries: publish → made p50 ${notifications.stages.madeP50} / p95 ${notifications.stages.madeP95} ms (dispatcher); ` +
                `made → first attempt p50 ${notifications.stages.queuedP50} / p95 ${notifications.stages.queuedP95} ms (sender)`] : [])
        ]),
        `  backend errors logged: ${results.backendErrors}`,
        ...results.checks.map(item => `  ${item.name}: ${item.actual.toFixed(1)} ${item.unit} (limit ${item.limit}) ${item.met ? 'met' : 'MISSED'}`),
        ''
    ].join('\n');
}
