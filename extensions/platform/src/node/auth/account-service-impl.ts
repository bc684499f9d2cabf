import { inject, injectable } from '@theia/core/shared/inversify';
import type { Authority } from '../../common/authority';
import { AccountService, ApiTokenSummary, CurrentUser, IssuedApiToken, NewUser } from '../../common/account-protocol';
import type { UserSummary } from '../../common/user-schema';
import { RpcCaller } from '../rpc/rpc-caller';
import { UserAccounts } from './user-accounts';
import { ApiTokens } from './api-tokens';
import { SignInThrottle } from './sign-in-throttle';

/** The account service of one browser connection: acts for the user signed in there. */
@injectable()
export class AccountServiceImpl implements AccountService {
    @inject(RpcCaller) protected readonly caller: RpcCaller;
    @inject(UserAccounts) protected readonly accounts: UserAccounts;
    @inject(ApiTokens) protected readonly apiTokens: ApiTokens;
    @inject(SignInThrottle) protected readonly throttle: SignInThrottle;

    async currentUser(): Promise<CurrentUser> {
        return this.accounts.currentUser(this.caller.user());
    }

    async changeOwnPassword(currentPassword: string, newPassword: string): Promise<void> {
        const user = this.caller.user();
        // Each try costs an scrypt and tells whether a password is right: limited like signing in.
        await this.throttle.check(user.name, this.caller.address ?? 'unknown', () =>
            this.accounts.changeOwnPassword(user.id, currentPassword, newPassword, this.caller.sessionId));
    }

    async listUsers(): Promise<UserSummary[]> {
        return this.accounts.list();
    }

    createUser(user: NewUser): Promise<UserSummary> {
        return this.accounts.create(user);
    }

    deleteUser(id: string, version: number): Promise<void> {
        return this.accounts.delete(this.caller.user(), id, version);
    }

    setAuthority(id: string, version: number, authority: Authority): Promise<UserSummary> {
        return this.accounts.setAuthority(this.caller.user(), id, version, authority);
    }

    resetPassword(id: string, version: number, password: string): Promise<UserSummary> {
        return this.accounts.resetPassword(this.caller.user(), id, version, password);
    }

    setEmail(id: string, version: number, email: string): Promise<UserSummary> {
        return this.accounts.setEmail(this.caller.user(), id, version, email || undefined);
    }

    async ownEmail(): Promise<string | undefined> {
        return this.accounts.byId(this.caller.user().id)?.email;
    }

    async setOwnEmail(email: string): Promise<void> {
        const user = this.caller.user();
        const current = this.accounts.byId(user.id) ?? user;
        await this.accounts.setEmail(user, user.id, current.version, email || undefined);
    }

    async listApiTokens(): Promise<ApiTokenSummary[]> {
        return this.apiTokens.list();
    }

    issueApiToken(userId: string, name: string): Promise<IssuedApiToken> {
        return this.apiTokens.issue(this.caller.user(), userId, name);
    }

    revokeApiToken(id: string): Promise<void> {
        return this.apiTokens.revoke(this.caller.user(), id);
    }
}
