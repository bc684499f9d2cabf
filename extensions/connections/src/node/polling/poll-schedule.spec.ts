import * as assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import type { OrderWindow } from '@presswork/platform/lib/common';
import { TimestampSchema } from '@presswork/platform/lib/common/identifiers';
import { MAX_BACKOFF_MS, WINDOW_OVERLAP_MS, delayAfter, nextWindow } from './poll-schedule';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe('nextWindow', () => {

    const NOW = new Date('2026-02-16T08:00:00.000Z');

    it('reaches back firstLookBackHours on a connection never polled, a piece at a time', () => {
        assert.deepEqual(nextWindow(undefined, 24, NOW, 24 * 60 * MINUTE), { start: '2026-02-15T08:00:00.000Z', end: '2026-02-16T08:00:00.000Z' });
        assert.deepEqual(nextWindow(undefined, 24, NOW), { start: '2026-02-15T08:00:00.000Z', end: '2026-02-15T10:00:00.000Z' }, 'at most two hours by default');
        assert.deepEqual(nextWindow(undefined, 0, NOW), { start: NOW.toISOString(), end: NOW.toISOString() });
    });

    it('starts 15 minutes before the watermark afterwards, and ends now', () => {
        assert.equal(WINDOW_OVERLAP_MS, 15 * MINUTE);
        assert.deepEqual(nextWindow('2026-02-16T07:55:00.000Z', 24, NOW), { start: '2026-02-16T07:40:00.000Z', end: '2026-02-16T08:00:00.000Z' });
    });

    it('reads a watermark written with an offset as the instant it names', () => {
        assert.deepEqual(nextWindow('2026-02-15T23:55:00-08:00', 24, NOW), { start: '2026-02-16T07:40:00.000Z', end: '2026-02-16T08:00:00.000Z' });
    });

    it('resumes from an old watermark, however long ago, rather than leave a gap', () => {
        assert.deepEqual(nextWindow('2026-02-10T00:00:00.000Z', 1, NOW, 30 * 24 * 60 * MINUTE), { start: '2026-02-09T23:45:00.000Z', end: NOW.toISOString() });
        assert.deepEqual(nextWindow('2026-02-10T00:00:00.000Z', 1, NOW), { start: '2026-02-09T23:45:00.000Z', end: '2026-02-10T01:45:00.000Z' });
    });

    it('never starts after it ends when the clock went back behind the watermark', () => {
        const window = nextWindow('2026-02-16T09:00:00.000Z', 24, NOW);
        assert.ok(Date.parse(window.start) <= Date.parse(window.end));
        assert.equal(window.end, NOW.toISOString());
    });

    it('writes instants the store and the schemas accept', () => {
        const window = nextWindow('2026-02-16T07:55:00.000Z', 24, NOW);
        assert.equal(TimestampSchema.safeParse(window.start).success, true);
        assert.equal(TimestampSchema.safeParse(window.end).success, true);
    });
});

describe('delayAfter', () => {

    it('waits the interval after a success', () => {
        assert.equal(delayAfter(0, 300), 300_000);
        assert.equal(delayAfter(0, 5), 5_000);
    });

    it('doubles per failure in a row', () => {
        assert.deepEqual([1, 2, 3, 4].map(failures => delayAfter(failures, 30)), [60_000, 120_000, 240_000, 480_000]);
    });

    it('caps the back-off at 15 minutes', () => {
        assert.equal(MAX_BACKOFF_MS, 15 * MINUTE);
        assert.equal(delayAfter(5, 30), MAX_BACKOFF_MS);
        assert.equal(delayAfter(3, 300), MAX_BACKOFF_MS);
        assert.equal(delayAfter(1_000, 30), MAX_BACKOFF_MS, 'no overflow after many failures');
        assert.ok(Number.isFinite(delayAfter(Number.MAX_SAFE_INTEGER, 1)));
    });

    it('never retries sooner than the interval when the interval is longer than the cap', () => {
        assert.equal(delayAfter(1, 3_600), HOUR);
        assert.equal(delayAfter(10, 3_600), HOUR);
    });
});

describe('windows across daylight saving changes', () => {

    const ZONE = 'America/Los_Angeles';

    /** The windows a poller asks for when it polls at each of `polls` (instants), starting with no watermark. */
    function windowsOf(polls: readonly Date[], firstLookBackHours = 1): OrderWindow[] {
        const windows: OrderWindow[] = [];
        let watermark: string | undefined;
        for (const now of polls) {
            const window = nextWindow(watermark, firstLookBackHours, now);
            windows.push(window);
            watermark = window.end;
        }
        return windows;
    }

    /** Every instant of the whole span is in some window; with polls more than 15 minutes apart, two windows share only the overlap. */
    function assertContiguous(windows: readonly OrderWindow[]): void {
        for (let index = 1; index < windows.length; index++) {
            const previous = windows[index - 1];
            const current = windows[index];
            assert.ok(Date.parse(current.start) < Date.parse(previous.end), `no gap before ${current.start}`);
            assert.equal(Date.parse(previous.end) - Date.parse(current.start), WINDOW_OVERLAP_MS, `only the overlap repeats at ${current.start}`);
            assert.ok(Date.parse(current.end) > Date.parse(previous.end), `${current.end} moves forward`);
        }
        const first = Date.parse(windows[0].start);
        const last = Date.parse(windows[windows.length - 1].end);
        for (let minute = first; minute < last; minute += MINUTE) {
            const covering = windows.filter(window => Date.parse(window.start) <= minute && minute < Date.parse(window.end)).length;
            assert.ok(covering >= 1, `${new Date(minute).toISOString()} is in a window`);
            assert.ok(covering <= 2, `${new Date(minute).toISOString()} is asked for at most twice`);
        }
    }

    function local(iso: string): Date {
        return DateTime.fromISO(iso, { zone: ZONE }).toJSDate();
    }

    function every(start: Date, minutes: number, count: number): Date[] {
        return Array.from({ length: count }, (_, index) => new Date(start.getTime() + index * minutes * MINUTE));
    }

    it('leaves no gap when the clocks fall back on 2026-11-01 (01:00-02:00 happens twice)', () => {
        const polls = every(local('2026-11-01T00:05:00'), 20, 12);
        const windows = windowsOf(polls);
        assertContiguous(windows);

        // The wall clock repeats an hour; the windows do not.
        const localEnds = windows.map(window => DateTime.fromISO(window.end, { zone: ZONE }));
        assert.ok(localEnds.some(end => end.offset === -420) && localEnds.some(end => end.offset === -480), 'polls on both sides of the change');
        const wallClockWentBack = localEnds.some((end, index) => index > 0 && end.toFormat('HH:mm') < localEnds[index - 1].toFormat('HH:mm'));
        assert.ok(wallClockWentBack, 'the wall clock went back during the span');
        for (const window of windows.slice(1)) {
            assert.equal(Date.parse(window.end) - Date.parse(window.start), 35 * MINUTE, `${window.start} is 20 + 15 minutes long`);
        }
    });

    it('takes the repeated hour once per window when polls straddle the change at odd times', () => {
        // 01:50 PDT, then 01:10 PST (40 minutes later), then 01:40 PST.
        const polls = [local('2026-11-01T01:50:00-07:00'), local('2026-11-01T01:10:00-08:00'), local('2026-11-01T01:40:00-08:00')];
        assert.deepEqual(polls.map(poll => poll.toISOString()), ['2026-11-01T08:50:00.000Z', '2026-11-01T09:10:00.000Z', '2026-11-01T09:40:00.000Z']);
        const windows = windowsOf(polls);
        assert.deepEqual(windows.slice(1), [
            { start: '2026-11-01T08:35:00.000Z', end: '2026-11-01T09:10:00.000Z' },
            { start: '2026-11-01T08:55:00.000Z', end: '2026-11-01T09:40:00.000Z' }
        ]);
        assertContiguous(windows);
    });

    it('leaves no gap when the clocks spring forward on 2026-03-08 (02:00-03:00 never happens)', () => {
        const polls = every(local('2026-03-08T00:55:00'), 20, 12);
        const windows = windowsOf(polls);
        assertContiguous(windows);

        const localEnds = windows.map(window => DateTime.fromISO(window.end, { zone: ZONE }));
        assert.ok(localEnds.some(end => end.offset === -480) && localEnds.some(end => end.offset === -420), 'polls on both sides of the change');
        for (const window of windows.slice(1)) {
            assert.equal(Date.parse(window.end) - Date.parse(window.start), 35 * MINUTE, `${window.start} is not an hour short or long`);
        }
        const across = windows.find(window => DateTime.fromISO(window.start, { zone: ZONE }).offset === -480
            && DateTime.fromISO(window.end, { zone: ZONE }).offset === -420)!;
        assert.ok(across, 'a window spans the change');
        assert.equal(Date.parse(across.end) - Date.parse(across.start), 35 * MINUTE);
    });

    it('keeps windows contiguous when a restart with an old watermark spans the change', () => {
        const before = local('2026-03-08T01:30:00');
        const after = local('2026-03-08T03:30:00');
        assert.equal(after.getTime() - before.getTime(), HOUR, 'one real hour passes between 01:30 PST and 03:30 PDT');
        const windows = windowsOf([before, after]);
        assertContiguous(windows);
        assert.deepEqual(windows[1], { start: '2026-03-08T09:15:00.000Z', end: '2026-03-08T10:30:00.000Z' });
    });
});
