import type { ActivityRegistry } from '@presswork/platform/lib/common/activity-registry';
import type { Job } from '@presswork/platform/lib/common/job-schema';
import type { Order } from '@presswork/platform/lib/common/order-schema';
import type { PressworkEventPayload } from '@presswork/platform/lib/common/presswork-events';
import { clip } from '@presswork/platform/lib/common/job-log';
import { activityLabelOf } from '@presswork/platform/lib/common/activity-words';

/** What every job event says about its job (`JobFields` of the catalog). */
export type JobEventFields = Pick<PressworkEventPayload<'job.error'>,
    'jobId' | 'jobName' | 'orderId' | 'orderNumber' | 'connectionId' | 'phase' | 'state' | 'activity' | 'reason' | 'due'>;

/** The activity a job stands at, in words (platform's `activityLabelOf`, as the pod shows it). */
export function activityInWords(activityId: string | undefined, activities: ActivityRegistry | undefined): string | undefined {
    if (!activityId) {
        return undefined;
    }
    return clip(activityLabelOf(activityId, activities), 200);
}

/** The job's fields as events carry them; absent values are left out rather than sent empty. */
export function jobEventFields(job: Job, activities: ActivityRegistry | undefined): JobEventFields {
    const activity = activityInWords(job.currentActivity, activities);
    return {
        jobId: job.id,
        jobName: job.name,
        orderId: job.orderId,
        orderNumber: job.orderNumber,
        connectionId: job.connectionId,
        phase: job.phase,
        state: job.state,
        ...(activity ? { activity } : {}),
        ...(job.waitReason ? { reason: job.waitReason } : {}),
        ...(job.due ? { due: job.due } : {})
    };
}

/** What every order event says about its order (`OrderFields` of the catalog). */
export function orderEventFields(order: Order): Pick<PressworkEventPayload<'order.ready-for-closeout'>, 'orderId' | 'orderNumber' | 'connectionId' | 'customerName'> {
    const customer = [order.customer.firstName, order.customer.lastName].filter(Boolean).join(' ') || order.company?.name;
    return {
        orderId: order.id,
        orderNumber: order.orderNumber,
        connectionId: order.connectionId,
        ...(customer ? { customerName: clip(customer, 200) } : {})
    };
}
