import { nls } from '@theia/core/lib/common/nls';
import { BATCH_KEY_LABELS, BatchKeySchema } from '../../common/batch/batch-activity';
import type { Batch } from '../../common/batch/batch-schema';

/** "1 job", "2 jobs". */
export function jobsWords(count: number): string {
    return count === 1
        ? nls.localize('presswork/output/batchFillOne', '1 job')
        : nls.localize('presswork/output/batchFill', '{0} jobs', count);
}

/** "2 of 3 jobs" with a Jobs per batch rule, else "2 jobs". */
export function fillWords(batch: Pick<Batch, 'members' | 'rules'>): string {
    const count = batch.members.length;
    return batch.rules.jobsPerBatch
        ? nls.localize('presswork/output/batchFillOf', '{0} of {1} jobs', count, batch.rules.jobsPerBatch)
        : jobsWords(count);
}

function keyLabel(key: string): string {
    const known = BatchKeySchema.safeParse(key);
    return known.success ? nls.localize(`presswork/output/batchKey/${known.data}`, BATCH_KEY_LABELS[known.data]) : key;
}

/** "Media: Cougar 100 · Sides: two-sided", or that the batch groups every job of its step. */
export function keysWords(batch: Pick<Batch, 'keys'>): string {
    const entries = Object.entries(batch.keys);
    if (!entries.length) {
        return nls.localize('presswork/output/batchNoKeys', 'Any job of the step');
    }
    return entries.map(([key, value]) => `${keyLabel(key)}: ${value}`).join(' · ');
}

/** How long since `from`, in whole units: "45 s", "12 min", "3 h 5 min", "2 d 4 h". */
export function ageWords(from: string, now: number): string {
    const seconds = Math.max(0, Math.floor((now - Date.parse(from)) / 1000));
    if (seconds < 60) {
        return nls.localize('presswork/output/ageSeconds', '{0} s', seconds);
    }
    const minutes = Math.floor(seconds / 60);
    if (minutes < 60) {
        return nls.localize('presswork/output/ageMinutes', '{0} min', minutes);
    }
    const hours = Math.floor(minutes / 60);
    if (hours < 24) {
        return nls.localize('presswork/output/ageHours', '{0} h {1} min', hours, minutes % 60);
    }
    return nls.localize('presswork/output/ageDays', '{0} d {1} h', Math.floor(hours / 24), hours % 24);
}
