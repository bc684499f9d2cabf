/** The notifications benchmark's parent and backend process agree on these. */

/** Deliveries sent at once: DeliverySender's default, and the baseline's workers. */
export const NOTIFY_CONCURRENCY = 8;
/** The e-mail rule's condition: events about this connection (one in 50) are mailed. */
export const EMAIL_CONNECTION = 'bench-7';
/** The e-mail rule's subject; `(event N)` in the reason tells the receiver which event a message is about. */
export const EMAIL_RULE_SUBJECT = '{connection} failing: {reason}';

/** Whether fixture event `index` matches the e-mail rule (its connection is `index % 50`). */
export function isMailed(index: number): boolean {
    return index % 50 === 7;
}

export function mailSubject(payload: { readonly connection: string; readonly reason: string }): string {
    return EMAIL_RULE_SUBJECT.replace('{connection}', payload.connection).replace('{reason}', payload.reason);
}

/** The fixture event a message or request is about, from the `(event N)` its text carries. */
export function eventIndexIn(text: string): number | undefined {
    const match = /\(event (\d+)\)/.exec(text);
    return match ? Number(match[1]) : undefined;
}

export interface NotifyBenchRequest {
    readonly folder: string;
    /** The parent's receiver; `/notifications` and `/baseline` are appended. */
    readonly webhookUrl: string;
    readonly smtpPort: number;
    /** Run one after another, in both runs; a phase begins once the one before is delivered. */
    readonly phases: readonly NotifyPhase[];
    /** How long a phase of the notifications run may take after its last publish to deliver everything. */
    readonly drainTimeoutMs: number;
}

/** `events` fixture events from index `first`, `rate` a second. */
export interface NotifyPhase {
    readonly name: string;
    readonly first: number;
    readonly events: number;
    readonly rate: number;
}

/** Milliseconds. */
export interface EventLoopDelay {
    readonly p50: number;
    readonly p99: number;
    readonly max: number;
}

/** One phase: when each of its events was published (or sent, for the baseline), wall clock ms, by offset in the phase. */
export interface PhaseRun {
    readonly sentAt: readonly number[];
    readonly eventLoop: EventLoopDelay;
    /** Deliveries not recorded as delivered when the run gave up waiting. */
    readonly unfinished: number;
    /** Notifications only: where the webhook deliveries spent their time. */
    readonly stages?: DeliveryStages;
}

/** From the delivery log, ms: publish → the dispatcher made the delivery, made → the sender's first attempt. */
export interface DeliveryStages {
    readonly madeP50: number;
    readonly madeP95: number;
    readonly queuedP50: number;
    readonly queuedP95: number;
}

export interface PhasedRun {
    readonly phases: readonly PhaseRun[];
}

export interface NotifyChildResult {
    readonly notifications: PhasedRun;
    readonly baseline: PhasedRun;
    /** Errors the backend logged. */
    readonly errors: number;
}
