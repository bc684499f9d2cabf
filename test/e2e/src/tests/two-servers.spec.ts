import { test, expect, Browser, Page } from '@playwright/test';
import { healthOf, useTwoPressworkServers } from '../fixtures/two-presswork-servers';
import { AllJobsPod } from '../page-objects/all-jobs-pod';
import { ConnectionsView } from '../page-objects/connections-view';
import { JobActions } from '../page-objects/job-action-dialogs';
import { PressworkShell } from '../page-objects/presswork-shell';
import { ServersView } from '../page-objects/servers-view';
import { UsersView } from '../page-objects/users-view';

const ADMIN_PASSWORD = 'Admin#Cluster1';
const START_PASSWORD = 'Operat0r#Start';
const OLGA = { name: 'Olga', password: 'Operat0r#OnA' };
const OMAR = { name: 'Omar', password: 'Operat0r#OnB' };
const LEASE_SECONDS = 4;
/** The bound: a job held on one server shows as Held on the other within 2 s. */
const CROSS_SERVER_MS = 2_000;

/** Opens Operations and waits for jobs in the pod. */
async function operations(shell: PressworkShell): Promise<AllJobsPod> {
    await shell.runMenu('View', 'Operations');
    const pod = new AllJobsPod(shell.page);
    await pod.waitUntilLoaded();
    return pod;
}

/** The id of a demo job that waits for an operator (at Prepress Check or Approve). */
async function waitingJob(pod: AllJobsPod): Promise<string> {
    const waiting = pod.grid.locator('tr[data-job-id][data-state="Waiting"]');
    await expect(waiting.first()).toBeVisible({ timeout: 60_000 });
    return (await waiting.first().getAttribute('data-job-id'))!;
}

/** An operator's first sign-in, in a browser context of their own (cookies do not tell ports apart). */
async function signInOperator(browser: Browser, url: string, operator: { name: string, password: string }): Promise<PressworkShell> {
    const page: Page = await browser.newPage();
    return PressworkShell.signInFirstTime(page, url, operator.name, START_PASSWORD, operator.password);
}

test.describe('two servers on one PostgreSQL database', () => {
    const shop = useTwoPressworkServers({ adminPassword: ADMIN_PASSWORD, orderSeconds: 15, leaseSeconds: LEASE_SECONDS });

    // A failure shows what the two servers said (the pages are photographed by Playwright).
    test.afterEach(async () => {
        const testInfo = test.info();
        if (testInfo.status !== testInfo.expectedStatus) {
            await testInfo.attach('server A log', { body: shop.a?.log ?? '', contentType: 'text/plain' });
            await testInfo.attach('server B log', { body: shop.b?.log ?? '', contentType: 'text/plain' });
        }
    });

    test('a job held on A shows Held on B within 2 s; when A is killed, its operator reloads onto B still signed in', async ({ browser }) => {
        test.setTimeout(420_000); // four users' shells on two servers: about 2 min on a quiet machine
        const [healthA, healthB] = await Promise.all([healthOf(shop.a), healthOf(shop.b)]);
        expect(healthA.store).toBe('postgresql');
        expect(healthB.store).toBe('postgresql');
        const [idA, idB] = [healthA.server!.id, healthB.server!.id];
        expect(idA).toBeTruthy();
        expect(idB).not.toBe(idA);

        // An administrator on B: the shop A provisioned, once (one demo store), and two operators.
        const admin = await PressworkShell.signIn(await browser.newPage(), shop.b.url, 'admin', ADMIN_PASSWORD);
        await admin.runMenu('View', 'Connections');
        const connections = new ConnectionsView(admin.page);
        await expect(connections.root.locator('tr[data-connection]')).toHaveCount(1);
        await expect(connections.row('Demo store')).toBeVisible();
        await admin.runMenu('View', 'Users');
        const users = new UsersView(admin.page);
        await users.createUser(OLGA.name, 'Operator', START_PASSWORD);
        await users.createUser(OMAR.name, 'Operator', START_PASSWORD);

        // Olga comes through the shop's front, which sends her to A; Omar works on B itself.
        const olga = await signInOperator(browser, shop.proxy.url, OLGA);
        expect(shop.proxy.connectionsTo('A')).toBeGreaterThan(0);
        expect(shop.proxy.connectionsTo('B')).toBe(0);
        const omar = await signInOperator(browser, shop.b.url, OMAR);

        const olgaPod = await operations(olga);
        const olgaActions = new JobActions(olga.page, olgaPod);
        const jobId = await waitingJob(olgaPod);
        const omarPod = await operations(omar);
        const omarActions = new JobActions(omar.page, omarPod);
        await omarActions.select(jobId);
        await expect(omarPod.row(jobId)).not.toHaveAttribute('data-state', 'Held');

        // Olga holds the job on A; Omar's pod on B follows within 2 s.
        await olgaActions.openMore(jobId);
        const heldAt = Date.now();
        await olgaActions.moreItem('presswork.jobs.hold').click();
        await expect(omarPod.row(jobId)).toHaveAttribute('data-state', 'Held', { timeout: Math.max(1, CROSS_SERVER_MS - (Date.now() - heldAt)) });
        const delayMs = Date.now() - heldAt;
        test.info().annotations.push({ type: 'cross-server delay', description: `${delayMs} ms from Hold on A to Held on B` });
        await expect(olgaPod.row(jobId)).toHaveAttribute('data-state', 'Held');

        // The administrator's Servers view: both servers running, sharing the work.
        await admin.runMenu('View', 'Servers');
        const servers = new ServersView(admin.page);
        const [rowA, rowB] = [idA, idB].map(id => servers.root.locator(`tr[data-server="${id}"]`));
        await expect(servers.cell(rowA, 'state')).toHaveText('Running');
        await expect(servers.cell(rowB, 'state')).toHaveText('Running');
        await expect(servers.summary).toContainText('2 servers are running');

        // A dies (kill -9). Olga reloads: the front sends her to B, and she is still signed in.
        await shop.a.kill();
        const toBBefore = shop.proxy.connectionsTo('B');
        await test.step('reload onto B', async () => {
            await olga.page.reload();
            await olga.waitUntilReady();
        });
        await expect(olga.page.getByRole('button', { name: 'Sign in' })).toHaveCount(0);
        await expect(olga.signedInUser()).toContainText(OLGA.name);
        expect(shop.proxy.connectionsTo('B')).toBeGreaterThan(toBBefore);
        const olgaPodOnB = await operations(olga);
        await new JobActions(olga.page, olgaPodOnB).select(jobId);
        await expect(olgaPodOnB.row(jobId)).toHaveAttribute('data-state', 'Held');
        await expect(omarPod.row(jobId)).toHaveAttribute('data-state', 'Held');

        // Once A's lease has run out, the Servers view (refreshing by itself) shows A gone and B holding all the work.
        const takeover = { timeout: (LEASE_SECONDS + 15) * 1000 };
        await expect(servers.cell(rowA, 'state')).toHaveText('Stopped or not answering', takeover);
        await expect(servers.cell(rowB, 'state')).toHaveText('Running');
        await expect(servers.cell(rowB, 'work')).toContainText('All orders', takeover);
        await expect(servers.cell(rowB, 'work')).toContainText('Shop-wide work');
        await expect(servers.summary).toContainText('1 server is running');
    });
});
