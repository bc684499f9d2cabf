import * as assert from 'node:assert/strict';
import type * as http from 'node:http';
import * as sinon from 'sinon';
import { SESSION_COOKIE } from './session-store';
import { SignInEndpoint, safeNext } from './sign-in-endpoint';
import { AccountsFixture, createAccountsFixture } from './test/accounts-fixture';
import { SignInServer, startSignInServer } from './test/sign-in-server';

const ADMIN_PASSWORD = 'Admin#2026pw';
const WRONG_CREDENTIALS = 'The user name or password is not correct';

interface RequestOptions {
    readonly cookie?: string;
    readonly accept?: string;
    readonly origin?: string;
    readonly headers?: Readonly<Record<string, string>>;
}

describe('SignInEndpoint', () => {

    let fixture: AccountsFixture;
    let endpoint: SignInEndpoint;
    let signInServer: SignInServer;
    let base: string;

    beforeEach(async () => {
        fixture = await createAccountsFixture({ initialAdminPassword: ADMIN_PASSWORD, prefix: 'presswork-sign-in-' });
        await fixture.accounts.ensureInitialAdministrator();

        signInServer = await startSignInServer(fixture);
        endpoint = signInServer.endpoint;
        base = signInServer.base;
    });

    afterEach(async () => {
        sinon.restore();
        await signInServer.close();
        await fixture.dispose();
    });

    function headersOf(options: RequestOptions): Record<string, string> {
        const headers: Record<string, string> = {};
        if (options.cookie) {
            headers.cookie = options.cookie;
        }
        if (options.accept) {
            headers.accept = options.accept;
        }
        if (options.origin) {
            headers.origin = options.origin;
        }
        return { ...headers, ...options.headers };
    }

    function get(path: string, options: RequestOptions = {}): Promise<Response> {
        return fetch(base + path, { redirect: 'manual', headers: headersOf(options) });
    }

    function post(path: string, form: Record<string, string>, options: RequestOptions = {}): Promise<Response> {
        return fetch(base + path, {
            method: 'POST',
            redirect: 'manual',
            headers: { ...headersOf(options), 'content-type': 'application/x-www-form-urlencoded' },
            body: new URLSearchParams(form).toString()
        });
    }

    /** `presswork-session=<id>` as a Cookie header value, from the response's Set-Cookie. */
    function sessionCookieOf(response: Response): string | undefined {
        const header = response.headers.getSetCookie().find(value => value.startsWith(`${SESSION_COOKIE}=`));
        return header?.split(';')[0];
    }

    async function signIn(name: string, password: string, options: RequestOptions & { next?: string } = {}): Promise<{ response: Response, cookie: string }> {
        const form: Record<string, string> = { name, password };
        if (options.next !== undefined) {
            form.next = options.next;
        }
        const response = await post('/login', form, options);
        assert.equal(response.status, 303, `sign-in of ${name} should succeed`);
        const cookie = sessionCookieOf(response);
        assert.ok(cookie, 'a session cookie is set');
        return { response, cookie };
    }

    /** An upgrade request as a browser on `origin` sends it to this server. */
    function wsRequest(cookie?: string, origin?: string): http.IncomingMessage {
        const headers: http.IncomingHttpHeaders = { host: new URL(base).host };
        if (cookie) {
            headers.cookie = cookie;
        }
        if (origin) {
            headers.origin = origin;
        }
        return { headers } as http.IncomingMessage;
    }

    describe('without a session', () => {

        it('answers /health with the version, the store kind and this server\'s share of work', async () => {
            const response = await get('/health');
            assert.equal(response.status, 200);
            assert.match(response.headers.get('content-type') ?? '', /application\/json/);
            const health = await response.json();
            assert.deepEqual({ ...health, server: { ...health.server, id: typeof health.server.id } }, {
                status: 'ok', version: '9.9.9', store: 'embedded',
                server: { id: 'string', leader: true, orderPartitions: Array.from({ length: 32 }, (_, partition) => partition), connections: [] }
            });
        });

        it('redirects the shell to /login', async () => {
            const response = await get('/', { accept: 'text/html' });
            assert.equal(response.status, 302);
            assert.equal(response.headers.get('location'), '/login');
            assert.equal(await response.text().then(text => text.includes('SHELL')), false);
        });

        it('redirects a page to /login with the page as next', async () => {
            const response = await get('/jobs?x=1', { accept: 'text/html,application/xhtml+xml' });
            assert.equal(response.status, 302);
            assert.equal(response.headers.get('location'), `/login?next=${encodeURIComponent('/jobs?x=1')}`);
        });

        it('refuses an asset with 401', async () => {
            const response = await get('/bundle.js');
            assert.equal(response.status, 401);
            assert.deepEqual(await response.json(), { error: 'Sign in first' });
            assert.equal((await get('/bundle.js', { accept: 'application/javascript' })).status, 401);
            assert.equal((await get('/bundle.js', { accept: '*/*' })).status, 401);
            assert.equal((await get('/bundle.js', { accept: 'text/html,*/*' })).status, 401, 'a file is never a page');
        });

        it('refuses the shell with 401 to what is not a browser navigation', async () => {
            const response = await get('/', { accept: '*/*' });
            assert.equal(response.status, 401);
            assert.equal(await response.text().then(text => text.includes('SHELL')), false);
        });

        it('refuses a JSON request with 401', async () => {
            const response = await get('/bundle.js', { accept: 'application/json' });
            assert.equal(response.status, 401);
        });

        it('refuses a POST to anything but the sign-in routes with 401', async () => {
            const response = await post('/bundle.js', { a: 'b' });
            assert.equal(response.status, 401);
        });

        it('refuses a forged session cookie', async () => {
            const response = await get('/bundle.js', { cookie: `${SESSION_COOKIE}=forged`, accept: 'application/javascript' });
            assert.equal(response.status, 401);
        });

        it('serves the sign-in page with the form and strict headers', async () => {
            const response = await get('/login');
            assert.equal(response.status, 200);
            assert.match(response.headers.get('content-type') ?? '', /text\/html/);
            const csp = response.headers.get('content-security-policy') ?? '';
            assert.match(csp, /frame-ancestors 'none'/);
            assert.match(csp, /default-src 'none'/);
            assert.match(csp, /form-action 'self'/);
            assert.equal(response.headers.get('x-frame-options'), 'DENY');
            assert.equal(response.headers.get('cache-control'), 'no-store');
            const html = await response.text();
            assert.match(html, /<label for="name">User name<\/label>/);
            assert.match(html, /<label for="password">Password<\/label>/);
            assert.match(html, /<button type="submit">Sign in<\/button>/);
            assert.match(html, /<form method="post" action="\/login"/);
            assert.ok(!/<script/i.test(html), 'the page has no script');
        });

        it('serves the sign-in assets', async () => {
            const css = await get('/login/assets/sign-in.css');
            assert.equal(css.status, 200);
            assert.match(css.headers.get('content-type') ?? '', /text\/css/);
            const logo = await get('/login/assets/presswork.svg');
            assert.equal(logo.status, 200);
            assert.match(logo.headers.get('content-type') ?? '', /image\/svg\+xml/);
        });

        it('sends /login/password to /login', async () => {
            const page = await get('/login/password');
            assert.equal(page.status, 303);
            assert.equal(page.headers.get('location'), '/login');
            const change = await post('/login/password', { current: ADMIN_PASSWORD, password: 'Next#2026pw', confirm: 'Next#2026pw' });
            assert.equal(change.status, 303);
            assert.equal(change.headers.get('location'), '/login');
            assert.ok(await fixture.accounts.authenticate('admin', ADMIN_PASSWORD), 'the password did not change');
        });

        it('does not allow a websocket upgrade', () => {
            assert.equal(endpoint.allowWsUpgrade(wsRequest()), false);
            assert.equal(endpoint.allowWsUpgrade(wsRequest(`${SESSION_COOKIE}=forged`)), false);
        });
    });

    describe('signing in', () => {

        it('refuses a wrong password and an unknown user alike, with 401', async () => {
            const wrongPassword = await post('/login', { name: 'admin', password: 'Admin#2026pW' });
            const unknownUser = await post('/login', { name: 'nobody', password: ADMIN_PASSWORD });
            const emptyPassword = await post('/login', { name: 'admin', password: '' });
            for (const response of [wrongPassword, unknownUser, emptyPassword]) {
                assert.equal(response.status, 401);
                assert.equal(sessionCookieOf(response), undefined, 'no session on failure');
                const html = await response.text();
                assert.ok(html.includes(WRONG_CREDENTIALS), 'the same message whatever was wrong');
                assert.ok(!/unknown|no such user|does not exist/i.test(html));
            }
        });

        it('shows the name typed back, escaped', async () => {
            const response = await post('/login', { name: '"><script>alert(1)</script>', password: 'whatever1' });
            assert.equal(response.status, 401);
            const html = await response.text();
            assert.ok(!html.includes('<script>alert(1)</script>'));
            assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
        });

        it('signs in with the right password: 303 to / and an HttpOnly, SameSite=Strict session cookie', async () => {
            const response = await post('/login', { name: 'admin', password: ADMIN_PASSWORD });
            assert.equal(response.status, 303);
            assert.equal(response.headers.get('location'), '/');
            const setCookie = response.headers.getSetCookie().find(value => value.startsWith(`${SESSION_COOKIE}=`));
            assert.ok(setCookie, 'a session cookie is set');
            assert.match(setCookie, /;\s*HttpOnly/i);
            assert.match(setCookie, /;\s*SameSite=Strict/i);
            assert.match(setCookie, /;\s*Path=\//i);
            assert.ok(!/;\s*Secure/i.test(setCookie), 'not Secure over plain HTTP');
            assert.ok(!/Expires|Max-Age/i.test(setCookie), 'a browser-session cookie');

            const shell = await get('/', { cookie: setCookie.split(';')[0], accept: 'text/html' });
            assert.equal(shell.status, 200);
            assert.equal(await shell.text(), 'SHELL');
            const bundle = await get('/bundle.js', { cookie: setCookie.split(';')[0] });
            assert.equal(bundle.status, 200);
        });

        it('opens the websocket to a full session only', async () => {
            const { cookie } = await signIn('admin', ADMIN_PASSWORD);
            assert.equal(endpoint.allowWsUpgrade(wsRequest(cookie)), true);
            assert.equal(endpoint.allowWsUpgrade(wsRequest(`theme=dark; ${cookie}`)), true);
            assert.equal(endpoint.allowWsUpgrade(wsRequest(cookie, base)), true);
        });

        for (const origin of ['http://evil.example', 'http://127.0.0.1:1', 'null', 'not a url']) {
            it(`refuses a websocket from the origin ${origin}, even with a session`, async () => {
                const { cookie } = await signIn('admin', ADMIN_PASSWORD);
                assert.equal(endpoint.allowWsUpgrade(wsRequest(cookie, origin)), false);
            });
        }

        it('gives a new session id at each sign-in and ends the one sent with it', async () => {
            const first = await signIn('admin', ADMIN_PASSWORD);
            const second = await signIn('admin', ADMIN_PASSWORD, { cookie: first.cookie });
            assert.notEqual(second.cookie, first.cookie);

            const withFirst = await get('/', { cookie: first.cookie, accept: 'text/html' });
            assert.equal(withFirst.status, 302, 'the session planted before sign-in is worth nothing');
            assert.equal(withFirst.headers.get('location'), '/login');
            const withSecond = await get('/', { cookie: second.cookie, accept: 'text/html' });
            assert.equal(withSecond.status, 200);
        });

        it('sets the browser security headers on the shell, its assets and refusals', async () => {
            const { cookie } = await signIn('admin', ADMIN_PASSWORD);
            for (const response of [await get('/', { cookie, accept: 'text/html' }), await get('/bundle.js', { cookie }), await get('/bundle.js')]) {
                const csp = response.headers.get('content-security-policy') ?? '';
                assert.match(csp, /frame-ancestors 'none'/, response.url);
                assert.match(csp, /script-src 'self' 'unsafe-eval'(;|$)/, 'scripts from this server only, never inline');
                assert.match(csp, /object-src 'none'/);
                assert.equal(response.headers.get('x-frame-options'), 'DENY');
                assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
                assert.equal(response.headers.get('referrer-policy'), 'same-origin');
                assert.equal(response.headers.get('strict-transport-security'), null, 'no HSTS over plain HTTP');
            }
        });

        it('keeps other sessions when signing in without sending them', async () => {
            const first = await signIn('admin', ADMIN_PASSWORD);
            const second = await signIn('admin', ADMIN_PASSWORD);
            assert.notEqual(second.cookie, first.cookie);
            assert.equal((await get('/', { cookie: first.cookie })).status, 200);
            assert.equal((await get('/', { cookie: second.cookie })).status, 200);
        });

        it('refuses the 6th failed attempt within a minute with 429 and Retry-After, even with the right password', async () => {
            for (let attempt = 1; attempt <= 5; attempt++) {
                const response = await post('/login', { name: 'admin', password: `wrong-${attempt}-pw` });
                assert.equal(response.status, 401, `attempt ${attempt}`);
            }
            const blocked = await post('/login', { name: 'admin', password: ADMIN_PASSWORD });
            assert.equal(blocked.status, 429);
            const retryAfter = Number(blocked.headers.get('retry-after'));
            assert.ok(retryAfter > 0 && retryAfter <= 60, `Retry-After ${retryAfter}`);
            assert.equal(sessionCookieOf(blocked), undefined);
            assert.match(await blocked.text(), /Too many failed attempts/);

            // Another user name from the same address is not blocked by these five.
            await fixture.accounts.create({ name: 'olivia', authority: 'Operator', password: 'Olivia#2026' });
            const other = await post('/login', { name: 'olivia', password: 'Olivia#2026' });
            assert.equal(other.status, 303);
        });

        it('counts attempts sent in parallel: 10 at once get 5 password checks and 5 refusals', async () => {
            const responses = await Promise.all(Array.from({ length: 10 }, (_, attempt) =>
                post('/login', { name: 'admin', password: `parallel-${attempt}-pw` })));
            const statuses = responses.map(response => response.status).sort();
            assert.deepEqual(statuses, [401, 401, 401, 401, 401, 429, 429, 429, 429, 429]);
        });

        it('forgets earlier failures after a successful sign-in', async () => {
            for (let attempt = 1; attempt <= 4; attempt++) {
                assert.equal((await post('/login', { name: 'admin', password: `wrong-${attempt}-pw` })).status, 401);
            }
            await signIn('admin', ADMIN_PASSWORD);
            for (let attempt = 1; attempt <= 4; attempt++) {
                assert.equal((await post('/login', { name: 'admin', password: `wrong-${attempt}-pw` })).status, 401);
            }
            await signIn('admin', ADMIN_PASSWORD);
        });

        it('refuses a POST from another site with 403', async () => {
            const response = await post('/login', { name: 'admin', password: ADMIN_PASSWORD }, { origin: 'http://evil.example' });
            assert.equal(response.status, 403);
            assert.equal(sessionCookieOf(response), undefined);

            const { cookie } = await signIn('admin', ADMIN_PASSWORD);
            const logout = await post('/logout', {}, { cookie, origin: 'http://evil.example' });
            assert.equal(logout.status, 403);
            assert.equal((await get('/', { cookie })).status, 200, 'a cross-site logout does nothing');
        });

        it('refuses a POST that a page of another site sends without Origin', async () => {
            const { cookie } = await signIn('admin', ADMIN_PASSWORD);
            const foreign: Record<string, string>[] = [{ referer: 'http://evil.example/page' }, { 'sec-fetch-site': 'cross-site' }, { 'sec-fetch-site': 'same-site' }];
            for (const headers of foreign) {
                const logout = await post('/logout', {}, { cookie, headers });
                assert.equal(logout.status, 403, JSON.stringify(headers));
            }
            assert.equal((await get('/', { cookie })).status, 200, 'the session is still there');
            const own = await post('/logout', {}, { cookie, headers: { referer: `${base}/`, 'sec-fetch-site': 'same-origin' } });
            assert.equal(own.status, 303);
        });

        it('refuses every state-changing method from another site, past the sign-in routes too', async () => {
            const { cookie } = await signIn('admin', ADMIN_PASSWORD);
            for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
                const response = await fetch(`${base}/jobs`, { method, redirect: 'manual', headers: { cookie, origin: 'http://evil.example' } });
                assert.equal(response.status, 403, method);
            }
        });

        it('accepts a POST from its own origin', async () => {
            const response = await post('/login', { name: 'admin', password: ADMIN_PASSWORD }, { origin: base });
            assert.equal(response.status, 303);
        });

        it('refuses a form that is too large', async () => {
            const response = await post('/login', { name: 'a'.repeat(65), password: ADMIN_PASSWORD });
            assert.equal(response.status, 400);
            assert.equal(sessionCookieOf(response), undefined);
        });
    });

    describe('signing out', () => {

        it('ends the session: 303 to /login, and the old cookie no longer opens /', async () => {
            const { cookie } = await signIn('admin', ADMIN_PASSWORD);
            const response = await post('/logout', {}, { cookie });
            assert.equal(response.status, 303);
            assert.equal(response.headers.get('location'), '/login');
            const cleared = response.headers.getSetCookie().find(value => value.startsWith(`${SESSION_COOKIE}=`));
            assert.ok(cleared, 'the cookie is cleared');
            assert.match(cleared, /Expires=Thu, 01 Jan 1970/);

            const shell = await get('/', { cookie, accept: 'text/html' });
            assert.equal(shell.status, 302);
            assert.equal(shell.headers.get('location'), '/login');
            assert.equal(endpoint.allowWsUpgrade(wsRequest(cookie)), false);
        });

        it('is harmless without a session', async () => {
            const response = await post('/logout', {});
            assert.equal(response.status, 303);
            assert.equal(response.headers.get('location'), '/login');
        });
    });

    describe('a password that must be changed', () => {

        const INITIAL = 'Olivia#2026';
        const CHOSEN = 'Chosen#2026';

        async function signInOlivia(): Promise<string> {
            await fixture.accounts.create({ name: 'olivia', authority: 'Operator', password: INITIAL });
            const response = await post('/login', { name: 'olivia', password: INITIAL, next: '/jobs' });
            assert.equal(response.status, 303);
            assert.equal(response.headers.get('location'), '/login/password', 'the password comes first, before next');
            return sessionCookieOf(response)!;
        }

        it('keeps the user on /login/password until the password is changed', async () => {
            const cookie = await signInOlivia();

            const shell = await get('/', { cookie, accept: 'text/html' });
            assert.equal(shell.status, 302);
            assert.equal(shell.headers.get('location'), '/login/password');
            const jobs = await get('/jobs', { cookie, accept: 'text/html' });
            assert.equal(jobs.headers.get('location'), '/login/password');
            const bundle = await get('/bundle.js', { cookie, accept: 'application/javascript' });
            assert.equal(bundle.status, 403);
            assert.equal(endpoint.allowWsUpgrade(wsRequest(cookie)), false);

            const page = await get('/login/password', { cookie });
            assert.equal(page.status, 200);
            assert.match(page.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/);
            const html = await page.text();
            assert.match(html, /olivia, choose a new password/);
            assert.match(html, /<form method="post" action="\/login\/password"/);
        });

        it('refuses mismatched new passwords with 400 and a message', async () => {
            const cookie = await signInOlivia();
            const response = await post('/login/password', { current: INITIAL, password: CHOSEN, confirm: 'Chosen#2027' }, { cookie });
            assert.equal(response.status, 400);
            assert.match(await response.text(), /The new passwords do not match/);
            assert.equal((await get('/', { cookie, accept: 'text/html' })).status, 302);
            assert.ok(await fixture.accounts.authenticate('olivia', INITIAL));
        });

        it('refuses a wrong current password and a new password that breaks the rules', async () => {
            const cookie = await signInOlivia();
            const wrongCurrent = await post('/login/password', { current: 'not-it-2026', password: CHOSEN, confirm: CHOSEN }, { cookie });
            assert.equal(wrongCurrent.status, 400);
            assert.match(await wrongCurrent.text(), /The current password is not correct/);

            const badNew = await post('/login/password', { current: INITIAL, password: 'short', confirm: 'short' }, { cookie });
            assert.equal(badNew.status, 400);
            assert.match(await badNew.text(), /at least 8 bytes/);

            const same = await post('/login/password', { current: INITIAL, password: INITIAL, confirm: INITIAL }, { cookie });
            assert.equal(same.status, 400);
            assert.match(await same.text(), /must differ/);

            assert.equal((await get('/', { cookie, accept: 'text/html' })).status, 302);
        });

        it('opens the shell once the password is changed, in the same session', async () => {
            const cookie = await signInOlivia();
            const response = await post('/login/password', { current: INITIAL, password: CHOSEN, confirm: CHOSEN }, { cookie });
            assert.equal(response.status, 303);
            assert.equal(response.headers.get('location'), '/');

            const shell = await get('/', { cookie, accept: 'text/html' });
            assert.equal(shell.status, 200);
            assert.equal(await shell.text(), 'SHELL');
            assert.equal(endpoint.allowWsUpgrade(wsRequest(cookie)), true);
            assert.equal(fixture.accounts.byName('olivia')?.mustChangePassword, false);

            // The next sign-in goes straight in.
            const again = await signIn('olivia', CHOSEN);
            assert.equal(again.response.headers.get('location'), '/');
        });

        it('ends the user\'s other sessions when the password is changed', async () => {
            const first = await signInOlivia();
            const second = await post('/login', { name: 'olivia', password: INITIAL });
            const secondCookie = sessionCookieOf(second)!;
            await post('/login/password', { current: INITIAL, password: CHOSEN, confirm: CHOSEN }, { cookie: first });
            assert.equal((await get('/login/password', { cookie: secondCookie })).status, 303);
            assert.equal(endpoint.allowWsUpgrade(wsRequest(secondCookie)), false);
        });
    });

    describe('the next parameter', () => {

        it('is carried by the sign-in page when it is a local path', async () => {
            const html = await (await get(`/login?next=${encodeURIComponent('/jobs?x=1')}`)).text();
            assert.ok(html.includes('<input type="hidden" name="next" value="/jobs?x=1">'));
        });

        for (const next of ['//evil.example', '/\\evil.example', 'http://evil.example', 'https://evil.example/x', '/login', '/login/password']) {
            it(`is dropped from the sign-in page when it is ${next}`, async () => {
                const html = await (await get(`/login?next=${encodeURIComponent(next)}`)).text();
                assert.ok(!html.includes('name="next"'));
                assert.ok(!html.includes('evil.example'));
            });

            it(`is not followed after sign-in when it is ${next}`, async () => {
                const { response } = await signIn('admin', ADMIN_PASSWORD, { next });
                assert.equal(response.headers.get('location'), '/');
            });
        }

        it('is followed after sign-in when it is a local path', async () => {
            const { response, cookie } = await signIn('admin', ADMIN_PASSWORD, { next: '/jobs?x=1' });
            assert.equal(response.headers.get('location'), '/jobs?x=1');
            const jobs = await get('/jobs?x=1', { cookie, accept: 'text/html' });
            assert.equal(jobs.status, 200);
            assert.equal(await jobs.text(), 'JOBS');
        });

        it('is kept on the page after a failed attempt, when safe', async () => {
            const kept = await (await post('/login', { name: 'admin', password: 'wrong-pw-1', next: '/jobs' })).text();
            assert.ok(kept.includes('<input type="hidden" name="next" value="/jobs">'));
            const dropped = await (await post('/login', { name: 'admin', password: 'wrong-pw-2', next: '//evil.example' })).text();
            assert.ok(!dropped.includes('evil.example'));
        });
    });
});

describe('safeNext', () => {

    for (const value of ['//x', '/\\x', 'http://x', 'https://x', 'javascript:alert(1)', '/login', '/login?next=/x', '/login/password', '/loginx',
        'jobs', '', ' /jobs', '/jobs x', '/jobs\nx', '/jobs\tx', '\\\\x', '/\t/x']) {
        it(`refuses ${JSON.stringify(value)}`, () => {
            assert.equal(safeNext(value), undefined);
        });
    }

    it('refuses what is not a string', () => {
        assert.equal(safeNext(undefined), undefined);
        assert.equal(safeNext(['/jobs']), undefined);
        assert.equal(safeNext({ path: '/jobs' }), undefined);
        assert.equal(safeNext(42), undefined);
    });

    for (const value of ['/', '/jobs', '/jobs?x=1', '/jobs?x=1&y=2#part', '/#/workflows', '/a/b/c', '/a\\b']) {
        it(`accepts ${JSON.stringify(value)}`, () => {
            assert.equal(safeNext(value), value);
        });
    }
});
