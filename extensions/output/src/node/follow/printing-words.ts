import type { DeviceJobStatus } from '@presswork/platform/lib/common/printer-capabilities';
import { reasonInWords } from '../../common/ipp-reason-words';

/**
 * Job reasons that only say the job is on its normal way: the state already says it, so they are
 * not shown as reasons (RFC 8011 5.3.8).
 */
const ROUTINE_JOB_REASONS = new Set([
    'none', 'job-incoming', 'job-data-insufficient', 'job-queued', 'job-interpreting', 'job-transforming', 'job-printing',
    'job-queued-for-marker', 'queued-in-device', 'job-outgoing', 'job-completed-successfully', 'job-printed-successfully',
    'processing-to-stop-point'
]);

/** Printer reasons that are no trouble for a job ("identifying itself"). */
const ROUTINE_PRINTER_REASONS = new Set(['none', 'identify-printer-requested', 'moving-to-paused']);

/** The job's and the printer's reasons worth showing, in words, each once: ["out of paper", "toner low"]. */
export function troubleInWords(jobReasons: readonly string[], printerReasons: readonly string[]): string[] {
    const keywords = [
        ...jobReasons.filter(reason => !ROUTINE_JOB_REASONS.has(reason.replace(/-(error|warning|report)$/, ''))),
        ...printerReasons.filter(reason => !ROUTINE_PRINTER_REASONS.has(reason) && !reason.endsWith('-report'))
    ];
    return [...new Set(keywords.map(reasonInWords))];
}

/** "out of paper, a cover is open and toner low". */
export function joinedWords(phrases: readonly string[]): string {
    if (phrases.length <= 1) {
        return phrases[0] ?? '';
    }
    return `${phrases.slice(0, -1).join(', ')} and ${phrases[phrases.length - 1]}`;
}

/** What the job does at the printer, for its wait reason. */
export function jobAtPrinterInWords(printerName: string, status: DeviceJobStatus, trouble: readonly string[]): string {
    const where = {
        'pending': `Queued at ${printerName}`,
        'pending-held': `Held at ${printerName}`,
        'processing': `Printing on ${printerName}`,
        'processing-stopped': `Stopped on ${printerName}`
    }[status.state as 'pending' | 'pending-held' | 'processing' | 'processing-stopped'] ?? `At ${printerName}`;
    const why = trouble.length ? `: ${joinedWords(trouble)}` : '';
    return `${where}${why}${progressInWords(status)}`;
}

/** " — 120 impressions, 60 sheets done", or nothing before the first impression. */
export function progressInWords(status: Pick<DeviceJobStatus, 'impressionsCompleted' | 'sheetsCompleted'>): string {
    const parts: string[] = [];
    if (status.impressionsCompleted) {
        parts.push(`${status.impressionsCompleted.toLocaleString('en')} ${status.impressionsCompleted === 1 ? 'impression' : 'impressions'}`);
    }
    if (status.sheetsCompleted) {
        parts.push(`${status.sheetsCompleted.toLocaleString('en')} ${status.sheetsCompleted === 1 ? 'sheet' : 'sheets'}`);
    }
    return parts.length ? ` — ${parts.join(', ')} done` : '';
}

/** Why the printer ended the job without printing it: "Printer A aborted the job: file format not supported". */
export function endedInWords(printerName: string, status: DeviceJobStatus, printerReasons: readonly string[]): string {
    const verb = status.state === 'canceled' ? 'canceled' : 'aborted';
    const words = troubleInWords(status.reasons, printerReasons);
    const message = status.message?.trim();
    const why = [joinedWords(words), message].filter(Boolean).join('; ');
    return `${printerName} ${verb} the job${why ? `: ${why}` : ''}`;
}
