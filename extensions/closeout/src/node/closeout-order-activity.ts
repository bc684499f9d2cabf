import { injectable } from '@theia/core/shared/inversify';
import type { ActivityContext, ActivityContribution, ActivityOutcome } from '@presswork/platform/lib/common/activity-contribution';
import type { ActivityPropertyField } from '@presswork/platform/lib/common/activity-ui-contribution';
import type { Phase } from '@presswork/platform/lib/common/job-status';
import type { Job } from '@presswork/platform/lib/common/job-schema';
import type { Order } from '@presswork/platform/lib/common/order-schema';
import { CloseoutOrderActivity, CloseoutOrderProperties, orderNotClosedReason } from '../common/closeout-activity';
import { WAITING_FOR_CLOSEOUT } from '@presswork/platform/lib/common/job-status';
import { closedOutElsewhere, retainedForMarcomCentralReason } from '@presswork/platform/lib/common/ship-to';

/**
 * Closeout Order: the job waits (Waiting for order closeout) until its order is closed; when the
 * order is closed already it goes straight on. Closing the order releases the waiting jobs
 * (WaitingJobReleaser); running the step again only looks at the order again. Until then it
 * refuses that an operator complete or retain such a job.
 *
 * An open order shipping to several addresses is closed out in MarcomCentral, never here: its jobs
 * go on to Retain (logged "Close out in MarcomCentral") instead of waiting for a closeout that
 * never comes, and an operator may complete or retain one that waits here already.
 */
@injectable()
export class CloseoutOrderActivityContribution implements ActivityContribution<CloseoutOrderProperties> {
    readonly type = CloseoutOrderActivity.type;
    readonly label = CloseoutOrderActivity.label;
    readonly description = CloseoutOrderActivity.description;
    readonly iconClass = CloseoutOrderActivity.iconClass;
    readonly allowedPhases: readonly Phase[] = CloseoutOrderActivity.allowedPhases;
    readonly oncePerWorkflow = CloseoutOrderActivity.oncePerWorkflow;
    readonly propertiesSchema = CloseoutOrderActivity.propertiesSchema;
    readonly fields: readonly ActivityPropertyField[] = CloseoutOrderActivity.fields;

    async execute(context: ActivityContext<CloseoutOrderProperties>): Promise<ActivityOutcome> {
        if (context.order.closed) {
            return { kind: 'continue' };
        }
        if (closedOutElsewhere(context.order)) {
            return { kind: 'retain', reason: retainedForMarcomCentralReason(context.order) };
        }
        return { kind: 'wait', state: WAITING_FOR_CLOSEOUT, reason: orderNotClosedReason(context.order.orderNumber) };
    }

    /** A job waiting here finishes with its order's closeout, not before: Complete and Retain are refused meanwhile. */
    finishRefusal(job: Readonly<Job>, order: Readonly<Order>): string | undefined {
        if (job.state !== WAITING_FOR_CLOSEOUT || order.closed || closedOutElsewhere(order)) {
            return undefined;
        }
        return job.waitReason ?? orderNotClosedReason(order.orderNumber);
    }
}
