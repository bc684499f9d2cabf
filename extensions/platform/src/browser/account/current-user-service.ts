import { inject, injectable } from '@theia/core/shared/inversify';
import { AccountService, CurrentUser } from '../../common/account-protocol';
import type { Permission } from '../../common/authority';

/**
 * Who is signed in, asked once when the frontend starts. The frontend uses it only to hide what the
 * backend would refuse anyway.
 */
@injectable()
export class CurrentUserService {
    @inject(AccountService) protected readonly accounts: AccountService;

    protected current: CurrentUser | undefined;
    protected loading: Promise<CurrentUser> | undefined;

    get user(): CurrentUser | undefined {
        return this.current;
    }

    load(): Promise<CurrentUser> {
        return this.loading ??= this.accounts.currentUser().then(user => this.current = user);
    }

    can(permission: Permission): boolean {
        return !!this.current?.permissions.includes(permission);
    }
}
