import { z } from 'zod';
import { nls } from '@theia/core/lib/common/nls';
import type { PrinterView } from '@presswork/platform/lib/common/printer-schema';
import { FormDialog } from '@presswork/platform/lib/browser/form-dialog';
import { PrinterInput, PrinterInputSchema } from '../common/output-protocol';
import { checkedForService } from './form-check';

const LABELS: Record<string, string> = {
    name: nls.localize('presswork/output/printerName', 'Name'), description: nls.localize('presswork/output/printerDescription', 'Description'), kind: nls.localize('presswork/output/printerKind', 'Kind'),
    folder: nls.localize('presswork/output/printerFolder', 'Hot folder'), host: nls.localize('presswork/output/printerHost', 'Host'), port: nls.localize('presswork/output/printerPort', 'Port'),
    uri: nls.localize('presswork/output/printerUri', 'Printer URI'), userName: nls.localize('presswork/output/printerUserName', 'User name'),
    password: nls.localize('presswork/output/printerPassword', 'Password'), clearPassword: nls.localize('presswork/output/printerClearPassword', 'Remove the stored password'),
    enabled: nls.localize('presswork/output/printerEnabled', 'Enabled')
};

/** The form's text values, turned into what the service takes, with the service's own rules. */
const PrinterFormSchema = z.object({
    name: z.string(),
    description: z.string(),
    kind: z.enum(['hot-folder', 'raw-socket', 'ipp']),
    folder: z.string(),
    host: z.string(),
    port: z.string(),
    uri: z.string(),
    userName: z.string(),
    password: z.string(),
    clearPassword: z.enum(['true', 'false']).default('false'),
    enabled: z.enum(['true', 'false'])
}).transform((form, context) => {
    const common = { name: form.name.trim(), description: form.description, enabled: form.enabled === 'true' };
    const input = form.kind === 'hot-folder' ? { ...common, kind: form.kind, folder: form.folder.trim() }
        : form.kind === 'raw-socket' ? { ...common, kind: form.kind, host: form.host.trim(), port: form.port.trim() ? Number(form.port) : 9100 }
            : {
                ...common, kind: form.kind, uri: form.uri.trim(),
                ...(form.userName.trim() ? { userName: form.userName.trim() } : {}),
                ...(form.password ? { password: form.password } : {}),
                clearPassword: !form.password && form.clearPassword === 'true'
            };
    return checkedForService<PrinterInput>(PrinterInputSchema, input, LABELS, context);
});

/**
 * Create or edit a printer: a hot folder (a DFE's input folder), a raw socket (TCP, JetDirect port
 * 9100) or an IPP printer (ipp:// or ipps://). The password is never shown: left empty on an edit,
 * the stored one stays.
 */
export function printerDialog(existing: PrinterView | undefined, submit: (input: PrinterInput) => Promise<unknown>): FormDialog<PrinterInput> {
    const ipp = existing?.kind === 'ipp' ? existing : undefined;
    return new FormDialog<PrinterInput>({
        title: existing ? nls.localize('presswork/output/editPrinter', 'Edit printer {0}', existing.name) : nls.localize('presswork/output/newPrinterTitle', 'New printer'),
        acceptLabel: existing ? nls.localize('presswork/output/save', 'Save') : nls.localize('presswork/output/create', 'Create'),
        fields: [
            { name: 'name', label: LABELS.name, kind: 'text', initial: existing?.name },
            { name: 'description', label: LABELS.description, kind: 'text', initial: existing?.description },
            {
                name: 'kind', label: LABELS.kind, kind: 'choice', initial: existing?.kind ?? 'hot-folder', choices: [
                    { value: 'hot-folder', label: nls.localize('presswork/output/hotFolderChoice', 'Hot folder (a DFE\'s input folder)') },
                    { value: 'raw-socket', label: nls.localize('presswork/output/rawSocketChoice', 'Raw socket (TCP, JetDirect)') },
                    { value: 'ipp', label: nls.localize('presswork/output/ippChoice', 'IPP (ipp:// or ipps://)') }
                ]
            },
            { name: 'folder', label: LABELS.folder, kind: 'text', initial: existing?.kind === 'hot-folder' ? existing.folder : '', placeholder: '/srv/dfe/input', help: nls.localize('presswork/output/folderHelp', 'Hot folder only: the folder on the server the DFE watches.') },
            { name: 'host', label: LABELS.host, kind: 'text', initial: existing?.kind === 'raw-socket' ? existing.host : '', placeholder: 'printer.example.com', help: nls.localize('presswork/output/hostHelp', 'Raw socket only: host name or IP address.') },
            { name: 'port', label: LABELS.port, kind: 'number', initial: existing?.kind === 'raw-socket' ? String(existing.port) : '9100', help: nls.localize('presswork/output/portHelp', 'Raw socket only; JetDirect listens on 9100.') },
            { name: 'uri', label: LABELS.uri, kind: 'text', initial: ipp?.uri ?? '', placeholder: 'ipps://printer.example.com/ipp/print', help: nls.localize('presswork/output/uriHelp', 'IPP only: ipp:// or ipps://, the host, an optional port and the printer\'s path; no user name or password in it.') },
            { name: 'userName', label: LABELS.userName, kind: 'text', initial: ipp?.userName ?? '', autoComplete: 'off', help: nls.localize('presswork/output/userNameHelp', 'IPP only, if the printer asks for one.') },
            {
                name: 'password', label: LABELS.password, kind: 'password', initial: '', autoComplete: 'new-password',
                help: ipp?.passwordSet
                    ? nls.localize('presswork/output/passwordKeptHelp', 'IPP only. A password is set; leave this empty to keep it.')
                    : nls.localize('presswork/output/passwordHelp', 'IPP only, if the printer asks for one. It is stored encrypted and never shown again.')
            },
            ...(ipp?.passwordSet ? [{ name: 'clearPassword', label: LABELS.clearPassword, kind: 'checkbox' as const, initial: 'false' }] : []),
            { name: 'enabled', label: LABELS.enabled, kind: 'checkbox', initial: String(existing?.enabled ?? true) }
        ],
        schema: PrinterFormSchema,
        submit
    });
}
