import { test, expect } from '@playwright/test';
import { CATALOGUES, CONNECTION, jobsOfOrder, jobState, openOperations, PENS } from '../fixtures/closeout-scenario';
import { useStoreAndPresswork } from '../fixtures/store-and-presswork';
import { ConnectionsView } from '../page-objects/connections-view';
import { ProductionTemplatesView } from '../page-objects/production-templates-view';
import { PressworkShell } from '../page-objects/presswork-shell';

const ADMIN_PASSWORD = 'Admin#Sched1';
const PRIORITY_PROBLEM = 'Priority must be a whole number from 1 (taken first) to 10 (taken last)';

/**
 * The schedule as the shop sees it: a job's priority comes from its production template and is
 * changed in Properties…; a job past its due date is marked in the pod, counted in the status bar
 * and found with the At risk filter.
 */
test.describe('priorities and jobs at risk', () => {
    const context = useStoreAndPresswork(ADMIN_PASSWORD);

    test('an order takes its template\'s priority; a job made overdue is marked, counted and filtered', async ({ page }) => {
        test.setTimeout(240_000);
        const shell = await PressworkShell.signIn(page, context.server.url, 'admin', ADMIN_PASSWORD);
        await shell.runMenu('View', 'Production Templates');
        const templates = new ProductionTemplatesView(page);
        await templates.fillNew({ name: 'Stocked products', productType: 'Static', workflow: 'MarcomCentral stock item' });
        await templates.dialog.getByLabel(/^Priority/).fill('2');
        await templates.dialog.getByRole('button', { name: 'Create' }).click();
        await expect(templates.dialog).toHaveCount(0);
        await shell.runMenu('View', 'Connections');
        const connections = new ConnectionsView(page);
        await connections.create({ name: CONNECTION, endpointUrl: context.simulator.url, orderToken: context.simulator.orderToken, pollingIntervalSeconds: 2 });
        await connections.setEnabled(CONNECTION, true);

        const order = await context.simulator.placeOrder({
            PaymentMethod: 'PurchaseOrder',
            OrderDetails: [{ SKU: PENS, Quantity: 1 }, { SKU: CATALOGUES, Quantity: 10 }]
        });
        const jobs = await jobsOfOrder(context.server.dataFolder, order);
        const [pens, catalogues] = [jobs.find(job => job.name.includes('Pens'))!, jobs.find(job => !job.name.includes('Pens'))!];
        await expect.poll(() => jobState(context.server.dataFolder, pens.id), { timeout: 60_000 }).toBe('Waiting');

        // The template's priority shows in the Priority column; nothing is at risk yet.
        const { pod, actions } = await openOperations(shell);
        await pod.showColumn('Priority', 'priority');
        await expect(pod.cell(pens.id, 'priority')).toHaveText('2');
        await expect(pod.cell(catalogues.id, 'priority')).toHaveText('2');
        const atRiskCount = page.locator('#status-bar-presswork-jobs-at-risk');
        await expect(atRiskCount).toContainText('0 at risk');
        await expect(page.locator('#status-bar-presswork-jobs-waiting-for-batch')).toContainText('0 waiting for batch');

        // Group by → Batch: jobs waiting in no batch form one group; the Batch column is there to add.
        await pod.groupBy('Batch');
        await expect(pod.groupHeader('')).toContainText('2 jobs');
        await pod.showColumn('Batch', 'batch');
        await expect(pod.cell(pens.id, 'batch')).toHaveText('');
        await pod.groupBy('None');
        await expect(pod.groupHeader('')).toHaveCount(0);

        // Properties…: a priority outside 1–10 is refused in words; 1 is taken, and the due date moves to an hour ago.
        await actions.openProperties(pens.id);
        await expect(actions.propertyField('priority')).toHaveValue('2');
        await actions.propertyField('priority').fill('11');
        await actions.save();
        await expect(actions.dialog).toContainText(PRIORITY_PROBLEM);
        await actions.propertyField('priority').fill('1');
        const anHourAgo = await page.evaluate(() => {
            const date = new Date(Date.now() - 3_600_000);
            const pad = (value: number): string => String(value).padStart(2, '0');
            return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
        });
        await actions.propertyField('due').fill(anHourAgo);
        await actions.save();
        await expect(actions.dialog).toHaveCount(0);

        // The pod marks the job overdue, with its Due in the list's error colour, and shows its new priority.
        await pod.filter('');
        await expect(pod.cell(pens.id, 'priority')).toHaveText('1');
        await expect(pod.row(pens.id)).toHaveAttribute('data-overdue', 'true');
        await expect(pod.row(pens.id).getByRole('img', { name: 'Overdue' })).toBeVisible();
        await expect(pod.row(catalogues.id).getByRole('img')).toHaveCount(0);
        // Another job selected: the overdue one is drawn as anyone scanning the list sees it.
        await pod.row(catalogues.id).click();
        const errorColour = await page.evaluate(() => {
            const probe = document.createElement('span');
            probe.style.color = 'var(--theia-list-errorForeground)';
            document.body.appendChild(probe);
            const colour = getComputedStyle(probe).color;
            probe.remove();
            return colour;
        });
        await expect(pod.cell(pens.id, 'due')).toHaveCSS('color', errorColour);

        // The status bar counts it; a click shows only the jobs at risk.
        await expect(atRiskCount).toContainText('1 at risk', { timeout: 30_000 });
        await atRiskCount.click();
        await expect(pod.toolbarButton('facets')).toHaveText(/Filters \(1\)/);
        await expect(pod.rows()).toHaveCount(1);
        await expect(pod.row(pens.id)).toBeVisible();

        // The same filter from the Filters menu: Schedule: At risk, unticked, shows every job again.
        await pod.openMenu('facets');
        const atRiskFacet = pod.menuItem('Schedule: At risk');
        await expect(atRiskFacet).toHaveAttribute('aria-checked', 'true');
        await atRiskFacet.click();
        await page.keyboard.press('Escape');
        await expect(pod.rows()).toHaveCount(2);
        await pod.openMenu('facets');
        await pod.menuItem('Schedule: At risk').click();
        await page.keyboard.press('Escape');
        await expect(pod.rows()).toHaveCount(1);
    });
});
