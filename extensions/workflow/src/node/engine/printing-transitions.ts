import { isDeepStrictEqual } from 'node:util';
import type { Job } from '@presswork/platform/lib/common/job-schema';
import { LOG_BY_LIMIT, WAIT_REASON_LIMIT } from '@presswork/platform/lib/common/document-limits';
import { appendJobLog, clip, logEntry } from '@presswork/platform/lib/common/job-log';
import {
    MAX_PRINTER_REASONS, PRINTER_REASON_LIMIT, PrintedRecord, PrintingProgress, PrintingRecord, PrintingRecordSchema
} from '@presswork/platform/lib/common/printing-record';
import { describeZodError } from '@presswork/platform/lib/common/validation-message';
import { PressworkError } from '@presswork/platform/lib/common/errors';
import { withoutPrinting, withoutWait } from './job-transitions';

/**
 * Pure functions from a job at the printer (or waiting for a decision about its print) to its
 * next version, one durable write each, for the follower's reports and an operator's Mark printed.
 * Whether the job is still at the printer is decided by the caller, inside the write.
 */

/** The progress as the record keeps it: texts clipped to the schema's bounds, numbers checked. */
export interface CheckedProgress {
    readonly reason: string;
    readonly fields: Pick<PrintingRecord, 'deviceState' | 'reasons' | 'impressionsCompleted' | 'sheetsCompleted'>;
}

/** Checks a report at the boundary: a follower's malformed report is refused with the field it got wrong. */
export function checkedProgress(progress: PrintingProgress): CheckedProgress {
    const reasons = (progress.reasons ?? []).map(reason => clip(String(reason), PRINTER_REASON_LIMIT)).slice(0, MAX_PRINTER_REASONS);
    const fields = PrintingRecordSchema.pick({ deviceState: true, reasons: true, impressionsCompleted: true, sheetsCompleted: true }).safeParse(definedOnly({
        deviceState: progress.deviceState,
        reasons: reasons.length ? reasons : undefined,
        impressionsCompleted: progress.impressionsCompleted,
        sheetsCompleted: progress.sheetsCompleted
    }));
    if (!fields.success) {
        throw PressworkError.InvalidInput(`The printer's progress is not valid: ${describeZodError(fields.error)}`);
    }
    return { reason: clip(String(progress.reason ?? '').trim(), WAIT_REASON_LIMIT), fields: fields.data };
}

/**
 * The job with the printer's current status: wait reason and progress replaced by the report's. A
 * change of the reasons is logged (a warning naming them, or that it prints again when they
 * cleared). Undefined when nothing changed: nothing is written.
 */
export function progressed(job: Job, progress: CheckedProgress, at: string): Job | undefined {
    const current = job.printing!;
    const { deviceState: _state, reasons: _reasons, impressionsCompleted: _impressions, sheetsCompleted: _sheets, ...kept } = current;
    const printing: PrintingRecord = { ...kept, ...progress.fields };
    const waitReason = progress.reason || job.waitReason;
    if (isDeepStrictEqual(printing, current) && waitReason === job.waitReason) {
        return undefined;
    }
    const before = current.reasons ?? [];
    const after = printing.reasons ?? [];
    const entries = isDeepStrictEqual(before, after) ? [] : [after.length
        ? logEntry(at, `${current.printerName}: ${after.join(', ')}`, 'warning')
        : logEntry(at, `${current.printerName}: printing again`)];
    return { ...job, printing, waitReason, updatedAt: at, log: appendJobLog(job.log, entries) };
}

/**
 * Printed, as the printer or an operator (`by`) says: `printed` recorded and logged, the print
 * record dropped. The caller moves the job on to its next step in the same write.
 */
export function printedOn(job: Job, printed: Omit<PrintedRecord, 'at' | 'by'>, at: string, by?: string): Job {
    const record: PrintedRecord = by ? { ...printed, at, by: clip(by, LOG_BY_LIMIT) } : { ...printed, at };
    const counts = [plural(printed.copies, 'copy', 'copies'), printed.impressions !== undefined ? plural(printed.impressions, 'impression', 'impressions') : undefined,
        printed.sheets !== undefined ? plural(printed.sheets, 'sheet', 'sheets') : undefined].filter(count => count !== undefined).join(', ');
    const message = by ? `Marked printed on ${printed.printerName}: ${counts}` : `Printed on ${printed.printerName}: ${counts}`;
    return {
        ...withoutPrinting(withoutWait(job)),
        state: 'Printed',
        printed: record,
        updatedAt: at,
        log: appendJobLog(job.log, [logEntry(at, message, 'info', by)])
    };
}

/** The printer no longer knows the job: Waiting for an operator, the record kept and marked uncertain. */
export function printUncertain(job: Job, reason: string, at: string): Job {
    const text = clip(reason.trim() || `${job.printing!.printerName} no longer knows the job`, WAIT_REASON_LIMIT);
    return {
        ...withoutWait(job),
        state: 'Waiting',
        waitReason: text,
        printing: { ...job.printing!, uncertain: text },
        updatedAt: at,
        log: appendJobLog(job.log, [logEntry(at, `${job.printing!.printerName}: ${text}`, 'warning')])
    };
}

/** Whether the job waits for an operator's decision about a print its printer no longer knows. */
export function isPrintUncertain(job: Job): boolean {
    return job.state === 'Waiting' && job.printing !== undefined && job.printing.uncertain !== undefined && job.printing.stepId === job.stepId;
}

function plural(count: number, one: string, many: string): string {
    return `${count.toLocaleString('en')} ${count === 1 ? one : many}`;
}

function definedOnly<T extends object>(value: T): Partial<T> {
    return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as Partial<T>;
}
