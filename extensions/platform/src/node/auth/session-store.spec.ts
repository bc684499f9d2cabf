import * as assert from 'node:assert/strict';
import type * as http from 'node:http';
import * as sinon from 'sinon';
import { SESSION_COOKIE, SessionStore, sessionIdOf } from './session-store';

const HOUR = 60 * 60 * 1000;
const START = Date.UTC(2026, 0, 15, 6, 0, 0);

function requestWithCookie(cookie: string | undefined): http.IncomingMessage {
    return { headers: cookie === undefined ? {} : { cookie } } as http.IncomingMessage;
}

describe('SessionStore', () => {

    let clock: sinon.SinonFakeTimers;
    let sessions: SessionStore;

    beforeEach(() => {
        clock = sinon.useFakeTimers({ now: START, toFake: ['Date'] });
        sessions = new SessionStore();
    });

    afterEach(() => {
        clock.restore();
        sinon.restore();
    });

    it('creates a session with a long random id and finds it again', () => {
        const session = sessions.create('user-1', false);
        assert.equal(session.userId, 'user-1');
        assert.equal(session.passwordChangeRequired, false);
        assert.equal(session.createdAt, START);
        assert.equal(session.lastSeenAt, START);
        assert.match(session.id, /^[A-Za-z0-9_-]{43}$/, '256 bits in base64url');
        assert.equal(sessions.get(session.id), session);
    });

    it('gives every session its own id', () => {
        const ids = new Set(Array.from({ length: 50 }, () => sessions.create('user-1', false).id));
        assert.equal(ids.size, 50);
    });

    it('remembers that the password must be changed', () => {
        const session = sessions.create('user-1', true);
        assert.equal(sessions.get(session.id)?.passwordChangeRequired, true);
    });

    it('returns undefined for an unknown, empty or missing id', () => {
        sessions.create('user-1', false);
        assert.equal(sessions.get('no-such-session'), undefined);
        assert.equal(sessions.get(''), undefined);
        assert.equal(sessions.get(undefined), undefined);
    });

    it('deletes a session', () => {
        const first = sessions.create('user-1', false);
        const second = sessions.create('user-1', false);
        sessions.delete(first.id);
        assert.equal(sessions.get(first.id), undefined);
        assert.equal(sessions.get(second.id), second);
        assert.doesNotThrow(() => sessions.delete('no-such-session'));
    });

    it('deletes every session of a user, except the one named', () => {
        const kept = sessions.create('user-1', false);
        const other = sessions.create('user-1', false);
        const third = sessions.create('user-1', true);
        const someoneElse = sessions.create('user-2', false);

        sessions.deleteForUser('user-1', kept.id);

        assert.equal(sessions.get(kept.id), kept);
        assert.equal(sessions.get(other.id), undefined);
        assert.equal(sessions.get(third.id), undefined);
        assert.equal(sessions.get(someoneElse.id), someoneElse);
    });

    it('deletes every session of a user when no exception is named', () => {
        const first = sessions.create('user-1', false);
        const second = sessions.create('user-1', false);
        const someoneElse = sessions.create('user-2', false);

        sessions.deleteForUser('user-1');

        assert.equal(sessions.get(first.id), undefined);
        assert.equal(sessions.get(second.id), undefined);
        assert.equal(sessions.get(someoneElse.id), someoneElse);
    });

    it('does not let an exception named for another user keep a session', () => {
        const mine = sessions.create('user-1', false);
        const theirs = sessions.create('user-2', false);
        sessions.deleteForUser('user-1', theirs.id);
        assert.equal(sessions.get(mine.id), undefined);
        assert.equal(sessions.get(theirs.id), theirs);
    });

    describe('idle expiry', () => {

        it('keeps a session idle for exactly 12 hours', () => {
            const session = sessions.create('user-1', false);
            clock.tick(12 * HOUR);
            assert.equal(sessions.get(session.id), session);
        });

        it('ends a session idle for longer than 12 hours, for good', () => {
            const session = sessions.create('user-1', false);
            clock.tick(12 * HOUR + 1);
            assert.equal(sessions.get(session.id), undefined);
            // Going back in time does not bring it back: it was removed.
            clock.setSystemTime(START);
            assert.equal(sessions.get(session.id), undefined);
        });

        it('counts idle time from the last use, not from sign-in', () => {
            const session = sessions.create('user-1', false);
            for (let hour = 0; hour < 4; hour++) {
                clock.tick(11 * HOUR);
                assert.equal(sessions.get(session.id), session, `still alive after ${(hour + 1) * 11} hours of use`);
            }
            assert.equal(session.lastSeenAt, START + 44 * HOUR);
            assert.equal(session.createdAt, START);
            clock.tick(12 * HOUR + 1);
            assert.equal(sessions.get(session.id), undefined);
        });

        it('expires each session on its own clock', () => {
            const early = sessions.create('user-1', false);
            clock.tick(6 * HOUR);
            const late = sessions.create('user-1', false);
            clock.tick(6 * HOUR + 1);
            assert.equal(sessions.get(early.id), undefined);
            assert.equal(sessions.get(late.id), late);
        });

        it('expires sessions found through a request too', () => {
            const session = sessions.create('user-1', false);
            const request = requestWithCookie(`${SESSION_COOKIE}=${session.id}`);
            assert.equal(sessions.fromRequest(request), session);
            clock.tick(12 * HOUR + 1);
            assert.equal(sessions.fromRequest(request), undefined);
        });
    });

    describe('fromRequest', () => {

        it('finds the session named by the cookie', () => {
            const session = sessions.create('user-1', false);
            assert.equal(sessions.fromRequest(requestWithCookie(`theme=dark; ${SESSION_COOKIE}=${session.id}; lang=en`)), session);
        });

        it('finds nothing without the cookie or with an unknown id', () => {
            sessions.create('user-1', false);
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
