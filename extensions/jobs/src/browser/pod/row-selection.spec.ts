import * as assert from 'node:assert/strict';
import type { JobListItem } from '../../common/job-query';
import type { JobRow } from '../../common/job-row';
import { RowSelection } from './row-selection';

function row(id: string, state: JobRow['state'] = 'Queued'): JobRow {
    return {
        id, name: `Job ${id}`, orderId: 'o1', orderNumber: '1001', customer: 'Pat Lee', connectionId: 'c1', phase: 'Prepare', state,
        copies: 1, priority: 5, receivedAt: '2026-11-26T10:00:00.000Z', updatedAt: '2026-11-26T10:00:00.000Z', orderVersion: 1
    };
}

/** A group header, then jobs a to d, then another header, then e. */
const ITEMS: JobListItem[] = [
    { kind: 'group', key: '1001', label: '1001', jobCount: 4, waitingForCloseout: 0, collapsed: false },
    ...['a', 'b', 'c', 'd'].map(id => ({ kind: 'job' as const, row: row(id) })),
    { kind: 'group', key: '1002', label: '1002', jobCount: 1, waitingForCloseout: 0, collapsed: false },
    { kind: 'job', row: row('e') }
];
const itemAt = (index: number): JobListItem | undefined => ITEMS[index];
const ids = (selection: RowSelection): string[] => selection.rows().map(selected => selected.id).sort();

describe('RowSelection', () => {
    it('selects one row on a click, toggles on ctrl-click, and ignores group headers', () => {
        const selection = new RowSelection();
        assert.equal(selection.select(0, {}, itemAt), false);
        assert.equal(selection.size, 0);
        selection.select(1, {}, itemAt);
        selection.select(3, { toggle: true }, itemAt);
        assert.deepEqual(ids(selection), ['a', 'c']);
        selection.select(1, { toggle: true }, itemAt);
        assert.deepEqual(ids(selection), ['c']);
        selection.select(4, {}, itemAt);
        assert.deepEqual(ids(selection), ['d']);
    });

    it('selects the range from the last clicked row on shift-click, across group headers', () => {
        const selection = new RowSelection();
        selection.select(2, {}, itemAt);
        selection.select(6, { range: true }, itemAt);
        assert.deepEqual(ids(selection), ['b', 'c', 'd', 'e']);
        selection.select(1, { range: true }, itemAt);
        assert.deepEqual(ids(selection), ['a', 'b']);
    });

    it('moves with the arrow keys over job rows only, stopping at the ends', () => {
        const selection = new RowSelection();
        assert.equal(selection.nextIndex(1, ITEMS.length, itemAt), 1);
        selection.select(4, {}, itemAt);
        assert.equal(selection.nextIndex(1, ITEMS.length, itemAt), 6);
        selection.select(6, {}, itemAt);
        assert.equal(selection.nextIndex(1, ITEMS.length, itemAt), undefined);
        selection.select(1, {}, itemAt);
        assert.equal(selection.nextIndex(-1, ITEMS.length, itemAt), undefined);
    });

    it('keeps the selected jobs by id and takes their newest rows', () => {
        const selection = new RowSelection();
        selection.select(1, {}, itemAt);
        const held = row('a', 'Held');
        assert.equal(selection.refresh([row('b', 'Held'), held]), true);
        assert.equal(selection.rows()[0], held);
        assert.equal(selection.refresh([held]), false);
    });

    it('unselects the jobs a filter hides and says how many', () => {
        const selection = new RowSelection();
        selection.select(1, {}, itemAt);
        selection.select(4, { range: true }, itemAt);
        assert.equal(selection.retain(id => id === 'b' || id === 'd'), 2);
        assert.deepEqual(ids(selection), ['b', 'd']);
        assert.equal(selection.retain(() => true), 0);
    });
});
