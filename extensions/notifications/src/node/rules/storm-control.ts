import type { PressworkEvent } from '@presswork/platform/lib/common/presswork-events';
import type { NotificationRule } from '../../common/notifications-protocol';
import type { DispatcherState } from './dispatcher-state';

const MINUTE = 60_000;
/** Storm state older than the longest quiet period is forgotten. */
const FORGET_AFTER = 24 * 60 * MINUTE;

/** Where an event's message goes: on its own, now, or into a message held back until `slot`. */
export type StormDecision =
    | { readonly kind: 'single' }
    | {
        readonly kind: 'held';
        /** `digest` (a storm of the rule) or the event's subject (a quiet period). */
        readonly scope: string;
        /** When the held message is due (ISO). */
        readonly slot: string;
        /** How many events it carries with this one. */
        readonly count: number;
    };

export type StormState = Pick<DispatcherState, 'quiet' | 'minutes'>;

/**
 * Storm control, in event time (so dispatching the same events again decides the same):
 * - more than `digestAbove` matches of a rule within a minute: the first `digestAbove` go on their
 *   own, the rest into one digest due at the end of that minute;
 * - at most one message per rule and subject per `quietMinutes`: the first match goes at once, the
 *   later ones within the quiet period are held and folded into one message due when it ends (which
 *   opens the next quiet period), so nothing is dropped and a flapping job mails once per period.
 * `plan` does not change the state; `commit` records the decision once it took effect.
 * `closed(scope, slot)` says that the held message of that slot has gone already: the event then
 * goes to the next slot.
 */
export class StormControl {
    constructor(protected readonly state: StormState) { }

    plan(rule: NotificationRule, event: PressworkEvent, canDigest: boolean, closed: (scope: string, slot: string) => boolean): { decision: StormDecision; commit(): void } {
        const t = Date.parse(event.at);
        const digest = canDigest ? this.planDigest(rule, t, closed) : undefined;
        if (digest) {
            return digest;
        }
        const quietMs = rule.storm.quietMinutes * MINUTE;
        const key = `${rule.id}|${event.subject}`;
        const entry = this.state.quiet[key];
        const countMinute = canDigest ? () => this.countMinute(rule.id, t) : () => undefined;
        if (quietMs === 0 || !entry || t >= Date.parse(entry.slot) + quietMs) {
            return {
                decision: { kind: 'single' },
                commit: () => { countMinute(); if (quietMs) { this.state.quiet[key] = { slot: event.at, held: 0 }; } }
            };
        }
        const last = Date.parse(entry.slot);
        let slot = last > t ? last : last + quietMs;
        let held = slot === last ? entry.held : 0;
        while (closed(event.subject, iso(slot))) {
            slot += quietMs;
            held = 0;
        }
        const next = { slot: iso(slot), held: held + 1 };
        return {
            decision: { kind: 'held', scope: event.subject, slot: next.slot, count: next.held },
            commit: () => { countMinute(); this.state.quiet[key] = next; }
        };
    }

    /** Drops what no longer matters as of event time `now`. */
    forget(now: number): void {
        for (const [key, entry] of Object.entries(this.state.quiet)) {
            if (Date.parse(entry.slot) < now - FORGET_AFTER) {
                delete this.state.quiet[key];
            }
        }
        for (const [key, minute] of Object.entries(this.state.minutes)) {
            if (Date.parse(minute.start) < now - MINUTE) {
                delete this.state.minutes[key];
            }
        }
    }

    protected planDigest(rule: NotificationRule, t: number, closed: (scope: string, slot: string) => boolean): { decision: StormDecision; commit(): void } | undefined {
        let minute = this.currentMinute(rule.id, t);
        if (minute.count < rule.storm.digestAbove) {
            return undefined;
        }
        let end = minute.start + MINUTE;
        while (closed('digest', iso(end))) {
            // That minute's digest has gone: the storm goes on in the next minute's.
            minute = { start: end, count: rule.storm.digestAbove };
            end += MINUTE;
        }
        const next = { start: iso(minute.start), count: minute.count + 1 };
        return {
            decision: { kind: 'held', scope: 'digest', slot: iso(end), count: next.count - rule.storm.digestAbove },
            commit: () => { this.state.minutes[rule.id] = next; }
        };
    }

    protected countMinute(ruleId: string, t: number): void {
        const minute = this.currentMinute(ruleId, t);
        this.state.minutes[ruleId] = { start: iso(minute.start), count: minute.count + 1 };
    }

    protected currentMinute(ruleId: string, t: number): { start: number; count: number } {
        const minute = this.state.minutes[ruleId];
        const start = minute ? Date.parse(minute.start) : undefined;
        return start !== undefined && t < start + MINUTE ? { start, count: minute.count } : { start: t, count: 0 };
    }
}

function iso(ms: number): string {
    return new Date(ms).toISOString();
}
