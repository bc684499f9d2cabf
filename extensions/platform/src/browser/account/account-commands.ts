import { Command } from '@theia/core/lib/common/command';
import { nls } from '@theia/core/lib/common/nls';

export namespace AccountCommands {
    const category = nls.localize('presswork/account/category', 'Account');
    export const SIGN_OUT: Command = Command.toLocalizedCommand({ id: 'presswork.account.signOut', label: 'Sign out', category }, 'presswork/account/signOut');
    export const CHANGE_PASSWORD: Command = Command.toLocalizedCommand({ id: 'presswork.account.changePassword', label: 'Change password…', category }, 'presswork/account/changePassword');
    export const SET_EMAIL: Command = Command.toLocalizedCommand({ id: 'presswork.account.setEmail', label: 'E-mail address…', category }, 'presswork/account/setEmail');
    export const CHOOSE_FORMAT: Command = Command.toLocalizedCommand({ id: 'presswork.account.chooseFormat', label: 'Date and Number Format…', category }, 'presswork/account/chooseFormat');
    export const SHOW_ACCOUNT_MENU: Command = { id: 'presswork.account.showMenu' };
}
