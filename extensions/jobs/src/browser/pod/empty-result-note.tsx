import * as React from '@theia/core/shared/react';
import { nls } from '@theia/core/lib/common/nls';

export interface EmptyResultNoteProps {
    /** Whether a text or facet filter is set: then the filter is why nothing shows. */
    readonly filtered: boolean;
    onClearFilter(): void;
}

/** What the pod says instead of a blank grid when no job shows. */
export function EmptyResultNote({ filtered, onClearFilter }: EmptyResultNoteProps): React.ReactElement {
    return <div className='presswork-all-jobs-empty' role='status'>
        {filtered ? <>
            <span>{nls.localize('presswork/jobs/noMatches', 'No jobs match the filter.')}</span>
            <button type='button' className='theia-button' onClick={onClearFilter}>{nls.localize('presswork/jobs/clearFilter', 'Clear filter')}</button>
        </> : <span>{nls.localize('presswork/jobs/noJobs', 'There are no jobs yet.')}</span>}
    </div>;
}
