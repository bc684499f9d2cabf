import { nls } from '@theia/core/lib/common/nls';
import { isolatedIdentifier } from '@presswork/platform/lib/common/hidden-characters';
import type { Permission } from '@presswork/platform/lib/common/authority';
import type { JobActionContext } from '@presswork/platform/lib/common/job-action-contribution';
import type { JobRow } from '@presswork/platform/lib/common/job-row';

/** How many order numbers the reason names before it says "and N more". */
const ORDERS_NAMED = 3;

/** The order the selected jobs share, or why there is none: no job, or jobs of several orders. */
export type SelectedOrder = { readonly orderId: string; readonly orderNumber: string } | { readonly problem: string };

/**
 * Order actions act on the order of the selected jobs: any number of jobs of one order is a natural
 * selection (e.g. every job of the order); jobs of several orders make the order ambiguous.
 */
export function selectedOrder(jobs: readonly JobRow[]): SelectedOrder {
    if (jobs.length === 0) {
        return { problem: nls.localize('presswork/closeout/selectJob', 'Select a job of the order') };
    }
    const orders = new Map<string, string>();
    for (const job of jobs) {
        orders.set(job.orderId, job.orderNumber);
    }
    if (orders.size === 1) {
        return { orderId: jobs[0].orderId, orderNumber: jobs[0].orderNumber };
    }
    const numbers = [...orders.values()].map(isolatedIdentifier);
    const named = numbers.length > ORDERS_NAMED
        ? nls.localize('presswork/closeout/ordersAndMore', '{0} and {1} more', numbers.slice(0, ORDERS_NAMED).join(', '), numbers.length - ORDERS_NAMED)
        : numbers.join(', ');
    return {
        problem: nls.localize('presswork/closeout/severalOrders', 'The selected jobs belong to {0} orders ({1}): select jobs of one order', orders.size, named)
    };
}

/** On when the user may run the action and the selection names one order; else the reason shown in the tooltip. */
export function orderActionEnablement(context: JobActionContext, permission: Permission): true | string {
    if (!context.user.permissions.includes(permission)) {
        return nls.localize('presswork/closeout/notPermitted', 'Your authority does not allow this');
    }
    const order = selectedOrder(context.jobs);
    return 'problem' in order ? order.problem : true;
}

/** The selection's one order; refuses (with the reason) when there is none. */
export function orderOfSelection(context: JobActionContext): { readonly orderId: string; readonly orderNumber: string } {
    const order = selectedOrder(context.jobs);
    if ('problem' in order) {
        throw new Error(order.problem);
    }
    return order;
}
