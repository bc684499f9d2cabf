import type { OrderWindow } from '@presswork/platform/lib/common';

/** Each window reaches back this far before the last stored window's end: orders that appear late in the store are still caught. */
export const WINDOW_OVERLAP_MS = 15 * 60 * 1000;
/** Failing polls back off exponentially up to this. */
export const MAX_BACKOFF_MS = 15 * 60 * 1000;
/**
 * No window spans more than this: after an outage, or on a first look-back at a busy store, the
 * backlog is fetched in pieces instead of one answer too large to take.
 */
export const MAX_WINDOW_MS = 2 * 60 * 60 * 1000;
/**
 * While behind, the next piece is asked for after this pause rather than a whole interval: none, the
 * timer only lets the event loop turn once the previous window is recorded.
 */
export const CATCH_UP_DELAY_MS = 0;

/**
 * While behind, a poll whose window brought nothing asks for the next piece at once, up to this many
 * pieces, and records the watermark, state and log once for the stretch: a first look-back over a
 * quiet day costs one recorded poll, not one per piece. A crash meanwhile asks the empty pieces again.
 */
export const MAX_EMPTY_PIECES_PER_POLL = 24;

/**
 * The piece after an empty `window` in the same poll: it starts where that one ended (pieces asked
 * moments apart need no overlap between them; the next poll still reaches back the overlap).
 */
export function nextPiece(window: OrderWindow, now: Date, limitMs = MAX_WINDOW_MS): OrderWindow {
    const start = Date.parse(window.end);
    return { start: window.end, end: new Date(Math.min(now.getTime(), start + limitMs)).toISOString() };
}

/**
 * The next window to ask for: `[watermark − overlap, now)`, or the first look-back on a new
 * connection. Windows are instants; the client writes them in the store's own offset, so daylight
 * saving changes neither skip nor repeat an hour.
 */
export function nextWindow(watermark: string | undefined, firstLookBackHours: number, now: Date, limitMs = MAX_WINDOW_MS): OrderWindow {
    const start = watermark
        ? Math.min(Date.parse(watermark) - WINDOW_OVERLAP_MS, now.getTime())
        : now.getTime() - firstLookBackHours * 3_600_000;
    return { start: new Date(start).toISOString(), end: new Date(Math.min(now.getTime(), start + limitMs)).toISOString() };
}

/**
 * Whether a window that was just taken in leaves the connection behind: it ends before `now` less
 * the overlap, so the next window holds orders that are already waiting. A window ending within the
 * overlap of now is caught up: the next poll, after the interval, reads that stretch anyway.
 */
export function isBehind(window: OrderWindow, now: Date): boolean {
    return Date.parse(window.end) < now.getTime() - WINDOW_OVERLAP_MS;
}

/** Milliseconds until the next poll: the interval after success, doubling per failure up to a cap. */
export function delayAfter(consecutiveFailures: number, intervalSeconds: number): number {
    const interval = intervalSeconds * 1000;
    if (consecutiveFailures === 0) {
        return interval;
    }
    return Math.min(interval * 2 ** Math.min(consecutiveFailures, 20), Math.max(MAX_BACKOFF_MS, interval));
}
