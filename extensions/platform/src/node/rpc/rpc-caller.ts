import { inject, injectable } from '@theia/core/shared/inversify';
import { MainChannel } from '@theia/core/lib/node/messaging/default-messaging-service';
import { PressworkError } from '../../common/errors';
import type { User } from '../../common/user-schema';
import { SessionStore } from '../auth/session-store';
import { UserAccounts } from '../auth/user-accounts';
import { SessionAwareSocketChannel } from './session-aware-channel';

/** Who is calling over this browser connection. Bound once per connection. */
export const RpcCaller = Symbol('RpcCaller');
export interface RpcCaller {
    /** The signed-in user behind the call; an access-denied error once the session has ended. */
    user(): User;
    readonly sessionId: string | undefined;
    /** The browser's network address, when known. */
    readonly address?: string;
}

@injectable()
export class ChannelRpcCaller implements RpcCaller {
    @inject(MainChannel) protected readonly channel: SessionAwareSocketChannel;
    @inject(SessionStore) protected readonly sessions: SessionStore;
    @inject(UserAccounts) protected readonly accounts: UserAccounts;

    get sessionId(): string | undefined {
        return this.channel.sessionId;
    }

    get address(): string | undefined {
        return this.channel.remoteAddress;
    }

    user(): User {
        const session = this.sessions.get(this.channel.sessionId);
        const user = session && !session.passwordChangeRequired ? this.accounts.byId(session.userId) : undefined;
        if (!user) {
            throw PressworkError.AccessDenied(SESSION_ENDED_MESSAGE);
        }
        return user;
    }
}

export const SESSION_ENDED_MESSAGE = 'Your session has ended: sign in again';
