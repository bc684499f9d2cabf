import { test, expect } from '@playwright/test';
import { PressworkServer } from '../fixtures/presswork-server';
import { AllJobsPod } from '../page-objects/all-jobs-pod';
import { CloseoutDialogs } from '../page-objects/closeout-dialogs';
import { InternalIdShown, internalIdsShown } from '../page-objects/internal-ids';
import { JobActions } from '../page-objects/job-action-dialogs';
import { PressworkShell } from '../page-objects/presswork-shell';

const ADMIN_PASSWORD = 'Admin#Words1';

/** Opens the Operations workspace and waits for jobs in the pod. */
async function operations(shell: PressworkShell): Promise<AllJobsPod> {
    await shell.runMenu('Operations', 'Operations Workspace');
    const pod = new AllJobsPod(shell.page);
    await pod.waitUntilLoaded();
    return pod;
}

/** The id of a demo job waiting at the activity with this label (the demo store keeps sending orders). */
async function jobWaitingAt(pod: AllJobsPod, activity: string): Promise<string> {
    const waiting = pod.grid.locator('tr[data-job-id][data-state="Waiting"]')
        .filter({ has: pod.page.locator('td[data-column-id="currentActivity"]', { hasText: new RegExp(`^(?:${activity})$`) }) });
    await expect(waiting.first()).toBeVisible({ timeout: 60_000 });
    return (await waiting.first().getAttribute('data-job-id'))!;
}

test.describe('words, not ids', () => {
    let server: PressworkServer;

    test.beforeAll(async () => {
        server = await PressworkServer.start({ adminPassword: ADMIN_PASSWORD, demo: true, environment: { PRESSWORK_DEMO_ORDER_SECONDS: '4' } });
    });

    test.afterAll(async () => {
        await server?.stop();
    });

    test('an operator reads activities, order facts and the job log in words', async ({ page }) => {
        // Five dialogs and two actions, each waiting for the live pod: more than one action's time on a busy machine.
        test.setTimeout(180_000);
        const shell = await PressworkShell.signIn(page, server.url, 'admin', ADMIN_PASSWORD);
        const pod = await operations(shell);
        const actions = new JobActions(page, pod);

        // The Current activity column names the activity a job waits at.
        const jobId = await jobWaitingAt(pod, 'Prepress Check');
        await expect(pod.cell(jobId, 'currentActivity')).toHaveText('Prepress Check');

        // Properties…: the status in words; the order's facts labelled and read-only, never a row to edit or remove.
        await actions.openProperties(jobId);
        await expect(actions.properties.locator('[data-fact="status"]')).toHaveText(/ · Waiting · Prepress Check$/);
        const facts = actions.properties.locator('.presswork-job-order-facts');
        await expect(facts.getByRole('heading', { name: 'From the order' })).toBeVisible();
        await expect(facts.locator('dt', { hasText: 'MarcomCentral order ID' })).toBeVisible();
        await expect(facts.locator('[data-order-fact="marcomOrderId"]')).not.toBeEmpty();
        await expect(facts.locator('input, select, button')).toHaveCount(0);
        for (const key of ['marcomOrderId', 'customerEmail', 'shipTo']) {
            await expect(actions.properties.locator(`.presswork-job-property-row[data-property="${key}"]`)).toHaveCount(0);
        }

        // An edit is logged with its old and new values.
        const copies = Number(await actions.propertyField('copies').inputValue());
        await actions.propertyField('copies').fill(String(copies + 1));
        await actions.save();
        await expect(actions.dialog).toHaveCount(0);

        // Prepress done is logged as what the operator decided, and by whom.
        await actions.run(jobId, 'presswork.jobs.prepressDone');
        await expect(pod.row(jobId)).not.toHaveAttribute('data-state', 'Waiting');
        await actions.run(jobId, 'presswork.jobs.log');
        await expect(actions.logMessages().filter({ hasText: `Properties changed by admin: Copies ${copies} → ${copies + 1}` })).toHaveCount(1);
        await expect(actions.logMessages().filter({ hasText: 'Prepress check done by admin' })).toHaveCount(1);
        await expect(actions.logMessages().filter({ hasText: /^Continued$/ })).toHaveCount(0);
        await expect(actions.log.locator('td.presswork-job-log-level').first()).toHaveText(/^(Information|Warning|Error)$/);
        await actions.close();
    });

    test('no view, menu or dialog shows an internal id', async ({ page }) => {
        // Every view, menu and dialog in turn: longer than one action's test.
        test.setTimeout(300_000);
        const shell = await PressworkShell.signIn(page, server.url, 'admin', ADMIN_PASSWORD);
        const shown: InternalIdShown[] = [];
        const sweep = (where: string): Promise<void> => test.step(`sweep ${where}`, async () => {
            shown.push(...(await internalIdsShown(page)).map(found => ({ ...found, where: `${where} (${found.where})` })));
        });

        // The sweep sees an id wherever the old screens showed one: a cell, a field's value, a tooltip.
        await page.evaluate(() => {
            const probe = document.createElement('div');
            probe.id = 'words-probe';
            probe.innerHTML = '<table><tr><td>approve</td><td>Print</td><td title="at prepress-check">Prepress Check</td></tr></table><input aria-label="Property name" value="customerEmail">';
            document.body.prepend(probe);
        });
        expect((await internalIdsShown(page)).map(found => found.id).sort()).toEqual(['approve', 'customerEmail', 'prepress-check']);
        await page.evaluate(() => document.getElementById('words-probe')?.remove());

        // Every view of the View menu, each as it opens.
        await shell.menu('View').click();
        const views = (await page.locator('.lm-Menu-itemLabel').allTextContents()).map(label => label.trim()).filter(Boolean);
        await page.keyboard.press('Escape');
        expect(views.length, 'the View menu lists views').toBeGreaterThan(3);
        for (const view of views) {
            await shell.runMenu('View', view);
            await page.waitForTimeout(500);
            await sweep(`the view ${view}`);
        }

        // Every menu of the menu bar, open.
        const menus = (await page.locator('#theia\\:menubar .lm-MenuBar-itemLabel').allTextContents()).map(label => label.trim()).filter(Boolean);
        for (const menu of menus) {
            await shell.menu(menu).click();
            await expect(page.locator('.lm-Menu').first()).toBeVisible();
            await sweep(`the ${menu} menu`);
            await page.keyboard.press('Escape');
        }

        // The pod with a waiting job selected (the Order panel shows its order), its menus and dialogs.
        const pod = await operations(shell);
        const actions = new JobActions(page, pod);
        const jobId = await jobWaitingAt(pod, 'Approve|Prepress Check');
        await actions.select(jobId);
        await sweep('the pod and the Order panel');
        for (const menu of ['views', 'columns', 'facets', 'more'] as const) {
            await pod.openMenu(menu);
            await sweep(`the pod's ${menu} menu`);
            await page.keyboard.press('Escape');
            await expect(pod.menu).toHaveCount(0);
        }
        await pod.row(jobId).click({ button: 'right' });
        await expect(pod.menu).toBeVisible();
        await sweep('the context menu of a job');
        await page.keyboard.press('Escape');

        const dialogs: readonly { readonly action: string; readonly open: () => Promise<void>; readonly close: () => Promise<void> }[] = [
            { action: 'Properties…', open: () => actions.openProperties(jobId), close: () => actions.close() },
            { action: 'Log…', open: async () => { await actions.run(jobId, 'presswork.jobs.log'); await expect(actions.logMessages().first()).toBeVisible(); }, close: () => actions.close() },
            {
                action: 'Order details…',
                open: async () => { await actions.run(jobId, 'presswork.closeout.orderDetails'); await expect(new CloseoutDialogs(page).orderDetails).toBeVisible(); },
                close: () => new CloseoutDialogs(page).closeOrderDetails()
            }
        ];
        for (const dialog of dialogs) {
            await dialog.open();
            await sweep(`the ${dialog.action} dialog`);
            await dialog.close();
        }

        expect(shown, `internal ids on screen:\n${shown.map(found => `${found.id} in ${found.where}`).join('\n')}`).toEqual([]);
    });
});
