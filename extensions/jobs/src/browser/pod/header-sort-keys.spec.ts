import * as assert from 'node:assert/strict';
import type * as React from '@theia/core/shared/react';
import { SortRequest, sortOnKeys } from './header-sort-keys';

function keyEvent(key: string, shiftKey = false): { event: React.KeyboardEvent, stopped: () => boolean } {
    let prevented = false;
    let stopped = false;
    const event = {
        key, shiftKey,
        preventDefault: () => { prevented = true; },
        stopPropagation: () => { stopped = true; }
    } as unknown as React.KeyboardEvent;
    return { event, stopped: () => stopped && prevented };
}

describe('sortOnKeys', () => {
    it('sorts on Enter and on Space, and keeps the key from the grid', () => {
        const requests: SortRequest[] = [];
        const handler = sortOnKeys(request => requests.push(request));
        const enter = keyEvent('Enter');
        const space = keyEvent(' ', true);
        handler(enter.event);
        handler(space.event);
        assert.deepEqual(requests.map(request => request.shiftKey), [false, true]);
        assert.ok(enter.stopped() && space.stopped());
    });

    it('leaves other keys alone (arrows still move through the rows)', () => {
        const requests: SortRequest[] = [];
        const arrow = keyEvent('ArrowDown');
        sortOnKeys(request => requests.push(request))(arrow.event);
        assert.equal(requests.length, 0);
        assert.equal(arrow.stopped(), false);
    });
});
