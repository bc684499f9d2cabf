import { z } from 'zod';
import type { ActivityDefinition } from '@presswork/platform/lib/common/activity-ui-contribution';
import { COLOR_MODES, SIDES } from '@presswork/platform/lib/common/job-ticket';
import { ActivityTypes } from '@presswork/platform/lib/common/well-known';
import { COLOR_MODE_LABELS, FINISHINGS, SIDES_LABELS, TicketDefaultsSchema } from './tickets/ticket-properties';

/** A choice left empty, or a list left empty, in the designer is no default at all. */
function unsetWhenEmpty(value: unknown): unknown {
    if (value === null || (typeof value === 'string' && !value.trim()) || (Array.isArray(value) && !value.length)) {
        return undefined;
    }
    return value;
}

/**
 * The Print step's properties: where to print (`printerId`: a printer, or a printer pool) and the
 * step's ticket defaults (TicketDefaultsSchema), which a job's own properties of the same names
 * (sides, media, colorMode, finishings) override. `mediumId` names a medium of the media catalog,
 * by id or name; it is the step's default for the job property `media`.
 */
export const PrintPropertiesSchema = z.object({
    printerId: z.string().trim().min(1, 'Choose a printer').max(128),
    sides: z.preprocess(unsetWhenEmpty, TicketDefaultsSchema.shape.sides),
    colorMode: z.preprocess(unsetWhenEmpty, TicketDefaultsSchema.shape.colorMode),
    finishings: z.preprocess(unsetWhenEmpty, TicketDefaultsSchema.shape.finishings),
    mediumId: z.preprocess(unsetWhenEmpty, TicketDefaultsSchema.shape.media)
});
export type PrintProperties = z.infer<typeof PrintPropertiesSchema>;

/**
 * Print, declared once for the engine (output's backend executor) and the designer (output's
 * frontend contributes it to the palette): sends the job's print file with its ticket to the
 * printer (or a printer of the pool) the step names.
 */
export const PrintActivity: ActivityDefinition<PrintProperties> = {
    type: ActivityTypes.print,
    label: 'Print',
    description: 'Sends the print file with the job\'s ticket (copies, sides, media, colour, finishings) to a printer or a pool. '
        + 'An IPP printer\'s job is Printing until the printer says it is completed; a hot folder or raw socket is Printed once it took the file.',
    iconClass: 'codicon codicon-file-pdf',
    allowedPhases: ['Print'],
    oncePerWorkflow: true,
    propertiesSchema: PrintPropertiesSchema,
    fields: [
        { key: 'printerId', label: 'Printer', kind: 'printer', help: 'A printer, or a pool: the job then goes to the printer of the pool with the shortest queue that can print its ticket.' },
        {
            key: 'sides', label: 'Sides', kind: 'choice',
            choices: [{ value: '', label: 'As the job says (one-sided when it says nothing)' }, ...SIDES.map(value => ({ value, label: SIDES_LABELS[value] }))],
            help: 'A job\'s own sides property wins.'
        },
        {
            key: 'colorMode', label: 'Colour', kind: 'choice',
            choices: [{ value: '', label: 'As the job says (the printer decides when it says nothing)' }, ...COLOR_MODES.map(value => ({ value, label: COLOR_MODE_LABELS[value] }))],
            help: 'A job\'s own colorMode property wins.'
        },
        { key: 'mediumId', label: 'Medium', kind: 'text', help: 'A medium of the media catalog, by its name. A job\'s own media property wins.' },
        { key: 'finishings', label: 'Finishings', kind: 'text-list', help: `One a line: ${FINISHINGS.join(', ')}. A job's own finishings property wins.` }
    ]
};
