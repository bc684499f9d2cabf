import * as React from '@theia/core/shared/react';
import { nls } from '@theia/core/lib/common/nls';
import { formatDateTime } from '@presswork/platform/lib/common/presswork-format';
import type { BatchView } from '../../common/batch/batch-protocol';
import type { BatchOutput } from '../../common/batch/batch-schema';
import { ageWords, fillWords, keysWords } from './batch-words';

export interface BatchCardProps {
    readonly batch: BatchView;
    readonly now: number;
    /** Whether the user may act on jobs (Release batch now, Split batch). */
    readonly acts: boolean;
    /** Jobs ticked for Split batch (open batches). */
    readonly ticked: ReadonlySet<string>;
    readonly onTick: (jobId: string, ticked: boolean) => void;
    readonly onRelease: () => void;
    readonly onSplit: () => void;
}

function Fact(props: { field: string, label: string, children: React.ReactNode }): React.ReactElement {
    return <div className='presswork-batch-fact'><dt>{props.label}</dt><dd data-field={props.field}>{props.children}</dd></div>;
}

/** The printer's job in words: its number once the printer took it, else where the send stands. */
function deviceJobWords(output: BatchOutput): string {
    if (output.deviceJobId !== undefined) {
        return nls.localize('presswork/output/batchDeviceJob', 'job {0}', output.deviceJobId);
    }
    return output.handedOverAt
        ? nls.localize('presswork/output/batchHandedOver', 'handed over to the folder')
        : nls.localize('presswork/output/batchSending', 'being sent');
}

function OutputFacts({ output }: { output?: BatchOutput }): React.ReactElement {
    if (!output) {
        return <Fact field='output' label={nls.localize('presswork/output/batchOutput', 'Output')}>{nls.localize('presswork/output/batchNoOutput', 'not made yet')}</Fact>;
    }
    const pages = output.pages === undefined ? '' : ` · ${nls.localize('presswork/output/batchPages', '{0} pages', output.pages)}`;
    return <>
        <Fact field='output' label={nls.localize('presswork/output/batchOutput', 'Output')}><code>{output.fileName}</code>{pages}</Fact>
        <Fact field='printer' label={nls.localize('presswork/output/batchPrinter', 'Printer')}>{output.printerName}</Fact>
        <Fact field='deviceJob' label={nls.localize('presswork/output/batchPrinterJob', 'Printer job')}>{deviceJobWords(output)}</Fact>
    </>;
}

/** One batch in the Batches view: what it groups, how full, what releases it (or its output), its jobs and its log. */
export function BatchCard(props: BatchCardProps): React.ReactElement {
    const { batch, acts, ticked } = props;
    const open = batch.state === 'open';
    const canSplit = ticked.size > 0 && ticked.size < batch.members.length;
    return <article className='presswork-batch-card' role='listitem' data-batch={batch.id} data-state={batch.state} aria-label={batch.id}>
        <header className='presswork-batch-card-header'>
            <h4>{batch.id}</h4>
            <dl className='presswork-batch-facts'>
                <Fact field='keys' label={nls.localize('presswork/output/batchKeys', 'Grouped by')}>{keysWords(batch)}</Fact>
                <Fact field='fill' label={nls.localize('presswork/output/batchFillLabel', 'Jobs')}>{fillWords(batch)}</Fact>
                {open && <Fact field='age' label={nls.localize('presswork/output/batchAge', 'Open for')}>{ageWords(batch.openedAt, props.now)}</Fact>}
                {open && <Fact field='nextRelease' label={nls.localize('presswork/output/batchNextRelease', 'Next release')}>{batch.nextRelease ?? nls.localize('presswork/output/batchByHandOnly', 'by hand only')}</Fact>}
                {!open && batch.releasedAt && <Fact field='released' label={nls.localize('presswork/output/batchReleasedAt', 'Released')}>
                    {formatDateTime(batch.releasedAt)}{batch.releaseReason ? ` · ${batch.releaseReason}` : ''}
                </Fact>}
                {!open && <OutputFacts output={batch.output} />}
            </dl>
            {open && acts && <div className='presswork-row-actions'>
                <button className='theia-button' onClick={props.onRelease}>{nls.localize('presswork/output/releaseBatchNow', 'Release batch now')}</button>
                <button className='theia-button secondary' disabled={!canSplit} onClick={props.onSplit}
                    title={canSplit ? undefined : nls.localize('presswork/output/splitTick', 'Tick some of the batch\'s jobs, not all of them: they move to a new batch')}>
                    {nls.localize('presswork/output/splitBatch', 'Split batch')}
                </button>
            </div>}
        </header>
        <table className='presswork-table' aria-label={nls.localize('presswork/output/batchJobsOf', 'Jobs of {0}', batch.id)}>
            <thead><tr>
                {open && acts && <th aria-label={nls.localize('presswork/output/batchTick', 'Split off')}></th>}
                <th>{nls.localize('presswork/output/batchOrder', 'Order')}</th>
                <th>{nls.localize('presswork/output/batchJob', 'Job')}</th>
                <th>{nls.localize('presswork/output/batchCopies', 'Copies')}</th>
                <th>{nls.localize('presswork/output/batchJoined', 'Joined')}</th>
            </tr></thead>
            <tbody>{batch.members.map(member => <tr key={member.jobId} data-job-id={member.jobId}>
                {open && acts && <td><input type='checkbox' checked={ticked.has(member.jobId)}
                    aria-label={nls.localize('presswork/output/batchTickJob', 'Split off {0} (order {1})', member.jobName, member.orderNumber)}
                    onChange={event => props.onTick(member.jobId, event.target.checked)} /></td>}
                <td>{member.orderNumber}</td>
                <td>{member.jobName}</td>
                <td>{member.copies}</td>
                <td>{formatDateTime(member.joinedAt)}</td>
            </tr>)}</tbody>
        </table>
        <details className='presswork-batch-log'>
            <summary>{nls.localize('presswork/output/batchLog', 'Log ({0})', batch.log.length)}</summary>
            <table className='presswork-table' aria-label={nls.localize('presswork/output/batchLogOf', 'Log of {0}', batch.id)}>
                <tbody>{batch.log.map((entry, index) => <tr key={index} data-level={entry.level}>
                    <td>{formatDateTime(entry.at, { seconds: true })}</td>
                    <td>{entry.by ?? ''}</td>
                    <td className='presswork-batch-log-message'>{entry.message}</td>
                </tr>)}</tbody>
            </table>
        </details>
    </article>;
}
