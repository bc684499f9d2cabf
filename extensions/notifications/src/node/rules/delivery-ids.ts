import { createHash } from 'node:crypto';

/**
 * Delivery ids derived from what caused them, so dispatching the same event again (after a crash,
 * before the position moved on) finds the delivery made already instead of making a second one.
 */
export namespace DeliveryIds {
    /** A rule's message about one event. */
    export function ofRuleEvent(ruleId: string, eventId: string): string {
        return hashed('rule', ruleId, 'event', eventId);
    }

    /** A rule's held message (a digest, or what a quiet period held back) due at `slot`. */
    export function ofRuleHeld(ruleId: string, scope: string, slot: string): string {
        return hashed('rule', ruleId, 'held', scope, slot);
    }

    /** An endpoint's POST of one event it subscribed to. */
    export function ofEndpointEvent(endpointId: string, eventId: string): string {
        return hashed('endpoint', endpointId, 'event', eventId);
    }

    function hashed(...parts: string[]): string {
        return `d${createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 40)}`;
    }
}
