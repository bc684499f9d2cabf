import { z } from 'zod';
import { nls } from '@theia/core/lib/common/nls';
import type { Printer } from '@presswork/platform/lib/common/printer-schema';
import { FormDialog } from '@presswork/platform/lib/browser/form-dialog';
import { PrinterInput, PrinterInputSchema } from '../common/workflow-protocol';

const LABELS: Record<string, string> = {
    name: nls.localize('presswork/workflow/printerName', 'Name'), description: nls.localize('presswork/workflow/printerDescription', 'Description'), kind: nls.localize('presswork/workflow/printerKind', 'Kind'),
    folder: nls.localize('presswork/workflow/printerFolder', 'Hot folder'), host: nls.localize('presswork/workflow/printerHost', 'Host'), port: nls.localize('presswork/workflow/printerPort', 'Port'), enabled: nls.localize('presswork/workflow/printerEnabled', 'Enabled')
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
            context.addIssue({ code: 'custom', path: [field], message: nls.localize('presswork/workflow/printerFieldProblem', '{0}: {1}', LABELS[field] ?? field, issue.message) });
        }
        return z.NEVER;
    }
    return checked.data as PrinterInput;
});

/** Create or edit a printer: a hot folder (a DFE's input folder) or a raw socket (TCP, JetDirect port 9100). */
export function printerDialog(existing: Printer | undefined, submit: (input: PrinterInput) => Promise<unknown>): FormDialog<PrinterInput> {
    return new FormDialog<PrinterInput>({
        title: existing ? nls.localize('presswork/workflow/editPrinter', 'Edit printer {0}', existing.name) : nls.localize('presswork/workflow/newPrinterTitle', 'New printer'),
        acceptLabel: existing ? nls.localize('presswork/workflow/save', 'Save') : nls.localize('presswork/workflow/create', 'Create'),
        fields: [
            { name: 'name', label: LABELS.name, kind: 'text', initial: existing?.name },
            { name: 'description', label: LABELS.description, kind: 'text', initial: existing?.description },
            {
                name: 'kind', label: LABELS.kind, kind: 'choice', initial: existing?.kind ?? 'hot-folder', choices: [
                    { value: 'hot-folder', label: nls.localize('presswork/workflow/hotFolderChoice', 'Hot folder (a DFE\'s input folder)') },
                    { value: 'raw-socket', label: nls.localize('presswork/workflow/rawSocketChoice', 'Raw socket (TCP, JetDirect)') }
                ]
            },
            { name: 'folder', label: LABELS.folder, kind: 'text', initial: existing?.kind === 'hot-folder' ? existing.folder : '', placeholder: '/srv/dfe/input', help: nls.localize('presswork/workflow/folderHelp', 'Hot folder only: the folder on the server the DFE watches.') },
            { name: 'host', label: LABELS.host, kind: 'text', initial: existing?.kind === 'raw-socket' ? existing.host : '', placeholder: 'printer.example.com', help: nls.localize('presswork/workflow/hostHelp', 'Raw socket only: host name or IP address.') },
            { name: 'port', label: LABELS.port, kind: 'number', initial: existing?.kind === 'raw-socket' ? String(existing.port) : '9100', help: nls.localize('presswork/workflow/portHelp', 'Raw socket only; JetDirect listens on 9100.') },
            { name: 'enabled', label: LABELS.enabled, kind: 'checkbox', initial: String(existing?.enabled ?? true) }
        ],
        schema: PrinterFormSchema,
        submit
    });
}
