import { PressworkError, messageOf } from '@presswork/platform/lib/common/errors';

/** A copy's name: the original's with " (copy)", within the 100 characters a name may have. */
export function copyName(name: string): string {
    const suffix = ' (copy)';
    return `${name.slice(0, 100 - suffix.length)}${suffix}`;
}

/** Whether a refused save means someone else saved first ("changed by … at …"). */
export function isSaveConflict(error: unknown): boolean {
    return (typeof error === 'object' && error !== null && PressworkError.Conflict.is(error)) || /changed by .* at /i.test(messageOf(error));
}
