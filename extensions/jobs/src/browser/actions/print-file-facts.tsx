import * as React from '@theia/core/shared/react';
import { nls } from '@theia/core/lib/common/nls';
import type { JobRow } from '@presswork/platform/lib/common/job-row';
import { millimetres, paperSizeName, printFileUrl } from '../../common/print-file';

type PrintFileSummary = NonNullable<JobRow['printFile']>;

/** "A4 · 210 × 297 mm", "216 × 303 mm". */
export function describePageSize(width: number, height: number): string {
    const size = nls.localize('presswork/jobs/printFile/millimetres', '{0} × {1} mm', millimetres(width), millimetres(height));
    const name = paperSizeName(width, height);
    return name ? `${name} · ${size}` : size;
}

/** What a person reads of a print file: its page count and page size, or why they are not known. */
export function describePrintFile(printFile: JobRow['printFile']): string {
    if (!printFile) {
        return nls.localize('presswork/jobs/printFile/notArrived', 'Not arrived yet');
    }
    if (printFile.unreadable !== undefined) {
        return printFile.unreadable;
    }
    if (printFile.pageCount === undefined || printFile.width === undefined || printFile.height === undefined) {
        return nls.localize('presswork/jobs/printFile/counting', 'Counting pages…');
    }
    return `${pageCount(printFile.pageCount)} · ${describePageSize(printFile.width, printFile.height)}`;
}

function pageCount(count: number): string {
    return count === 1
        ? nls.localize('presswork/jobs/printFile/onePage', '1 page')
        : nls.localize('presswork/jobs/printFile/pages', '{0} pages', count.toLocaleString());
}

/** The print file's facts with a link that opens it in a browser tab (Properties…). */
export function PrintFileFact(props: { jobId: string; printFile: PrintFileSummary | undefined }): React.ReactElement {
    return <>
        <dt>{nls.localize('presswork/jobs/printFile/label', 'Print file')}</dt>
        <dd data-fact='printFile'>
            <span className='presswork-print-file-pages'>{describePrintFile(props.printFile)}</span>
            {props.printFile && <> <a href={printFileUrl(props.jobId)} target='_blank' rel='noopener noreferrer'
                title={nls.localize('presswork/jobs/printFile/openTitle', 'Open the print file (PDF) in a browser tab')}>
                {nls.localize('presswork/jobs/printFile/open', 'Open')}</a></>}
        </dd>
    </>;
}
