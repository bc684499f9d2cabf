import { inject, injectable } from '@theia/core/shared/inversify';
import { CommandContribution, CommandRegistry } from '@theia/core/lib/common/command';
import { MenuContribution, MenuModelRegistry, MAIN_MENU_BAR } from '@theia/core/lib/common/menu';
import { nls } from '@theia/core/lib/common/nls';
import { MessageService } from '@theia/core/lib/common/message-service';
import { QuickInputService } from '@theia/core/lib/common/quick-pick-service';
import { FrontendApplicationContribution } from '@theia/core/lib/browser/frontend-application-contribution';
import { StatusBar, StatusBarAlignment } from '@theia/core/lib/browser/status-bar/status-bar';
import { z } from 'zod';
import { AccountService, UserEmailSchema } from '../../common/account-protocol';
import { PasswordSchema } from '../../common/user-schema';
import { messageOf } from '../../common/errors';
import { FormDialog } from '../form-dialog';
import { FormatLocaleChoice } from '../format/format-locale-choice';
import { AccountCommands } from './account-commands';
import { CurrentUserService } from './current-user-service';

export const ACCOUNT_MENU = [...MAIN_MENU_BAR, '8_presswork_account'];

const ChangePasswordSchema = z.object({
    current: z.string().min(1, 'Enter your current password'),
    password: PasswordSchema,
    confirm: z.string()
});

const SetEmailSchema = z.object({ email: UserEmailSchema });

/** Who is signed in (status bar), the Account menu, changing one's own password and e-mail address, and signing out. */
@injectable()
export class AccountContribution implements CommandContribution, MenuContribution, FrontendApplicationContribution {
    @inject(CurrentUserService) protected readonly currentUser: CurrentUserService;
    @inject(AccountService) protected readonly accounts: AccountService;
    @inject(StatusBar) protected readonly statusBar: StatusBar;
    @inject(MessageService) protected readonly messages: MessageService;
    @inject(QuickInputService) protected readonly quickInput: QuickInputService;
    @inject(FormatLocaleChoice) protected readonly formatLocale: FormatLocaleChoice;

    async onStart(): Promise<void> {
        const user = await this.currentUser.load();
        this.statusBar.setElement('presswork-account', {
            text: `$(account) ${user.name}`,
            tooltip: nls.localize('presswork/account/signedInAs', 'Signed in as {0} ({1})', user.name, user.authority),
            alignment: StatusBarAlignment.RIGHT,
            priority: 100,
            command: AccountCommands.SHOW_ACCOUNT_MENU.id
        });
    }

    registerCommands(registry: CommandRegistry): void {
        registry.registerCommand(AccountCommands.SIGN_OUT, { execute: () => this.signOut() });
        registry.registerCommand(AccountCommands.CHANGE_PASSWORD, { execute: () => this.changePassword() });
        registry.registerCommand(AccountCommands.SET_EMAIL, { execute: () => this.setEmail() });
        registry.registerCommand(AccountCommands.CHOOSE_FORMAT, { execute: () => this.formatLocale.chooseInDialog() });
        registry.registerCommand(AccountCommands.SHOW_ACCOUNT_MENU, { execute: () => this.showAccountMenu() });
    }

    registerMenus(menus: MenuModelRegistry): void {
        menus.registerSubmenu(ACCOUNT_MENU, nls.localize('presswork/account/menu', 'Account'));
        menus.registerMenuAction(ACCOUNT_MENU, { commandId: AccountCommands.CHANGE_PASSWORD.id, order: '1' });
        menus.registerMenuAction(ACCOUNT_MENU, { commandId: AccountCommands.SET_EMAIL.id, order: '2' });
        menus.registerMenuAction(ACCOUNT_MENU, { commandId: AccountCommands.CHOOSE_FORMAT.id, order: '2b' });
        menus.registerMenuAction(ACCOUNT_MENU, { commandId: AccountCommands.SIGN_OUT.id, order: '3' });
    }

    protected async showAccountMenu(): Promise<void> {
        const picked = await this.quickInput.pick([
            { label: AccountCommands.CHANGE_PASSWORD.label!, id: AccountCommands.CHANGE_PASSWORD.id },
            { label: AccountCommands.SET_EMAIL.label!, id: AccountCommands.SET_EMAIL.id },
            { label: AccountCommands.CHOOSE_FORMAT.label!, id: AccountCommands.CHOOSE_FORMAT.id },
            { label: AccountCommands.SIGN_OUT.label!, id: AccountCommands.SIGN_OUT.id }
        ], { placeHolder: this.currentUser.user ? `${this.currentUser.user.name} (${this.currentUser.user.authority})` : undefined });
        if (picked?.id === AccountCommands.CHANGE_PASSWORD.id) {
            await this.changePassword();
        } else if (picked?.id === AccountCommands.SET_EMAIL.id) {
            await this.setEmail();
        } else if (picked?.id === AccountCommands.CHOOSE_FORMAT.id) {
            await this.formatLocale.chooseInDialog();
        } else if (picked?.id === AccountCommands.SIGN_OUT.id) {
            await this.signOut();
        }
    }

    protected async changePassword(): Promise<void> {
        const dialog = new FormDialog({
            title: nls.localize('presswork/account/changePasswordTitle', 'Change password'),
            acceptLabel: nls.localize('presswork/account/changePasswordAccept', 'Change password'),
            fields: [
                { name: 'current', label: 'Current password', kind: 'password', autoComplete: 'current-password' },
                { name: 'password', label: 'New password', kind: 'password', autoComplete: 'new-password' },
                { name: 'confirm', label: 'Confirm new password', kind: 'password', autoComplete: 'new-password' }
            ],
            schema: ChangePasswordSchema,
            crossCheck: values => values.password !== values.confirm ? 'The new passwords do not match' : undefined,
            submit: value => this.accounts.changeOwnPassword(value.current, value.password)
        });
        if (await dialog.open()) {
            this.messages.info(nls.localize('presswork/account/passwordChanged', 'Your password has been changed.'));
        }
    }

    /** The user's own address, where notification rules that name them send their messages. */
    protected async setEmail(): Promise<void> {
        const current = await this.accounts.ownEmail();
        const dialog = new FormDialog({
            title: nls.localize('presswork/account/setEmailTitle', 'Your e-mail address'),
            acceptLabel: nls.localize('presswork/account/setEmailAccept', 'Save'),
            fields: [{
                name: 'email', label: 'E-mail', kind: 'text', initial: current ?? '', autoComplete: 'email', placeholder: 'e.g. you@shop.example',
                help: 'Where notifications addressed to you go. Leave empty for none.'
            }],
            schema: SetEmailSchema,
            submit: value => this.accounts.setOwnEmail(value.email)
        });
        if (await dialog.open()) {
            this.messages.info(nls.localize('presswork/account/emailSaved', 'Your e-mail address has been saved.'));
        }
    }

    /** Ends the session on the server, then leaves the shell for the sign-in page. */
    protected async signOut(): Promise<void> {
        try {
            await fetch('/logout', { method: 'POST', credentials: 'same-origin', redirect: 'manual' });
        } catch (error) {
            this.messages.error(nls.localize('presswork/account/signOutFailed', 'Could not sign out: {0}', messageOf(error)));
            return;
        }
        window.location.assign('/login');
    }
}
