import { interfaces } from '@theia/core/shared/inversify';
import { FrontendApplicationContribution } from '@theia/core/lib/browser/frontend-application-contribution';
import { KeybindingContribution } from '@theia/core/lib/browser/keybinding';
import { TabBarToolbarContribution } from '@theia/core/lib/browser/shell/tab-bar-toolbar';
import { CommandContribution } from '@theia/core/lib/common/command';
import { MenuContribution } from '@theia/core/lib/common/menu';
import { ProblemContribution } from '@theia/markers/lib/browser/problem/problem-contribution';
import { OutlineViewContribution } from '@theia/outline-view/lib/browser/outline-view-contribution';
import { PreferencesContribution } from '@theia/preferences/lib/browser/preferences-contribution';

/**
 * Stands in for a contribution of the bundled Theia packages under every contribution point it was
 * bound to, and contributes nothing.
 */
export const INERT_CONTRIBUTION: FrontendApplicationContribution & CommandContribution & MenuContribution & KeybindingContribution & TabBarToolbarContribution = {
    registerCommands: () => undefined,
    registerMenus: () => undefined,
    registerKeybindings: () => undefined,
    registerToolbarItems: () => undefined
};

/**
 * Code-editing views of the bundled Theia packages that a print shop never reaches (Presswork's menus
 * and palette leave them out) but that cost the shell's start: the Settings editor builds its whole
 * preference tree before the shell shows, the Outline and Problems views open only to be closed, and
 * Problems counts source-file errors in the status bar, where Presswork counts jobs in Error. They are
 * rebound to an inert contribution so that they are never built; Theia's contribution filters would
 * only hide them after building them.
 */
export const UNUSED_IDE_CONTRIBUTIONS: readonly interfaces.ServiceIdentifier[] = [PreferencesContribution, OutlineViewContribution, ProblemContribution];

export function unbindUnusedIdeContributions(rebind: interfaces.Rebind): void {
    for (const contribution of UNUSED_IDE_CONTRIBUTIONS) {
        rebind(contribution).toConstantValue(INERT_CONTRIBUTION);
    }
}
