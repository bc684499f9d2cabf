import type * as http from 'node:http';
import { posix } from 'node:path';
import { inject, injectable } from '@theia/core/shared/inversify';
import type * as express from '@theia/core/shared/express';
import { Permission, hasPermission } from '../../common/authority';
import type { User } from '../../common/user-schema';
import { SessionStore } from './session-store';
import { UserAccounts } from './user-accounts';

/** Routes that shop systems call with `Authorization: Bearer <API token>` instead of a session. */
export const API_ROUTE_PREFIX = '/api/v1/';

/** Decided on the decoded, normalised path: what the handlers behind the gate will see. */
export function isApiRoute(path: string): boolean {
    let decoded: string;
    try {
        decoded = decodeURIComponent(path);
    } catch {
        // Malformed escapes decode to nothing anywhere (the API answers them 400): the path as written decides.
        return path.startsWith(API_ROUTE_PREFIX);
    }
    return posix.normalize(decoded).startsWith(API_ROUTE_PREFIX);
}

/** The token in an `Authorization: Bearer …` header, if the request has one. */
export function bearerTokenOf(request: http.IncomingMessage): string | undefined {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
    return match?.[1];
}

/**
 * Who an HTTP request comes from: the user the sign-in gate found for its API token, else the
 * user of its session. Routes ask this, so no feature extension reads a cookie or a header.
 */
@injectable()
export class RequestUsers {
    @inject(SessionStore) protected readonly sessions: SessionStore;
    @inject(UserAccounts) protected readonly accounts: UserAccounts;

    protected readonly tokenUsers = new WeakMap<http.IncomingMessage, User>();

    /** Called by the sign-in gate once it has checked the request's API token. */
    attachTokenUser(request: http.IncomingMessage, user: User): void {
        this.tokenUsers.set(request, user);
    }

    userOf(request: http.IncomingMessage): User | undefined {
        const tokenUser = this.tokenUsers.get(request);
        if (tokenUser) {
            return tokenUser;
        }
        const session = this.sessions.fromRequest(request);
        return session && !session.passwordChangeRequired ? this.accounts.byId(session.userId) : undefined;
    }
}

/**
 * The request's user when their authority has `permission`; otherwise answers 401 (no session) or
 * 403 with `refusal`, in JSON, and returns undefined. For the browser's own routes (documents, files).
 */
export function permittedUser(users: Pick<RequestUsers, 'userOf'>, request: express.Request, response: express.Response, permission: Permission,
    refusal: string): User | undefined {
    const user = users.userOf(request);
    if (!user) {
        response.status(401).json({ error: 'Sign in first' });
        return undefined;
    }
    if (!hasPermission(user.authority, permission)) {
        response.status(403).json({ error: refusal });
        return undefined;
    }
    return user;
}
