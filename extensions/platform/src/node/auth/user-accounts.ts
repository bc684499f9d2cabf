import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { randomInt, randomUUID } from 'node:crypto';
import { inject, injectable, named } from '@theia/core/shared/inversify';
import { ILogger } from '@theia/core/lib/common/logger';
import { Authority, permissionsOf } from '../../common/authority';
import { CurrentUser, NewUser } from '../../common/account-protocol';
import { PressworkError } from '../../common/errors';
import { isLastAdministrator } from '../../common/last-administrator';
import { User, UserSummary, passwordProblem } from '../../common/user-schema';
import { DocumentStore } from '../store/document-store';
import { UsersCollection } from '../store/platform-collections';
import { KeyedLock } from '../store/keyed-lock';
import { PressworkConfig } from '../presswork-config';
import { decoyHash, hashPassword, verifyPassword } from './password-hasher';
import { SessionStore } from './session-store';

export const INITIAL_ADMIN_NAME = 'admin';
export const INITIAL_PASSWORD_FILE = 'initial-admin-password.txt';

/** Users, their passwords and the rules around them (TFPM's, plus: never lose the last administrator). */
@injectable()
export class UserAccounts {
    @inject(DocumentStore) protected readonly store: DocumentStore;
    @inject(SessionStore) protected readonly sessions: SessionStore;
    @inject(PressworkConfig) protected readonly config: PressworkConfig;
    @inject(ILogger) @named('platform:UserAccounts') protected readonly logger: ILogger;

    /** Changes that could take away the last administrator run one at a time. */
    protected readonly administratorLock = new KeyedLock();

    /** First start: creates `admin` with the configured password, or a random one to be changed at first sign-in. */
    async ensureInitialAdministrator(): Promise<void> {
        await this.store.ready;
        if (this.store.count(UsersCollection) > 0) {
            return;
        }
        const configured = this.config.initialAdminPassword;
        if (configured !== undefined && passwordProblem(configured)) {
            throw new Error(`PRESSWORK_ADMIN_PASSWORD does not follow the password rules: ${passwordProblem(configured)}`);
        }
        const password = configured || generatePassword();
        await this.store.create(UsersCollection, {
            id: randomUUID(),
            name: INITIAL_ADMIN_NAME,
            authority: 'Administrator',
            passwordHash: await hashPassword(password),
            mustChangePassword: !configured,
            createdAt: new Date().toISOString()
        });
        if (!configured) {
            const file = path.join(this.config.dataFolder, INITIAL_PASSWORD_FILE);
            await fs.writeFile(file, `${password}\n`, { mode: 0o600 });
            // Printed once, on purpose, on the console of the person installing Presswork: a secret is
            // never given to the logger, whose lines may be kept, shipped or sent to browsers.
            // eslint-disable-next-line no-console -- the one sanctioned console line of production code
            console.info(`\nPresswork: the first administrator is "${INITIAL_ADMIN_NAME}" with the password ${password}\n` +
                `(also in ${file}); it must be changed at first sign-in.\n`);
        }
    }

    /** The user whose name and password match, or undefined; takes the same time either way. */
    async authenticate(name: string, password: string): Promise<User | undefined> {
        const user = this.byName(name);
        const matches = await verifyPassword(password, user?.passwordHash ?? await decoyHash());
        return user && matches ? user : undefined;
    }

    byId(id: string): User | undefined {
        return this.store.get(UsersCollection, id);
    }

    byName(name: string): User | undefined {
        return this.store.findBy(UsersCollection, 'name', name)[0];
    }

    currentUser(user: User): CurrentUser {
        return { id: user.id, name: user.name, authority: user.authority, permissions: permissionsOf(user.authority) };
    }

    list(): UserSummary[] {
        return [...this.store.all(UsersCollection)].map(summarize).sort((a, b) => a.name.localeCompare(b.name));
    }

    async create(input: NewUser): Promise<UserSummary> {
        return this.administratorLock.run('users', async () => {
            if (this.byName(input.name)) {
                throw PressworkError.Refused(`A user named ${input.name} exists already`);
            }
            const user = await this.store.create(UsersCollection, {
                id: randomUUID(),
                name: input.name,
                authority: input.authority,
                passwordHash: await hashPassword(input.password),
                mustChangePassword: true,
                createdAt: new Date().toISOString(),
                ...(input.email ? { email: input.email } : {})
            });
            this.logger.info(`user ${user.name} created with authority ${user.authority}`);
            return summarize(user);
        });
    }

    async delete(actor: User, id: string, version: number): Promise<void> {
        await this.administratorLock.run('users', async () => {
            const user = this.existing(id);
            if (user.id === actor.id) {
                throw PressworkError.Refused('You cannot delete yourself');
            }
            this.keepAnAdministrator(user, undefined);
            await this.store.delete(UsersCollection, id, version);
            await this.sessions.deleteForUser(id);
            this.logger.info(`user ${user.name} deleted by ${actor.name}`);
        });
    }

    async setAuthority(actor: User, id: string, version: number, authority: Authority): Promise<UserSummary> {
        return this.administratorLock.run('users', async () => {
            const user = this.existing(id);
            this.keepAnAdministrator(user, authority);
            const updated = await this.store.update(UsersCollection, { ...user, version, authority });
            this.logger.info(`user ${user.name} now has authority ${authority} (set by ${actor.name})`);
            return summarize(updated);
        });
    }

    async resetPassword(actor: User, id: string, version: number, password: string): Promise<UserSummary> {
        const user = this.existing(id);
        const updated = await this.store.update(UsersCollection, {
            ...user, version, passwordHash: await hashPassword(password), mustChangePassword: true, passwordChangedAt: new Date().toISOString()
        });
        await this.sessions.deleteForUser(id);
        this.logger.info(`password of ${user.name} reset by ${actor.name}`);
        return summarize(updated);
    }

    /**
     * Sets where a user's notifications go (`undefined` removes the address): by an administrator
     * (`actor`), by the user themselves, or at first start from PRESSWORK_ADMIN_EMAIL (no actor).
     */
    async setEmail(actor: User | undefined, id: string, version: number, email: string | undefined): Promise<UserSummary> {
        const user = this.existing(id);
        const { email: _previous, ...rest } = user;
        const updated = await this.store.update(UsersCollection, { ...rest, version, ...(email ? { email } : {}) });
        const by = actor ? (actor.id === id ? 'by themselves' : `by ${actor.name}`) : 'from the environment';
        this.logger.info(`e-mail address of ${user.name} ${email ? 'set' : 'removed'} ${by}`);
        return summarize(updated);
    }

    /** Changes a user's own password after checking the current one. */
    async changeOwnPassword(userId: string, currentPassword: string, newPassword: string, keepSession?: string): Promise<void> {
        const user = this.existing(userId);
        if (!await verifyPassword(currentPassword, user.passwordHash)) {
            throw PressworkError.Refused('The current password is not correct');
        }
        const problem = passwordProblem(newPassword);
        if (problem) {
            throw PressworkError.InvalidInput(problem);
        }
        if (newPassword === currentPassword) {
            throw PressworkError.InvalidInput('The new password must differ from the current one');
        }
        const passwordHash = await hashPassword(newPassword);
        await this.store.modify(UsersCollection, userId, current => ({
            ...current, passwordHash, mustChangePassword: false, passwordChangedAt: new Date().toISOString()
        }));
        await this.sessions.deleteForUser(userId, keepSession);
    }

    protected existing(id: string): User {
        const user = this.byId(id);
        if (!user) {
            throw PressworkError.NotFound('That user no longer exists');
        }
        return user;
    }

    /** Refuses a change that would leave no administrator: `newAuthority` undefined means deletion. */
    protected keepAnAdministrator(user: User, newAuthority: Authority | undefined): void {
        if (newAuthority !== 'Administrator' && isLastAdministrator(user, this.store.all(UsersCollection))) {
            throw PressworkError.Refused(`${user.name} is the last administrator; make another user an administrator first`);
        }
    }
}

export function summarize(user: User): UserSummary {
    return {
        id: user.id, version: user.version, name: user.name, authority: user.authority, mustChangePassword: user.mustChangePassword, createdAt: user.createdAt,
        ...(user.email ? { email: user.email } : {})
    };
}

/** 16 characters from an alphabet that avoids the forbidden and look-alike characters. */
function generatePassword(): string {
    const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';
    return Array.from({ length: 16 }, () => alphabet[randomInt(alphabet.length)]).join('');
}
