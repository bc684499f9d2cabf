import { setTimeout as delay } from 'node:timers/promises';

/** Polls `condition` until it holds; fails after `timeoutMs`, naming `what` it waited for. */
export async function eventually(condition: () => boolean | Promise<boolean>, timeoutMs = 3000, what = 'condition'): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!await condition()) {
        if (Date.now() > deadline) {
            throw new Error(`timed out waiting for ${what}`);
        }
        await delay(5);
    }
}
