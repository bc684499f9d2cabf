import { randomBytes } from 'node:crypto';
import * as http from 'node:http';
import * as cookie from 'cookie';
import { injectable } from '@theia/core/shared/inversify';

export const SESSION_COOKIE = 'presswork-session';

/** A shift is long; a session idle for this long ends anyway. */
const IDLE_LIMIT_MS = 12 * 60 * 60 * 1000;

export interface Session {
    readonly id: string;
    readonly userId: string;
    readonly createdAt: number;
    lastSeenAt: number;
    /** Signed in with a password that must be changed before anything else is allowed. */
    passwordChangeRequired: boolean;
}

/**
 * Sign-in sessions, held in memory: a restart signs everyone out, which is the safe direction.
 * The id is 256 random bits; only the HttpOnly cookie carries it.
 */
@injectable()
export class SessionStore {
    protected readonly sessions = new Map<string, Session>();

    create(userId: string, passwordChangeRequired: boolean): Session {
        const now = Date.now();
        this.forgetIdle(now);
        const session: Session = { id: randomBytes(32).toString('base64url'), userId, createdAt: now, lastSeenAt: now, passwordChangeRequired };
        this.sessions.set(session.id, session);
        return session;
    }

    /** The live session with this id, refreshed; undefined when unknown or idle too long. */
    get(id: string | undefined): Session | undefined {
        const session = id ? this.sessions.get(id) : undefined;
        if (!session) {
            return undefined;
        }
        const now = Date.now();
        if (now - session.lastSeenAt > IDLE_LIMIT_MS) {
            this.sessions.delete(session.id);
            return undefined;
        }
        session.lastSeenAt = now;
        return session;
    }

    /** Sessions are otherwise only dropped when looked up; abandoned browsers would pile up. */
    protected forgetIdle(now: number): void {
        for (const session of this.sessions.values()) {
            if (now - session.lastSeenAt > IDLE_LIMIT_MS) {
                this.sessions.delete(session.id);
            }
        }
    }

    fromRequest(request: http.IncomingMessage): Session | undefined {
        return this.get(sessionIdOf(request));
    }

    delete(id: string): void {
        this.sessions.delete(id);
    }

    /** Ends every session of a user (deleted, password reset), except the one named. */
    deleteForUser(userId: string, except?: string): void {
        for (const session of this.sessions.values()) {
            if (session.userId === userId && session.id !== except) {
                this.sessions.delete(session.id);
            }
        }
    }
}

export function sessionIdOf(request: http.IncomingMessage): string | undefined {
    const header = request.headers.cookie;
    return header ? cookie.parse(header)[SESSION_COOKIE] : undefined;
}
