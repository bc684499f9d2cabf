import type { Batch, BatchMember } from '../../common/batch/batch-schema';
import { MAX_BATCH_JOBS } from '../../common/batch/batch-activity';
import { addDays, clockText, instantAt, zonedDayOf } from './shop-time';

/**
 * The Batch step's release rules, pure: what a batch holds in words, whether a count rule holds
 * after a join, and when a time rule (time of day, oldest wait, due within) releases it next.
 */

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

type RuleBatch = Pick<Batch, 'members' | 'rules' | 'openedAt'>;

function plural(count: number, one: string, many = `${one}s`): string {
    return `${count.toLocaleString('en')} ${count === 1 ? one : many}`;
}

/** "2 of 3 jobs" with a Jobs per batch rule, else "2 jobs". */
export function fillWords(batch: Pick<Batch, 'members' | 'rules'>): string {
    const count = batch.members.length;
    const target = batch.rules.jobsPerBatch;
    return target === undefined ? plural(count, 'job') : `${count.toLocaleString('en')} of ${plural(target, 'job')}`;
}

export function totalCopies(members: readonly BatchMember[]): number {
    return members.reduce((sum, member) => sum + member.copies, 0);
}

export function totalSheets(members: readonly BatchMember[]): number {
    return members.reduce((sum, member) => sum + (member.sheets ?? 0), 0);
}

/**
 * The count rule that holds for the batch as it now is (jobs, copies, sheets, or the most a batch
 * may hold), in words for its release reason; undefined when none does.
 */
export function countRuleReason(batch: Pick<Batch, 'members' | 'rules'>): string | undefined {
    const { rules, members } = batch;
    if (rules.jobsPerBatch !== undefined && members.length >= rules.jobsPerBatch) {
        return fillWords(batch);
    }
    const copies = totalCopies(members);
    if (rules.totalCopies !== undefined && copies >= rules.totalCopies) {
        return `${copies.toLocaleString('en')} of ${plural(rules.totalCopies, 'copy', 'copies')}`;
    }
    const sheets = totalSheets(members);
    if (rules.totalSheets !== undefined && sheets >= rules.totalSheets) {
        return `${sheets.toLocaleString('en')} of ${plural(rules.totalSheets, 'sheet')}`;
    }
    if (members.length >= MAX_BATCH_JOBS) {
        return `${plural(members.length, 'job')}, the most a batch holds`;
    }
    return undefined;
}

/** A time rule's next moment, with what it is in words. */
export interface TimedRelease {
    readonly at: number;
    /** "time of day 14:00", "the oldest job waited 30 minutes", "a job is due within 4 hours". */
    readonly reason: string;
    /** The time of day that releases it, for a time-of-day rule ("14:00"). */
    readonly timeOfDay?: string;
}

/**
 * The first moment a time rule releases the batch. A time of day counts from the batch's opening
 * (the first such time after it), not from now: one that passed while Presswork was down is still
 * due, and fires at start.
 */
export function nextTimedRelease(batch: RuleBatch, timeZone: string): TimedRelease | undefined {
    const candidates: TimedRelease[] = [];
    const opened = Date.parse(batch.openedAt);
    const { rules, members } = batch;
    if (rules.timesOfDay.length > 0) {
        const firstDay = zonedDayOf(opened, timeZone);
        let best: TimedRelease | undefined;
        // Today's times or tomorrow's (two days' look covers every zone offset change).
        for (const offset of [0, 1, 2]) {
            const day = addDays(firstDay, offset);
            for (const timeOfDay of rules.timesOfDay) {
                const at = instantAt(day, timeOfDay, timeZone);
                if (at > opened && (!best || at < best.at)) {
                    best = { at, reason: `time of day ${timeOfDay}`, timeOfDay };
                }
            }
            if (best) {
                break;
            }
        }
        if (best) {
            candidates.push(best);
        }
    }
    if (rules.oldestWaitMinutes !== undefined && members.length > 0) {
        const oldest = Math.min(...members.map(member => Date.parse(member.joinedAt)));
        candidates.push({ at: oldest + rules.oldestWaitMinutes * MINUTE_MS, reason: `the oldest job waited ${plural(rules.oldestWaitMinutes, 'minute')}` });
    }
    const dues = members.filter(member => member.due !== undefined).map(member => Date.parse(member.due!));
    if (rules.dueWithinHours !== undefined && dues.length > 0) {
        candidates.push({ at: Math.min(...dues) - rules.dueWithinHours * HOUR_MS, reason: `a job is due within ${plural(rules.dueWithinHours, 'hour')}` });
    }
    return candidates.reduce<TimedRelease | undefined>((first, candidate) => !first || candidate.at < first.at ? candidate : first, undefined);
}

/** `nextTimedRelease` as the batch document keeps it (`nextReleaseAt`). */
export function nextReleaseAt(batch: RuleBatch, timeZone: string): string | undefined {
    const next = nextTimedRelease(batch, timeZone);
    return next ? new Date(next.at).toISOString() : undefined;
}

/** How late a timed release may run and still not count as missed (a busy start, a slow timer). */
export const MISSED_AFTER_MS = 2 * MINUTE_MS;

/**
 * What releases an open batch next, in words, for the Batches view: "at 14:00", "when 1 more job
 * arrives", … joined by "or"; "by hand only" when no rule is set.
 */
export function nextReleaseWords(batch: RuleBatch, timeZone: string): string {
    const { rules, members } = batch;
    const words: string[] = [];
    if (rules.jobsPerBatch !== undefined) {
        const more = Math.max(rules.jobsPerBatch - members.length, 0);
        words.push(`when ${plural(more, 'more job', 'more jobs')} ${more === 1 ? 'arrives' : 'arrive'}`);
    }
    if (rules.totalCopies !== undefined) {
        words.push(`at ${plural(rules.totalCopies, 'copy', 'copies')} (${totalCopies(members).toLocaleString('en')} now)`);
    }
    if (rules.totalSheets !== undefined) {
        words.push(`at ${plural(rules.totalSheets, 'sheet')} (${totalSheets(members).toLocaleString('en')} now)`);
    }
    const timed = nextTimedRelease(batch, timeZone);
    if (timed) {
        words.push(timed.timeOfDay ? `at ${timed.timeOfDay}` : `at ${clockText(timed.at, timeZone)} (${timed.reason})`);
    }
    return words.length ? words.join(' or ') : 'by hand only';
}
