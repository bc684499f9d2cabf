import { isDeepStrictEqual } from 'node:util';
import { clip } from '@presswork/platform/lib/common/job-log';
import type { PrinterDescription } from '@presswork/platform/lib/common/output-device-contribution';
import type { ReadyMedia, SupplyLevel } from '@presswork/platform/lib/common/printer-capabilities';
import type { Printer } from '@presswork/platform/lib/common/printer-schema';
import { reasonsInWords } from '../../common/ipp-reason-words';
import { MAX_QUEUE_SHOWN, type PrinterState, type QueuedJob } from '../../common/printer-state';
import type { PrintingJob } from '../follow/printing-jobs';

/** What the monitor last learned of a printer. */
export type Observation =
    | { readonly kind: 'described'; readonly description: PrinterDescription }
    /** The device cannot say how the printer is (a hot folder, a raw socket). */
    | { readonly kind: 'silent' }
    | { readonly kind: 'unreachable'; readonly problem: string }
    | { readonly kind: 'disabled' }
    /** Not asked yet since the monitor started. */
    | { readonly kind: 'unknown' };

/** Supply levels are shown to the nearest this many percent, so a toner that drifts by one percent is not a change. */
export const SUPPLY_STEP_PERCENT = 5;

export type PrinterStateContent = Omit<PrinterState, 'version' | 'since'>;

/** The state document's content for what was observed, its queue and, for what a printer no longer says, the previous document. */
export function printerStateContent(printer: Printer, observation: Observation, queue: readonly PrintingJob[], previous?: PrinterState): PrinterStateContent {
    const listed = queue.slice(0, MAX_QUEUE_SHOWN).map(queuedJob);
    const base = {
        id: printer.id,
        queue: listed,
        queueMore: queue.length - listed.length,
        ...(previous?.makeAndModel ? { makeAndModel: previous.makeAndModel } : {})
    };
    switch (observation.kind) {
        case 'described': {
            const { capabilities, status } = observation.description;
            const reasons = status.reasons.filter(reason => reason && reason !== 'none').slice(0, 32).map(reason => clip(reason, 100));
            return definedOnly({
                ...base,
                reachable: true,
                state: status.state,
                reasons,
                reasonsInWords: clip(reasonsInWords(reasons), 1000),
                message: status.message?.trim() ? clip(status.message.trim(), 1000) : undefined,
                makeAndModel: capabilities.makeAndModel ? clip(capabilities.makeAndModel, 255) : base.makeAndModel,
                mediaReady: capabilities.mediaReady.slice(0, 64).map(readyMedium),
                supplies: status.supplies.slice(0, 64).map(supply)
            });
        }
        case 'unreachable':
            return { ...base, reachable: false, problem: clip(observation.problem, 1000), state: 'unknown', reasons: [], mediaReady: [], supplies: [] };
        case 'disabled':
            return { ...base, reachable: true, problem: `${clip(printer.name, 100)} is disabled: it takes no new jobs and is not watched`, state: 'unknown', reasons: [], mediaReady: [], supplies: [] };
        case 'unknown':
            if (previous) {
                // Not asked yet since a start: what was last seen stands, with the queue as it is now.
                const { version: _version, since: _since, queue: _queue, queueMore: _more, ...seen } = previous;
                return { ...seen, ...base };
            }
            return { ...base, reachable: true, state: 'unknown', reasons: [], mediaReady: [], supplies: [] };
        case 'silent':
            return { ...base, reachable: true, state: 'unknown', reasons: [], mediaReady: [], supplies: [] };
    }
}

/** Whether a user would see a difference: everything but version and `since`. */
export function sameForUser(content: PrinterStateContent, current: PrinterState | undefined): boolean {
    if (!current) {
        return false;
    }
    const { version: _version, since: _since, ...rest } = current;
    return isDeepStrictEqual(definedOnly(rest), definedOnly(content));
}

/** `since` moves when the state or the reasons change (reachability is part of the state). */
export function sinceFor(content: PrinterStateContent, current: PrinterState | undefined, now: string): string {
    if (current && current.state === content.state && current.reachable === content.reachable && isDeepStrictEqual(current.reasons, content.reasons)) {
        return current.since;
    }
    return now;
}

function queuedJob(job: PrintingJob): QueuedJob {
    return definedOnly({
        jobId: job.jobId,
        orderNumber: clip(job.orderNumber, 64),
        jobName: clip(job.jobName, 200),
        deviceJobId: job.printing.deviceJobId,
        deviceState: job.printing.deviceState,
        impressionsCompleted: job.printing.impressionsCompleted,
        sheetsCompleted: job.printing.sheetsCompleted
    }) as QueuedJob;
}

function readyMedium(medium: ReadyMedia): PrinterState['mediaReady'][number] {
    const count = (value: number | undefined): number | undefined => value !== undefined && Number.isFinite(value) && value >= 0 ? Math.round(value) : undefined;
    const text = (value: string | undefined, limit: number): string | undefined => value ? clip(value, limit) : undefined;
    return definedOnly({
        sizeName: text(medium.sizeName, 255),
        widthHmm: count(medium.widthHmm),
        heightHmm: count(medium.heightHmm),
        type: text(medium.type, 100),
        weightGsm: count(medium.weightGsm),
        color: text(medium.color, 100),
        source: text(medium.source, 100),
        key: text(medium.key, 255)
    });
}

function supply(level: SupplyLevel): PrinterState['supplies'][number] {
    const percent = level.percent !== undefined && Number.isFinite(level.percent)
        ? Math.min(100, Math.max(0, Math.round(level.percent / SUPPLY_STEP_PERCENT) * SUPPLY_STEP_PERCENT))
        : undefined;
    return definedOnly({
        name: clip(level.name || 'Supply', 200),
        kind: level.kind ? clip(level.kind, 100) : undefined,
        color: level.color ? clip(level.color, 100) : undefined,
        percent
    }) as PrinterState['supplies'][number];
}

function definedOnly<T extends object>(value: T): T {
    return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}
