import { reasonsInWords } from '../../common/ipp-reason-words';
import { inTrouble, type PrinterState } from '../../common/printer-state';

/**
 * `printer-state-reasons` keywords (RFC 8011 5.4.12, PWG 5100.9) that stop a printer from printing
 * until someone walks to it: no paper, a jam, an open door, a supply run out or missing, a full
 * output tray. A low supply or a printer warming up is not one of them.
 */
const ATTENTION_REASONS: ReadonlySet<string> = new Set([
    'media-empty', 'media-needed', 'media-jam', 'media-path-jam',
    'input-tray-missing', 'input-media-type-mismatch', 'input-media-size-mismatch',
    'output-area-full', 'output-tray-missing',
    'door-open', 'cover-open', 'interlock-open',
    'toner-empty', 'marker-supply-empty', 'marker-supply-missing', 'marker-waste-full', 'developer-empty', 'opc-life-over',
    'fuser-over-temp',
    'staple-empty', 'stapler-jam', 'punch-full', 'binder-empty',
    'spool-area-full', 'offline', 'shutdown', 'timed-out', 'other'
]);

/** A reason keyword without its severity suffix. */
export function reasonBase(reason: string): string {
    return reason.replace(/-(error|warning|report)$/, '');
}

/**
 * The reasons that need a person, at error or warning severity (a keyword without a suffix is an
 * error, RFC 8011 5.4.12). Warnings count: a printer that runs out of paper in the middle of a job
 * says `media-empty-warning` while it still counts as processing (ippeveprinter does, as do
 * printers that wait for paper instead of stopping). A `-report` is for information only.
 */
export function attentionReasons(reasons: readonly string[]): string[] {
    return reasons.filter(reason => !reason.endsWith('-report') && ATTENTION_REASONS.has(reasonBase(reason)));
}

/** Stopped, not answering, or reporting a reason a person must see to: a printer that needs attention. */
export function needsAttention(state: Pick<PrinterState, 'state' | 'reachable' | 'reasons'>): boolean {
    return inTrouble(state) || attentionReasons(state.reasons).length > 0;
}

/** What is wrong, in words an operator reads in a message: "out of paper", "stopped", or why it cannot be reached. */
export function troubleInWords(state: Pick<PrinterState, 'state' | 'reachable' | 'reasons' | 'problem'>): string {
    const attention = attentionReasons(state.reasons);
    if (attention.length > 0) {
        return reasonsInWords(attention);
    }
    if (!state.reachable) {
        return state.problem ?? 'the printer does not answer';
    }
    const words = reasonsInWords(state.reasons);
    return state.reasons.length > 0 && words !== 'stopped' ? `stopped: ${words}` : 'stopped';
}
