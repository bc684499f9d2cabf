import { z } from 'zod';
import { nls } from '@theia/core/lib/common/nls';
import { FormDialog } from '@presswork/platform/lib/browser/form-dialog';
import { ConnectionInput, ConnectionInputSchema, pollingIntervalWarning } from '../common/connection-input';
import type { ConnectionView } from '../common/connections-protocol';

/** The form's text values, turned into what the service expects. */
const ConnectionFormSchema = z.object({
    name: z.string(),
    description: z.string(),
    endpointUrl: z.string().trim(),
    orderToken: z.string().transform(token => token.trim() || undefined),
    closeoutToken: z.string().transform(token => token.trim() || undefined),
    clearCloseoutToken: z.enum(['true', 'false']).transform(value => value === 'true'),
    timeZone: z.string().trim(),
    pollingIntervalSeconds: z.coerce.number({ error: 'Polling interval must be a number of seconds' }),
    firstLookBackHours: z.coerce.number({ error: 'First look-back must be a number of hours' }),
    printFileHosts: z.string().transform(hosts => hosts.split(/[\s,]+/).filter(host => host !== '')),
    enabled: z.enum(['true', 'false']).transform(value => value === 'true')
}).superRefine((input, context) => {
    // The service's own rules, so that the dialog names a problem before the server has to; the
    // issues go on as zod made them, so the form words them as sentences about their fields.
    const checked = ConnectionInputSchema.safeParse(input);
    checked.error?.issues.forEach(issue => context.addIssue({ ...issue }));
});

const tokenHelp = (set: boolean | undefined, unsetText: string): string =>
    set ? 'Set. Leave empty to keep it; type a new one to replace it.' : unsetText;

/** The create and edit dialog of a connection. Tokens are write-only: the form shows only whether they are set. */
export function connectionDialog(existing: ConnectionView | undefined, submit: (input: ConnectionInput) => Promise<unknown>): FormDialog<ConnectionInput> {
    return new FormDialog<ConnectionInput>({
        title: existing ? `Edit connection ${existing.name}` : 'New connection',
        acceptLabel: existing ? 'Save' : 'Create',
        fields: [
            { name: 'name', label: 'Name', kind: 'text', initial: existing?.name },
            { name: 'description', label: 'Description', kind: 'text', initial: existing?.description },
            { name: 'endpointUrl', label: 'Endpoint URL', kind: 'text', initial: existing?.endpointUrl, placeholder: 'https://services.printable.com' },
            { name: 'orderToken', label: 'Order token', kind: 'password', autoComplete: 'off', help: tokenHelp(existing?.orderTokenSet, 'Not set.') },
            { name: 'closeoutToken', label: 'Closeout token', kind: 'password', autoComplete: 'off', help: tokenHelp(existing?.closeoutTokenSet, 'Not set: the order token is used for closeout.') },
            { name: 'clearCloseoutToken', label: 'Use the order token for closeout', kind: 'checkbox', initial: 'false' },
            { name: 'timeZone', label: 'Store time zone', kind: 'text', initial: existing?.timeZone ?? 'America/Los_Angeles', help: 'An IANA name; daylight saving follows the time-zone database.' },
            { name: 'pollingIntervalSeconds', label: 'Polling interval (seconds)', kind: 'number', initial: String(existing?.pollingIntervalSeconds ?? 300), help: pollingIntervalWarning(1) },
            { name: 'firstLookBackHours', label: 'First look-back (hours)', kind: 'number', initial: String(existing?.firstLookBackHours ?? 24), help: 'Orders placed this long before the first poll are taken in too.' },
            {
                name: 'printFileHosts', label: nls.localize('presswork/connections/printFileHosts', 'Print file hosts'), kind: 'text',
                initial: existing?.printFileHosts.join(', ') ?? '', placeholder: 'files.example.com',
                help: nls.localize('presswork/connections/printFileHostsHelp',
                    'Print files are downloaded only from the endpoint\'s host and these hosts (separate them with commas).')
            },
            { name: 'enabled', label: 'Enabled', kind: 'checkbox', initial: String(existing?.enabled ?? false) }
        ],
        schema: ConnectionFormSchema,
        submit
    });
}
