import * as React from '@theia/core/shared/react';
import type { JobLogEntry } from '@presswork/platform/lib/common/job-schema';
import { messageOf } from '@presswork/platform/lib/common/errors';
import { isolatedText } from '@presswork/platform/lib/common/hidden-characters';
import { StoreText } from '@presswork/platform/lib/browser/store-text';
import type { JobActionService } from '../../common/jobs-protocol';
import { JobDialog } from './job-dialog';
import { filterLog, inTimeOrder, levelInWords, logAsText } from './job-log-view';
import { formatDateTime } from '@presswork/platform/lib/common/presswork-format';

export interface JobLogDialogOptions {
    readonly jobId: string;
    readonly jobName: string;
    readonly service: Pick<JobActionService, 'log'>;
    /** Puts text on the clipboard (Theia's clipboard service). */
    readonly copy: (text: string) => Promise<void>;
}

/** Log… : the job's whole history, newest last, with a filter and Copy (of what the filter shows). */
export class JobLogDialog extends JobDialog {
    protected entries: JobLogEntry[] | undefined;
    protected loadError: string | undefined;
    protected filter = '';
    protected copied = false;
    protected readonly tableEnd = React.createRef<HTMLDivElement>();

    constructor(protected readonly options: JobLogDialogOptions) {
        super(`Log of ${isolatedText(options.jobName)}`, 960, 'presswork-job-log-dialog');
        this.appendCloseButton('Close');
    }

    protected async load(): Promise<void> {
        try {
            this.entries = inTimeOrder(await this.options.service.log(this.options.jobId));
            this.loadError = undefined;
        } catch (error) {
            this.loadError = messageOf(error);
        }
        this.update();
        // The newest entries are the last ones: show them first.
        requestAnimationFrame(() => this.tableEnd.current?.scrollIntoView({ block: 'end' }));
    }

    protected async copyShown(): Promise<void> {
        try {
            await this.options.copy(logAsText(filterLog(this.entries ?? [], this.filter)));
            this.copied = true;
            this.setErrorMessage('');
        } catch (error) {
            this.setErrorMessage(`Could not copy: ${messageOf(error)}`);
        }
        this.update();
    }

    protected render(): React.ReactNode {
        return <div id='presswork-job-log' className='presswork-job-log' data-job-id={this.options.jobId}>
            {this.renderBody()}
        </div>;
    }

    protected renderBody(): React.ReactNode {
        if (this.loadError) {
            return <p className='presswork-error' role='alert'>{this.loadError}</p>;
        }
        if (!this.entries) {
            return <p>Loading…</p>;
        }
        const shown = filterLog(this.entries, this.filter);
        return <>
            <div className='presswork-toolbar'>
                <input className='theia-input presswork-job-log-filter' type='search' placeholder='Filter' aria-label='Filter the log'
                    defaultValue={this.filter} spellCheck={false} onChange={event => {
                        this.filter = event.target.value;
                        this.copied = false;
                        this.update();
                    }} />
                <span className='presswork-job-log-count' aria-live='polite'>
                    {shown.length === this.entries.length ? `${shown.length} entries` : `${shown.length} of ${this.entries.length} entries`}
                </span>
                <button className='theia-button secondary' onClick={() => this.load()}>Reload</button>
                <button className='theia-button secondary' disabled={!shown.length} onClick={() => this.copyShown()}>
                    {this.copied ? 'Copied' : 'Copy'}
                </button>
            </div>
            <div className='presswork-job-log-scroll'>
                <table className='presswork-table presswork-job-log-table' aria-label='Job log'>
                    <thead><tr><th>Time</th><th>Level</th><th>Who</th><th>Message</th></tr></thead>
                    <tbody>{shown.map((entry, index) => <tr key={index} data-level={entry.level}>
                        <td className='presswork-job-log-time' title={entry.at}>{formatDateTime(entry.at, { seconds: true })}</td>
                        <td className={`presswork-job-log-level presswork-job-log-${entry.level}`}>{levelInWords(entry.level)}</td>
                        <td>{entry.by ?? ''}</td>
                        <td className='presswork-job-log-message'><StoreText text={entry.message} /></td>
                    </tr>)}</tbody>
                </table>
                {!shown.length && <p className='presswork-form-help'>{this.entries.length ? 'No entry matches the filter.' : 'The log is empty.'}</p>}
                <div ref={this.tableEnd} />
            </div>
        </>;
    }
}
