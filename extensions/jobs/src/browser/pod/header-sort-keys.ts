import type * as React from '@theia/core/shared/react';

/** What sorting needs from the event that asked for it: Shift adds a sort key instead of replacing them. */
export interface SortRequest {
    readonly shiftKey: boolean;
}

/**
 * Enter or Space on a focused column header sorts by it, as a click does, so the keyboard reaches
 * every sort. The key goes no further: the grid below must not take it for a row command.
 */
export function sortOnKeys(sort: (request: SortRequest) => void): (event: React.KeyboardEvent) => void {
    return event => {
        if (event.key !== 'Enter' && event.key !== ' ') {
            return;
        }
        event.preventDefault();
        event.stopPropagation();
        sort(event);
    };
}
