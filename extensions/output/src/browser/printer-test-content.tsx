import * as React from '@theia/core/shared/react';
import { nls } from '@theia/core/lib/common/nls';
import type { Medium } from '../common/tickets/media-catalog';
import { PrinterMediaList, type ReadyMedium } from './printer-media-list';

/** What Test shows of the printer's answer (the service's PrinterTestResult, as far as the dialog reads it). */
export interface PrinterTestView {
    readonly ok: boolean;
    readonly summary: string;
    readonly makeAndModel?: string;
    readonly reasonsInWords?: string;
    readonly documentFormats?: readonly string[];
    readonly canIdentify?: boolean;
    readonly testPageJobId?: number;
}

/** The printer's answer to Test, in words. */
export function PrinterTestContent(props: { printerName: string; result?: PrinterTestView; status?: string; media: readonly ReadyMedium[]; catalog: readonly Medium[] }): React.ReactElement {
    const { result } = props;
    return <div className='presswork-printer-test' aria-live='polite'>
        {props.status && <p data-field='testStatus'>{props.status}</p>}
        {result && <>
            <p className={result.ok ? 'presswork-status-ok' : 'presswork-error'} data-field='testSummary' role={result.ok ? undefined : 'alert'}>{result.summary}</p>
            <dl className='presswork-printer-facts'>
                {result.makeAndModel && <><dt>{nls.localize('presswork/output/makeAndModel', 'Make and model')}</dt><dd data-field='makeAndModel'>{result.makeAndModel}</dd></>}
                {result.ok && <><dt>{nls.localize('presswork/output/testReasons', 'Printer says')}</dt><dd data-field='testReasons'>{result.reasonsInWords ?? nls.localize('presswork/output/ready', 'ready')}</dd></>}
                {result.ok && <><dt>{nls.localize('presswork/output/mediaReady', 'Media ready')}</dt><dd><PrinterMediaList printerName={props.printerName} media={props.media} catalog={props.catalog} /></dd></>}
                {result.documentFormats?.length ? <><dt>{nls.localize('presswork/output/documentFormats', 'File formats')}</dt><dd data-field='documentFormats'>{result.documentFormats.join(', ')}</dd></> : undefined}
                {result.testPageJobId !== undefined && <><dt>{nls.localize('presswork/output/testPage', 'Test page')}</dt><dd data-field='testPage'>{nls.localize('presswork/output/testPageSent', 'sent as printer job {0}', result.testPageJobId)}</dd></>}
            </dl>
        </>}
    </div>;
}
