import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs/promises';
import type * as http from 'node:http';
import * as path from 'node:path';
import express from '@theia/core/shared/express';
import { EarlyExpressMiddleware } from '@theia/core/lib/node/backend-application';
import { PressworkError } from '../../common/errors';
import type { User } from '../../common/user-schema';
import type { DocumentStore } from '../store';
import { ApiTokens, ApiTokensCollection, hashApiToken } from './api-tokens';
import { RequestUsers } from './request-user';
import { SessionStore } from './session-store';
import { SignInEndpoint } from './sign-in-endpoint';
import { SignInThrottle } from './sign-in-throttle';
import { UserAccounts } from './user-accounts';
import { inject } from '../test/inject';
import { RecordingLogger, recordingLogger } from '../test/recording-logger';
import { TempStore, openTempStore } from '../test/temp-store';
import { closeLoopback, listenOnLoopback } from '../test/loopback-app';

describe('ApiTokens', function (): void {
    this.timeout(20_000);

    let folder: string;
    let store: DocumentStore;
    let accounts: UserAccounts;
    let sessions: SessionStore;
    let tokens: ApiTokens;
    let logger: RecordingLogger;
    let temp: TempStore;
    let admin: User;
    let operator: User;

    beforeEach(async () => {
        temp = await openTempStore([ApiTokensCollection], 'presswork-tokens-');
        ({ store, storeFolder: folder } = temp);
        sessions = inject(new SessionStore(), { store, logger: recordingLogger() });
        accounts = inject(new UserAccounts(), { store, sessions, config: { dataFolder: folder, demo: false }, logger: recordingLogger() });
        logger = recordingLogger();
        tokens = inject(new ApiTokens(), { store, accounts, logger });
        admin = accounts.byId((await accounts.create({ name: 'admin', authority: 'Administrator', password: 'Pass-word1' })).id)!;
        operator = accounts.byId((await accounts.create({ name: 'shop-system', authority: 'Operator', password: 'Pass-word1' })).id)!;
    });

    afterEach(() => temp.dispose());

    it('issues a token shown once and stores only its SHA-256', async () => {
        const issued = await tokens.issue(admin, operator.id, '  Web shop  ');
        assert.match(issued.token, /^pw_[A-Za-z0-9_-]{43}$/);
        assert.deepEqual({ ...issued.summary, id: 'x', createdAt: 'x' }, { id: 'x', userId: operator.id, userName: 'shop-system', name: 'Web shop', createdAt: 'x', createdBy: 'admin', lastUsedAt: undefined });
        assert.equal(hashApiToken(issued.token), createHash('sha256').update(issued.token).digest('hex'));

        const stored = store.get(ApiTokensCollection, issued.summary.id)!;
        assert.equal(stored.hash, hashApiToken(issued.token));
        const onDisk = (await fs.readdir(path.join(folder, 'api-tokens'), { recursive: true, withFileTypes: true })).filter(entry => entry.isFile());
        for (const file of onDisk) {
            assert.ok(!(await fs.readFile(path.join(file.parentPath, file.name), 'utf8')).includes(issued.token), 'the token is not on disk');
        }
        assert.ok(!JSON.stringify(tokens.list()).includes(issued.token));
        const logged = JSON.stringify([...logger.info.args, ...logger.warn.args, ...logger.error.args, ...logger.debug.args]);
        assert.ok(logged.includes('Web shop') && !logged.includes(issued.token), 'the issue is logged, the token never');
    });

    it('authenticates as the token\'s user until it is revoked or the user deleted', async () => {
        const first = await tokens.issue(admin, operator.id, 'first');
        const second = await tokens.issue(admin, operator.id, 'second');
        assert.equal(tokens.authenticate(first.token)?.name, 'shop-system');
        assert.equal(tokens.authenticate(first.token.slice(0, -1) + (first.token.endsWith('A') ? 'B' : 'A')), undefined);
        assert.equal(tokens.authenticate('not a token'), undefined);

        await tokens.revoke(admin, first.summary.id);
        assert.equal(tokens.authenticate(first.token), undefined);
        assert.deepEqual(tokens.list().map(token => token.name), ['second']);
        await assert.rejects(tokens.revoke(admin, first.summary.id), PressworkError.NotFound.is);

        await accounts.delete(admin, operator.id, operator.version);
        assert.equal(tokens.authenticate(second.token), undefined);
        assert.equal(tokens.list()[0].userName, undefined, 'listed so it can be revoked');
    });

    it('refuses to issue a token for a user who does not exist', async () => {
        await assert.rejects(tokens.issue(admin, 'user-none', 'ghost'), PressworkError.NotFound.is);
    });

    describe('at the sign-in gate', () => {

        let server: http.Server;
        let base: string;

        beforeEach(async () => {
            const requestUsers = new RequestUsers();
            Object.assign(requestUsers, { sessions, accounts });
            const earlyMiddleware = new EarlyExpressMiddleware();
            const gate = new SignInEndpoint();
            Object.assign(gate, {
                earlyMiddleware, sessions, accounts, throttle: new SignInThrottle(), apiTokens: tokens, requestUsers,
                applicationPackage: { pck: { version: '1.0.0' } }, logger: recordingLogger()
            });
            gate.initialize();
            const app = express();
            app.use(...earlyMiddleware.handlers);
            app.get('/api/v1/whoami', (request, response) => response.json({ name: requestUsers.userOf(request)?.name }));
            app.get('/services/other', (request, response) => response.json({ name: requestUsers.userOf(request)?.name }));
            ({ server, base } = await listenOnLoopback(app));
        });

        afterEach(async () => {
            await closeLoopback(server);
        });

        const get = (url: string, headers: Record<string, string>): Promise<Response> => fetch(base + url, { redirect: 'manual', headers });

        it('lets a valid token through to /api/v1/ only, as its user', async () => {
            const { token } = await tokens.issue(admin, operator.id, 'shop');
            const response = await get('/api/v1/whoami', { authorization: `Bearer ${token}` });
            assert.equal(response.status, 200);
            assert.deepEqual(await response.json(), { name: 'shop-system' });
            assert.equal((await get('/services/other', { authorization: `Bearer ${token}` })).status, 401);
        });

        it('answers an invalid token with 401 JSON, never a redirect', async () => {
            const response = await get('/api/v1/whoami', { authorization: 'Bearer pw_nope', accept: 'text/html' });
            assert.equal(response.status, 401);
            assert.match((await response.json() as { error: string }).error, /not valid/);
        });
    });
});
