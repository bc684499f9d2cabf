/**
 * The timers as they were when the store was loaded. A test that fakes the clock (sinon) drives its
 * own code's timers; it must not drive the store's polling of the database (a fake day would run
 * 86,400 polls) nor time its connections out.
 */
export const ownTimers = {
    setTimeout: globalThis.setTimeout,
    clearTimeout: globalThis.clearTimeout,
    setInterval: globalThis.setInterval,
    clearInterval: globalThis.clearInterval,
    /** A clock for deadlines that fake dates do not move. */
    now: (): number => performance.now()
};
