import { test, expect, Browser, Page } from '@playwright/test';
import { jobsOf, preparedOrders, usePressworkWithOrders } from '../fixtures/prepared-orders';
import { AllJobsPod } from '../page-objects/all-jobs-pod';
import { PressworkShell } from '../page-objects/presswork-shell';
import { SignInPage } from '../page-objects/sign-in-page';
import { UsersView } from '../page-objects/users-view';

const ADMIN_PASSWORD = 'Admin#Ops1';
const ORDERS = preparedOrders(120, 3);
const JOBS = jobsOf(ORDERS);
const USERS = [
    { name: 'Olga', authority: 'Operator' },
    { name: 'Oscar', authority: 'Operator' },
    { name: 'Mona', authority: 'Monitor' }
] as const;
const INITIAL_PASSWORD = 'Start#Pass1';
const PASSWORD = 'Mine#Pass22';

/** Signs a user in; the Operations workspace is their home, so the pod is there at once. */
async function signIn(page: Page, url: string, name: string, password: string): Promise<AllJobsPod> {
    await PressworkShell.signIn(page, url, name, password);
    const pod = new AllJobsPod(page);
    await pod.waitUntilLoaded();
    return pod;
}

async function newUserPage(browser: Browser, url: string, name: string): Promise<AllJobsPod> {
    const context = await browser.newContext();
    return signIn(await context.newPage(), url, name, PASSWORD);
}

test.describe('Operations workspace', () => {
    const running = usePressworkWithOrders(ADMIN_PASSWORD, ORDERS);

    test.beforeAll(async ({ browser }) => {
        const page = await browser.newPage();
        const shell = await PressworkShell.signIn(page, running.server.url, 'admin', ADMIN_PASSWORD);
        await shell.runMenu('View', 'Users');
        const users = new UsersView(page);
        for (const user of USERS) {
            await users.createUser(user.name, user.authority, INITIAL_PASSWORD);
        }
        await page.close();
        for (const user of USERS) {
            const first = await browser.newPage();
            const signInPage = new SignInPage(first, running.server.url);
            await signInPage.open();
            await signInPage.signIn(user.name, INITIAL_PASSWORD);
            await signInPage.changePassword(INITIAL_PASSWORD, PASSWORD);
            await new PressworkShell(first).waitUntilReady();
            await first.close();
        }
    });

    test('a job one operator holds changes in the other operator\'s pod, who keeps selection and scroll position', async ({ browser }) => {
        const oscar = await newUserPage(browser, running.server.url, 'Oscar');
        const olga = await newUserPage(browser, running.server.url, 'Olga');
        await expect(oscar.root).toContainText(`of ${JOBS.length} jobs`);

        // Oscar scrolls well down the list and selects a job there.
        await oscar.scroller.evaluate(element => element.scrollTop = 60 * 24);
        await expect.poll(() => oscar.scrollTop()).toBeGreaterThan(1000);
        const visible = oscar.rows().nth(5);
        const oscarsJob = (await visible.getAttribute('data-job-id'))!;
        await visible.click();
        await expect(oscar.row(oscarsJob)).toHaveAttribute('aria-selected', 'true');
        const scrolled = await oscar.scrollTop();

        // Olga finds a Waiting job that Oscar sees, and holds it through More.
        const target = oscar.rows().filter({ has: oscar.page.locator('td[data-column-id="state"]', { hasText: /^Waiting$/ }) }).first();
        const jobId = (await target.getAttribute('data-job-id'))!;
        const job = JOBS.find(candidate => candidate.id === jobId)!;
        await olga.filter(job.name);
        await expect(olga.rows()).toHaveCount(1);
        await olga.row(jobId).click();
        await expect(olga.orderPanel).toContainText(job.orderNumber);
        await olga.openMenu('more');
        await olga.menuItem('Hold').click();
        await expect(olga.cell(jobId, 'state')).toHaveText('Held', { timeout: 5_000 });

        // Oscar sees it within seconds, in place, still with his job selected and his place kept.
        await expect(oscar.cell(jobId, 'state')).toHaveText('Held', { timeout: 5_000 });
        await expect(oscar.row(oscarsJob)).toHaveAttribute('aria-selected', 'true');
        await expect(oscar.selectedRows()).toHaveCount(1);
        expect(Math.abs(await oscar.scrollTop() - scrolled)).toBeLessThan(2);
        await oscar.page.context().close();
        await olga.page.context().close();
    });

    test('grouping by order number shows each order with its job count, and groups collapse and expand', async ({ browser }) => {
        const pod = await newUserPage(browser, running.server.url, 'Olga');
        await pod.groupBy('Order number');
        const firstGroup = pod.grid.locator('tr[data-group-key]').first();
        await expect(firstGroup).toBeVisible();
        const key = await firstGroup.getAttribute('data-group-key');
        const order = ORDERS.find(candidate => candidate.orderNumber === key)!;
        const header = pod.groupHeader(order.orderNumber);
        await expect(header).toContainText('3 jobs');
        const waiting = order.jobs.filter(job => job.state === 'Waiting for order closeout').length;
        if (waiting) {
            await expect(header).toContainText(`${waiting} waiting for closeout`);
        }
        await expect(pod.row(order.jobs[0].id)).toBeVisible();
        await header.click();
        await expect(header).toHaveAttribute('aria-expanded', 'false');
        await expect(pod.row(order.jobs[0].id)).toHaveCount(0);
        await header.click();
        await expect(pod.row(order.jobs[0].id)).toBeVisible();
        await pod.page.context().close();
    });

    test('sorting by a column, then shift-click adds a second key', async ({ browser }) => {
        const pod = await newUserPage(browser, running.server.url, 'Olga');
        await pod.header('state').click();
        await expect(pod.header('state')).toHaveAttribute('aria-sort', 'ascending');
        // The first row as the list stands (a row read by id could have moved out of the rendered range).
        await expect(pod.rows().first().locator('td[data-column-id="state"]')).toHaveText('Error');
        // Within Error, by order number descending: shift-click twice.
        await pod.header('orderNumber').click({ modifiers: ['Shift'] });
        await expect(pod.header('orderNumber').locator('[data-sort-position="2"]')).toBeVisible();
        await pod.header('orderNumber').click({ modifiers: ['Shift'] });
        const lastErrorOrder = [...JOBS].filter(job => job.state === 'Error').map(job => job.orderNumber).sort().pop()!;
        await expect(pod.rows().first().locator('td[data-column-id="orderNumber"]')).toHaveText(lastErrorOrder);
        await expect(pod.header('state')).toHaveAttribute('aria-sort', 'ascending');
        await pod.page.context().close();
    });

    test('saved views: save, open after a reload, open first; an administrator shares one and others see it', async ({ browser }) => {
        const olga = await newUserPage(browser, running.server.url, 'Olga');
        await olga.groupBy('State');
        await olga.viewsMenu('Save view as…', 'By state');
        await expect(olga.toolbarButton('views')).toHaveText(/By state/);
        await olga.viewsMenu('Open first');

        await olga.page.reload();
        await new PressworkShell(olga.page).waitUntilReady();
        await expect(olga.toolbarButton('views')).toHaveText(/By state/, { timeout: 30_000 });
        await expect(olga.root.getByLabel('Group by')).toHaveValue('state');
        await expect(olga.groupHeader('Error')).toBeVisible();

        const admin = await signIn(await (await browser.newContext()).newPage(), running.server.url, 'admin', ADMIN_PASSWORD);
        await admin.openMenu('facets');
        await admin.menuItem('State: Error').click();
        await admin.page.keyboard.press('Escape');
        await admin.viewsMenu('Save view as…', 'Errors for everyone');
        await admin.viewsMenu('Share with everyone');

        const oscar = await newUserPage(browser, running.server.url, 'Oscar');
        await oscar.openMenu('views');
        await expect(oscar.menuItem('Errors for everyone (shared)')).toBeVisible();
        await expect(oscar.menuItem('By state')).toHaveCount(0);
        await oscar.menuItem('Errors for everyone (shared)').click();
        await expect(oscar.root).toContainText(`${JOBS.filter(job => job.state === 'Error').length} of ${JOBS.length} jobs`);
        for (const pod of [olga, admin, oscar]) {
            await pod.page.context().close();
        }
    });

    test('a Monitor sees the pod and the job states, with no actions anywhere', async ({ browser }) => {
        const mona = await newUserPage(browser, running.server.url, 'Mona');
        const jobId = await firstJobId(mona);
        await expect(mona.cell(jobId, 'state')).not.toBeEmpty();
        await expect(mona.toolbarButton('more')).toHaveCount(0);
        await mona.row(jobId).click({ button: 'right' });
        await expect(mona.menu).toHaveCount(0);
        await mona.row(jobId).click();
        await expect(mona.orderPanel).toContainText('ready for closeout');
        await expect(mona.orderPanel.getByRole('button')).toHaveCount(0);
        // The status bar counts jobs in Error; a click shows only them.
        const errors = JOBS.filter(job => job.state === 'Error').length;
        const inError = mona.page.locator('#status-bar-presswork-jobs-error');
        await expect(inError).toContainText(`${errors} in Error`);
        await inError.click();
        await expect(mona.root).toContainText(`${errors} of ${JOBS.length} jobs`);
        await expect(mona.rows().first().locator('td[data-column-id="state"]')).toHaveText('Error');
        await mona.page.context().close();
    });
});

async function firstJobId(pod: AllJobsPod): Promise<string> {
    await expect(pod.rows().first()).toBeVisible();
    return (await pod.rows().first().getAttribute('data-job-id'))!;
}
