import { randomBytes } from 'node:crypto';
import * as http from 'node:http';
import * as cookie from 'cookie';
import { inject, injectable, named } from '@theia/core/shared/inversify';
import { ILogger } from '@theia/core/lib/common/logger';
import { DocumentStore } from '../store/document-store';
import { DocumentConflictError, DocumentNotFoundError } from '../store/store-errors';
import { SessionsCollection, StoredSession, sessionKeyOf } from './sessions-collection';

export const SESSION_COOKIE = 'presswork-session';

/** A shift is long; a session idle for this long ends anyway. */
const IDLE_LIMIT_MS = 12 * 60 * 60 * 1000;
/** Last use is written at most this often per session, so browsing does not write on every request. */
const LAST_SEEN_RESOLUTION_MS = 60_000;
/** A removal that keeps meeting another server's write (a last-use note) gives up after this many tries. */
const REMOVE_ATTEMPTS = 3;

export interface Session {
    /** The id the cookie carries; only its hash is stored. */
    readonly id: string;
    readonly userId: string;
    readonly createdAt: number;
    readonly lastSeenAt: number;
    /** Signed in with a password that must be changed before anything else is allowed. */
    readonly passwordChangeRequired: boolean;
}

/**
 * Sign-in sessions, kept in the store: a user stays signed in across a restart and on every
 * server sharing the database. Lookups are answered from the store's memory (synchronous); the
 * session id is 256 random bits that only the HttpOnly cookie carries, and the store keeps only
 * its SHA-256.
 */
@injectable()
export class SessionStore {
    @inject(DocumentStore) protected readonly store: DocumentStore;
    @inject(ILogger) @named('platform:SessionStore') protected readonly logger: ILogger;

    /** Writes started by lookups (last-use notes, removals of idle sessions), one at a time per session. */
    protected readonly pending = new Map<string, Promise<void>>();

    async create(userId: string, passwordChangeRequired: boolean): Promise<Session> {
        const now = Date.now();
        this.forgetIdle(now);
        const id = randomBytes(32).toString('base64url');
        const timestamp = new Date(now).toISOString();
        await this.store.create(SessionsCollection, { id: sessionKeyOf(id), userId, createdAt: timestamp, lastSeenAt: timestamp, passwordChangeRequired });
        return { id, userId, createdAt: now, lastSeenAt: now, passwordChangeRequired };
    }

    /** The live session with this id, its use noted; undefined when unknown or idle too long. */
    get(id: string | undefined): Session | undefined {
        if (!id) {
            return undefined;
        }
        const key = sessionKeyOf(id);
        const stored = this.store.get(SessionsCollection, key);
        if (!stored) {
            return undefined;
        }
        const now = Date.now();
        const lastSeenAt = Date.parse(stored.lastSeenAt);
        if (isIdle(stored, now)) {
            this.inBackground(key, () => this.remove(key));
            return undefined;
        }
        if (now - lastSeenAt >= LAST_SEEN_RESOLUTION_MS) {
            this.inBackground(key, () => this.noteUse(key, now));
        }
        return { id, userId: stored.userId, createdAt: Date.parse(stored.createdAt), lastSeenAt: now, passwordChangeRequired: stored.passwordChangeRequired };
    }

    fromRequest(request: http.IncomingMessage): Session | undefined {
        return this.get(sessionIdOf(request));
    }

    async delete(id: string): Promise<void> {
        await this.remove(sessionKeyOf(id));
    }

    /** Ends every session of a user (deleted, password reset), on every server, except the one named. */
    async deleteForUser(userId: string, except?: string): Promise<void> {
        // Sessions another server created a moment ago must be seen to be ended.
        await this.store.catchUp();
        const kept = except === undefined ? undefined : sessionKeyOf(except);
        const ended = this.store.findBy(SessionsCollection, 'user', userId).filter(session => session.id !== kept);
        await Promise.all(ended.map(session => this.remove(session.id)));
    }

    /** The password of this session's user has been changed: the session may now do everything. */
    async passwordChanged(id: string): Promise<void> {
        await this.store.modify(SessionsCollection, sessionKeyOf(id), current => ({ ...current, passwordChangeRequired: false }));
    }

    /** Resolves once the writes lookups have started so far are done (tests, and a clean stop). */
    async settled(): Promise<void> {
        while (this.pending.size > 0) {
            await Promise.all(this.pending.values());
        }
    }

    /** Sessions are otherwise only removed when looked up; abandoned browsers would pile up. */
    protected forgetIdle(now: number): void {
        for (const session of this.store.all(SessionsCollection)) {
            if (isIdle(session, now)) {
                this.inBackground(session.id, () => this.remove(session.id));
            }
        }
    }

    protected async noteUse(key: string, now: number): Promise<void> {
        const lastSeenAt = new Date(now).toISOString();
        try {
            await this.store.modify(SessionsCollection, key, current => lastSeenAt > current.lastSeenAt ? { ...current, lastSeenAt } : current);
        } catch (error) {
            if (!(error instanceof DocumentNotFoundError)) {
                throw error;
            }
        }
    }

    /** Removes a stored session, whatever its version; gone already is fine. */
    protected async remove(key: string): Promise<void> {
        for (let attempt = 1; ; attempt++) {
            const current = this.store.get(SessionsCollection, key);
            if (!current) {
                return;
            }
            try {
                await this.store.delete(SessionsCollection, key, current.version);
                return;
            } catch (error) {
                if (!(error instanceof DocumentConflictError) || attempt === REMOVE_ATTEMPTS) {
                    throw error;
                }
                await this.store.catchUp();
            }
        }
    }

    /** Starts a write a lookup cannot wait for, unless one for the same session is under way. */
    protected inBackground(key: string, write: () => Promise<void>): void {
        if (this.pending.has(key)) {
            return;
        }
        const done = write()
            .catch(error => this.logger.warn('could not update a sign-in session in the store', error))
            .finally(() => this.pending.delete(key));
        this.pending.set(key, done);
    }
}

function isIdle(session: StoredSession, now: number): boolean {
    return now - Date.parse(session.lastSeenAt) > IDLE_LIMIT_MS;
}

export function sessionIdOf(request: http.IncomingMessage): string | undefined {
    const header = request.headers.cookie;
    return header ? cookie.parse(header)[SESSION_COOKIE] : undefined;
}
