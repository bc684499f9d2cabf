import type { Job } from '@presswork/platform/lib/common/job-schema';
import { PRINT_RETAIN_STEP } from './print-fixture';

/** Where a job of the print workflow ends: Retained after Print, or waiting for an operator who decides. */
export type PrintEnd = 'printed' | 'uncertain';

/**
 * A job printed (Retained at the workflow's end), or waiting because the printer no longer knows
 * it (the printing record says why, in words, and an operator decides), or neither yet.
 */
export function printEndOf(job: Pick<Job, 'phase' | 'state' | 'stepId' | 'waitReason' | 'printing'>): PrintEnd | undefined {
    if (job.phase === 'Complete' && job.state === 'Retained' && job.stepId === PRINT_RETAIN_STEP.id) {
        return 'printed';
    }
    if (job.printing?.uncertain && job.waitReason) {
        return 'uncertain';
    }
    return undefined;
}
