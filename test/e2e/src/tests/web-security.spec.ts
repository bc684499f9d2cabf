import { request } from 'node:http';
import { test, expect, Page } from '@playwright/test';
import { io } from 'socket.io-client';
import { PressworkServer } from '../fixtures/presswork-server';
import { RpcSession, signInCookies } from '@presswork/platform/lib/node/rpc/test/rpc-session';
import { ACCOUNT_SERVICE_PATH, type CurrentUser, type IssuedApiToken } from '@presswork/platform/lib/common/account-protocol';
import { PressworkShell } from '../page-objects/presswork-shell';

const ADMIN_PASSWORD = 'Admin#Secure1';

/** Every Content Security Policy violation the page reports, as "directive: blocked URI". */
async function recordViolations(page: Page): Promise<string[]> {
    const violations: string[] = [];
    await page.exposeFunction('pressworkCspViolation', (violation: string) => violations.push(violation));
    await page.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', event => {
            (window as unknown as { pressworkCspViolation(text: string): void })
                .pressworkCspViolation(`${event.effectiveDirective}: ${event.blockedURI} (${event.sourceFile}:${event.lineNumber})`);
        });
    });
    page.on('console', message => {
        if (/Content Security Policy/i.test(message.text())) {
            violations.push(message.text());
        }
    });
    return violations;
}

/** Whether a socket.io websocket with these cookies and this Origin is let in. */
function websocketAccepted(url: string, cookie: string, origin: string): Promise<boolean> {
    return new Promise(resolve => {
        const socket = io(`${url}/services`, { path: '/socket.io', transports: ['websocket'], reconnection: false, timeout: 10_000, extraHeaders: { cookie, origin } });
        socket.on('connect', () => {
            socket.disconnect();
            resolve(true);
        });
        socket.on('connect_error', () => {
            socket.disconnect();
            resolve(false);
        });
    });
}

test.describe('web security of the shell', () => {
    let server: PressworkServer;

    test.beforeAll(async () => {
        server = await PressworkServer.start({ adminPassword: ADMIN_PASSWORD, demo: true, environment: { PRESSWORK_DEMO_ORDER_SECONDS: '3' } });
    });

    test.afterAll(async () => {
        await server?.stop();
    });

    test('the shell runs under its Content Security Policy without a violation', async ({ page }) => {
        const violations = await recordViolations(page);
        const shell = await PressworkShell.signIn(page, server.url, 'admin', ADMIN_PASSWORD);
        for (const view of ['Operations', 'Workflows', 'Connections', 'Production Templates', 'Users']) {
            await shell.runMenu('View', view);
        }
        await shell.runCommand('Operations');
        await page.waitForTimeout(2_000);
        expect(violations).toEqual([]);
    });

    test('the shell and its assets forbid framing and sniffing', async ({ page }) => {
        const responses: { url: string, headers: Record<string, string> }[] = [];
        page.on('response', response => {
            if (response.url().startsWith(server.url)) {
                responses.push({ url: response.url(), headers: response.headers() });
            }
        });
        await PressworkShell.signIn(page, server.url, 'admin', ADMIN_PASSWORD);
        // socket.io answers its transport requests before Express: those are data, not pages or scripts.
        const shellAndAssets = responses.filter(response => /^\/$|\.(js|css)$/.test(new URL(response.url).pathname));
        expect(shellAndAssets.length).toBeGreaterThanOrEqual(3);
        for (const { url, headers } of shellAndAssets) {
            expect(headers['content-security-policy'], url).toContain("frame-ancestors 'none'");
            expect(headers['x-frame-options'], url).toBe('DENY');
            expect(headers['x-content-type-options'], url).toBe('nosniff');
        }
    });

    test('a websocket from another site is refused, even with a session', async () => {
        const cookie = await signInCookies(server.url, 'admin', ADMIN_PASSWORD);
        expect(await websocketAccepted(server.url, cookie, server.url)).toBe(true);
        expect(await websocketAccepted(server.url, cookie, 'http://evil.example')).toBe(false);
    });

    test('an API token reaches the read API and nothing else, however the path is encoded (issue 18, fault 8)', async () => {
        const admin = await RpcSession.signIn(server.url, 'admin', ADMIN_PASSWORD);
        let token: string;
        try {
            const me = await admin.call(ACCOUNT_SERVICE_PATH, 'currentUser', []) as CurrentUser;
            token = (await admin.call(ACCOUNT_SERVICE_PATH, 'issueApiToken', [me.id, 'path attack']) as IssuedApiToken).token;
        } finally {
            admin.close();
        }
        const get = async (rawPath: string) => {
            // fetch() would normalise dot segments: send the path exactly as the attacker wrote it.
            return new Promise<number>((resolve, reject) => {
                const url = new URL(server.url);
                request({ host: url.hostname, port: url.port, path: rawPath, headers: { authorization: `Bearer ${token}` } }, response => {
                    response.resume();
                    resolve(response.statusCode ?? 0);
                }).on('error', reject).end();
            });
        };
        expect(await get('/api/v1/jobs?limit=1'), 'the token works on the read API').toBe(200);
        for (const attack of [
            '/api/v1/%2e%2e/%2e%2e/bundle.js.map', '/api/v1/%2E%2E/%2E%2E/bundle.js', '/api/v1/..%2f..%2fbundle.js', '/api/v1%2f..%2f..%2fbundle.js',
            '/api/v1/..%5c..%5cbundle.js', '/api/v1/../../bundle.js.map', '/api/v1/./../bundle.js'
        ]) {
            expect(await get(attack), attack).toBe(400);
        }
        expect(await get('/bundle.js.map'), 'the shell\'s assets need a session, not a token').toBe(401);
    });
});
