import { AsyncLocalStorage } from 'node:async_hooks';

/** A call someone waits for the answer of: an operator's click, a browser's RPC. */
export interface WaitedCall {
    /** Once answered, nobody waits for what the call set off any more. */
    readonly answered: boolean;
}

const calls = new AsyncLocalStorage<{ answered: boolean }>();

/**
 * Runs `work` as a call someone waits for, until it answers. The work, and everything it sets off,
 * can tell (`currentCall`): the store resolves such a call's writes ahead of the background's
 * (group-commit.ts), so that a click does not queue behind a burst of intake. Work the call sets off
 * and leaves running (the engine's next step for a resumed job) still carries the call, but counts
 * as waited for only until the call has answered.
 *
 * AsyncLocalStorage turns on Node's promise hooks for the whole process. Its cost, measured: the
 * served intake benchmark did not show it (runs alternated: 826-913 jobs/s without, 774-914 with);
 * in a CPU profile of the load benchmark's burst the hooks took 1.8 % of the main thread's busy time,
 * and 2.6 % of the bytes it allocated (sampling heap profile).
 */
export async function answeringCall<R>(work: () => R | Promise<R>): Promise<R> {
    const call = { answered: false };
    try {
        return await calls.run(call, work);
    } finally {
        call.answered = true;
    }
}

/** The call the current work is done for, if it was set off by one. */
export function currentCall(): WaitedCall | undefined {
    return calls.getStore();
}

/** Whether someone still waits for `call`: it is set and has not answered yet. */
export function isWaitedFor(call: WaitedCall | undefined): boolean {
    return call !== undefined && !call.answered;
}
