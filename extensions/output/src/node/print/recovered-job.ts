import type { DeviceJobStatus } from '@presswork/platform/lib/common/printer-capabilities';

/** IPP job states that are not over: such a job with our name may be ours, whenever it was made. */
const UNFINISHED = new Set<DeviceJobStatus['state']>(['pending', 'pending-held', 'processing', 'processing-stopped']);
/** How far the printer's clock may lag ours when a job it made is matched to our intent. */
export const PRINTER_CLOCK_TOLERANCE_MS = 60_000;

/**
 * The printer's job that an interrupted send left there, found by its name. IPP job names are not
 * unique across time (a job printed again has the same name), so:
 *
 * - only jobs named exactly `jobName` count;
 * - where the printer reports when it made a job (`date-time-at-creation`), only jobs made at or
 *   after `requestedAt` (less PRINTER_CLOCK_TOLERANCE_MS for the printer's clock) count, finished
 *   ones included: a job completed since is ours, not printed twice;
 * - where it does not, only unfinished jobs count: a finished one cannot be told from an earlier
 *   print of the same job (then the job is sent again: printed at least once, never lost);
 * - of those, the newest (the highest job id: a printer numbers its jobs upwards).
 */
export function recoveredJob(jobs: readonly DeviceJobStatus[], jobName: string, requestedAt: string): DeviceJobStatus | undefined {
    const since = Date.parse(requestedAt) - PRINTER_CLOCK_TOLERANCE_MS;
    const candidates = jobs.filter(job => job.name === jobName && (job.createdAt !== undefined
        ? Date.parse(job.createdAt) >= since
        : UNFINISHED.has(job.state)));
    return candidates.reduce<DeviceJobStatus | undefined>((newest, job) => !newest || job.id > newest.id ? job : newest, undefined);
}
