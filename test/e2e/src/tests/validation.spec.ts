import { test, expect } from '@playwright/test';
import { useStoreAndPresswork } from '../fixtures/store-and-presswork';
import { ConnectionsView } from '../page-objects/connections-view';
import { PressworkShell } from '../page-objects/presswork-shell';
import { WorkflowDesigner } from '../page-objects/workflow-designer';

const ADMIN_PASSWORD = 'Admin#Valid1';
/** zod's own wording, which no one at the shop should read. */
const VALIDATOR_WORDS = /Too small|Too big|expected number|expected string|Invalid input|>=|<=/;

test.describe('validation in words', () => {
    const context = useStoreAndPresswork(ADMIN_PASSWORD);

    test('a connection form shows every problem at once, beside its field, in sentences', async ({ page }) => {
        const shell = await PressworkShell.signIn(page, context.server.url, 'admin', ADMIN_PASSWORD);
        await shell.runMenu('View', 'Connections');
        const connections = new ConnectionsView(page);
        await connections.fillNew({ name: 'Typo store', endpointUrl: 'not a web address', orderToken: 'token', pollingIntervalSeconds: 0 });
        const dialog = connections.dialog;
        // Both problems at once, each beside its own field.
        const interval = dialog.locator('.presswork-form-row', { has: page.getByLabel('Polling interval (seconds)') });
        const endpoint = dialog.locator('.presswork-form-row', { has: page.getByLabel('Endpoint URL') });
        await expect(interval.locator('.presswork-form-problem')).toHaveText('The polling interval must be at least 1 second');
        await expect(endpoint.locator('.presswork-form-problem')).toHaveText('The endpoint URL must be an http or https URL');
        await expect(dialog.getByLabel('Polling interval (seconds)')).toHaveAttribute('aria-invalid', 'true');
        await expect(dialog).not.toContainText(VALIDATOR_WORDS);

        // Fixing one leaves the other in place; fixing both lets the connection be created.
        await dialog.getByLabel('Polling interval (seconds)').fill('86401');
        await expect(interval.locator('.presswork-form-problem')).toHaveText('The polling interval must be at most 86400 seconds');
        await expect(endpoint.locator('.presswork-form-problem')).toBeVisible();
        await dialog.getByLabel('Polling interval (seconds)').fill('300');
        await dialog.getByLabel('Endpoint URL').fill(context.simulator.url);
        await expect(dialog.locator('.presswork-form-problem')).toHaveCount(0);
        await dialog.getByRole('button', { name: 'Create' }).click();
        await expect(dialog).toHaveCount(0);
        await expect(connections.row('Typo store')).toBeVisible();
    });

    test('Create on an untouched form names every field still to fix, beside each', async ({ page }) => {
        const shell = await PressworkShell.signIn(page, context.server.url, 'admin', ADMIN_PASSWORD);
        await shell.runMenu('View', 'Connections');
        const connections = new ConnectionsView(page);
        await connections.root.getByRole('button', { name: 'New connection…' }).click();
        const dialog = connections.dialog;
        await dialog.getByLabel('Name', { exact: true }).press('Enter');
        await expect(dialog.locator('.presswork-form-row', { has: page.getByLabel('Name', { exact: true }) }).locator('.presswork-form-problem'))
            .toHaveText('Name is required');
        await expect(dialog.locator('.presswork-form-row', { has: page.getByLabel('Endpoint URL') }).locator('.presswork-form-problem')).toBeVisible();
        await expect(dialog.getByLabel('Name', { exact: true })).toBeFocused();
        await expect(dialog).not.toContainText(VALIDATOR_WORDS);
        await page.keyboard.press('Escape');
        await expect(dialog).toHaveCount(0);
    });

    test('a template chooses its product type from the list MarcomCentral defines', async ({ page }) => {
        const shell = await PressworkShell.signIn(page, context.server.url, 'admin', ADMIN_PASSWORD);
        await shell.runMenu('View', 'Production Templates');
        await page.getByRole('button', { name: 'New production template…' }).click();
        const dialog = page.locator('#theia-dialog-shell');
        const productType = dialog.getByLabel('Match product type');
        await expect(productType.locator('option')).toHaveText(['Any product type', 'Versioned (printed)', 'Variable (printed)', 'JobDirect (printed)',
            'Static (stocked item, not printed)']);
        await dialog.getByLabel('Name', { exact: true }).fill('Variable products');
        await productType.selectOption('Variable');
        await dialog.getByLabel('Workflow', { exact: true }).selectOption({ label: 'MarcomCentral print' });
        await dialog.getByRole('button', { name: 'Create' }).click();
        await expect(dialog).toHaveCount(0);
        await expect(page.locator('tr[data-template="Variable products"]')).toContainText('type Variable');
    });

    test('the connection log calls re-read orders already taken in, not duplicates', async ({ page }) => {
        const shell = await PressworkShell.signIn(page, context.server.url, 'admin', ADMIN_PASSWORD);
        await shell.runMenu('View', 'Connections');
        const connections = new ConnectionsView(page);
        await connections.create({ name: 'Polled store', endpointUrl: context.simulator.url, orderToken: context.simulator.orderToken, pollingIntervalSeconds: 1 });
        await connections.setEnabled('Polled store', true);
        await expect.poll(async () => {
            const log = await connections.openLog('Polled store');
            const rows = await log.locator('tbody tr').count();
            await connections.closeDialog();
            return rows;
        }, { timeout: 30_000 }).toBeGreaterThan(0);
        const log = await connections.openLog('Polled store');
        await expect(log.locator('thead th', { hasText: 'Already taken in (unchanged)' })).toHaveAttribute('title', /already has/);
        await expect(connections.dialog).not.toContainText(/duplicate/i);
        await connections.closeDialog();
        await connections.setEnabled('Polled store', false);
    });

    test('at 1280 px the designer shows all four lanes and whole card titles, and refuses a second Print', async ({ page }) => {
        await page.setViewportSize({ width: 1280, height: 800 });
        const shell = await PressworkShell.signIn(page, context.server.url, 'admin', ADMIN_PASSWORD);
        await shell.runMenu('View', 'Workflows');
        const designer = new WorkflowDesigner(page);
        await designer.createWorkflow('Twice printed');
        await designer.dragActivity('prepress-check', 'Prepare');

        // Every lane lies wholly inside the window and inside its own scroll box: none is clipped.
        const lanes = designer.editor.locator('.presswork-workflow-lanes');
        const box = (await lanes.boundingBox())!;
        for (const phase of ['Receive', 'Prepare', 'Print', 'Complete']) {
            const lane = (await designer.lane(phase).boundingBox())!;
            expect(lane.x + lane.width, `${phase} lane`).toBeLessThanOrEqual(Math.min(1280, box.x + box.width) + 1);
        }
        expect(await lanes.evaluate(element => element.scrollWidth <= element.clientWidth)).toBe(true);
        // The card's title is whole (not "Prepress …") and its tooltip says all of it.
        const card = designer.card('Prepare', 'prepress-check');
        const label = card.locator('.presswork-step-label');
        await expect(label).toHaveText('Prepress Check');
        expect(await label.evaluate(element => element.scrollWidth <= element.clientWidth)).toBe(true);
        await expect(card).toHaveAttribute('title', /^Prepress Check/);

        // Print is once-only: a second Print step is a problem on that step, and saving is refused.
        await designer.dragActivity('print', 'Print');
        await designer.card('Print', 'print').click();
        await page.locator('#presswork-workflow-properties #presswork-step-field-printerId').selectOption({ label: 'Demo hot folder' });
        await designer.drag(designer.editor.locator('[data-palette-activity="print"]'), designer.lane('Print').locator('.presswork-workflow-lane-body'));
        const prints = designer.card('Print', 'print');
        await expect(prints).toHaveCount(2);
        await prints.nth(1).click();
        await page.locator('#presswork-workflow-properties #presswork-step-field-printerId').selectOption({ label: 'Demo hot folder' });
        await expect(prints.nth(1)).toHaveClass(/presswork-step-card--error/);
        await expect(prints.nth(0)).not.toHaveClass(/presswork-step-card--error/);
        await expect(page.locator('.presswork-workflow-problems')).toContainText('Print may run only once for a job');
        await expect(designer.editor.getByRole('button', { name: 'Save', exact: true })).toBeDisabled();

        // Removing the second Print lets it save.
        await prints.nth(1).click();
        await page.keyboard.press('Delete');
        await expect(prints).toHaveCount(1);
        await expect(page.locator('.presswork-workflow-problems')).toContainText('0 errors');
        await designer.button('Save');
        await expect(designer.editor).toContainText('Saved as version');
    });
});
