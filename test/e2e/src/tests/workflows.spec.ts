import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { test, expect } from '@playwright/test';
import { useStoreAndPresswork } from '../fixtures/store-and-presswork';
import { storedOrders } from '../fixtures/stored-jobs';
import { ConnectionsView } from '../page-objects/connections-view';
import { PressworkShell } from '../page-objects/presswork-shell';
import { SignInPage } from '../page-objects/sign-in-page';
import { UsersView } from '../page-objects/users-view';
import { WorkflowDesigner } from '../page-objects/workflow-designer';

const ADMIN_PASSWORD = 'Admin#Flow1';

test.describe('workflows', () => {
    const context = useStoreAndPresswork(ADMIN_PASSWORD);

    test('an administrator designs a workflow by dragging activities into lanes, and a job runs through it', async ({ page }) => {
        const shell = await PressworkShell.signIn(page, context.server.url, 'admin', ADMIN_PASSWORD);
        await shell.runMenu('View', 'Workflows');
        const designer = new WorkflowDesigner(page);
        await designer.createWorkflow('Flyers');
        await expect(designer.card('Receive', 'create-job')).toHaveCount(1);

        await designer.dragActivity('print', 'Print');
        await designer.card('Print', 'print').click();
        await page.locator('#presswork-workflow-properties #presswork-step-field-printerId').selectOption({ label: 'Demo hot folder' });
        // A configured step can be kept in the palette as a custom activity.
        await page.locator('#presswork-workflow-properties').getByRole('button', { name: 'Save as custom activity…' }).click();
        const customDialog = page.locator('#theia-dialog-shell');
        await customDialog.getByLabel('Name in the palette').fill('Print to the demo folder');
        await customDialog.getByRole('button', { name: 'Save' }).click();
        await expect(designer.editor.locator('[data-palette-activity^="custom:"]')).toContainText('Print to the demo folder');

        await designer.dragActivity('remove', 'Complete');
        await designer.card('Complete', 'retain').click();
        await page.keyboard.press('Delete');
        await expect(designer.card('Complete', 'retain')).toHaveCount(0);
        await designer.button('Undo');
        await expect(designer.card('Complete', 'retain')).toHaveCount(1);
        await designer.button('Redo');
        await expect(designer.card('Complete', 'retain')).toHaveCount(0);
        await expect(page.locator('.presswork-workflow-problems')).toContainText('0 errors');
        await designer.button('Save');
        await expect(designer.editor).toContainText('Saved as version');

        await shell.runMenu('View', 'Workflows');
        await designer.listRow('Flyers').getByLabel('Enabled: Flyers').setChecked(true);
        await expect(designer.listRow('Flyers').getByLabel('Enabled: Flyers')).toBeChecked();

        // Versioned products go to the new workflow.
        await shell.runMenu('View', 'Production Templates');
        await page.getByRole('button', { name: 'New production template…' }).click();
        const dialog = page.locator('#theia-dialog-shell');
        await dialog.getByLabel('Name', { exact: true }).fill('Flyers for versioned products');
        await dialog.getByLabel('Match product type').selectOption('Versioned');
        await dialog.getByLabel('Workflow', { exact: true }).selectOption({ label: 'Flyers' });
        await dialog.getByRole('button', { name: 'Create' }).click();
        await expect(dialog).toHaveCount(0);

        await shell.runMenu('View', 'Connections');
        const connections = new ConnectionsView(page);
        await connections.create({ name: 'Shop store', endpointUrl: context.simulator.url, orderToken: context.simulator.orderToken, pollingIntervalSeconds: 2 });
        await connections.setEnabled('Shop store', true);

        const order = await context.simulator.placeOrder({ OrderDetails: [{ SKU: '13933967', Quantity: 250 }] });
        for (const line of order.OrderDetails) {
            await context.simulator.markFileReady(line.ID);
        }

        // The job is printed into the demo hot folder, then removed with an audit record.
        const hotFolder = path.join(context.server.dataFolder, 'hot-folders', 'demo');
        await expect.poll(async () => (await fs.readdir(hotFolder).catch(() => [])).length, { timeout: 60_000 }).toBeGreaterThanOrEqual(1);
        await expect.poll(async () => (await storedOrders(context.server.dataFolder)).find(stored => stored.orderNumber === order.OrderNumber)?.jobs.length,
            { timeout: 60_000 }).toBe(0);
        const auditMonths = await fs.readdir(path.join(context.server.dataFolder, 'audit'));
        const audits = (await Promise.all(auditMonths.map(month => fs.readdir(path.join(context.server.dataFolder, 'audit', month))))).flat();
        expect(audits.length).toBe(1);
    });

    test('an operator sees workflows read-only', async ({ browser }) => {
        const adminPage = await browser.newPage();
        const adminShell = await PressworkShell.signIn(adminPage, context.server.url, 'admin', ADMIN_PASSWORD);
        await adminShell.runMenu('View', 'Users');
        await new UsersView(adminPage).createUser('Otto', 'Operator', 'Operat0r#Start');

        const page = await browser.newPage();
        const signIn = new SignInPage(page, context.server.url);
        await signIn.open();
        await signIn.signIn('Otto', 'Operat0r#Start');
        await signIn.changePassword('Operat0r#Start', 'Operat0r#Mine');
        const shell = new PressworkShell(page);
        await shell.waitUntilReady();
        await shell.runMenu('View', 'Workflows');
        const designer = new WorkflowDesigner(page);
        await expect(designer.list.getByRole('button', { name: 'New…' })).toHaveCount(0);
        await designer.listRow('MarcomCentral print').getByRole('button', { name: 'Open' }).click();
        await expect(designer.editor).toContainText('Read-only: only administrators change workflows.');
        await expect(designer.editor.getByRole('button', { name: 'Save', exact: true })).toHaveCount(0);
        await designer.drag(designer.editor.locator('[data-palette-activity="approve"]'), designer.lane('Prepare').locator('.presswork-workflow-lane-body'));
        await expect(designer.card('Prepare', 'approve')).toHaveCount(0);
    });
});
