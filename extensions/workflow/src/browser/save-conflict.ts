import { PressworkError, messageOf } from '@presswork/platform/lib/common/errors';
import { nls } from '@theia/core/lib/common/nls';

/** A copy's name: the original's with " (copy)", within the 100 characters a name may have. */
export function copyName(name: string): string {
    const suffix = nls.localize('presswork/workflow/copySuffix', ' (copy)');
    return `${name.slice(0, 100 - suffix.length)}${suffix}`;
}

/** Whether a refused save means someone else saved first ("changed by … at …"). */
export function isSaveConflict(error: unknown): boolean {
    return (typeof error === 'object' && error !== null && PressworkError.Conflict.is(error)) || /changed by .* at /i.test(messageOf(error));
}
