import { test, expect, Browser } from '@playwright/test';
import { useDemoPresswork } from '../fixtures/presswork-server';
import { CLOSEOUT_ORDER, openOperations } from '../fixtures/closeout-scenario';
import { AllJobsPod } from '../page-objects/all-jobs-pod';
import { checkDialog, expectAccessible, expectAccessibleDialog } from '../page-objects/axe-checks';
import { NotificationsView } from '../page-objects/notifications-view';
import { PRESSWORK_VIEWS, PressworkShell } from '../page-objects/presswork-shell';
import { UsersView } from '../page-objects/users-view';
import { WorkflowDesigner } from '../page-objects/workflow-designer';

const ADMIN_PASSWORD = 'Admin#Access2';
const START_PASSWORD = 'Start#Access2';
const PASSWORD = 'Mine#Access2';

/*
 * Issue 15, item 11: the dialogs and screens accessibility.spec.ts does not reach — the closeout of
 * an order from its warning to its record, the job actions that ask something, the administrator's
 * forms, the workflow designer, the shop's formats, the views of an Operator and a Monitor, and the
 * touch layout — each with no serious or critical axe violation.
 */
test.describe('accessibility of the dialogs, forms and layouts', () => {
    // axe takes seconds a page on a shared machine; each test runs many.
    test.describe.configure({ timeout: 600_000 });
    const running = useDemoPresswork(test, ADMIN_PASSWORD, 3);

    test('the closeout of an order: its warning, every tab of Closeout Order, and the record of the closed order', async ({ page }) => {
        const shell = await PressworkShell.signIn(page, running.server.url, 'admin', ADMIN_PASSWORD);
        const { pod, actions, dialogs } = await openOperations(shell);
        await expect.poll(() => pod.rows().count(), { timeout: 60_000 }).toBeGreaterThanOrEqual(2);
        // The demo's orders are random: one whose lines ship to several addresses is refused here
        // with a warning (checked too), and the test goes on with the next order. Stark Retail's
        // (STRK-) card authorizations have lapsed by design, so their settlement is refused: skipped.
        // The first rows may all be such orders; a new demo order arrives every 3 s, so look again.
        let jobId: string | undefined;
        const triedOrders = new Set<string>();
        const deadline = Date.now() + 90_000;
        while (!jobId && Date.now() < deadline) {
            // Choosing a job filters the pod to it (the page object's select): show every job again.
            await pod.filter('');
            const candidate = await untriedRow(pod, triedOrders);
            if (!candidate) {
                await page.waitForTimeout(1_000);
                continue;
            }
            triedOrders.add(candidate.order);
            await actions.run(candidate.jobId, CLOSEOUT_ORDER);
            await expect(dialogs.notReadyWarning.or(dialogs.closeout).or(dialogs.blockedWarning)).toBeVisible();
            if (await dialogs.blockedWarning.isVisible()) {
                await checkDialog(page, /Cannot close out/);
            } else {
                jobId = candidate.jobId;
            }
        }
        if (!jobId) {
            throw new Error(`none of the demo orders ${[...triedOrders].join(', ')} could be closed out here within 90 s`);
        }
        if (await dialogs.notReadyWarning.isVisible()) {
            await expectAccessibleDialog(page, /./);
            await dialogs.answerNotReady('Yes');
        }
        await expectAccessibleDialog(page, /Closeout Order/);
        for (const part of ['packingSlip', 'invoice', 'settlement'] as const) {
            if (await dialogs.tab(part).count() > 0) {
                await dialogs.openTab(part);
                await expectAccessible(page, `the Closeout Order tab ${part}`);
            }
        }
        await dialogs.openTab('packingSlip');
        await dialogs.field('carrierName').fill('UPS');
        await dialogs.button('OK').click();
        await expect(dialogs.status()).toHaveText(/ is closed/, { timeout: 60_000 });
        await expectAccessible(page, 'the Closeout Order dialog once the order is closed');
        await dialogs.button('Close').click();
        await expect(dialogs.closeout).toHaveCount(0);

        await actions.run(jobId, CLOSEOUT_ORDER);
        await expect(dialogs.record).toBeVisible();
        await checkDialog(page, /Closeout Record/);
    });

    test('the job actions that ask something: Reject, Move to workflow; a held job; Properties with its print file', async ({ page }) => {
        const shell = await PressworkShell.signIn(page, running.server.url, 'admin', ADMIN_PASSWORD);
        const { pod, actions } = await openOperations(shell);
        const waiting = pod.grid.locator('tr[data-job-id][data-state="Waiting"]');
        await expect.poll(() => waiting.count(), { timeout: 90_000 }).toBeGreaterThanOrEqual(2);
        /**
         * A job waiting at the activity for which the More menu's action is enabled (stocked jobs wait
         * at Approve; printed ones at Prepress Check, once their print file has arrived).
         */
        const waitingJobFor = async (actionId: string, activity: string): Promise<string> => {
            let found: string | undefined;
            await expect.poll(async () => {
                await actions.pod.filter('');
                const ids = await waiting.filter({ hasText: activity }).evaluateAll(rows => rows.slice(0, 4).map(row => row.getAttribute('data-job-id')!));
                for (const id of ids) {
                    await actions.openMore(id);
                    const disabled = await actions.moreItem(actionId).getAttribute('aria-disabled');
                    await page.keyboard.press('Escape');
                    if (disabled !== 'true') {
                        found = id;
                        return true;
                    }
                }
                return false;
            }, { timeout: 180_000, message: `a job waiting at ${activity} that ${actionId} applies to` }).toBe(true);
            return found!;
        };

        const approving = await waitingJobFor('presswork.jobs.reject', 'Approve');
        await actions.run(approving, 'presswork.jobs.reject');
        await checkDialog(page, /Reject/);
        await actions.run(approving, 'presswork.jobs.moveToWorkflow');
        await checkDialog(page, /Move/);
        // Properties…: the print file's row (its pages, size and Open link).
        const printed = await waitingJobFor('presswork.jobs.openPrintFile', 'Prepress Check');
        await actions.openProperties(printed);
        await expect(actions.properties.locator('[data-fact="printFile"]')).toBeVisible();
        await checkDialog(page, /Properties/);

        const jobId = approving;
        await actions.run(jobId, 'presswork.jobs.hold');
        await expect(pod.row(jobId)).toHaveAttribute('data-state', 'Held');
        await expectAccessible(page, 'the pod with a held job selected');
        await actions.run(jobId, 'presswork.jobs.resume');
    });

    test('the administrator\'s forms, the workflow designer and the shop\'s formats', async ({ page }) => {
        const shell = await PressworkShell.signIn(page, running.server.url, 'admin', ADMIN_PASSWORD);
        await shell.runMenu('Operations', 'Shop Identity…');
        await checkDialog(page, 'Shop identity');
        await shell.runMenu('Account', 'Date and Number Format…');
        await checkDialog(page, 'Date and number format');

        const notifications = new NotificationsView(page);
        await notifications.open();
        await notifications.newRule();
        await notifications.addCondition({ property: 'state', comparison: 'is', value: 'Error' });
        await checkDialog(page, /rule/i);

        await shell.runMenu('View', 'Connections');
        const connections = page.locator('#presswork-connections');
        await connections.getByRole('button', { name: 'New connection…' }).click();
        await checkDialog(page, /connection/i);
        await connections.getByRole('button', { name: 'Edit…' }).first().click();
        await checkDialog(page, /./);

        await shell.runMenu('View', 'Production Templates');
        const templates = page.locator('#presswork-production-templates');
        await templates.getByRole('button', { name: 'New production template…' }).click();
        await checkDialog(page, /template/i);
        await templates.getByRole('button', { name: 'Edit…' }).first().click();
        await checkDialog(page, /./);

        await shell.runMenu('View', 'Workflows');
        const designer = new WorkflowDesigner(page);
        await designer.createWorkflow('Accessible workflow');
        await designer.dragActivity('approve', 'Prepare');
        await expectAccessible(page, 'the workflow designer');
        await designer.card('Prepare', 'approve').click();
        await expect(page.locator('#presswork-workflow-properties')).toContainText('Approve');
        await expectAccessible(page, 'the workflow designer with the properties of an activity');
    });

    test('the views as an Operator and as a Monitor, and the touch layout', async ({ browser }) => {
        // A context of its own for each user: axe asks for pages made by browser.newContext().
        const adminPage = await (await browser.newContext()).newPage();
        const admin = await PressworkShell.signIn(adminPage, running.server.url, 'admin', ADMIN_PASSWORD);
        await admin.runMenu('View', 'Users');
        const users = new UsersView(adminPage);
        await users.createUser('Ozzie', 'Operator', START_PASSWORD);
        await users.createUser('Mira', 'Monitor', START_PASSWORD);
        await adminPage.context().close();

        for (const name of ['Ozzie', 'Mira']) {
            const shell = await signInFirstTime(browser, running.server.url, name);
            await expectAccessible(shell.page, `the shell of ${name}`);
            // Every Presswork view their View menu offers them.
            await shell.menu('View').click();
            const offered = await shell.page.locator('.lm-Menu-itemLabel').allInnerTexts();
            await shell.page.keyboard.press('Escape');
            const views = PRESSWORK_VIEWS.filter(view => offered.includes(view));
            expect(views).toContain('Operations');
            for (const view of views) {
                await shell.runMenu('View', view);
                if (view === 'Operations') {
                    const pod = new AllJobsPod(shell.page);
                    await pod.waitUntilLoaded();
                    await pod.rows().first().click();
                }
                await expectAccessible(shell.page, `the ${view} view of ${name}`);
            }
            if (name === 'Ozzie') {
                await shell.runMenu('View', 'Operations');
                const pod = new AllJobsPod(shell.page);
                await pod.openMenu('layout');
                await pod.menuItem('Touch layout: on').click();
                await expect.poll(async () => (await pod.rows().first().boundingBox())!.height).toBeGreaterThanOrEqual(44);
                await shell.page.keyboard.press('Escape');
                await expectAccessible(shell.page, 'the touch layout');
                await pod.openMenu('more');
                await expectAccessible(shell.page, 'the More menu in the touch layout');
            }
            await shell.page.context().close();
        }
    });
});

/** A user the administrator created signs in for the first time, in a browser context of their own. */
async function signInFirstTime(browser: Browser, url: string, name: string): Promise<PressworkShell> {
    return PressworkShell.signInFirstTime(await (await browser.newContext()).newPage(), url, name, START_PASSWORD, PASSWORD);
}

/** The first row whose order may be closed out here and has not been tried yet. */
async function untriedRow(pod: AllJobsPod, tried: ReadonlySet<string>): Promise<{ order: string; jobId: string } | undefined> {
    for (const row of await pod.rows().all()) {
        const order = await row.locator('td[data-column-id="orderNumber"]').innerText();
        if (order && !order.startsWith('STRK-') && !tried.has(order)) {
            return { order, jobId: (await row.getAttribute('data-job-id'))! };
        }
    }
    return undefined;
}
