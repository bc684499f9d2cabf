import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type * as http from 'node:http';
import * as sinon from 'sinon';
import { SESSION_COOKIE, Session, SessionStore, sessionIdOf } from './session-store';
import { SessionsCollection, sessionKeyOf } from './sessions-collection';
import { inject } from '../test/inject';
import { recordingLogger } from '../test/recording-logger';
import { TempStore, openTempStore } from '../test/temp-store';
import { PostgresDocumentStore } from '../store/postgres/postgres-document-store';

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
const START = Date.UTC(2026, 0, 15, 6, 0, 0);

function requestWithCookie(cookie: string | undefined): http.IncomingMessage {
    return { headers: cookie === undefined ? {} : { cookie } } as http.IncomingMessage;
}

/** The same session (the last use moves on with every lookup). */
function assertSameSession(actual: Session | undefined, expected: Session, message?: string): void {
    assert.ok(actual, message ?? 'the session is found');
    const { lastSeenAt: _actualSeen, ...found } = actual;
    const { lastSeenAt: _expectedSeen, ...wanted } = expected;
    assert.deepEqual(found, wanted, message);
}

/** Every file under `folder`, as text. */
/** Everything the store keeps where it keeps it: the embedded store's files, or the database's document rows. */
async function persistedText(temp: TempStore): Promise<string> {
    const store = temp.store;
    if (store instanceof PostgresDocumentStore) {
        const { rows } = await store.pool.query<{ id: string; body: string }>('SELECT id, body::text AS body FROM documents');
        return rows.map(row => `${row.id} ${row.body}`).join('\n');
    }
    const entries = await fs.readdir(temp.storeFolder, { recursive: true, withFileTypes: true });
    const texts = await Promise.all(entries.filter(entry => entry.isFile()).map(entry => fs.readFile(path.join(entry.parentPath, entry.name), 'utf8')));
    return texts.join('\n');
}

describe('SessionStore', () => {

    let clock: sinon.SinonFakeTimers;
    let temp: TempStore;
    let sessions: SessionStore;

    function sessionsOver(store: TempStore['store']): SessionStore {
        return inject(new SessionStore(), { store, logger: recordingLogger() });
    }

    beforeEach(async () => {
        clock = sinon.useFakeTimers({ now: START, toFake: ['Date'] });
        temp = await openTempStore([], 'presswork-sessions-');
        sessions = sessionsOver(temp.store);
    });

    afterEach(async () => {
        await sessions.settled();
        clock.restore();
        sinon.restore();
        await temp.dispose();
    });

    it('creates a session with a long random id and finds it again', async () => {
        const session = await sessions.create('user-1', false);
        assert.equal(session.userId, 'user-1');
        assert.equal(session.passwordChangeRequired, false);
        assert.equal(session.createdAt, START);
        assert.equal(session.lastSeenAt, START);
        assert.match(session.id, /^[A-Za-z0-9_-]{43}$/, '256 bits in base64url');
        assert.deepEqual(sessions.get(session.id), session);
    });

    it('gives every session its own id', async () => {
        const created = await Promise.all(Array.from({ length: 50 }, () => sessions.create('user-1', false)));
        assert.equal(new Set(created.map(session => session.id)).size, 50);
    });

    it('remembers that the password must be changed, until it has been', async () => {
        const session = await sessions.create('user-1', true);
        assert.equal(sessions.get(session.id)?.passwordChangeRequired, true);
        await sessions.passwordChanged(session.id);
        assert.equal(sessions.get(session.id)?.passwordChangeRequired, false);
    });

    it('returns undefined for an unknown, empty or missing id', async () => {
        await sessions.create('user-1', false);
        assert.equal(sessions.get('no-such-session'), undefined);
        assert.equal(sessions.get(''), undefined);
        assert.equal(sessions.get(undefined), undefined);
    });

    it('deletes a session', async () => {
        const first = await sessions.create('user-1', false);
        const second = await sessions.create('user-1', false);
        await sessions.delete(first.id);
        assert.equal(sessions.get(first.id), undefined);
        assertSameSession(sessions.get(second.id), second);
        await assert.doesNotReject(sessions.delete('no-such-session'));
    });

    it('deletes every session of a user, except the one named', async () => {
        const kept = await sessions.create('user-1', false);
        const other = await sessions.create('user-1', false);
        const third = await sessions.create('user-1', true);
        const someoneElse = await sessions.create('user-2', false);

        await sessions.deleteForUser('user-1', kept.id);

        assertSameSession(sessions.get(kept.id), kept);
        assert.equal(sessions.get(other.id), undefined);
        assert.equal(sessions.get(third.id), undefined);
        assertSameSession(sessions.get(someoneElse.id), someoneElse);
    });

    it('deletes every session of a user when no exception is named', async () => {
        const first = await sessions.create('user-1', false);
        const second = await sessions.create('user-1', false);
        const someoneElse = await sessions.create('user-2', false);

        await sessions.deleteForUser('user-1');

        assert.equal(sessions.get(first.id), undefined);
        assert.equal(sessions.get(second.id), undefined);
        assertSameSession(sessions.get(someoneElse.id), someoneElse);
        assert.deepEqual(temp.store.findBy(SessionsCollection, 'user', 'user-1'), [], 'gone from the store, not only hidden');
    });

    it('does not let an exception named for another user keep a session', async () => {
        const mine = await sessions.create('user-1', false);
        const theirs = await sessions.create('user-2', false);
        await sessions.deleteForUser('user-1', theirs.id);
        assert.equal(sessions.get(mine.id), undefined);
        assertSameSession(sessions.get(theirs.id), theirs);
    });

    describe('in the store', () => {

        it('keeps a user signed in across a restart', async () => {
            const session = await sessions.create('user-1', true);
            clock.tick(5 * MINUTE);
            assert.ok(sessions.get(session.id));
            await sessions.settled();

            const reopened = await temp.reopen();
            const afterRestart = sessionsOver(reopened);
            assertSameSession(afterRestart.get(session.id), session, 'the same session after the restart');
            assert.equal(reopened.get(SessionsCollection, sessionKeyOf(session.id))?.lastSeenAt, new Date(START + 5 * MINUTE).toISOString());
        });

        it('ends a session on another server that shares the store (one store, two session stores)', async () => {
            const session = await sessions.create('user-1', false);
            const otherServer = sessionsOver(temp.store);
            assertSameSession(otherServer.get(session.id), session);
            await otherServer.delete(session.id);
            assert.equal(sessions.get(session.id), undefined);
        });

        it('stores only the SHA-256 of the session id, never the id', async () => {
            const session = await sessions.create('user-1', false);
            await sessions.settled();
            const stored = [...temp.store.all(SessionsCollection)];
            assert.equal(stored.length, 1);
            assert.equal(stored[0].id, sessionKeyOf(session.id));
            assert.match(stored[0].id, /^[0-9a-f]{64}$/);
            const persisted = await persistedText(temp);
            assert.ok(persisted.includes(sessionKeyOf(session.id)), 'the hash is stored');
            assert.ok(!persisted.includes(session.id), 'the session id is stored nowhere');
        });

        it('writes the last use at most once a minute', async () => {
            const session = await sessions.create('user-1', false);
            const versionOf = (): number | undefined => temp.store.get(SessionsCollection, sessionKeyOf(session.id))?.version;
            for (let second = 0; second < 59; second++) {
                clock.tick(1000);
                sessions.get(session.id);
                await sessions.settled();
            }
            assert.equal(versionOf(), 1, 'no write within the first minute');
            clock.tick(1000);
            sessions.get(session.id);
            sessions.get(session.id);
            await sessions.settled();
            assert.equal(versionOf(), 2, 'one write once a minute has passed');
        });

        it('removes idle sessions of users who never come back when someone signs in', async () => {
            const abandoned = await sessions.create('user-1', false);
            clock.tick(12 * HOUR + 1);
            await sessions.create('user-2', false);
            await sessions.settled();
            assert.equal(temp.store.get(SessionsCollection, sessionKeyOf(abandoned.id)), undefined);
            assert.equal(temp.store.count(SessionsCollection), 1);
        });
    });

    describe('idle expiry', () => {

        it('keeps a session idle for exactly 12 hours', async () => {
            const session = await sessions.create('user-1', false);
            clock.tick(12 * HOUR);
            assertSameSession(sessions.get(session.id), session);
        });

        it('ends a session idle for longer than 12 hours, for good', async () => {
            const session = await sessions.create('user-1', false);
            clock.tick(12 * HOUR + 1);
            assert.equal(sessions.get(session.id), undefined);
            await sessions.settled();
            // Going back in time does not bring it back: it was removed.
            clock.setSystemTime(START);
            assert.equal(sessions.get(session.id), undefined);
            assert.equal(temp.store.count(SessionsCollection), 0);
        });

        it('counts idle time from the last use, not from sign-in', async () => {
            const session = await sessions.create('user-1', false);
            for (let hour = 0; hour < 4; hour++) {
                clock.tick(11 * HOUR);
                assertSameSession(sessions.get(session.id), session, `still alive after ${(hour + 1) * 11} hours of use`);
                await sessions.settled();
            }
            const last = sessions.get(session.id)!;
            assert.equal(last.lastSeenAt, START + 44 * HOUR);
            assert.equal(last.createdAt, START);
            await sessions.settled();
            clock.tick(12 * HOUR + 1);
            assert.equal(sessions.get(session.id), undefined);
        });

        it('expires each session on its own clock', async () => {
            const early = await sessions.create('user-1', false);
            clock.tick(6 * HOUR);
            const late = await sessions.create('user-1', false);
            clock.tick(6 * HOUR + 1);
            assert.equal(sessions.get(early.id), undefined);
            assertSameSession(sessions.get(late.id), late);
        });

        it('expires sessions found through a request too', async () => {
            const session = await sessions.create('user-1', false);
            const request = requestWithCookie(`${SESSION_COOKIE}=${session.id}`);
            assertSameSession(sessions.fromRequest(request), session);
            clock.tick(12 * HOUR + 1);
            assert.equal(sessions.fromRequest(request), undefined);
        });
    });

    describe('fromRequest', () => {

        it('finds the session named by the cookie', async () => {
            const session = await sessions.create('user-1', false);
            assertSameSession(sessions.fromRequest(requestWithCookie(`theme=dark; ${SESSION_COOKIE}=${session.id}; lang=en`)), session);
        });

        it('finds nothing without the cookie or with an unknown id', async () => {
            await sessions.create('user-1', false);
            assert.equal(sessions.fromRequest(requestWithCookie(undefined)), undefined);
            assert.equal(sessions.fromRequest(requestWithCookie('theme=dark')), undefined);
            assert.equal(sessions.fromRequest(requestWithCookie(`${SESSION_COOKIE}=forged`)), undefined);
        });
    });
});

describe('sessionIdOf', () => {

    it('uses the cookie name presswork-session', () => {
        assert.equal(SESSION_COOKIE, 'presswork-session');
    });

    it('reads the presswork-session cookie among others', () => {
        assert.equal(sessionIdOf(requestWithCookie('presswork-session=abc123')), 'abc123');
        assert.equal(sessionIdOf(requestWithCookie('a=1; presswork-session=abc-_123; b=2')), 'abc-_123');
        assert.equal(sessionIdOf(requestWithCookie('a=1;presswork-session=xyz')), 'xyz');
    });

    it('returns undefined without a cookie header or without that cookie', () => {
        assert.equal(sessionIdOf(requestWithCookie(undefined)), undefined);
        assert.equal(sessionIdOf(requestWithCookie('')), undefined);
        assert.equal(sessionIdOf(requestWithCookie('other=1; presswork-session-old=abc')), undefined);
        assert.equal(sessionIdOf(requestWithCookie('xpresswork-session=abc')), undefined);
    });

    it('does not mistake a cookie of a similar name for the session cookie', () => {
        assert.equal(sessionIdOf(requestWithCookie('presswork-session-old=old; presswork-session=new')), 'new');
    });

    it('decodes a percent-encoded value', () => {
        assert.equal(sessionIdOf(requestWithCookie('presswork-session=a%2Bb')), 'a+b');
    });
});
