import * as React from '@theia/core/shared/react';
import { nls } from '@theia/core/lib/common/nls';
import { formatDateTime, formatTime } from '@presswork/platform/lib/common/presswork-format';
import { reasonsInWords } from '../common/ipp-reason-words';
import type { PrinterState } from '../common/printer-state';

/** How a printer's state reads: a word for the state, its reasons and since when, and how serious it is. */
export interface PrinterStatusWords {
    readonly label: string;
    /** The printer's reasons ("out of paper"), or why it could not be asked. */
    readonly detail?: string;
    /** "since 16:02" (or a date and time when not today). */
    readonly since?: string;
    readonly severity: 'ok' | 'busy' | 'warning' | 'error' | 'none';
}

/** A time as an operator reads it: the time alone today, else the date and time. */
export function whenText(timestamp: string, now: Date = new Date()): string {
    const date = new Date(timestamp);
    if (Number.isNaN(date.getTime())) {
        return timestamp;
    }
    const sameDay = date.toDateString() === now.toDateString();
    return sameDay ? formatTime(date) : formatDateTime(date);
}

/** Reasons that only report (no `-error`) make a warning, errors an error. */
function reasonSeverity(reasons: readonly string[]): 'warning' | 'error' | undefined {
    if (reasons.some(reason => reason.endsWith('-error'))) {
        return 'error';
    }
    return reasons.some(reason => reason !== 'none') ? 'warning' : undefined;
}

/**
 * A printer's state in words. Without a state document: an IPP printer has not been asked yet;
 * a hot folder or raw socket reports nothing.
 */
export function printerStatusWords(state: PrinterState | undefined, reportsState: boolean, now: Date = new Date()): PrinterStatusWords {
    if (!state) {
        return reportsState
            ? { label: nls.localize('presswork/output/stateNotChecked', 'Not checked yet'), severity: 'none' }
            : { label: nls.localize('presswork/output/stateNotReported', 'Reports no state'), severity: 'none' };
    }
    const since = nls.localize('presswork/output/stateSince', 'since {0}', whenText(state.since, now));
    if (!state.reachable) {
        return {
            label: nls.localize('presswork/output/stateUnreachable', 'Unreachable'),
            detail: state.problem ?? nls.localize('presswork/output/stateNoAnswer', 'the printer does not answer'),
            since, severity: 'error'
        };
    }
    const reasons = state.reasons.filter(reason => reason !== 'none');
    const detail = reasons.length ? state.reasonsInWords ?? reasonsInWords(reasons) : undefined;
    switch (state.state) {
        case 'idle':
            return { label: nls.localize('presswork/output/stateIdle', 'Idle'), detail, since, severity: reasonSeverity(reasons) ?? 'ok' };
        case 'processing':
            return { label: nls.localize('presswork/output/stateProcessing', 'Printing'), detail, since, severity: reasonSeverity(reasons) ?? 'busy' };
        case 'stopped':
            return { label: nls.localize('presswork/output/stateStopped', 'Stopped'), detail, since, severity: 'error' };
        default:
            return { label: nls.localize('presswork/output/stateUnknown', 'State unknown'), detail, since, severity: reasonSeverity(reasons) ?? 'none' };
    }
}

const ICONS = new Map<PrinterStatusWords['severity'], string>([
    ['ok', 'codicon-pass'], ['busy', 'codicon-sync'], ['warning', 'codicon-warning'], ['error', 'codicon-error'], ['none', 'codicon-circle-outline']
]);

/** The printer's state as a badge: an icon (decoration only), the state in a word, its reasons and since when. */
export function PrinterStateBadge(props: { state: PrinterState | undefined; reportsState: boolean; now?: Date }): React.ReactElement {
    const words = printerStatusWords(props.state, props.reportsState, props.now);
    return <div className={`presswork-printer-state presswork-printer-state-${words.severity}`} data-field='printerState' data-severity={words.severity}>
        <span className={`codicon ${ICONS.get(words.severity)}`} aria-hidden='true' />
        <strong className='presswork-printer-state-label'>{words.label}</strong>
        {words.detail && <span className='presswork-printer-state-detail'>{': '}{words.detail}</span>}
        {words.since && <div className='presswork-form-help'>{words.since}</div>}
        {props.state?.message && <div className='presswork-form-help' data-field='printerMessage'>{props.state.message}</div>}
    </div>;
}
