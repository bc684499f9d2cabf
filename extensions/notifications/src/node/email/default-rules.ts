import type { PressworkEventName } from '@presswork/platform/lib/common/presswork-events';
import { EVENT_CATALOG } from '../../common/event-catalog';
import type { NotificationRule } from '../../common/notifications-protocol';

/** The rules made when SMTP is provisioned at first start, by their fixed ids (made once). */
export const DEFAULT_RULES: readonly { readonly id: string; readonly event: PressworkEventName }[] = [
    { id: 'default-job-error', event: 'job.error' },
    { id: 'default-printer-needs-attention', event: 'printer.needs-attention' }
];

/**
 * The default rules, on, mailing `userIds` (the administrators: each one with an e-mail address
 * receives), with the catalog's default templates, which name the order number, the job and the
 * reason (or the printer and its problem) in words.
 */
export function defaultRules(userIds: readonly string[], now: string): Omit<NotificationRule, 'version'>[] {
    return DEFAULT_RULES.map(({ id, event }) => {
        const entry = EVENT_CATALOG[event];
        return {
            id,
            name: entry.label,
            enabled: true,
            event,
            conditions: [],
            channel: { kind: 'email', recipients: { userIds: [...userIds], addresses: [], customer: false } },
            template: { subject: entry.defaultSubject, text: entry.defaultText },
            storm: { quietMinutes: 15, digestAbove: 10 },
            builtIn: true,
            createdAt: now,
            updatedAt: now
        };
    });
}
