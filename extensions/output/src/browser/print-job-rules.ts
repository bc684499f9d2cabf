import { nls } from '@theia/core/lib/common/nls';
import type { JobRow } from '@presswork/platform/lib/common/job-row';
import { ActivityTypes } from '@presswork/platform/lib/common/well-known';
import { isAtActivityType } from '@presswork/platform/lib/common/activity-words';

/** Whether the job stands at a Print step (the row carries the step's activity type, or its label). */
export function isAtPrintStep(job: Pick<JobRow, 'currentActivity' | 'currentActivityType'>): boolean {
    return isAtActivityType(job, ActivityTypes.print);
}

/** Print again applies to one job whose print is uncertain, or that failed at its Print step; else why not. */
export function printAgainEnablement(jobs: readonly JobRow[]): true | string {
    if (jobs.length !== 1) {
        return jobs.length ? nls.localize('presswork/output/selectOneJob', 'Select exactly one job') : nls.localize('presswork/output/selectAJob', 'Select a job');
    }
    const [job] = jobs;
    if (job.printingUncertain !== undefined || (job.state === 'Error' && isAtPrintStep(job))) {
        return true;
    }
    return nls.localize('presswork/output/printAgainNotApplicable', 'Job {0} has no uncertain or failed print', job.name);
}

/** Mark printed applies to one job whose print is uncertain; else why not. */
export function markPrintedEnablement(jobs: readonly JobRow[]): true | string {
    if (jobs.length !== 1) {
        return jobs.length ? nls.localize('presswork/output/selectOneJob', 'Select exactly one job') : nls.localize('presswork/output/selectAJob', 'Select a job');
    }
    const [job] = jobs;
    return job.printingUncertain !== undefined
        ? true
        : nls.localize('presswork/output/markPrintedNotApplicable', 'Job {0} has no uncertain print', job.name);
}
