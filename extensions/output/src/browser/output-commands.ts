import { Command } from '@theia/core/lib/common/command';

/** Output's commands, reachable from the command palette. */
export namespace OutputCommands {
    const VIEWS = 'Presswork';
    const VIEWS_KEY = 'presswork/output/categoryViews';

    export const OPEN_PRINTERS: Command = Command.toLocalizedCommand({ id: 'presswork.output.openPrinters', label: 'Printers', category: VIEWS }, 'presswork/output/commandOpenPrinters', VIEWS_KEY);
}
