import * as React from '@theia/core/shared/react';
import { nls } from '@theia/core/lib/common/nls';
import { DialogProps } from '@theia/core/lib/browser/dialogs';
import { ReactDialog } from '@theia/core/lib/browser/dialogs/react-dialog';
import { isolatedText } from '@presswork/platform/lib/common/hidden-characters';
import { StoreText } from '@presswork/platform/lib/browser/store-text';
import type { ConnectionLogEntry } from '../common/connection-runtime';
import { formatDateTime, formatTime } from '@presswork/platform/lib/common/presswork-format';

/** Orders read again that Presswork already has: a normal repeat of the poll window, not a fault. */
const UNCHANGED_HEADER = nls.localize('presswork/connections/log/unchanged', 'Already taken in (unchanged)');
const UNCHANGED_HINT = nls.localize('presswork/connections/log/unchangedHint',
    'Orders this poll read again that Presswork already has; they were left as they are.');

/** Each poll of a connection: its window, what came in, and what went wrong. */
export class ConnectionLogDialog extends ReactDialog<void> {
    constructor(name: string, protected readonly entries: readonly ConnectionLogEntry[]) {
        super({ title: `Log of ${isolatedText(name)}`, maxWidth: 1100 } as DialogProps);
        this.appendCloseButton('Close');
    }

    get value(): void {
        return undefined;
    }

    protected render(): React.ReactNode {
        if (!this.entries.length) {
            return <p>No polls yet.</p>;
        }
        // The table takes the focus, so a long log scrolls from the keyboard too.
        return <div className='presswork-dialog-table'>
            <table className='presswork-table' aria-label='Connection log' tabIndex={0}>
                <thead><tr>
                    <th>Polled at</th><th>Window</th><th>Received</th><th>Created</th><th title={UNCHANGED_HINT}>{UNCHANGED_HEADER}</th><th>Rejected</th><th>Errors</th><th>Duration</th><th>Message</th>
                </tr></thead>
                <tbody>{this.entries.map(entry => <tr key={entry.at + entry.windowStart}>
                    <td>{formatDateTime(entry.at, { seconds: true })}</td>
                    <td>{formatDateTime(entry.windowStart)} – {formatTime(entry.windowEnd)}</td>
                    <td>{entry.received}</td>
                    <td>{entry.created}</td>
                    <td>{entry.duplicates}</td>
                    <td>{entry.rejected}</td>
                    <td>{entry.errors}</td>
                    <td>{entry.durationMs} ms</td>
                    <td className={entry.error ? 'presswork-status-error' : ''}><StoreText text={entry.error ?? entry.note} /></td>
                </tr>)}</tbody>
            </table>
        </div>;
    }
}
