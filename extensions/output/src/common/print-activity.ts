import { z } from 'zod';
import type { ActivityDefinition } from '@presswork/platform/lib/common/activity-ui-contribution';
import { ActivityTypes } from '@presswork/platform/lib/common/well-known';

export const PrintPropertiesSchema = z.object({
    printerId: z.string().trim().min(1, 'Choose a printer').max(128)
});
export type PrintProperties = z.infer<typeof PrintPropertiesSchema>;

/**
 * Print, declared once for the engine (output's backend executor) and the designer (output's
 * frontend contributes it to the palette): sends the job's print file to the printer the step names.
 */
export const PrintActivity: ActivityDefinition<PrintProperties> = {
    type: ActivityTypes.print,
    label: 'Print',
    description: 'Sends the print file to a printer (hot folder or raw socket). Printing while sending, Printed when taken.',
    iconClass: 'codicon codicon-file-pdf',
    allowedPhases: ['Print'],
    propertiesSchema: PrintPropertiesSchema,
    fields: [{ key: 'printerId', label: 'Printer', kind: 'printer' }]
};
