import { isolatedText } from '@presswork/platform/lib/common/hidden-characters';
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
    // Job names (and the reasons that quote store text) come from a store: isolated, so none reorders the message.
    return `${head} ${result.refused.map(refusal => `${isolatedText(refusal.jobName)}: ${isolatedText(refusal.reason)}`).join('; ')}`;
}

/** Names the jobs for a question ("Delete A, B and 3 more?"): the first `shown` (each isolated), then a count. */
export function nameJobs(storeNames: readonly string[], shown = 5): string {
    const names = storeNames.map(isolatedText);
    if (names.length <= 1) {
        return names[0] ?? '';
    }
    if (names.length <= shown) {
        return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
    }
    const rest = names.length - shown;
    return `${names.slice(0, shown).join(', ')} and ${rest} more`;
}
