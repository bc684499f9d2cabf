import type { Disposable } from '@theia/core/lib/common/disposable';
import type { WorkOwnership } from './work-ownership';

/** Shop-wide work that can start, stop and start again (on becoming leader again). */
export interface LeaderWork {
    start(): Promise<void>;
    /** Resolves once the work under way has ended or been left for the next leader. */
    stop(): Promise<void>;
}

/**
 * Runs `work` while this server is the leader: started at `gained({leader})` (at once on the
 * embedded store), stopped at `losing({leader})`, which waits for the stop. Starts and stops take
 * turns in the order they were asked for: leadership gained back while the work is still stopping
 * (the database came back within the hand-over) starts it again once stopped. A failed start is
 * reported to `onError`; the next gain tries again.
 */
export function whileLeader(ownership: WorkOwnership, work: LeaderWork, onError: (error: unknown) => void): Disposable {
    let running = false;
    let turns: Promise<void> = Promise.resolve();
    let waiting = 0;
    // With no turn under way the step runs at once: the work starts within `gained`, as callers expect.
    const inTurn = (step: () => Promise<void>): Promise<void> => {
        const take = (): Promise<void> => step().finally(() => waiting--);
        turns = waiting++ === 0 ? take() : turns.catch(() => undefined).then(take);
        return turns;
    };
    return ownership.listen({
        gained: scope => {
            if (scope.kind === 'leader') {
                void inTurn(async () => {
                    if (running) {
                        return;
                    }
                    try {
                        await work.start();
                        running = true;
                    } catch (error) {
                        onError(error);
                    }
                });
            }
        },
        losing: async scope => {
            if (scope.kind === 'leader') {
                await inTurn(async () => {
                    if (running) {
                        running = false;
                        await work.stop();
                    }
                });
            }
        }
    });
}
