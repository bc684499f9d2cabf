import type { JobActionResult } from '../../common/jobs-protocol';

/**
 * One message for the jobs an action could not change, naming each with its reason, or undefined
 * when every job was done. `action` is the action's label ("Hold").
 */
export function refusalMessage(action: string, result: Pick<JobActionResult, 'done' | 'refused'>): string | undefined {
    if (!result.refused.length) {
        return undefined;
    }
    const total = result.done.length + result.refused.length;
    const head = total === 1
        ? `${action} was refused:`
        : `${action} was refused for ${result.refused.length} of ${total} jobs:`;
    return `${head} ${result.refused.map(refusal => `${refusal.jobName}: ${refusal.reason}`).join('; ')}`;
}

/** Names the jobs for a question ("Delete A, B and 3 more?"): the first `shown`, then a count. */
export function nameJobs(names: readonly string[], shown = 5): string {
    if (names.length <= 1) {
        return names[0] ?? '';
    }
    if (names.length <= shown) {
        return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
    }
    const rest = names.length - shown;
    return `${names.slice(0, shown).join(', ')} and ${rest} more`;
}
