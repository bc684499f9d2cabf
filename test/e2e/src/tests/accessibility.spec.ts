import { test, expect, Page } from '@playwright/test';
import { PressworkServer } from '../fixtures/presswork-server';
import { ORDER_DETAILS } from '../fixtures/closeout-scenario';
import { AllJobsPod } from '../page-objects/all-jobs-pod';
import { checkDialog, expectAccessible } from '../page-objects/axe-checks';
import { JobActions } from '../page-objects/job-action-dialogs';
import { PRESSWORK_VIEWS, PressworkShell } from '../page-objects/presswork-shell';

const ADMIN_PASSWORD = 'Admin#Access1';

async function openOperations(page: Page, shell: PressworkShell): Promise<AllJobsPod> {
    await shell.runMenu('View', 'Operations');
    const pod = new AllJobsPod(page);
    await pod.waitUntilLoaded();
    return pod;
}

test.describe('accessibility', () => {
    // axe takes seconds a page on a shared machine; each test runs many.
    test.describe.configure({ timeout: 600_000 });
    let server: PressworkServer;

    test.beforeAll(async () => {
        server = await PressworkServer.start({ adminPassword: ADMIN_PASSWORD, demo: true, environment: { PRESSWORK_DEMO_ORDER_SECONDS: '4' } });
    });

    test.afterAll(async () => {
        await server?.stop();
    });

    test('every view passes axe with no serious or critical violation', async ({ page }) => {
        const shell = await PressworkShell.signIn(page, server.url, 'admin', ADMIN_PASSWORD);
        await expectAccessible(page, 'the shell after sign-in');
        for (const view of PRESSWORK_VIEWS) {
            await shell.runMenu('View', view);
            await expect(page.locator('.lm-TabBar-tab.lm-mod-current .lm-TabBar-tabLabel', { hasText: view === 'Operations' ? 'All Jobs' : view }).first())
                .toBeVisible();
            if (view === 'Operations') {
                await new AllJobsPod(page).waitUntilLoaded();
            }
            await expectAccessible(page, `the ${view} view`);
        }
    });

    test('the pod: selected rows, toolbar names in words, column headers sort from the keyboard', async ({ page }) => {
        const shell = await PressworkShell.signIn(page, server.url, 'admin', ADMIN_PASSWORD);
        const pod = await openOperations(page, shell);
        // Icon glyphs are hidden: the buttons' names are their words.
        await expect(pod.root.getByRole('button', { name: 'More', exact: true })).toBeVisible();
        await expect(pod.root.getByRole('button', { name: 'Columns', exact: true })).toBeVisible();

        // Selected rows (focused and not) keep every state colour readable.
        await pod.rows().first().click();
        await expectAccessible(page, 'the pod with a selected row, focused');
        await pod.root.getByLabel('Filter jobs').focus();
        await expectAccessible(page, 'the pod with a selected row, not focused');

        // Tab reaches a column header; Enter sorts by it, Space reverses it.
        const name = pod.header('name');
        await name.focus();
        await expect(name).toBeFocused();
        const outline = await name.evaluate(header => getComputedStyle(header).outlineStyle);
        expect(outline, 'a focused column header shows its focus').not.toBe('none');
        await page.keyboard.press('Enter');
        await expect(name).toHaveAttribute('aria-sort', 'ascending');
        await page.keyboard.press(' ');
        await expect(name).toHaveAttribute('aria-sort', 'descending');
        await expect(name).toBeFocused();
    });

    test('every dialog is a named modal dialog with the focus inside, and passes axe', async ({ page }) => {
        const shell = await PressworkShell.signIn(page, server.url, 'admin', ADMIN_PASSWORD);
        await shell.runMenu('Help', 'About');
        await checkDialog(page, 'Presswork');
        await shell.runMenu('Account', 'Change password…');
        await checkDialog(page, 'Change password');

        const pod = await openOperations(page, shell);
        await pod.openMenu('views');
        await pod.menuItem('Save view as…').click();
        await checkDialog(page, /Save view/);

        const actions = new JobActions(page, pod);
        const jobId = await pod.rows().first().getAttribute('data-job-id') ?? '';
        await actions.run(jobId, 'presswork.jobs.log');
        await checkDialog(page, /Log/);
        await actions.run(jobId, 'presswork.jobs.properties');
        await checkDialog(page, /Properties/);
        await actions.run(jobId, ORDER_DETAILS);
        await checkDialog(page, /Order/);
        await actions.run(jobId, 'presswork.jobs.delete');
        await checkDialog(page, /Delete/);
        await pod.filter('');

        await shell.runMenu('View', 'Users');
        const users = page.locator('#presswork-users');
        await users.getByRole('button', { name: 'New user…' }).click();
        await checkDialog(page, 'Create user');
        await users.locator('tr[data-user="admin"]').getByRole('button', { name: 'Issue API token…' }).click();
        await checkDialog(page, /Issue an API token/);

        await shell.runMenu('View', 'Workflows');
        const workflows = page.locator('#presswork-workflows');
        await workflows.getByRole('button', { name: 'Versions…' }).first().click();
        await checkDialog(page, /Versions/);
        await workflows.getByRole('button', { name: 'New…' }).click();
        await checkDialog(page, /workflow/i);

        await shell.runMenu('View', 'Connections');
        const connections = page.locator('#presswork-connections');
        await connections.getByRole('button', { name: 'Log…' }).first().click();
        await checkDialog(page, /log/i);
    });
});
