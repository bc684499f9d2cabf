import { inject, injectable } from '@theia/core/shared/inversify';
import { ConfirmDialog } from '@theia/core/lib/browser/dialogs';
import type { Message } from '@theia/core/shared/@lumino/messaging';
import { MessageService } from '@theia/core/lib/common/message-service';
import { nls } from '@theia/core/lib/common/nls';
import type { Permission } from '@presswork/platform/lib/common/authority';
import { messageOf } from '@presswork/platform/lib/common/errors';
import { isolatedIdentifier, isolatedText } from '@presswork/platform/lib/common/hidden-characters';
import { JobActionContext, JobActionContribution, JobActionGroups } from '@presswork/platform/lib/common/job-action-contribution';
import type { JobRow } from '@presswork/platform/lib/common/job-row';
import { OutputService } from '../common/output-protocol';
import { markPrintedEnablement, printAgainEnablement } from './print-job-rules';

export namespace OutputJobCommands {
    export const PRINT_AGAIN = 'presswork.output.printAgain';
    export const MARK_PRINTED = 'presswork.output.markPrinted';
}

/** A question whose safe answer is the default: Cancel has the focus, and Enter takes only the button it is on. */
export class SafeConfirmDialog extends ConfirmDialog {
    protected override onActivateRequest(msg: Message): void {
        super.onActivateRequest(msg);
        this.closeButton?.focus();
    }

    protected override handleEnter(event: KeyboardEvent): boolean | void {
        if (event.target === this.acceptButton) {
            return super.handleEnter(event);
        }
        if (event.target === this.closeButton) {
            this.close();
            return true;
        }
        return false;
    }
}

function jobCalled(job: JobRow): string {
    return nls.localize('presswork/output/jobOfOrder', '{0} (order {1})', isolatedText(job.name), isolatedIdentifier(job.orderNumber));
}

/**
 * What both actions share: they act on the one selected job through the output service, for
 * whoever may act on jobs, and a refusal is told to the operator naming the action and the job.
 */
@injectable()
abstract class OneJobAction implements JobActionContribution {
    abstract readonly id: string;
    abstract readonly label: string;
    abstract readonly order: string;
    readonly group = JobActionGroups.flow;
    readonly permission: Permission = 'jobs.act';

    @inject(OutputService) protected readonly service: OutputService;
    @inject(MessageService) protected readonly messages: MessageService;

    abstract enablement(context: JobActionContext): true | string;

    async run(context: JobActionContext): Promise<void> {
        const [job] = context.jobs;
        try {
            await this.runOn(job);
        } catch (error) {
            this.messages.error(nls.localize('presswork/output/actionRefused', '{0} {1}: {2}', this.label.replace('…', ''), jobCalled(job), messageOf(error)));
        }
    }

    protected abstract runOn(job: JobRow): Promise<void>;
}

/**
 * More → Print again: the job's Print step sends it afresh. Only for a job whose print is uncertain
 * (the printer no longer knows it) or that failed at the printer; it may print twice, so it asks
 * first, Cancel being the default.
 */
@injectable()
export class PrintAgainAction extends OneJobAction {
    readonly id = OutputJobCommands.PRINT_AGAIN;
    readonly label = nls.localize('presswork/output/printAgainAction', 'Print again…');
    readonly order = 'f1';

    enablement(context: JobActionContext): true | string {
        return printAgainEnablement(context.jobs);
    }

    protected async runOn(job: JobRow): Promise<void> {
        const why = job.printingUncertain
            ? nls.localize('presswork/output/printAgainUncertain', 'The printer no longer knows this job ({0}): it may have printed it already.', job.printingUncertain)
            : nls.localize('presswork/output/printAgainFailed', 'The last print failed at the printer; some pages may have printed.');
        const confirmed = await new SafeConfirmDialog({
            title: nls.localize('presswork/output/printAgainTitle', 'Print again'),
            msg: `${nls.localize('presswork/output/printAgainQuestion', 'Print {0} again?', jobCalled(job))} ${why} ${nls.localize('presswork/output/printAgainTwice', 'If it did print, it will print twice.')}`,
            ok: nls.localize('presswork/output/printAgainOk', 'Print again'),
            cancel: nls.localize('presswork/output/cancel', 'Cancel')
        }).open();
        if (confirmed) {
            await this.service.printAgain(job.id);
        }
    }
}

/** More → Mark printed: the operator says the job whose print is uncertain did print; it goes on to its next step. */
@injectable()
export class MarkPrintedAction extends OneJobAction {
    readonly id = OutputJobCommands.MARK_PRINTED;
    readonly label = nls.localize('presswork/output/markPrintedAction', 'Mark printed');
    readonly order = 'f2';

    enablement(context: JobActionContext): true | string {
        return markPrintedEnablement(context.jobs);
    }

    protected runOn(job: JobRow): Promise<void> {
        return this.service.markPrinted(job.id);
    }
}
