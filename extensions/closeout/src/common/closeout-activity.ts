import { z } from 'zod';
import type { ActivityDefinition } from '@presswork/platform/lib/common/activity-ui-contribution';
import { ActivityTypes } from '@presswork/platform/lib/common/well-known';

export const CloseoutOrderPropertiesSchema = z.object({});
export type CloseoutOrderProperties = z.infer<typeof CloseoutOrderPropertiesSchema>;

/** Why a job waits at the Closeout Order step (the wait reason Complete and Retain refuse with). */
export function orderNotClosedReason(orderNumber: string): string {
    return `Order ${orderNumber} is not closed`;
}

/**
 * Closeout Order, declared once for the engine (backend executor) and the designer (palette): a
 * job waits here until an operator closes its order out (packing slip, invoice, settlement);
 * closing the order releases every job of the order waiting at this step.
 */
export const CloseoutOrderActivity: ActivityDefinition<CloseoutOrderProperties> = {
    type: ActivityTypes.closeoutOrder,
    label: 'Closeout Order',
    description: 'Waits until the order is closed out (packing slip, invoice and, for card orders, settlement); then every job of the order moves on.',
    iconClass: 'codicon codicon-package',
    allowedPhases: ['Print', 'Complete'],
    oncePerWorkflow: true,
    propertiesSchema: CloseoutOrderPropertiesSchema,
    fields: []
};
