import { injectable } from '@theia/core/shared/inversify';
import type { User } from '../common/user-schema';
import { ChangeFeedProjection } from './change-feed/change-feed-projection';
import { summarize } from './auth/user-accounts';
import { UsersCollection } from './store/platform-collections';

/** Administrators' browsers see user changes live, without the password hashes. */
@injectable()
export class UsersChangeProjection implements ChangeFeedProjection {
    readonly collection = UsersCollection.name;
    readonly permission = 'users.manage' as const;

    project(document: User): unknown {
        return summarize(document);
    }
}
