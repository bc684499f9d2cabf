import type { ActivityDefinition } from '@presswork/platform/lib/common/activity-ui-contribution';
import { nls } from '@theia/core/lib/common/nls';
import type { Phase } from '@presswork/platform/lib/common/job-status';
import { CustomActivity, resolveCustomActivities } from '../common/custom-activity-schema';
import type { ResolvedActivity } from '../common/workflow-validation';

/** The activities the designer offers: the Default section (contributed) and the Custom one. */
export interface ActivityCatalog {
    readonly supplied: readonly ResolvedActivity[];
    readonly custom: readonly ResolvedActivity[];
    /** Both, for validation. */
    readonly all: readonly ResolvedActivity[];
    get(type: string): ResolvedActivity | undefined;
}

/**
 * Builds the catalog from the contributed activities (each type once, the first contribution
 * winning) and the custom activities, resolved as the backend resolves them and marked with their
 * base type and defaults.
 */
export function buildActivityCatalog(contributed: readonly ActivityDefinition[], customs: readonly CustomActivity[]): ActivityCatalog {
    const byType = new Map<string, ResolvedActivity>();
    const supplied: ResolvedActivity[] = [];
    for (const activity of contributed) {
        if (!byType.has(activity.type)) {
            byType.set(activity.type, activity);
            supplied.push(activity);
        }
    }
    const customById = new Map(customs.map(custom => [custom.id, custom]));
    const custom: ResolvedActivity[] = resolveCustomActivities(customs, supplied).map(resolved => {
        const source = customById.get(resolved.type.slice(resolved.type.indexOf(':') + 1));
        return source ? { ...resolved, baseType: source.baseType, defaults: source.defaults } : resolved;
    }).sort((a, b) => a.label.localeCompare(b.label));
    for (const activity of custom) {
        byType.set(activity.type, activity);
    }
    return { supplied, custom, all: [...supplied, ...custom], get: type => byType.get(type) };
}

/** Whether an activity matches a palette search: its label, description, type or phases. */
export function matchesActivity(activity: ActivityDefinition, search: string): boolean {
    const words = search.trim().toLowerCase().split(/\s+/).filter(Boolean);
    if (!words.length) {
        return true;
    }
    const text = `${activity.label} ${activity.description} ${activity.type} ${activity.allowedPhases.join(' ')}`.toLowerCase();
    return words.every(word => text.includes(word));
}

export function phasesText(phases: readonly Phase[]): string {
    return phases.length === 4 ? nls.localize('presswork/workflow/anyPhase', 'any phase') : phases.join(', ');
}
