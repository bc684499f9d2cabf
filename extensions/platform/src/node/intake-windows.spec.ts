import * as assert from 'node:assert/strict';
import { IntakeWindows } from './intake-windows';

describe('IntakeWindows', () => {

    async function settledWithin(promise: Promise<void>, ms: number): Promise<boolean> {
        return Promise.race([promise.then(() => true), new Promise<boolean>(resolve => setTimeout(() => resolve(false), ms))]);
    }

    it('lets background work go at once while no window is being written', async () => {
        assert.equal(await settledWithin(new IntakeWindows().whenQuiet(), 50), true);
    });

    it('holds background work until every window being written has ended', async () => {
        const windows = new IntakeWindows();
        const first = windows.begin();
        const second = windows.begin();
        const quiet = windows.whenQuiet();
        first();
        first();
        assert.equal(await settledWithin(quiet, 50), false, 'one window is still being written');
        second();
        assert.equal(await settledWithin(quiet, 50), true);
        assert.equal(windows.busy, false);
    });

    it('never holds background work longer than the limit', async () => {
        const windows = new IntakeWindows();
        windows.begin();
        assert.equal(await settledWithin(windows.whenQuiet(30), 500), true);
    });

    it('counts the limit from when intake became busy: past it, nothing waits until intake has paused', async () => {
        const windows = new IntakeWindows();
        windows.begin();
        assert.equal(await settledWithin(windows.whenQuiet(100), 500), true, 'held at most the limit');
        // Window after window, never a pause: later work is not held the limit anew.
        const end = windows.begin();
        assert.equal(await settledWithin(windows.whenQuiet(100), 5), true);
        end();
        assert.equal(windows.busy, true, 'the first window is still being written');

        const fresh = new IntakeWindows();
        const stretch = fresh.begin();
        stretch();
        fresh.begin();
        assert.equal(await settledWithin(fresh.whenQuiet(100), 20), false, 'after a pause the limit counts again');
    });
});
