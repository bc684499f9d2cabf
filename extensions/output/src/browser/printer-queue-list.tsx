import * as React from '@theia/core/shared/react';
import { nls } from '@theia/core/lib/common/nls';
import { Identifier, StoreText } from '@presswork/platform/lib/browser/store-text';
import type { QueuedJob } from '../common/printer-state';

/** Where a queued job stands at the printer, in words. */
export function queuedJobProgress(job: QueuedJob): string {
    const counts = job.impressionsCompleted !== undefined
        ? nls.localize('presswork/output/impressionsDone', '{0} impressions done', job.impressionsCompleted)
        : job.sheetsCompleted !== undefined ? nls.localize('presswork/output/sheetsDone', '{0} sheets done', job.sheetsCompleted) : undefined;
    if (job.deviceJobId === undefined) {
        return nls.localize('presswork/output/queueSending', 'being sent');
    }
    const where = (() => {
        switch (job.deviceState) {
            case 'pending': return nls.localize('presswork/output/queuePending', 'waiting at the printer');
            case 'pending-held': return nls.localize('presswork/output/queueHeld', 'held at the printer');
            case 'processing': return nls.localize('presswork/output/queuePrinting', 'printing');
            case 'processing-stopped': return nls.localize('presswork/output/queueStopped', 'stopped at the printer');
            case 'completed': return nls.localize('presswork/output/queueCompleted', 'completed');
            case 'canceled': return nls.localize('presswork/output/queueCanceled', 'canceled at the printer');
            case 'aborted': return nls.localize('presswork/output/queueAborted', 'aborted by the printer');
            default: return nls.localize('presswork/output/queueAccepted', 'accepted by the printer');
        }
    })();
    return counts ? `${where}, ${counts}` : where;
}

/** The Presswork jobs sent to a printer and not finished there, first sent first. */
export function PrinterQueueList(props: { printerName: string; queue: readonly QueuedJob[]; more: number }): React.ReactElement {
    if (!props.queue.length && !props.more) {
        return <span className='presswork-form-help' data-field='printerQueue'>{nls.localize('presswork/output/queueEmpty', 'No jobs')}</span>;
    }
    return <div data-field='printerQueue'>
        <ol className='presswork-printer-list' aria-label={nls.localize('presswork/output/queueOf', 'Queue of {0}', props.printerName)}>
            {props.queue.map(job => <li key={job.jobId} data-job-id={job.jobId}>
                <Identifier text={job.orderNumber} />{' · '}<StoreText text={job.jobName} />
                {job.deviceJobId !== undefined && <span className='presswork-form-help'>{' · '}{nls.localize('presswork/output/printerJobId', 'printer job {0}', job.deviceJobId)}</span>}
                <div className='presswork-form-help' data-field='queueProgress'>{queuedJobProgress(job)}</div>
            </li>)}
        </ol>
        {props.more > 0 && <div className='presswork-form-help'>{nls.localize('presswork/output/queueMore', 'and {0} more', props.more)}</div>}
    </div>;
}
