import type { interfaces } from '@theia/core/shared/inversify';

/** The Operations workspace: All Jobs pod, Order side panel, status bar counts, job action menus. */
export function bindOperations(_bind: interfaces.Bind): void {
    // Filled in as the views land.
}
