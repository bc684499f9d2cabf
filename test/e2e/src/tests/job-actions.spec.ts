import { test, expect, Browser, Page } from '@playwright/test';
import { PressworkServer } from '../fixtures/presswork-server';
import { AllJobsPod } from '../page-objects/all-jobs-pod';
import { JobActions } from '../page-objects/job-action-dialogs';
import { PressworkShell } from '../page-objects/presswork-shell';
import { SignInPage } from '../page-objects/sign-in-page';
import { UsersView } from '../page-objects/users-view';

const ADMIN_PASSWORD = 'Admin#Jobs1';
const OPERATOR = 'Olga';
const OPERATOR_PASSWORD = 'Operat0r#Mine';

/** Opens Operations and waits for jobs in the pod. */
async function operations(page: Page, shell: PressworkShell): Promise<AllJobsPod> {
    await shell.runMenu('View', 'Operations');
    const pod = new AllJobsPod(page);
    await pod.waitUntilLoaded();
    return pod;
}

async function signInOperator(browser: Browser, url: string): Promise<PressworkShell> {
    const page = await browser.newPage();
    const signIn = new SignInPage(page, url);
    await signIn.open();
    await signIn.signIn(OPERATOR, 'Operat0r#Start');
    await signIn.changePassword('Operat0r#Start', OPERATOR_PASSWORD);
    const shell = new PressworkShell(page);
    await shell.waitUntilReady();
    return shell;
}

/** The ids of `count` jobs of the demo store that wait for an operator (at Prepress Check or Approve). */
async function waitingJobs(pod: AllJobsPod, count: number): Promise<string[]> {
    const waiting = pod.grid.locator('tr[data-job-id][data-state="Waiting"]');
    await expect.poll(() => waiting.count(), { timeout: 60_000 }).toBeGreaterThanOrEqual(count);
    const ids = await waiting.evaluateAll(rows => rows.map(row => row.getAttribute('data-job-id') ?? ''));
    return ids.slice(0, count);
}

test.describe('job actions in the All Jobs pod', () => {
    let server: PressworkServer;

    test.beforeAll(async () => {
        server = await PressworkServer.start({ adminPassword: ADMIN_PASSWORD, demo: true, environment: { PRESSWORK_DEMO_ORDER_SECONDS: '4' } });
    });

    test.afterAll(async () => {
        await server?.stop();
    });

    test('an operator holds, resumes, edits, inspects, moves and deletes jobs; a stale edit is refused', async ({ browser }) => {
        const adminPage = await browser.newPage();
        const adminShell = await PressworkShell.signIn(adminPage, server.url, 'admin', ADMIN_PASSWORD);
        await adminShell.runMenu('View', 'Users');
        await new UsersView(adminPage).createUser(OPERATOR, 'Operator', 'Operat0r#Start');

        const shell = await signInOperator(browser, server.url);
        const page = shell.page;
        const pod = await operations(page, shell);
        const actions = new JobActions(page, pod);
        const [heldJob, movedJob, deletedJob] = await waitingJobs(pod, 3);
        const heldName = (await pod.cell(heldJob, 'name').textContent())!;

        // A disabled action says why in its tooltip.
        await actions.openMore(heldJob);
        await expect(actions.moreItem('presswork.jobs.resume')).toHaveAttribute('aria-disabled', 'true');
        await expect(actions.moreItem('presswork.jobs.resume')).toHaveAttribute('title', `Job ${heldName} is not held`);

        // Hold, then Resume: the row follows live.
        await actions.moreItem('presswork.jobs.hold').click();
        await expect(pod.row(heldJob)).toHaveAttribute('data-state', 'Held');
        await actions.openMore(heldJob);
        await expect(actions.moreItem('presswork.jobs.hold')).toHaveAttribute('title', `Job ${heldName} is Held`);
        await actions.moreItem('presswork.jobs.resume').click();
        await expect(pod.row(heldJob)).not.toHaveAttribute('data-state', 'Held');

        // Properties…: the operator edits while an administrator saves the same job first.
        await actions.openProperties(heldJob);
        await actions.propertyField('copies').fill('7');
        await actions.addProperty('finish', 'matt');

        const adminPod = await operations(adminPage, adminShell);
        const adminActions = new JobActions(adminPage, adminPod);
        await adminActions.openProperties(heldJob);
        await adminActions.propertyField('name').fill(`${heldName} (checked)`);
        await adminActions.propertyField('copies').fill('4321');
        await adminActions.save();
        await expect(adminActions.dialog).toHaveCount(0);

        await actions.save();
        await expect(actions.conflict).toContainText('Copies is now 4321');
        await expect(actions.conflict).toBeInViewport();
        await expect(actions.propertyField('copies')).toHaveValue('7');
        await actions.conflict.getByRole('button', { name: 'Reload' }).click();
        await expect(actions.conflict).toHaveCount(0);
        await expect(actions.propertyField('name')).toHaveValue(`${heldName} (checked)`);
        await expect(actions.propertyField('copies')).toHaveValue('4321');
        await actions.propertyField('copies').fill('7');
        await actions.addProperty('finish', 'matt');
        await actions.save();
        await expect(actions.dialog).toHaveCount(0);
        await expect(pod.cell(heldJob, 'copies')).toHaveText('7');
        await expect(pod.cell(heldJob, 'name')).toHaveText(`${heldName} (checked)`);
        await actions.openProperties(heldJob);
        await expect(actions.properties.locator('.presswork-job-property-row[data-property="finish"]').getByLabel('Value', { exact: true })).toHaveValue('matt');
        await actions.close();

        // Log…: the whole history, newest last, with who acted; the filter narrows it.
        await actions.run(heldJob, 'presswork.jobs.log');
        await expect(actions.logMessages().first()).toBeVisible();
        const messages = await actions.logMessages().allTextContents();
        expect(messages.indexOf('Held')).toBeGreaterThanOrEqual(0);
        expect(messages.indexOf('Resumed')).toBeGreaterThan(messages.indexOf('Held'));
        await expect(actions.log.locator('tr', { hasText: 'Resumed' })).toContainText(OPERATOR);
        await actions.log.getByLabel('Filter the log').fill('resumed');
        await expect(actions.logMessages()).toHaveText(['Resumed']);
        await actions.close();

        // Move to workflow…: the job starts again in the chosen workflow.
        await pod.showColumn('Workflow', 'workflow');
        await actions.select(movedJob);
        const movedFrom = (await pod.cell(movedJob, 'workflow').textContent())!;
        const target = movedFrom === 'MarcomCentral print' ? 'MarcomCentral stock item' : 'MarcomCentral print';
        await actions.run(movedJob, 'presswork.jobs.moveToWorkflow');
        await actions.dialog.getByLabel('Workflow', { exact: true }).selectOption({ label: target });
        await actions.dialog.getByRole('button', { name: 'Move' }).click();
        await expect(actions.dialog).toHaveCount(0);
        await expect(pod.cell(movedJob, 'workflow')).toHaveText(target);

        // Delete asks first, naming the job.
        await actions.select(deletedJob);
        const deletedName = (await pod.cell(deletedJob, 'name').textContent())!;
        await actions.run(deletedJob, 'presswork.jobs.delete');
        await expect(actions.dialog).toContainText('Delete job');
        await expect(page.locator('#presswork-job-delete')).toContainText(deletedName);
        // Cancel is the default: Enter from habit deletes nothing.
        await expect(actions.dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
        await actions.dialog.getByRole('button', { name: 'Delete' }).click();
        await expect(pod.row(deletedJob)).toHaveCount(0);
        await expect(pod.rows()).toHaveCount(0);
    });
});
