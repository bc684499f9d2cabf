import { test, expect } from '@playwright/test';
import { PressworkServer } from '../fixtures/presswork-server';
import { RpcSession, signInCookies } from '@presswork/platform/lib/node/rpc/test/rpc-session';
import { ACCOUNT_SERVICE_PATH } from '@presswork/platform/lib/common/account-protocol';
import { JOB_QUERY_SERVICE_PATH } from '@presswork/jobs/lib/common/jobs-protocol';
import { ApplicationError } from '@theia/core/lib/common/application-error';
import { SignInPage } from '../page-objects/sign-in-page';
import { PressworkShell } from '../page-objects/presswork-shell';

const ADMIN_PASSWORD = 'Admin#Sign1n';

test.describe('signing in', () => {
    let server: PressworkServer;

    test.beforeAll(async () => {
        server = await PressworkServer.start({ adminPassword: ADMIN_PASSWORD });
    });

    test.afterAll(async () => {
        await server?.stop();
    });

    test('the administrator signs in, sees the Presswork shell, and signs out', async ({ page }) => {
        const signIn = new SignInPage(page, server.url);
        await signIn.open();
        await expect(page).toHaveTitle(/Sign in · Presswork/);
        await signIn.signIn('admin', ADMIN_PASSWORD);

        const shell = new PressworkShell(page);
        await shell.waitUntilReady();
        // Operations is every user's home: the title names its All Jobs pod.
        await expect(page).toHaveTitle('All Jobs - Presswork');
        await expect(shell.signedInUser()).toContainText('admin');
        // No IDE clutter: the file and editing menus are gone.
        await expect(shell.menu('File')).toHaveCount(0);
        await expect(shell.menu('Edit')).toHaveCount(0);
        await shell.menu('View').click();
        await expect(page.locator('.lm-Menu-itemLabel', { hasText: 'Workflows' })).toBeVisible();
        // Theia's source-code Problems view, not Presswork's Data Problems.
        await expect(page.locator('.lm-Menu-itemLabel', { hasText: /^(Outline|Problems|Minimap|Word Wrap)$/ })).toHaveCount(0);
        await page.keyboard.press('Escape');
        // The status bar counts jobs, not source-code problems.
        await expect(page.locator('#theia-statusBar')).toContainText('in Error');
        await expect(page.locator('#theia-statusBar .codicon-warning')).toHaveCount(0);

        await shell.signOut();
        await page.goto(`${server.url}/`);
        await expect(page).toHaveURL(/\/login$/);
    });

    test('a wrong password and an unknown user get the same message and no shell', async ({ page }) => {
        const signIn = new SignInPage(page, server.url);
        await signIn.open();
        await signIn.signIn('admin', 'not-the-password');
        await expect(signIn.alert()).toHaveText('The user name or password is not correct');
        const wrongPassword = await page.content();

        await signIn.signIn('nobody', 'not-the-password');
        await expect(signIn.alert()).toHaveText('The user name or password is not correct');
        expect(wrongPassword.includes('admin')).toBe(true);
        await expect(page.locator('#theia-app-shell')).toHaveCount(0);
    });

    test('the shell, its assets and its routes are refused without a session', async ({ request }) => {
        const bundle = await request.get(`${server.url}/bundle.js`, { maxRedirects: 0 });
        expect(bundle.status()).toBe(401);
        const shell = await request.get(`${server.url}/`, { maxRedirects: 0, headers: { accept: 'text/html' } });
        expect(shell.status()).toBe(302);
        expect(shell.headers().location).toBe('/login');
        const health = await request.get(`${server.url}/health`);
        expect(health.status()).toBe(200);
        expect(await health.json()).toMatchObject({ status: 'ok', version: expect.any(String) });
    });
});

/** The 95th percentile of some durations, in milliseconds. */
function p95(durations: readonly number[]): number {
    const sorted = [...durations].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)];
}

/** Times `count` calls one after the other. */
async function timeCalls(count: number, call: () => Promise<unknown>): Promise<number[]> {
    const durations: number[] = [];
    for (let index = 0; index < count; index++) {
        const started = performance.now();
        await call();
        durations.push(performance.now() - started);
    }
    return durations;
}

test.describe('a flood of password changes (issue 18, fault 6)', () => {
    let server: PressworkServer;

    test.beforeAll(async () => {
        server = await PressworkServer.start({ adminPassword: ADMIN_PASSWORD });
    });

    test.afterAll(async () => {
        await server?.stop();
    });

    test('400 change-password attempts from a Monitor are throttled like sign-ins and do not slow an Operator down', async () => {
        test.setTimeout(180_000);
        const admin = await RpcSession.signIn(server.url, 'admin', ADMIN_PASSWORD);
        for (const [name, authority] of [['flood-monitor', 'Monitor'], ['timed-operator', 'Operator']]) {
            await admin.call(ACCOUNT_SERVICE_PATH, 'createUser', [{ name, authority, password: 'First#pass12' }]);
        }
        admin.close();
        const monitorCookie = await signInCookies(server.url, 'flood-monitor', 'First#pass12', 'Monit0r#Flood');
        const operator = await RpcSession.connect(server.url, await signInCookies(server.url, 'timed-operator', 'First#pass12', 'Operat0r#Timed'));
        const monitor = await RpcSession.connect(server.url, monitorCookie);
        try {
            const operatorCall = () => operator.call(JOB_QUERY_SERVICE_PATH, 'counts', []);
            await timeCalls(5, operatorCall);
            const baseline = await timeCalls(20, operatorCall);

            // The attack: guesses at the Monitor's own password, half through the form, half over RPC, all at once.
            const guess = (index: number) => `Guess#${String(index).padStart(4, '0')}`;
            const flood = Array.from({ length: 400 }, (_, index) => index % 2 === 0
                ? fetch(`${server.url}/login/password`, {
                    method: 'POST', redirect: 'manual',
                    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: monitorCookie, origin: server.url },
                    body: new URLSearchParams({ current: guess(index), password: 'Chosen#pass12', confirm: 'Chosen#pass12' })
                }).then(response => response.status)
                : monitor.call(ACCOUNT_SERVICE_PATH, 'changeOwnPassword', [guess(index), 'Chosen#pass12']).then(() => 'changed', (error: unknown) =>
                    ApplicationError.is(error as object) ? (error as ApplicationError<number, unknown>).code : String(error)));
            const underFlood = await timeCalls(20, operatorCall);
            const outcomes = await Promise.all(flood);

            const baselineP95 = p95(baseline);
            const floodP95 = p95(underFlood);
            console.info(`Operator's call p95: ${baselineP95.toFixed(1)} ms without the flood, ${floodP95.toFixed(1)} ms under 400 password changes`);
            // Target below 500 ms; generous for a shared, busy test machine, yet far from the 47 s of issue 18.
            expect(floodP95).toBeLessThan(Math.max(1_500, baselineP95 * 10));

            // Shared with the sign-in throttle: at most 5 guesses for one user from one address got checked.
            const checked = outcomes.filter(outcome => outcome === 400 || outcome === -32014);
            const throttled = outcomes.filter(outcome => outcome === 429 || outcome === -32016);
            expect(checked.length, JSON.stringify(outcomes.slice(0, 20))).toBeLessThanOrEqual(5);
            expect(throttled.length + checked.length).toBe(400);
        } finally {
            operator.close();
            monitor.close();
        }
        // The same limit guards signing in: the right password is refused for now.
        const signIn = await fetch(`${server.url}/login`, {
            method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url },
            body: new URLSearchParams({ name: 'flood-monitor', password: 'Monit0r#Flood' })
        });
        expect(signIn.status).toBe(429);
    });
});
