import { setMaxListeners } from 'node:events';

/** An abort signal for one piece of work, and the call that unhooks it once that work has ended. */
export interface LinkedSignal {
    readonly signal: AbortSignal;
    /** Unhooks the signal from its sources and clears its timer; it stays as it is (aborted or not). Safe to call twice. */
    dispose(): void;
}

/**
 * A signal aborted when any of `sources` is (with that source's reason), or, given `timeoutMs`,
 * when that time has passed (with a `TimeoutError`, as `AbortSignal.timeout` does). Dispose of it
 * when the work ends.
 *
 * Why not `AbortSignal.any`: on Node 20 every call leaves an entry on each source that is never
 * removed (nodejs/node#55351). A service's own stop signal lives as long as the server, so every
 * printer poll or request made under it would add to memory for good. Nor the `any-signal`
 * package, which does this job: its releases are ES modules whose exports have no `require`
 * condition, and Presswork's packages are CommonJS. If a Node release Presswork runs on stops
 * keeping those entries, `AbortSignal.any` (and the lint rule refusing it) can come back.
 *
 * A long-lived source then holds one listener per piece of work under way, however many that is,
 * so its listener limit is lifted: the warning it would give is meant for listeners left behind,
 * and each link removes its own.
 */
export function linkedSignal(sources: readonly (AbortSignal | undefined)[], timeoutMs?: number): LinkedSignal {
    const controller = new AbortController();
    const unhooks: (() => void)[] = [];
    const dispose = (): void => {
        unhooks.splice(0).forEach(unhook => unhook());
    };
    const abort = (reason: unknown): void => {
        dispose();
        controller.abort(reason);
    };
    const aborted = sources.find(source => source?.aborted);
    if (aborted) {
        controller.abort(aborted.reason);
        return { signal: controller.signal, dispose };
    }
    for (const source of sources) {
        if (source) {
            setMaxListeners(0, source);
            const onAbort = (): void => abort(source.reason);
            source.addEventListener('abort', onAbort, { once: true });
            unhooks.push(() => source.removeEventListener('abort', onAbort));
        }
    }
    if (timeoutMs !== undefined) {
        const timer = setTimeout(() => abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError')), timeoutMs);
        // Like AbortSignal.timeout's: a pending timeout does not keep the process alive.
        timer.unref();
        unhooks.push(() => clearTimeout(timer));
    }
    return { signal: controller.signal, dispose };
}

/** Runs `work` under a linked signal (see `linkedSignal`) and disposes of it once `work` has settled. */
export async function withLinkedSignal<T>(sources: readonly (AbortSignal | undefined)[], timeoutMs: number | undefined, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const linked = linkedSignal(sources, timeoutMs);
    try {
        return await work(linked.signal);
    } finally {
        linked.dispose();
    }
}
