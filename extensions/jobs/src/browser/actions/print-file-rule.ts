import { nls } from '@theia/core/lib/common/nls';
import type { JobRow } from '@presswork/platform/lib/common/job-row';

/** Open print file… applies to a job whose print file has arrived; else why not, naming the job. */
export function printFileArrived(job: Pick<JobRow, 'name' | 'printFile'>): string | undefined {
    return job.printFile
        ? undefined
        : nls.localize('presswork/jobs/printFile/notArrivedFor', 'The print file of job {0} has not arrived yet', job.name);
}
