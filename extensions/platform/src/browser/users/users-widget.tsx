import * as React from '@theia/core/shared/react';
import { inject, injectable, postConstruct } from '@theia/core/shared/inversify';
import { SafeConfirmDialog } from '../safe-confirm-dialog';
import { messageOf } from '../../common/errors';
import { nls } from '@theia/core/lib/common/nls';
import { z } from 'zod';
import { AccountService, ApiTokenNameSchema, ApiTokenSummary, IssuedApiToken, NewUserSchema, UserEmailSchema } from '../../common/account-protocol';
import { AUTHORITIES, Authority } from '../../common/authority';
import { isLastAdministrator } from '../../common/last-administrator';
import { PasswordSchema, UserSummary } from '../../common/user-schema';
import { CollectionNames } from '../../common/collection-names';
import { CurrentUserService } from '../account/current-user-service';
import { PressworkViewWidget } from '../presswork-view-widget';
import { FormDialog } from '../form-dialog';
import { ApiTokenDialog } from './api-token-dialog';
import { formatDateTime } from '../../common/presswork-format';

/** The collection the backend keeps API tokens in: the view reloads its token list when it changes. */
const IssueTokenSchema = z.object({ name: ApiTokenNameSchema });

/** The e-mail field: empty means none. */
const OptionalEmailSchema = UserEmailSchema.transform(email => email || undefined);
const CreateUserSchema = NewUserSchema.extend({ email: OptionalEmailSchema });
const SetEmailSchema = z.object({ email: UserEmailSchema });

const ResetPasswordSchema = z.object({ password: PasswordSchema, confirm: z.string() });
const passwordsMatch = (values: Readonly<Record<string, string>>): string | undefined =>
    values.password !== values.confirm ? 'The passwords do not match' : undefined;

/** Administrators' list of users: create, delete, set authority and e-mail address, reset password, issue and revoke API tokens. Updates live. */
@injectable()
export class UsersWidget extends PressworkViewWidget {
    static readonly ID = 'presswork-users';
    static readonly LABEL = nls.localize('presswork/users/label', 'Users');

    @inject(AccountService) protected readonly accounts: AccountService;
    @inject(CurrentUserService) protected readonly currentUser: CurrentUserService;

    protected users: UserSummary[] = [];
    protected tokens: ApiTokenSummary[] = [];

    @postConstruct()
    protected init(): void {
        this.setUpView({ id: UsersWidget.ID, label: UsersWidget.LABEL, icon: 'organization', collections: [CollectionNames.users, CollectionNames.apiTokens] });
    }

    protected async load(): Promise<void> {
        [this.users, this.tokens] = await Promise.all([this.accounts.listUsers(), this.accounts.listApiTokens()]);
    }

    protected render(): React.ReactNode {
        return <div className='presswork-view'>
            <div className='presswork-toolbar'>
                <button className='theia-button' onClick={this.createUser}>{nls.localize('presswork/users/new', 'New user…')}</button>
            </div>
            {this.renderError()}
            <table className='presswork-table' aria-label={UsersWidget.LABEL}>
                <thead><tr>
                    <th>{nls.localize('presswork/users/name', 'User name')}</th>
                    <th>{nls.localize('presswork/users/authority', 'Authority')}</th>
                    <th>{nls.localize('presswork/users/email', 'E-mail')}</th>
                    <th>{nls.localize('presswork/users/state', 'Password')}</th>
                    <th>{nls.localize('presswork/users/created', 'Created')}</th>
                    <th></th>
                </tr></thead>
                <tbody>{this.users.map(user => this.renderRow(user))}</tbody>
            </table>
            {this.renderTokens()}
        </div>;
    }

    protected renderTokens(): React.ReactNode {
        const label = nls.localize('presswork/users/tokens', 'API tokens');
        return <>
            <h3>{label}</h3>
            {this.tokens.length === 0
                ? <p>{nls.localize('presswork/users/noTokens', 'No API tokens. Issue one from a user\'s row for a shop system that reads /api/v1/.')}</p>
                : <table className='presswork-table' aria-label={label}>
                    <thead><tr>
                        <th>{nls.localize('presswork/users/tokenName', 'Name')}</th>
                        <th>{nls.localize('presswork/users/tokenUser', 'User')}</th>
                        <th>{nls.localize('presswork/users/tokenCreated', 'Issued')}</th>
                        <th>{nls.localize('presswork/users/tokenLastUsed', 'Last used')}</th>
                        <th></th>
                    </tr></thead>
                    <tbody>{this.tokens.map(token => <tr key={token.id} data-token={token.name}>
                        <td>{token.name}</td>
                        <td>{token.userName ?? nls.localize('presswork/users/deletedUser', '(deleted user)')}</td>
                        <td>{nls.localize('presswork/users/issuedBy', '{0} by {1}', formatDateTime(token.createdAt), token.createdBy)}</td>
                        <td>{token.lastUsedAt ? formatDateTime(token.lastUsedAt) : nls.localize('presswork/users/neverUsed', 'never')}</td>
                        <td className='presswork-row-actions'>
                            <button className='theia-button secondary' onClick={() => this.revokeToken(token)}>{nls.localize('presswork/users/revoke', 'Revoke')}</button>
                        </td>
                    </tr>)}</tbody>
                </table>}
        </>;
    }

    protected renderRow(user: UserSummary): React.ReactNode {
        const isSelf = user.id === this.currentUser.user?.id;
        const last = isLastAdministrator(user, this.users);
        const lastReason = nls.localize('presswork/users/lastAdministrator', 'The last administrator: make another user an administrator first');
        const noteId = `presswork-last-administrator-${user.id}`;
        return <tr key={user.id} data-user={user.name}>
            <td>{user.name}{isSelf ? ` (${nls.localize('presswork/users/you', 'you')})` : ''}</td>
            <td>
                <select className='theia-select' aria-label={`Authority of ${user.name}`} value={user.authority} disabled={last}
                    title={last ? lastReason : undefined} aria-describedby={last ? noteId : undefined}
                    onChange={event => this.setAuthority(user, event.target.value as Authority)}>
                    {AUTHORITIES.map(authority => <option key={authority} value={authority}>{authority}</option>)}
                </select>
                {last && <div id={noteId} className='presswork-form-help'>{lastReason}</div>}
            </td>
            <td data-column='email'>{user.email ?? nls.localize('presswork/users/noEmail', '(none)')}</td>
            <td>{user.mustChangePassword ? nls.localize('presswork/users/mustChange', 'must be changed at next sign-in') : nls.localize('presswork/users/set', 'set')}</td>
            <td>{formatDateTime(user.createdAt)}</td>
            <td className='presswork-row-actions'>
                <button className='theia-button secondary' onClick={() => this.setEmail(user)}>{nls.localize('presswork/users/setEmail', 'E-mail…')}</button>
                <button className='theia-button secondary' onClick={() => this.resetPassword(user)}>{nls.localize('presswork/users/reset', 'Reset password…')}</button>
                <button className='theia-button secondary' onClick={() => this.issueToken(user)}>{nls.localize('presswork/users/issueToken', 'Issue API token…')}</button>
                <button className='theia-button secondary' disabled={isSelf || last}
                    title={isSelf ? nls.localize('presswork/users/noSelfDelete', 'You cannot delete yourself') : last ? lastReason : ''}
                    onClick={() => this.deleteUser(user)}>{nls.localize('presswork/users/delete', 'Delete…')}</button>
            </td>
        </tr>;
    }

    protected createUser = async (): Promise<void> => {
        await new FormDialog({
            title: nls.localize('presswork/users/createTitle', 'Create user'),
            acceptLabel: nls.localize('presswork/users/createAccept', 'Create'),
            fields: [
                { name: 'name', label: 'User name', kind: 'text' },
                { name: 'authority', label: 'Authority', kind: 'choice', choices: ['Operator', 'Monitor', 'Administrator'] },
                { name: 'email', label: 'E-mail (optional)', kind: 'text', autoComplete: 'off', placeholder: 'e.g. ops@shop.example', help: 'Where notifications for this user go.' },
                { name: 'password', label: 'Initial password', kind: 'password', autoComplete: 'new-password' },
                { name: 'confirm', label: 'Confirm password', kind: 'password', autoComplete: 'new-password' }
            ],
            schema: CreateUserSchema,
            crossCheck: passwordsMatch,
            submit: user => this.accounts.createUser(user)
        }).open();
    };

    protected async setAuthority(user: UserSummary, authority: Authority): Promise<void> {
        const isSelf = user.id === this.currentUser.user?.id;
        if (isSelf && authority !== user.authority) {
            // Leaving Administrator takes this very view away; only another administrator could undo it.
            const confirmed = await new SafeConfirmDialog({
                title: nls.localize('presswork/users/ownAuthorityTitle', 'Change your own authority'),
                msg: nls.localize('presswork/users/ownAuthorityMessage',
                    'You are changing your own authority to {0}. You lose the administrator views (Users, Connections, Workflows, Printers setup, Notifications) at once, and only another administrator can give them back. Change it?',
                    authority),
                ok: nls.localize('presswork/users/ownAuthorityAccept', 'Change my authority'),
                cancel: nls.localize('presswork/users/cancel', 'Cancel')
            }).open();
            if (!confirmed) {
                this.update();
                return;
            }
            try {
                await this.accounts.setAuthority(user.id, user.version, authority);
            } catch (error) {
                this.messages.error(messageOf(error));
                await this.reload();
                return;
            }
            // The shell is rebuilt for the new authority rather than left showing views it may no longer use.
            window.location.reload();
            return;
        }
        await this.act(() => this.accounts.setAuthority(user.id, user.version, authority));
    }

    protected async setEmail(user: UserSummary): Promise<void> {
        await new FormDialog({
            title: nls.localize('presswork/users/setEmailTitle', 'E-mail address of {0}', user.name),
            acceptLabel: nls.localize('presswork/users/setEmailAccept', 'Save'),
            fields: [{
                name: 'email', label: 'E-mail', kind: 'text', initial: user.email ?? '', autoComplete: 'off', placeholder: 'e.g. ops@shop.example',
                help: 'Where notification rules that name this user send their messages. Leave empty for none.'
            }],
            schema: SetEmailSchema,
            submit: value => this.accounts.setEmail(user.id, user.version, value.email)
        }).open();
    }

    protected async resetPassword(user: UserSummary): Promise<void> {
        await new FormDialog({
            title: nls.localize('presswork/users/resetTitle', 'Reset password of {0}', user.name),
            acceptLabel: nls.localize('presswork/users/resetAccept', 'Reset password'),
            fields: [
                { name: 'password', label: 'New password', kind: 'password', autoComplete: 'new-password' },
                { name: 'confirm', label: 'Confirm password', kind: 'password', autoComplete: 'new-password' }
            ],
            schema: ResetPasswordSchema,
            crossCheck: passwordsMatch,
            submit: value => this.accounts.resetPassword(user.id, user.version, value.password)
        }).open();
    }

    protected async deleteUser(user: UserSummary): Promise<void> {
        const confirmed = await new SafeConfirmDialog({
            title: nls.localize('presswork/users/deleteTitle', 'Delete user'),
            msg: nls.localize('presswork/users/deleteMessage', 'Delete the user {0}? They are signed out at once.', user.name),
            ok: nls.localize('presswork/users/deleteAccept', 'Delete')
        }).open();
        if (confirmed) {
            await this.act(() => this.accounts.deleteUser(user.id, user.version));
        }
    }

    protected async issueToken(user: UserSummary): Promise<void> {
        let issued: IssuedApiToken | undefined;
        await new FormDialog({
            title: nls.localize('presswork/users/issueTokenTitle', 'Issue an API token for {0}', user.name),
            acceptLabel: nls.localize('presswork/users/issueTokenAccept', 'Issue'),
            fields: [{ name: 'name', label: 'Name', kind: 'text', placeholder: 'e.g. Web shop order status', help: 'Says what the token is for; it acts with the authority of this user.' }],
            schema: IssueTokenSchema,
            submit: async value => {
                issued = await this.accounts.issueApiToken(user.id, value.name);
            }
        }).open();
        if (issued) {
            await new ApiTokenDialog(issued).open();
            await this.reload();
        }
    }

    protected async revokeToken(token: ApiTokenSummary): Promise<void> {
        const confirmed = await new SafeConfirmDialog({
            title: nls.localize('presswork/users/revokeTitle', 'Revoke API token'),
            msg: nls.localize('presswork/users/revokeMessage', 'Revoke the token {0} of {1}? Systems using it are refused at once.', token.name, token.userName ?? ''),
            ok: nls.localize('presswork/users/revokeAccept', 'Revoke')
        }).open();
        if (confirmed) {
            await this.act(() => this.accounts.revokeApiToken(token.id));
        }
    }
}
