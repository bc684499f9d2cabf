import { EarlyExpressMiddleware } from '@theia/core/lib/node/backend-application';
import type { Authority } from '../../common/authority';
import { ApiTokens } from '../auth/api-tokens';
import { RequestUsers } from '../auth/request-user';
import { SessionStore } from '../auth/session-store';
import { SignInEndpoint } from '../auth/sign-in-endpoint';
import { SignInThrottle } from '../auth/sign-in-throttle';
import { UserAccounts } from '../auth/user-accounts';
import type { DocumentStore } from '../store/document-store';
import { inject } from './inject';
import { recordingLogger } from './recording-logger';

/** The sign-in gate over a test store, with one user and one API token per authority. */
export interface ApiTokenGate {
    readonly sessions: SessionStore;
    readonly accounts: UserAccounts;
    readonly tokens: ApiTokens;
    readonly requestUsers: RequestUsers;
    /** Its handlers go first on the test's express app, as Theia puts them first on the real one. */
    readonly earlyMiddleware: EarlyExpressMiddleware;
    readonly userIds: Readonly<Record<Authority, string>>;
    readonly tokenOf: Readonly<Record<Authority, string>>;
}

/**
 * The real sign-in gate (sessions, accounts, API tokens) over `store` (which must hold the users
 * and API tokens collections), for specs of routes that accept `Authorization: Bearer` tokens.
 */
export async function openApiTokenGate(store: DocumentStore, dataFolder: string): Promise<ApiTokenGate> {
    const sessions = inject(new SessionStore(), { store, logger: recordingLogger() });
    const accounts = new UserAccounts();
    Object.assign(accounts, { store, sessions, config: { dataFolder, demo: false }, logger: recordingLogger() });
    const tokens = new ApiTokens();
    Object.assign(tokens, { store, accounts, logger: recordingLogger() });
    const requestUsers = new RequestUsers();
    Object.assign(requestUsers, { sessions, accounts });
    const userIds: Partial<Record<Authority, string>> = {};
    const tokenOf: Partial<Record<Authority, string>> = {};
    for (const authority of ['Administrator', 'Operator', 'Monitor'] as const) {
        const user = await accounts.create({ name: authority.toLowerCase(), authority, password: 'Pass-word1' });
        userIds[authority] = user.id;
        tokenOf[authority] = (await tokens.issue(accounts.byId(user.id)!, user.id, `${authority} system`)).token;
    }
    const earlyMiddleware = new EarlyExpressMiddleware();
    const gate = new SignInEndpoint();
    Object.assign(gate, {
        earlyMiddleware, sessions, accounts, throttle: new SignInThrottle(), apiTokens: tokens, requestUsers,
        applicationPackage: { pck: { version: '1.0.0' } }, logger: recordingLogger()
    });
    gate.initialize();
    return {
        sessions, accounts, tokens, requestUsers, earlyMiddleware,
        userIds: userIds as Record<Authority, string>, tokenOf: tokenOf as Record<Authority, string>
    };
}
