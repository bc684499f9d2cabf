import * as assert from 'node:assert/strict';
import { ALL_JOBS_COLUMNS } from './job-columns';
import { DEFAULT_ORDER_PANEL_WIDTH, NARROW_SCREEN_WIDTH, initialOrderPanel, isTouchLayout } from './pod-layout-rules';
import { defaultViewState } from './pod-view-state';

describe('the pod layout', () => {
    it('opens the Order panel as the user left it, else collapsed on narrow screens, never wider than 40 % of the screen', () => {
        assert.deepEqual(initialOrderPanel({}, 1440), { width: DEFAULT_ORDER_PANEL_WIDTH, collapsed: false });
        assert.deepEqual(initialOrderPanel({}, 1024), { width: DEFAULT_ORDER_PANEL_WIDTH, collapsed: true });
        assert.deepEqual(initialOrderPanel({ width: 420, collapsed: false }, 1024), { width: 410, collapsed: false });
        assert.deepEqual(initialOrderPanel({ width: 350, collapsed: true }, 1920), { width: 350, collapsed: true });
        assert.ok(NARROW_SCREEN_WIDTH > 1024 && NARROW_SCREEN_WIDTH < 1440);
    });

    it('chooses the touch layout on coarse pointers unless the user chose otherwise', () => {
        assert.equal(isTouchLayout('auto', true), true);
        assert.equal(isTouchLayout('auto', false), false);
        assert.equal(isTouchLayout('on', false), true);
        assert.equal(isTouchLayout('off', true), false);
    });

    it('leads with the columns an operator scans first; Job ID is there to add', () => {
        const columns = defaultViewState(ALL_JOBS_COLUMNS).columns;
        assert.deepEqual(columns.slice(0, 4).map(column => column.id), ['name', 'orderNumber', 'state', 'currentActivity']);
        assert.ok(!columns.some(column => column.id === 'id'));
        assert.ok(ALL_JOBS_COLUMNS.some(column => column.id === 'id'));
        // The four lead columns fit the pod at 1024 px with the Order panel collapsed.
        assert.ok(columns.slice(0, 4).reduce((sum, column) => sum + column.width, 0) <= 600);
    });
});
