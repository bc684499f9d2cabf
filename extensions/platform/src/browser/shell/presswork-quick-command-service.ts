import { injectable } from '@theia/core/shared/inversify';
import type { Command } from '@theia/core/lib/common/command';
import { QuickCommandService } from '@theia/core/lib/browser/quick-input/quick-command-service';

/** Theia commands that still mean something in a print shop: the rest belong to a code editor. */
const SHELL_COMMANDS: ReadonlySet<string> = new Set([
    'core.about', 'core.toggleMaximized', 'core.resetLayout', 'core.close.tab', 'core.close.all.tabs',
    'workbench.action.selectTheme', 'workbench.action.openView', 'workbench.action.reloadWindow', 'preferences:open'
]);

/**
 * The command palette with Presswork's own commands and the few shell commands above, not the
 * IDE's (Open Workspace, Toggle Minimap, Workspace Trust…). The commands stay registered: other
 * parts of Theia call them; they are only not offered to people.
 */
@injectable()
export class PressworkQuickCommandService extends QuickCommandService {
    protected override getValidCommands(raw: Command[]): Command[] {
        return super.getValidCommands(raw).filter(command => command.id.startsWith('presswork.') || SHELL_COMMANDS.has(command.id));
    }
}
