import { test, expect, Browser } from '@playwright/test';
import { useDemoPresswork } from '../fixtures/presswork-server';
import { AllJobsPod } from '../page-objects/all-jobs-pod';
import { JobActions } from '../page-objects/job-action-dialogs';
import { PressworkShell } from '../page-objects/presswork-shell';
import { UsersView } from '../page-objects/users-view';

const ADMIN_PASSWORD = 'Admin#Print1';
const START_PASSWORD = 'Start#Print1';
const PASSWORD = 'Mine#Print22';
/** The simulator's print files: one US Letter page. */
const DEMO_PAGES = '1 page · Letter · 216 × 279 mm';

async function signInAs(browser: Browser, url: string, name: string): Promise<PressworkShell> {
    return PressworkShell.signInFirstTime(await browser.newPage(), url, name, START_PASSWORD, PASSWORD);
}

/*
 * Open print file… (issue 15, item 2), as an operator meets it: a job waits at Prepress Check
 * with "Check the print file"; More opens the PDF in a browser tab, and the job's page count and
 * size are shown beside it, in the Order panel and in Properties….
 */
test.describe('the print file of a job', () => {
    const running = useDemoPresswork(test, ADMIN_PASSWORD, 4);

    test('an operator opens a waiting job\'s print file from More and reads its pages beside the job; a Monitor may not', async ({ browser }) => {
        test.setTimeout(240_000);
        const adminPage = await browser.newPage();
        const adminShell = await PressworkShell.signIn(adminPage, running.server.url, 'admin', ADMIN_PASSWORD);
        await adminShell.runMenu('View', 'Users');
        const users = new UsersView(adminPage);
        await users.createUser('Pia', 'Operator', START_PASSWORD);
        await users.createUser('Mo', 'Monitor', START_PASSWORD);
        // One shell at a time: the machine running the suite is small.
        await adminPage.close();

        const shell = await signInAs(browser, running.server.url, 'Pia');
        const page = shell.page;
        await shell.runMenu('Operations', 'Operations Workspace');
        const pod = new AllJobsPod(page);
        await pod.waitUntilLoaded();
        const actions = new JobActions(page, pod);
        // Stocked products wait at Approve and have no print file; printed ones wait at Prepress Check.
        const waiting = pod.grid.locator('tr[data-job-id][data-state="Waiting"]').filter({ hasText: 'Prepress Check' });
        await expect.poll(() => waiting.count(), { timeout: 60_000 }).toBeGreaterThanOrEqual(1);
        const jobId = (await waiting.first().getAttribute('data-job-id'))!;

        // The job may reach its check before the fetcher has its file (they run side by side): the
        // Order panel shows the pages once it has arrived, and then More offers to open it.
        await actions.select(jobId);
        await expect(pod.orderPanel.locator(`tr[data-job-id="${jobId}"] .presswork-order-job-pages`)).toHaveText(DEMO_PAGES, { timeout: 120_000 });

        // More → Open print file…: the PDF opens in a browser tab of its own.
        await pod.openMenu('more');
        const open = actions.moreItem('presswork.jobs.openPrintFile');
        await expect(open).toHaveText(/Open print file…/);
        await expect(open).not.toHaveAttribute('aria-disabled', 'true');
        const opened = page.context().waitForEvent('page');
        await open.click();
        const tab = await opened;
        const fileUrl = `${running.server.url}/jobs/print-files/${jobId}.pdf`;
        await expect.poll(() => tab.url()).toBe(fileUrl);

        // What that tab shows is the job's PDF, served to the operator's session.
        const file = await page.request.get(fileUrl);
        expect(file.status()).toBe(200);
        expect(file.headers()['content-type']).toBe('application/pdf');
        expect(file.headers()['content-disposition']).toBe(`inline; filename="${jobId}.pdf"`);
        expect((await file.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
        await tab.close();

        // Beside the job: its page count and size in the Order panel (above), and in Properties… with a link to open it.
        await actions.openProperties(jobId);
        const fact = actions.properties.locator('[data-fact="printFile"]');
        await expect(fact.locator('.presswork-print-file-pages')).toHaveText(DEMO_PAGES);
        await expect(fact.getByRole('link', { name: 'Open' })).toHaveAttribute('href', `/jobs/print-files/${jobId}.pdf`);
        await actions.close();
        await page.close();

        // A Monitor sees the pod but may not act on jobs: no More menu (so no Open print file…), and the file is refused.
        const monitor = await signInAs(browser, running.server.url, 'Mo');
        await monitor.runMenu('Operations', 'Operations Workspace');
        const monitorPod = new AllJobsPod(monitor.page);
        await monitorPod.waitUntilLoaded();
        await new JobActions(monitor.page, monitorPod).select(jobId);
        await expect(monitorPod.toolbarButton('more')).toHaveCount(0);
        const refused = await monitor.page.request.get(fileUrl);
        expect(refused.status()).toBe(403);
        expect(await refused.json()).toEqual({ error: 'Your authority does not allow opening print files' });
    });
});
