import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as sinon from 'sinon';
import { ApplicationError } from '@theia/core/lib/common/application-error';
import { PressworkError } from '../../common/errors';
import { passwordProblem } from '../../common/user-schema';
import type { User } from '../../common/user-schema';
import { UsersCollection } from '../store/platform-collections';
import { DocumentConflictError } from '../store/store-errors';
import { SessionsCollection } from './sessions-collection';
import { INITIAL_ADMIN_NAME, INITIAL_PASSWORD_FILE } from './user-accounts';
import { AccountsFixture, createAccountsFixture } from './test/accounts-fixture';

const ADMIN_PASSWORD = 'Admin#2026pw';

/** An assert.rejects predicate: a PressworkError of this kind whose message matches. */
function pressworkError(kind: { code: number, is(arg: object | undefined): boolean }, message: RegExp): (error: unknown) => boolean {
    return error => {
        assert.ok(typeof error === 'object' && error !== null && ApplicationError.is(error), `expected an application error, got ${error}`);
        assert.equal((error as ApplicationError<number, unknown>).code, kind.code);
        assert.ok(kind.is(error));
        assert.match((error as Error).message, message);
        return true;
    };
}

async function exists(file: string): Promise<boolean> {
    return fs.access(file).then(() => true, () => false);
}

describe('UserAccounts', () => {

    let fixture: AccountsFixture | undefined;

    afterEach(async () => {
        sinon.restore();
        await fixture?.dispose();
        fixture = undefined;
    });

    async function withAccounts(initialAdminPassword?: string): Promise<AccountsFixture> {
        fixture = await createAccountsFixture({ initialAdminPassword });
        return fixture;
    }

    /** Accounts with an administrator `admin` (password ADMIN_PASSWORD) and returns that user. */
    async function withAdministrator(): Promise<{ fixture: AccountsFixture, admin: User }> {
        const created = await withAccounts(ADMIN_PASSWORD);
        await created.accounts.ensureInitialAdministrator();
        return { fixture: created, admin: created.accounts.byName(INITIAL_ADMIN_NAME)! };
    }

    describe('ensureInitialAdministrator', () => {

        it('creates admin with the configured password, already chosen, and writes no password file', async () => {
            const { accounts, store, folder } = await withAccounts(ADMIN_PASSWORD);
            const consoleInfo = sinon.stub(console, 'info');

            await accounts.ensureInitialAdministrator();

            assert.equal(store.count(UsersCollection), 1);
            const admin = accounts.byName('admin');
            assert.ok(admin);
            assert.equal(admin.authority, 'Administrator');
            assert.equal(admin.mustChangePassword, false);
            assert.ok(!admin.passwordHash.includes(ADMIN_PASSWORD));
            assert.equal(await exists(path.join(folder, INITIAL_PASSWORD_FILE)), false);
            assert.equal(consoleInfo.called, false, 'a configured password is not printed');
            assert.equal((await accounts.authenticate('admin', ADMIN_PASSWORD))?.id, admin.id);
        });

        it('without a configured password, creates admin with a random password written to a private file', async () => {
            const { accounts, store, folder } = await withAccounts(undefined);
            const consoleInfo = sinon.stub(console, 'info');

            await accounts.ensureInitialAdministrator();

            assert.equal(store.count(UsersCollection), 1);
            const admin = accounts.byName('admin');
            assert.ok(admin);
            assert.equal(admin.authority, 'Administrator');
            assert.equal(admin.mustChangePassword, true);

            const file = path.join(folder, INITIAL_PASSWORD_FILE);
            const stat = await fs.stat(file);
            assert.equal(stat.mode & 0o777, 0o600);
            const content = await fs.readFile(file, 'utf8');
            assert.match(content, /^[^\s]+\n$/);
            const password = content.trim();
            assert.equal(password.length, 16);
            assert.equal(passwordProblem(password), undefined, 'the generated password follows the rules');

            assert.equal((await accounts.authenticate('admin', password))?.id, admin.id);
            assert.equal(consoleInfo.callCount, 1);
            assert.ok(String(consoleInfo.firstCall.args[0]).includes(password));
            assert.ok(fixture!.logger.info.getCalls().every(call => !String(call.args[0]).includes(password)), 'the password is never logged');
        });

        it('generates a different password at each installation', async () => {
            sinon.stub(console, 'info');
            const first = await withAccounts(undefined);
            await first.accounts.ensureInitialAdministrator();
            const firstPassword = await fs.readFile(path.join(first.folder, INITIAL_PASSWORD_FILE), 'utf8');
            const second = await createAccountsFixture();
            try {
                await second.accounts.ensureInitialAdministrator();
                const secondPassword = await fs.readFile(path.join(second.folder, INITIAL_PASSWORD_FILE), 'utf8');
                assert.notEqual(firstPassword, secondPassword);
            } finally {
                await second.dispose();
            }
        });

        it('does nothing once a user exists', async () => {
            const { accounts, store, folder } = await withAccounts(undefined);
            const consoleInfo = sinon.stub(console, 'info');
            await accounts.ensureInitialAdministrator();
            const admin = accounts.byName('admin')!;
            const file = path.join(folder, INITIAL_PASSWORD_FILE);
            const password = await fs.readFile(file, 'utf8');

            await accounts.ensureInitialAdministrator();

            assert.equal(store.count(UsersCollection), 1);
            assert.deepEqual(accounts.byName('admin'), admin);
            assert.equal(await fs.readFile(file, 'utf8'), password);
            assert.equal(consoleInfo.callCount, 1);
        });

        it('does nothing when another user exists even if admin does not', async () => {
            const { fixture: { accounts, store } } = await withAdministrator();
            const other = await accounts.create({ name: 'other', authority: 'Administrator', password: 'Other#2026pw' });
            const admin = accounts.byName('admin')!;
            await accounts.delete(accounts.byId(other.id)!, admin.id, admin.version);

            await accounts.ensureInitialAdministrator();

            assert.equal(store.count(UsersCollection), 1);
            assert.equal(accounts.byName('admin'), undefined);
        });

        for (const [password, rule] of [
            ['short', /at least 8 bytes/],
            ['a'.repeat(33), /at most 32 bytes/],
            ['pass=word123', /may not contain =/],
            ['pass\tword123', /non-printing/]
        ] as const) {
            it(`refuses a configured password that breaks a rule (${rule.source}), naming the rule`, async () => {
                const { accounts, store, folder } = await withAccounts(password);
                await assert.rejects(accounts.ensureInitialAdministrator(), (error: Error) => {
                    assert.match(error.message, /PRESSWORK_ADMIN_PASSWORD/);
                    assert.match(error.message, rule);
                    assert.ok(!error.message.includes(password), 'the password itself is not in the message');
                    return true;
                });
                assert.equal(store.count(UsersCollection), 0);
                assert.equal(await exists(path.join(folder, INITIAL_PASSWORD_FILE)), false);
            });
        }
    });

    describe('authenticate', () => {

        it('returns the user for the right name and password', async () => {
            const { fixture: { accounts }, admin } = await withAdministrator();
            assert.deepEqual(await accounts.authenticate('admin', ADMIN_PASSWORD), admin);
        });

        it('returns undefined for a wrong password, an unknown user, or a name in another case', async () => {
            const { fixture: { accounts } } = await withAdministrator();
            assert.equal(await accounts.authenticate('admin', 'Admin#2026pW'), undefined);
            assert.equal(await accounts.authenticate('admin', ''), undefined);
            assert.equal(await accounts.authenticate('nobody', ADMIN_PASSWORD), undefined);
            assert.equal(await accounts.authenticate('Admin', ADMIN_PASSWORD), undefined);
            assert.equal(await accounts.authenticate('', ''), undefined);
        });
    });

    describe('create', () => {

        it('creates a user who must change the password at first sign-in', async () => {
            const { fixture: { accounts, logger } } = await withAdministrator();
            const summary = await accounts.create({ name: 'olivia', authority: 'Operator', password: 'Olivia#2026' });

            assert.equal(summary.name, 'olivia');
            assert.equal(summary.authority, 'Operator');
            assert.equal(summary.mustChangePassword, true);
            assert.equal(summary.version, 1);
            assert.ok(!('passwordHash' in summary), 'a summary carries no password hash');
            assert.equal((await accounts.authenticate('olivia', 'Olivia#2026'))?.id, summary.id);
            assert.ok(logger.info.calledWithMatch(/olivia created/));
        });

        it('refuses a name that exists already', async () => {
            const { fixture: { accounts, store } } = await withAdministrator();
            await accounts.create({ name: 'olivia', authority: 'Operator', password: 'Olivia#2026' });
            await assert.rejects(
                accounts.create({ name: 'olivia', authority: 'Monitor', password: 'Another#2026' }),
                pressworkError(PressworkError.Refused, /olivia exists already/));
            await assert.rejects(
                accounts.create({ name: 'admin', authority: 'Monitor', password: 'Another#2026' }),
                pressworkError(PressworkError.Refused, /admin exists already/));
            assert.equal(store.count(UsersCollection), 2);
        });

        it('refuses a duplicate even when both are created at once', async () => {
            const { fixture: { accounts, store } } = await withAdministrator();
            const results = await Promise.allSettled([
                accounts.create({ name: 'twin', authority: 'Operator', password: 'Twin#2026pw' }),
                accounts.create({ name: 'twin', authority: 'Monitor', password: 'Twin#2026pw' })
            ]);
            assert.deepEqual(results.map(result => result.status).sort(), ['fulfilled', 'rejected']);
            assert.equal(store.count(UsersCollection), 2);
        });

        it('treats names as case-sensitive', async () => {
            const { fixture: { accounts } } = await withAdministrator();
            const lower = await accounts.create({ name: 'olivia', authority: 'Operator', password: 'Olivia#2026' });
            const upper = await accounts.create({ name: 'Olivia', authority: 'Monitor', password: 'OLIVIA#2026' });
            assert.notEqual(lower.id, upper.id);
            assert.equal((await accounts.authenticate('olivia', 'Olivia#2026'))?.id, lower.id);
            assert.equal((await accounts.authenticate('Olivia', 'OLIVIA#2026'))?.id, upper.id);
            assert.equal(await accounts.authenticate('Olivia', 'Olivia#2026'), undefined);
        });

        it('lists users sorted by name, without password hashes', async () => {
            const { fixture: { accounts } } = await withAdministrator();
            await accounts.create({ name: 'zed', authority: 'Monitor', password: 'Zed#2026pw' });
            await accounts.create({ name: 'bob', authority: 'Operator', password: 'Bob#2026pw' });
            const list = accounts.list();
            assert.deepEqual(list.map(user => user.name), ['admin', 'bob', 'zed']);
            assert.ok(list.every(user => !('passwordHash' in user)));
        });
    });

    describe('delete', () => {

        it('deletes a user and ends their sessions, in the store too (on every server, after a restart)', async () => {
            const { fixture: { accounts, sessions, store }, admin } = await withAdministrator();
            const olivia = await accounts.create({ name: 'olivia', authority: 'Operator', password: 'Olivia#2026' });
            const session = await sessions.create(olivia.id, false);
            const adminSession = await sessions.create(admin.id, false);

            await accounts.delete(admin, olivia.id, olivia.version);

            assert.equal(accounts.byId(olivia.id), undefined);
            assert.equal(sessions.get(session.id), undefined);
            assert.ok(sessions.get(adminSession.id));
            assert.deepEqual(store.findBy(SessionsCollection, 'user', olivia.id), []);
        });

        it('refuses to delete yourself', async () => {
            const { fixture: { accounts }, admin } = await withAdministrator();
            await accounts.create({ name: 'second', authority: 'Administrator', password: 'Second#2026' });
            await assert.rejects(accounts.delete(admin, admin.id, admin.version), pressworkError(PressworkError.Refused, /cannot delete yourself/));
            assert.ok(accounts.byId(admin.id));
        });

        it('refuses to delete the last administrator', async () => {
            const { fixture: { accounts }, admin } = await withAdministrator();
            const operator = await accounts.create({ name: 'olivia', authority: 'Operator', password: 'Olivia#2026' });
            await assert.rejects(
                accounts.delete(accounts.byId(operator.id)!, admin.id, admin.version),
                pressworkError(PressworkError.Refused, /admin is the last administrator/));
            assert.ok(accounts.byId(admin.id));
        });

        it('deletes an administrator when another one remains', async () => {
            const { fixture: { accounts }, admin } = await withAdministrator();
            const second = await accounts.create({ name: 'second', authority: 'Administrator', password: 'Second#2026' });
            await accounts.delete(admin, second.id, second.version);
            assert.equal(accounts.byId(second.id), undefined);
        });

        it('refuses a stale version with a conflict', async () => {
            const { fixture: { accounts }, admin } = await withAdministrator();
            const olivia = await accounts.create({ name: 'olivia', authority: 'Operator', password: 'Olivia#2026' });
            await accounts.setAuthority(admin, olivia.id, olivia.version, 'Monitor');
            await assert.rejects(accounts.delete(admin, olivia.id, olivia.version), DocumentConflictError);
            assert.ok(accounts.byId(olivia.id));
        });

        it('says a user that no longer exists was not found', async () => {
            const { fixture: { accounts }, admin } = await withAdministrator();
            await assert.rejects(accounts.delete(admin, 'no-such-user', 1), pressworkError(PressworkError.NotFound, /no longer exists/));
        });
    });

    describe('setAuthority', () => {

        it('refuses to demote the last administrator', async () => {
            const { fixture: { accounts }, admin } = await withAdministrator();
            for (const authority of ['Operator', 'Monitor'] as const) {
                await assert.rejects(
                    accounts.setAuthority(admin, admin.id, admin.version, authority),
                    pressworkError(PressworkError.Refused, /last administrator/));
            }
            assert.equal(accounts.byId(admin.id)?.authority, 'Administrator');
            assert.equal(accounts.byId(admin.id)?.version, admin.version);
        });

        it('lets the last administrator stay an administrator', async () => {
            const { fixture: { accounts }, admin } = await withAdministrator();
            const summary = await accounts.setAuthority(admin, admin.id, admin.version, 'Administrator');
            assert.equal(summary.authority, 'Administrator');
        });

        it('demotes an administrator when another administrator exists', async () => {
            const { fixture: { accounts }, admin } = await withAdministrator();
            const olivia = await accounts.create({ name: 'olivia', authority: 'Operator', password: 'Olivia#2026' });
            const promoted = await accounts.setAuthority(admin, olivia.id, olivia.version, 'Administrator');
            assert.equal(promoted.authority, 'Administrator');
            assert.equal(promoted.version, olivia.version + 1);

            const demoted = await accounts.setAuthority(admin, admin.id, admin.version, 'Monitor');
            assert.equal(demoted.authority, 'Monitor');
            assert.equal(accounts.byId(admin.id)?.authority, 'Monitor');

            // Now olivia is the last one.
            const current = accounts.byId(olivia.id)!;
            await assert.rejects(accounts.setAuthority(admin, olivia.id, current.version, 'Operator'), pressworkError(PressworkError.Refused, /olivia is the last administrator/));
        });

        it('never leaves no administrator when two demote each other at once', async () => {
            const { fixture: { accounts }, admin } = await withAdministrator();
            const second = await accounts.create({ name: 'second', authority: 'Administrator', password: 'Second#2026' });
            const results = await Promise.allSettled([
                accounts.setAuthority(admin, admin.id, admin.version, 'Operator'),
                accounts.setAuthority(admin, second.id, second.version, 'Operator')
            ]);
            assert.deepEqual(results.map(result => result.status).sort(), ['fulfilled', 'rejected']);
            assert.equal(accounts.list().filter(user => user.authority === 'Administrator').length, 1);
        });

        it('refuses a stale version with a DocumentConflictError', async () => {
            const { fixture: { accounts }, admin } = await withAdministrator();
            const olivia = await accounts.create({ name: 'olivia', authority: 'Operator', password: 'Olivia#2026' });
            await accounts.setAuthority(admin, olivia.id, olivia.version, 'Monitor');
            await assert.rejects(accounts.setAuthority(admin, olivia.id, olivia.version, 'Administrator'), (error: unknown) => {
                assert.ok(error instanceof DocumentConflictError);
                assert.equal(error.expectedVersion, 1);
                assert.equal(error.currentVersion, 2);
                return true;
            });
            assert.equal(accounts.byId(olivia.id)?.authority, 'Monitor');
        });
    });

    describe('setEmail', () => {

        it('sets, shows in the list and removes a user\'s e-mail address, keeping the password', async () => {
            const { fixture: { accounts, store, logger }, admin } = await withAdministrator();
            const olivia = await accounts.create({ name: 'olivia', authority: 'Operator', password: 'Olivia#2026', email: 'olivia@shop.test' });
            assert.equal(olivia.email, 'olivia@shop.test');

            const changed = await accounts.setEmail(admin, olivia.id, olivia.version, 'o.lee@shop.test');
            assert.equal(changed.email, 'o.lee@shop.test');
            assert.equal(accounts.list().find(user => user.id === olivia.id)?.email, 'o.lee@shop.test');
            assert.ok(logger.info.calledWithMatch(/e-mail address of olivia set by admin/));

            const removed = await accounts.setEmail(admin, olivia.id, changed.version, undefined);
            assert.equal(removed.email, undefined);
            assert.ok(!('email' in store.get(UsersCollection, olivia.id)!), 'no address is stored');
            assert.equal((await accounts.authenticate('olivia', 'Olivia#2026'))?.id, olivia.id);
        });

        it('refuses a stale version and keeps the address', async () => {
            const { fixture: { accounts }, admin } = await withAdministrator();
            await accounts.setEmail(admin, admin.id, admin.version, 'ops@shop.test');
            await assert.rejects(accounts.setEmail(admin, admin.id, admin.version, 'other@shop.test'), DocumentConflictError);
            assert.equal(accounts.byId(admin.id)?.email, 'ops@shop.test');
        });
    });

    describe('resetPassword', () => {

        it('sets a new password that must be changed and ends every session of that user', async () => {
            const { fixture: { accounts, sessions }, admin } = await withAdministrator();
            const created = await accounts.create({ name: 'olivia', authority: 'Operator', password: 'Olivia#2026' });
            await accounts.changeOwnPassword(created.id, 'Olivia#2026', 'Chosen#2026');
            const olivia = accounts.byId(created.id)!;
            assert.equal(olivia.mustChangePassword, false);
            const first = await sessions.create(olivia.id, false);
            const second = await sessions.create(olivia.id, false);
            const adminSession = await sessions.create(admin.id, false);

            const summary = await accounts.resetPassword(admin, olivia.id, olivia.version, 'Reset#2026pw');

            assert.equal(summary.mustChangePassword, true);
            assert.equal(accounts.byId(olivia.id)?.mustChangePassword, true);
            assert.ok(accounts.byId(olivia.id)?.passwordChangedAt);
            assert.equal(sessions.get(first.id), undefined);
            assert.equal(sessions.get(second.id), undefined);
            assert.ok(sessions.get(adminSession.id), 'other users stay signed in');
            assert.equal(await accounts.authenticate('olivia', 'Chosen#2026'), undefined);
            assert.equal((await accounts.authenticate('olivia', 'Reset#2026pw'))?.id, olivia.id);
        });

        it('refuses a stale version and leaves the password and sessions alone', async () => {
            const { fixture: { accounts, sessions }, admin } = await withAdministrator();
            const olivia = await accounts.create({ name: 'olivia', authority: 'Operator', password: 'Olivia#2026' });
            await accounts.setAuthority(admin, olivia.id, olivia.version, 'Monitor');
            const session = await sessions.create(olivia.id, true);
            await assert.rejects(accounts.resetPassword(admin, olivia.id, olivia.version, 'Reset#2026pw'), DocumentConflictError);
            assert.ok(sessions.get(session.id));
            assert.ok(await accounts.authenticate('olivia', 'Olivia#2026'));
        });
    });

    describe('changeOwnPassword', () => {

        it('checks the current password', async () => {
            const { fixture: { accounts }, admin } = await withAdministrator();
            await assert.rejects(
                accounts.changeOwnPassword(admin.id, 'wrong password', 'Next#2026pw'),
                pressworkError(PressworkError.Refused, /current password is not correct/));
            assert.ok(await accounts.authenticate('admin', ADMIN_PASSWORD));
            assert.equal(await accounts.authenticate('admin', 'Next#2026pw'), undefined);
        });

        it('refuses the same password again', async () => {
            const { fixture: { accounts }, admin } = await withAdministrator();
            await assert.rejects(
                accounts.changeOwnPassword(admin.id, ADMIN_PASSWORD, ADMIN_PASSWORD),
                pressworkError(PressworkError.InvalidInput, /must differ/));
        });

        it('refuses a new password that breaks the rules', async () => {
            const { fixture: { accounts }, admin } = await withAdministrator();
            await assert.rejects(
                accounts.changeOwnPassword(admin.id, ADMIN_PASSWORD, 'short'),
                pressworkError(PressworkError.InvalidInput, /at least 8 bytes/));
            await assert.rejects(
                accounts.changeOwnPassword(admin.id, ADMIN_PASSWORD, 'pipe|password'),
                pressworkError(PressworkError.InvalidInput, /may not contain \|/));
            assert.ok(await accounts.authenticate('admin', ADMIN_PASSWORD));
        });

        it('changes the password, clears mustChangePassword, keeps the named session and ends the others', async () => {
            const { fixture: { accounts, sessions }, admin } = await withAdministrator();
            const created = await accounts.create({ name: 'olivia', authority: 'Operator', password: 'Olivia#2026' });
            const current = await sessions.create(created.id, true);
            const elsewhere = await sessions.create(created.id, true);
            const adminSession = await sessions.create(admin.id, false);

            await accounts.changeOwnPassword(created.id, 'Olivia#2026', 'Chosen#2026', current.id);

            const olivia = accounts.byId(created.id)!;
            assert.equal(olivia.mustChangePassword, false);
            assert.ok(olivia.passwordChangedAt);
            assert.equal(olivia.version, created.version + 1);
            assert.ok(sessions.get(current.id), 'the session that changed the password stays');
            assert.equal(sessions.get(elsewhere.id), undefined);
            assert.ok(sessions.get(adminSession.id));
            assert.equal(await accounts.authenticate('olivia', 'Olivia#2026'), undefined);
            assert.equal((await accounts.authenticate('olivia', 'Chosen#2026'))?.id, olivia.id);
        });

        it('ends every session of the user when none is named', async () => {
            const { fixture: { accounts, sessions }, admin } = await withAdministrator();
            const session = await sessions.create(admin.id, false);
            await accounts.changeOwnPassword(admin.id, ADMIN_PASSWORD, 'Next#2026pw');
            assert.equal(sessions.get(session.id), undefined);
        });

        it('says a user that no longer exists was not found', async () => {
            const { fixture: { accounts } } = await withAdministrator();
            await assert.rejects(accounts.changeOwnPassword('gone', 'whatever1', 'Next#2026pw'), pressworkError(PressworkError.NotFound, /no longer exists/));
        });
    });

    it('describes the current user with the permissions of their authority', async () => {
        const { fixture: { accounts }, admin } = await withAdministrator();
        const monitor = await accounts.create({ name: 'mo', authority: 'Monitor', password: 'Monitor#2026' });
        assert.deepEqual(accounts.currentUser(accounts.byId(monitor.id)!), {
            id: monitor.id, name: 'mo', authority: 'Monitor', permissions: ['operations.view', 'account.password']
        });
        assert.ok(accounts.currentUser(admin).permissions.includes('users.manage'));
    });
});
