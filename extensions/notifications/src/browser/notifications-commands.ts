import { Command } from '@theia/core/lib/common/command';

/** Notifications' commands, reachable from the command palette. */
export namespace NotificationsCommands {
    const VIEWS = 'Presswork';
    const VIEWS_KEY = 'presswork/notifications/categoryViews';

    export const OPEN_NOTIFICATIONS: Command = Command.toLocalizedCommand({ id: 'presswork.notifications.open', label: 'Notifications', category: VIEWS }, 'presswork/notifications/commandOpen', VIEWS_KEY);
}
