import type { Command } from '@theia/core/lib/common/command';
import type { JobState } from '@presswork/platform/lib/common/job-status';
import { WAITING_FOR_BATCH, WAITING_FOR_CLOSEOUT } from '@presswork/platform/lib/common/job-status';

/** The Operations workspace's commands, reachable from the command palette. */
export namespace OperationsCommands {
    const CATEGORY = 'Presswork';

    export const OPEN: Command = { id: 'presswork.jobs.openOperations', label: 'Operations', category: CATEGORY };
    /** Takes a job state: opens Operations showing only the jobs in that state. */
    export const TOGGLE_ORDER_PANEL: Command = { id: 'presswork.jobs.toggleOrderPanel', label: 'Show or Hide the Order Panel', category: CATEGORY };
    export const SHOW_STATE: Command = { id: 'presswork.jobs.showState', label: 'Show Jobs in State', category: CATEGORY };
    /** Opens Operations showing only the jobs at risk of missing their due date. */
    export const SHOW_AT_RISK: Command = { id: 'presswork.jobs.showAtRisk', label: 'Show Jobs at Risk', category: CATEGORY };
}

/** The states the status bar counts, each a quick filter of the pod. */
export const COUNTED_STATES = {
    error: 'Error',
    waitingForCloseout: WAITING_FOR_CLOSEOUT,
    waitingForBatch: WAITING_FOR_BATCH
} as const satisfies Record<string, JobState>;
