import { z } from 'zod';
import { nls } from '@theia/core/lib/common/nls';
import { FormDialog, type FormField } from '@presswork/platform/lib/browser/form-dialog';
import { PRESSWORK_EVENT_NAMES } from '@presswork/platform/lib/common/presswork-events';
import { EVENT_CATALOG } from '../common/event-catalog';
import { type WebhookEndpointInput, WebhookEndpointInputSchema, type WebhookEndpointView } from '../common/notifications-protocol';
import { fieldProblems } from './field-problems';

const LABELS: Record<string, string> = {
    name: nls.localize('presswork/notifications/endpointName', 'Name'),
    url: nls.localize('presswork/notifications/endpointUrl', 'URL'),
    enabled: nls.localize('presswork/notifications/endpointEnabled', 'Enabled'),
    events: nls.localize('presswork/notifications/endpointEvents', 'Events')
};

const eventField = (name: string): string => `event:${name}`;

/** The form's values (one checkbox per event) as the service takes them, checked with its schema. */
const EndpointFormSchema = z.record(z.string(), z.string()).transform((form, context) => {
    const input = {
        name: form.name ?? '', url: (form.url ?? '').trim(), enabled: form.enabled === 'true',
        events: PRESSWORK_EVENT_NAMES.filter(name => form[eventField(name)] === 'true')
    };
    const checked = WebhookEndpointInputSchema.safeParse(input);
    if (!checked.success) {
        // The dialog shows the first problem; each names its field's label.
        const problems = fieldProblems(checked.error, path => String(path[0] ?? 'name'));
        Object.entries(problems).forEach(([field, message]) =>
            context.addIssue({ code: 'custom', path: [field], message: nls.localize('presswork/notifications/fieldProblem', '{0}: {1}', LABELS[field] ?? field, message) }));
        return z.NEVER;
    }
    return checked.data as WebhookEndpointInput;
});

/**
 * Create or edit a webhook endpoint: where Presswork POSTs events (signed with the endpoint's
 * secret) and which events it wants every one of (rules can send it filtered events too).
 */
export function endpointDialog(existing: WebhookEndpointView | undefined, submit: (input: WebhookEndpointInput) => Promise<unknown>): FormDialog<WebhookEndpointInput> {
    const wanted = new Set(existing?.events ?? []);
    const events: FormField[] = PRESSWORK_EVENT_NAMES.map(name => ({ name: eventField(name), label: EVENT_CATALOG[name].label, kind: 'checkbox', initial: String(wanted.has(name)) }));
    return new FormDialog<WebhookEndpointInput>({
        title: existing ? nls.localize('presswork/notifications/editEndpoint', 'Edit endpoint {0}', existing.name) : nls.localize('presswork/notifications/newEndpointTitle', 'New webhook endpoint'),
        acceptLabel: existing ? nls.localize('presswork/notifications/save', 'Save') : nls.localize('presswork/notifications/create', 'Create'),
        fields: [
            { name: 'name', label: LABELS.name, kind: 'text', initial: existing?.name },
            {
                name: 'url', label: LABELS.url, kind: 'text', initial: existing?.url ?? '', placeholder: nls.localize('presswork/notifications/endpointUrlExample', 'https://shop.example/hooks/presswork'),
                help: nls.localize('presswork/notifications/endpointUrlHelp', 'http:// or https://. Each event is POSTed as JSON and signed (HMAC-SHA256) with the endpoint\'s secret; redirects are not followed.')
            },
            { name: 'enabled', label: LABELS.enabled, kind: 'checkbox', initial: String(existing?.enabled ?? true) },
            ...events
        ],
        schema: EndpointFormSchema,
        submit
    });
}
