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
 * embedded store), stopped at `losing({leader})`, which waits for the stop. A failed start is
 * reported to `onError`; the next gain tries again.
 */
export function whileLeader(ownership: WorkOwnership, work: LeaderWork, onError: (error: unknown) => void): Disposable {
    let starting: Promise<void> | undefined;
    return ownership.listen({
        gained: scope => {
            if (scope.kind === 'leader') {
                starting = work.start().catch(onError);
            }
        },
        losing: async scope => {
            if (scope.kind === 'leader') {
                await starting;
                starting = undefined;
                await work.stop();
            }
        }
    });
}
