import { z } from 'zod';
import { nls } from '@theia/core/lib/common/nls';
import type { PrinterView } from '@presswork/platform/lib/common/printer-schema';
import { FormDialog } from '@presswork/platform/lib/browser/form-dialog';
import type { Medium } from '../common/tickets/media-catalog';
import { PrinterPoolInput, PrinterPoolInputSchema } from '../common/output-protocol';
import { MediumInput, MediumInputSchema } from '../common/tickets/media-catalog';
import type { PrinterPool } from '@presswork/platform/lib/common/printer-pool-schema';
import { reportIssues } from './printer-form';

const POOL_LABELS: Record<string, string> = {
    name: nls.localize('presswork/output/poolName', 'Name'),
    printerIds: nls.localize('presswork/output/poolPrinters', 'Printers, in order'),
    handOverAfterMinutes: nls.localize('presswork/output/poolHandOver', 'Hand over after (minutes)')
};

const MEDIUM_LABELS: Record<string, string> = {
    name: nls.localize('presswork/output/mediumName', 'Name'), sizeName: nls.localize('presswork/output/mediumSize', 'Size'),
    type: nls.localize('presswork/output/mediumType', 'Type'), weightGsm: nls.localize('presswork/output/mediumWeight', 'Weight (g/m²)'),
    color: nls.localize('presswork/output/mediumColor', 'Colour'), key: nls.localize('presswork/output/mediumKey', 'Media key')
};

/** Printer names, one after another, separated by commas: the order a job tries them. */
function printerIdsOf(text: string, printers: readonly PrinterView[]): { ids: string[]; unknown: string[] } {
    const names = text.split(',').map(name => name.trim()).filter(Boolean);
    const byName = new Map(printers.map(printer => [printer.name.toLowerCase(), printer.id]));
    return {
        ids: names.flatMap(name => byName.get(name.toLowerCase()) ?? []),
        unknown: names.filter(name => !byName.has(name.toLowerCase()))
    };
}

/** Create or edit a printer pool: its printers by name, in the order a job tries them. */
export function poolDialog(existing: PrinterPool | undefined, printers: readonly PrinterView[], submit: (input: PrinterPoolInput) => Promise<unknown>): FormDialog<PrinterPoolInput> {
    const names = new Map(printers.map(printer => [printer.id, printer.name]));
    const schema = z.object({ name: z.string(), printerIds: z.string(), handOverAfterMinutes: z.string() }).transform((form, context) => {
        const { ids, unknown } = printerIdsOf(form.printerIds, printers);
        if (unknown.length) {
            context.addIssue({ code: 'custom', path: ['printerIds'], message: nls.localize('presswork/output/unknownPrinters', 'No printer is named {0}', unknown.join(', ')) });
            return z.NEVER;
        }
        const minutes = form.handOverAfterMinutes.trim();
        const checked = PrinterPoolInputSchema.safeParse({ name: form.name, printerIds: ids, ...(minutes ? { handOverAfterMinutes: Number(minutes) } : {}) });
        if (!checked.success) {
            reportIssues(checked.error.issues, POOL_LABELS, context);
            return z.NEVER;
        }
        return checked.data as PrinterPoolInput;
    });
    return new FormDialog<PrinterPoolInput>({
        title: existing ? nls.localize('presswork/output/editPool', 'Edit pool {0}', existing.name) : nls.localize('presswork/output/newPoolTitle', 'New printer pool'),
        acceptLabel: existing ? nls.localize('presswork/output/save', 'Save') : nls.localize('presswork/output/create', 'Create'),
        fields: [
            { name: 'name', label: POOL_LABELS.name, kind: 'text', initial: existing?.name },
            {
                name: 'printerIds', label: POOL_LABELS.printerIds, kind: 'text', initial: existing?.printerIds.map(id => names.get(id) ?? id).join(', ') ?? '',
                help: nls.localize('presswork/output/poolPrintersHelp', 'Printer names separated by commas; a job tries them in this order.')
            },
            {
                name: 'handOverAfterMinutes', label: POOL_LABELS.handOverAfterMinutes, kind: 'number', initial: String(existing?.handOverAfterMinutes ?? 5),
                help: nls.localize('presswork/output/poolHandOverHelp', 'A job waiting this long on one printer goes to the next.')
            }
        ],
        schema,
        submit
    });
}

/** Create or edit a medium of the catalog. */
export function mediumDialog(existing: Medium | undefined, submit: (input: MediumInput) => Promise<unknown>): FormDialog<MediumInput> {
    const schema = z.object({ name: z.string(), sizeName: z.string(), type: z.string(), weightGsm: z.string(), color: z.string(), key: z.string() }).transform((form, context) => {
        const optional = (value: string): string | undefined => value.trim() || undefined;
        const checked = MediumInputSchema.safeParse({
            name: form.name, sizeName: form.sizeName, type: optional(form.type), color: optional(form.color), key: optional(form.key),
            weightGsm: form.weightGsm.trim() ? Number(form.weightGsm) : undefined
        });
        if (!checked.success) {
            reportIssues(checked.error.issues, MEDIUM_LABELS, context);
            return z.NEVER;
        }
        return checked.data as MediumInput;
    });
    return new FormDialog<MediumInput>({
        title: existing ? nls.localize('presswork/output/editMedium', 'Edit medium {0}', existing.name) : nls.localize('presswork/output/newMediumTitle', 'New medium'),
        acceptLabel: existing ? nls.localize('presswork/output/save', 'Save') : nls.localize('presswork/output/create', 'Create'),
        fields: [
            { name: 'name', label: MEDIUM_LABELS.name, kind: 'text', initial: existing?.name },
            { name: 'sizeName', label: MEDIUM_LABELS.sizeName, kind: 'text', initial: existing?.sizeName, placeholder: 'na_letter_8.5x11in', help: nls.localize('presswork/output/mediumSizeHelp', 'The PWG size name, e.g. na_letter_8.5x11in or iso_a4_210x297mm.') },
            { name: 'type', label: MEDIUM_LABELS.type, kind: 'text', initial: existing?.type ?? '' },
            { name: 'weightGsm', label: MEDIUM_LABELS.weightGsm, kind: 'number', initial: existing?.weightGsm === undefined ? '' : String(existing.weightGsm) },
            { name: 'color', label: MEDIUM_LABELS.color, kind: 'text', initial: existing?.color ?? '' },
            { name: 'key', label: MEDIUM_LABELS.key, kind: 'text', initial: existing?.key ?? '' }
        ],
        schema,
        submit
    });
}
