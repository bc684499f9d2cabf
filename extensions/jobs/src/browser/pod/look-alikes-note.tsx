import * as React from '@theia/core/shared/react';
import { nls } from '@theia/core/lib/common/nls';
import { isolatedIdentifier } from '@presswork/platform/lib/common/hidden-characters';

/**
 * Says that jobs exist whose order number only looks like the filter text (it holds hidden
 * characters), so the filter neither takes them for the same number nor hides that they exist.
 */
export function LookAlikesNote({ count, text }: { count: number, text: string }): React.ReactElement | null {
    if (count <= 0) {
        return null;
    }
    const shown = isolatedIdentifier(text.trim());
    return <p className='presswork-all-jobs-look-alikes presswork-warning' role='status' data-look-alikes={count}>
        <span className='codicon codicon-warning' aria-hidden='true' /> {count === 1
            ? nls.localize('presswork/jobs/lookAlikeOne', '1 job has an order number that looks like "{0}" but contains hidden characters', shown)
            : nls.localize('presswork/jobs/lookAlikes', '{0} jobs have order numbers that look like "{1}" but contain hidden characters', count, shown)}
    </p>;
}
