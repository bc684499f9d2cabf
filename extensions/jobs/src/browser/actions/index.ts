import type { interfaces } from '@theia/core/shared/inversify';

/** The jobs extension's own job actions (JobActionContribution) and their dialogs. */
export function bindJobActions(_bind: interfaces.Bind): void {
    // Filled in as the actions land.
}
