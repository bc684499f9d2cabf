import { nls } from '@theia/core/lib/common/nls';
import type { JobLogEntry } from '@presswork/platform/lib/common/job-schema';

/** The Log… dialog's rows: oldest first (newest last), narrowed by a filter text, and copied as text. */

/** Entries in time order; entries of the same moment keep the order they were written in. */
export function inTimeOrder(entries: readonly JobLogEntry[]): JobLogEntry[] {
    return entries
        .map((entry, index) => ({ entry, index, time: Date.parse(entry.at) }))
        .sort((a, b) => (a.time - b.time) || (a.index - b.index))
        .map(({ entry }) => entry);
}

/** Entries whose message, level or author contains every word of the filter (case-insensitive). */
export function filterLog(entries: readonly JobLogEntry[], filter: string): JobLogEntry[] {
    const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
    if (!words.length) {
        return [...entries];
    }
    return entries.filter(entry => {
        const text = `${entry.message} ${levelInWords(entry.level)} ${entry.by ?? ''}`.toLowerCase();
        return words.every(word => text.includes(word));
    });
}

/** One line an entry: time (ISO, exact), level in words, who, message, separated by tabs for a spreadsheet. */
export function logAsText(entries: readonly JobLogEntry[]): string {
    return entries.map(entry => [entry.at, levelInWords(entry.level), entry.by ?? '', entry.message.replace(/\s*\n\s*/g, ' ')].join('\t')).join('\n');
}

/** An entry's level as people read it (Information, Warning, Error), not the stored id. */
export function levelInWords(level: JobLogEntry['level']): string {
    switch (level) {
        case 'error': return nls.localize('presswork/jobs/log/levelError', 'Error');
        case 'warning': return nls.localize('presswork/jobs/log/levelWarning', 'Warning');
        default: return nls.localize('presswork/jobs/log/levelInfo', 'Information');
    }
}
