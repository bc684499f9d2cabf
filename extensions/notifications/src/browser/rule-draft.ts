import { z } from 'zod';
import { nls } from '@theia/core/lib/common/nls';
import { PressworkEventPayloads, type PressworkEventName } from '@presswork/platform/lib/common/presswork-events';
import { EmailAddressSchema } from '@presswork/platform/lib/common/user-schema';
import { EVENT_CATALOG } from '../common/event-catalog';
import {
    type Comparison, MAX_RULE_CONDITIONS, type NotificationRule, type NotificationRuleInput, NotificationRuleInputSchema
} from '../common/notifications-protocol';
import { isNumberOrTime, payloadPropertiesOf, unknownPlaceholders } from '../common/rule-validation';
import { fieldProblems, type FieldProblems, wholeNumberIn } from './field-problems';

export interface ConditionDraft {
    readonly property: string;
    readonly comparison: Comparison;
    readonly value: string;
}

/** The rule editor's fields as typed: text stays text until the rule is checked. */
export interface RuleDraft {
    readonly name: string;
    readonly enabled: boolean;
    readonly event: PressworkEventName;
    readonly conditions: readonly ConditionDraft[];
    readonly channel: 'email' | 'webhook';
    readonly userIds: readonly string[];
    /** Fixed addresses, separated by commas, spaces or lines. */
    readonly addresses: string;
    readonly customer: boolean;
    readonly endpointId: string;
    readonly subject: string;
    readonly text: string;
    readonly html: string;
    /** Once the administrator edits the template, choosing another event no longer replaces it. */
    readonly templateEdited: boolean;
    readonly quietMinutes: string;
    readonly digestAbove: string;
}

export const DEFAULT_EVENT: PressworkEventName = 'job.error';

/** The values a property can take when the payload names them (a job's state, a printer's state), else undefined. */
export function propertyChoices(event: PressworkEventName, property: string): readonly string[] | undefined {
    let schema: unknown = (PressworkEventPayloads[event].shape as Record<string, z.ZodType>)[property];
    if (schema instanceof z.ZodOptional) {
        schema = schema.unwrap();
    }
    return schema instanceof z.ZodEnum ? schema.options.map(String) : undefined;
}

export function newRuleDraft(event: PressworkEventName = DEFAULT_EVENT): RuleDraft {
    const entry = EVENT_CATALOG[event];
    return {
        name: '', enabled: true, event, conditions: [], channel: 'email', userIds: [], addresses: '', customer: false, endpointId: '',
        subject: entry.defaultSubject, text: entry.defaultText, html: '', templateEdited: false, quietMinutes: '15', digestAbove: '10'
    };
}

export function draftOfRule(rule: NotificationRule): RuleDraft {
    const email = rule.channel.kind === 'email' ? rule.channel.recipients : undefined;
    return {
        name: rule.name, enabled: rule.enabled, event: rule.event, conditions: rule.conditions.map(condition => ({ ...condition })),
        channel: rule.channel.kind, userIds: email?.userIds ?? [], addresses: email?.addresses.join(', ') ?? '', customer: email?.customer ?? false,
        endpointId: rule.channel.kind === 'webhook' ? rule.channel.endpointId : '',
        subject: rule.template.subject, text: rule.template.text, html: rule.template.html ?? '', templateEdited: true,
        quietMinutes: String(rule.storm.quietMinutes), digestAbove: String(rule.storm.digestAbove)
    };
}

/**
 * Another event: conditions on properties it does not have go, the customer only stays for order
 * and job events, and an untouched template becomes the new event's default.
 */
export function withEvent(draft: RuleDraft, event: PressworkEventName): RuleDraft {
    const properties = new Set(payloadPropertiesOf(event));
    const entry = EVENT_CATALOG[event];
    return {
        ...draft, event,
        conditions: draft.conditions.filter(condition => !condition.property || properties.has(condition.property)),
        customer: entry.aboutOrder && draft.customer,
        ...(draft.templateEdited ? {} : { subject: entry.defaultSubject, text: entry.defaultText, html: '' })
    };
}

export function canAddCondition(draft: RuleDraft): boolean {
    return draft.conditions.length < MAX_RULE_CONDITIONS;
}

export function withCondition(draft: RuleDraft): RuleDraft {
    return canAddCondition(draft) ? { ...draft, conditions: [...draft.conditions, { property: payloadPropertiesOf(draft.event)[0], comparison: 'equals', value: '' }] } : draft;
}

export function addressesOf(text: string): string[] {
    return text.split(/[\s,;]+/).map(address => address.trim()).filter(Boolean);
}

/** The form key of a problem the service's schema found at `path` of the rule. */
function ruleFieldOf(path: readonly PropertyKey[]): string {
    const [first, second, third] = path.map(String);
    switch (first) {
        case 'conditions': return second === undefined ? 'conditions' : `conditions.${second}.${third ?? 'property'}`;
        case 'channel': return second === 'endpointId' ? 'endpointId' : third === 'addresses' ? 'addresses' : 'recipients';
        case 'template': return second ?? 'subject';
        case 'storm': return second ?? 'quietMinutes';
        default: return first ?? 'name';
    }
}

export interface CheckedRule {
    readonly input?: NotificationRuleInput;
    readonly problems: FieldProblems;
}

/** The draft as the service takes it, or what is wrong with it, field by field, in words. */
export function checkRuleDraft(draft: RuleDraft): CheckedRule {
    const problems: Record<string, string> = {};
    const addresses = addressesOf(draft.addresses);
    const badAddresses = addresses.filter(address => !EmailAddressSchema.safeParse(address).success);
    if (badAddresses.length) {
        problems.addresses = nls.localize('presswork/notifications/badAddresses', 'Not an e-mail address: {0}', badAddresses.join(', '));
    }
    if (draft.channel === 'email' && !draft.userIds.length && !addresses.length && !draft.customer) {
        problems.recipients = nls.localize('presswork/notifications/noRecipients', 'Choose at least one recipient: a user, an address or the order\'s customer.');
    }
    if (draft.channel === 'webhook' && !draft.endpointId) {
        problems.endpointId = nls.localize('presswork/notifications/noEndpoint', 'Choose the webhook endpoint to send to.');
    }
    const quietMinutes = wholeNumberIn(draft.quietMinutes, 0, 24 * 60);
    if (quietMinutes === undefined) {
        problems.quietMinutes = nls.localize('presswork/notifications/badQuietMinutes', 'Whole minutes from 0 to 1440.');
    }
    const digestAbove = wholeNumberIn(draft.digestAbove, 1, 1000);
    if (digestAbove === undefined) {
        problems.digestAbove = nls.localize('presswork/notifications/badDigestAbove', 'A whole number from 1 to 1000.');
    }
    for (const field of ['subject', 'text', 'html'] as const) {
        const unknown = unknownPlaceholders(draft.event, draft[field]);
        if (unknown.length) {
            problems[field] = nls.localize('presswork/notifications/unknownPlaceholders', 'This event has no {0}; the placeholders it has are listed below.', unknown.map(name => `{${name}}`).join(', '));
        }
    }
    draft.conditions.forEach((condition, index) => {
        if ((condition.comparison === 'greater-than' || condition.comparison === 'less-than') && !isNumberOrTime(condition.value)) {
            problems[`conditions.${index}.value`] = nls.localize('presswork/notifications/notNumberOrTime', 'Condition {0}: compare with a number or a date and time (2026-12-05T14:30:00Z).', index + 1);
        }
    });
    const input: NotificationRuleInput = {
        name: draft.name, enabled: draft.enabled, event: draft.event,
        conditions: draft.conditions.map(condition => ({ ...condition })),
        channel: draft.channel === 'email'
            ? { kind: 'email', recipients: { userIds: [...draft.userIds], addresses, customer: EVENT_CATALOG[draft.event].aboutOrder && draft.customer } }
            : { kind: 'webhook', endpointId: draft.endpointId },
        template: { subject: draft.subject, text: draft.text, ...(draft.html.trim() ? { html: draft.html } : {}) },
        storm: { quietMinutes: quietMinutes ?? 0, digestAbove: digestAbove ?? 1 }
    };
    const checked = NotificationRuleInputSchema.safeParse(input);
    const schemaProblems = checked.success ? {} : fieldProblems(checked.error, ruleFieldOf);
    const all = { ...schemaProblems, ...problems };
    return Object.keys(all).length ? { problems: all } : { input, problems: {} };
}

/** A stored rule as the service takes it back (to switch it on or off). */
export function inputOfRule(rule: NotificationRule): NotificationRuleInput {
    return { name: rule.name, enabled: rule.enabled, event: rule.event, conditions: rule.conditions, channel: rule.channel, template: rule.template, storm: rule.storm };
}
