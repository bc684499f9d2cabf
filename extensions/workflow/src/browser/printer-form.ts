import { z } from 'zod';
import type { Printer } from '@presswork/platform/lib/common/printer-schema';
import { FormDialog } from '@presswork/platform/lib/browser/form-dialog';
import { PrinterInput, PrinterInputSchema } from '../common/workflow-protocol';

const LABELS: Record<string, string> = {
    name: 'Name', description: 'Description', kind: 'Kind', folder: 'Hot folder', host: 'Host', port: 'Port', enabled: 'Enabled'
};

/** The form's text values, turned into what the service takes, with the service's own rules. */
const PrinterFormSchema = z.object({
    name: z.string(),
    description: z.string(),
    kind: z.enum(['hot-folder', 'raw-socket']),
    folder: z.string(),
    host: z.string(),
    port: z.string(),
    enabled: z.enum(['true', 'false'])
}).transform((form, context) => {
    const common = { name: form.name.trim(), description: form.description, enabled: form.enabled === 'true' };
    const input = form.kind === 'hot-folder'
        ? { ...common, kind: form.kind, folder: form.folder.trim() }
        : { ...common, kind: form.kind, host: form.host.trim(), port: form.port.trim() ? Number(form.port) : 9100 };
    const checked = PrinterInputSchema.safeParse(input);
    if (!checked.success) {
        for (const issue of checked.error.issues) {
            const field = String(issue.path[0] ?? 'name');
            context.addIssue({ code: 'custom', path: [field], message: `${LABELS[field] ?? field}: ${issue.message}` });
        }
        return z.NEVER;
    }
    return checked.data as PrinterInput;
});

/** Create or edit a printer: a hot folder (a DFE's input folder) or a raw socket (TCP, JetDirect port 9100). */
export function printerDialog(existing: Printer | undefined, submit: (input: PrinterInput) => Promise<unknown>): FormDialog<PrinterInput> {
    return new FormDialog<PrinterInput>({
        title: existing ? `Edit printer ${existing.name}` : 'New printer',
        acceptLabel: existing ? 'Save' : 'Create',
        fields: [
            { name: 'name', label: 'Name', kind: 'text', initial: existing?.name },
            { name: 'description', label: 'Description', kind: 'text', initial: existing?.description },
            {
                name: 'kind', label: 'Kind', kind: 'choice', initial: existing?.kind ?? 'hot-folder', choices: [
                    { value: 'hot-folder', label: 'Hot folder (a DFE\'s input folder)' },
                    { value: 'raw-socket', label: 'Raw socket (TCP, JetDirect)' }
                ]
            },
            { name: 'folder', label: 'Hot folder', kind: 'text', initial: existing?.kind === 'hot-folder' ? existing.folder : '', placeholder: '/srv/dfe/input', help: 'Hot folder only: the folder on the server the DFE watches.' },
            { name: 'host', label: 'Host', kind: 'text', initial: existing?.kind === 'raw-socket' ? existing.host : '', placeholder: 'printer.example.com', help: 'Raw socket only: host name or IP address.' },
            { name: 'port', label: 'Port', kind: 'number', initial: existing?.kind === 'raw-socket' ? String(existing.port) : '9100', help: 'Raw socket only; JetDirect listens on 9100.' },
            { name: 'enabled', label: 'Enabled', kind: 'checkbox', initial: String(existing?.enabled ?? true) }
        ],
        schema: PrinterFormSchema,
        submit
    });
}
