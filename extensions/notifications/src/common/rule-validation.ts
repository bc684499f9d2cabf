import { PressworkEventPayloads, type PressworkEventName } from '@presswork/platform/lib/common/presswork-events';
import { EVENT_CATALOG } from './event-catalog';
import { placeholdersOf } from './message-template';
import type { NotificationRuleInput } from './notifications-protocol';

/** What every message may name besides the payload: the event's label and when it happened. */
export const ENVELOPE_PLACEHOLDERS = ['event', 'at'] as const;

/** The properties of an event's payload, as conditions and placeholders name them. */
export function payloadPropertiesOf(event: PressworkEventName): string[] {
    return Object.keys(PressworkEventPayloads[event].shape);
}

/** The placeholders of `template` that an event of this kind cannot fill in. */
export function unknownPlaceholders(event: PressworkEventName, ...templates: (string | undefined)[]): string[] {
    const known = new Set<string>([...payloadPropertiesOf(event), ...ENVELOPE_PLACEHOLDERS]);
    const names = new Set(templates.flatMap(template => template ? placeholdersOf(template) : []));
    return [...names].filter(name => !known.has(name));
}

/**
 * What is wrong with a rule for its event, each in words ("{trackingNumber} is not a property of Job
 * in Error events"); empty when nothing. Checks what zod cannot: the names against the event's payload.
 */
export function ruleProblems(rule: Pick<NotificationRuleInput, 'event' | 'conditions' | 'channel' | 'template'>): string[] {
    const entry = EVENT_CATALOG[rule.event];
    const events = `${entry.label} events`;
    const properties = new Set(payloadPropertiesOf(rule.event));
    const problems: string[] = [];
    (rule.conditions ?? []).forEach((condition, index) => {
        if (!properties.has(condition.property)) {
            problems.push(`Condition ${index + 1}: ${condition.property} is not a property of ${events}`);
        } else if ((condition.comparison === 'greater-than' || condition.comparison === 'less-than') && !isNumberOrTime(condition.value)) {
            problems.push(`Condition ${index + 1}: ${condition.comparison.replace('-', ' ')} needs a number or a date and time, not "${condition.value}"`);
        }
    });
    const { subject, text, html } = rule.template;
    for (const name of unknownPlaceholders(rule.event, subject, text, html)) {
        problems.push(`{${name}} is not a property of ${events}`);
    }
    if (rule.channel.kind === 'email' && rule.channel.recipients.customer && !entry.aboutOrder) {
        problems.push(`${events} are not about an order, so they cannot go to the order's customer`);
    }
    return problems;
}

/** A number ("3", "2.5") or a date and time ("2026-12-05T14:30:00Z"). */
export function isNumberOrTime(value: string): boolean {
    return asNumber(value) !== undefined || asTime(value) !== undefined;
}

export function asNumber(value: unknown): number | undefined {
    if (typeof value === 'number') {
        return Number.isFinite(value) ? value : undefined;
    }
    if (typeof value !== 'string' || !/^\s*-?\d+(\.\d+)?\s*$/.test(value)) {
        return undefined;
    }
    return Number(value);
}

/** Milliseconds of an ISO date (with or without a time), or undefined. */
export function asTime(value: unknown): number | undefined {
    if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(value.trim())) {
        return undefined;
    }
    const time = Date.parse(value.trim());
    return Number.isNaN(time) ? undefined : time;
}
