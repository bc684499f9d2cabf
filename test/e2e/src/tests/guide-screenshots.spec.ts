import { test, expect, Browser, Page } from '@playwright/test';
import { SAMPLE_ORDERS } from '@presswork/marcomcentral-simulator';
import { testPng } from '@presswork/platform/lib/node/test/test-images';
import type { OrderView } from '@presswork/marcomcentral-simulator';
import {
    BUSINESS_CARDS, CLOSEOUT_ORDER, closeOutWithInvoiceRefused, CONNECTION, jobsOfOrder, jobsOfOrderNumber, jobState, openOperations, OPERATOR, OPERATOR_START, ORDER_DETAILS, PENS,
    signInOperatorFirstTime
} from '../fixtures/closeout-scenario';
import { useStoreAndPresswork } from '../fixtures/store-and-presswork';
import { ConnectionsView } from '../page-objects/connections-view';
import { GUIDE_VIEWPORT, GuideCamera } from '../page-objects/guide-camera';
import { ProductionTemplatesView } from '../page-objects/production-templates-view';
import { PressworkShell } from '../page-objects/presswork-shell';
import { SignInPage } from '../page-objects/sign-in-page';
import { UsersView } from '../page-objects/users-view';
import { WorkflowDesigner } from '../page-objects/workflow-designer';

/**
 * Walks every task of docs/operator-guide.md and docs/administrator-guide.md in the real
 * application (a MarcomCentral simulator and a Presswork) and takes the guides' screenshots on the
 * way, into docs/images/. Each screenshot is taken of a state the test has just checked, so a guide
 * whose screenshots this run renews shows what the product does today.
 */

const ADMIN_PASSWORD = 'Admin#Guide1';
const WORKFLOW = 'Rush flyers';

/** The orders the guide's story needs, placed in the simulator once the connection polls it. */
interface GuideOrders {
    /** Business cards and pens, paid by card: the closeout walk-through. */
    readonly card: OrderView;
    /** Two printed lines, paid by card: hold, resume, properties, log, retain; then Try again. */
    readonly twoLines: OrderView;
    /** A printed and a stocked line, by purchase order: reject, process again; no Settlement tab. */
    readonly purchaseOrder: OrderView;
    /** Three lines to three addresses: the closeout is refused. */
    readonly threeAddresses: OrderView;
    /** One printed line: moved to another workflow, then approved. */
    readonly moved: OrderView;
    /** Stocked items only: one is completed, the other deleted. */
    readonly completed: OrderView;
    readonly deleted: OrderView;
}

async function newGuidePage(browser: Browser): Promise<Page> {
    return browser.newPage({ viewport: GUIDE_VIEWPORT });
}

function formDialog(page: Page) {
    return page.locator('#theia-dialog-shell');
}

test.describe.configure({ mode: 'serial' });

test.describe('guide screenshots', () => {
    const context = useStoreAndPresswork(ADMIN_PASSWORD);
    let admin: PressworkShell;
    let adminCamera: GuideCamera;
    let operator: PressworkShell;
    let camera: GuideCamera;
    let apiToken: string;
    let orders: GuideOrders;

    test('administrator: sign in, users and API tokens, production templates, connections, printers, workflows', async ({ browser }) => {
        test.setTimeout(240_000);
        const page = await newGuidePage(browser);
        adminCamera = new GuideCamera(page);
        const signIn = new SignInPage(page, context.server.url);
        await signIn.open();
        await page.getByLabel('User name').fill('admin');
        await page.getByLabel('Password', { exact: true }).fill(ADMIN_PASSWORD);
        await adminCamera.element(page.locator('form.card'), 'sign-in');
        await page.getByRole('button', { name: 'Sign in' }).click();
        admin = new PressworkShell(page);
        await admin.waitUntilReady();

        // The View menu opens every view.
        await admin.menu('View').click();
        const viewMenu = page.locator('.lm-Menu').first();
        for (const entry of ['Operations', 'Connections', 'Production Templates', 'Users', 'Workflows', 'Printers']) {
            await expect(viewMenu.locator('.lm-Menu-itemLabel', { hasText: entry }).first()).toBeVisible();
        }
        await adminCamera.around([admin.menu('View'), viewMenu], 'view-menu');
        await page.keyboard.press('Escape');

        // Users: a new operator; an API token for a shop system.
        await admin.runMenu('View', 'Users');
        const users = new UsersView(page);
        await users.fillNewUser(OPERATOR, 'Operator', OPERATOR_START);
        const dialog = formDialog(page);
        await adminCamera.dialog('admin-new-user');
        await dialog.getByRole('button', { name: 'Create' }).click();
        await expect(users.row(OPERATOR)).toBeVisible();
        await expect(users.row(OPERATOR).getByLabel(`Authority of ${OPERATOR}`)).toHaveValue('Operator');

        await users.row(OPERATOR).getByRole('button', { name: 'Issue API token…' }).click();
        await dialog.getByLabel('Name', { exact: true }).fill('Shop status board');
        await adminCamera.dialog('admin-issue-token');
        await dialog.getByRole('button', { name: 'Issue' }).click();
        const tokenField = dialog.getByLabel('API token', { exact: true });
        await expect(tokenField).not.toHaveValue('');
        apiToken = await tokenField.inputValue();
        await adminCamera.dialog('admin-token-issued', [tokenField]);
        await dialog.getByRole('button', { name: 'Done' }).click();
        await expect(dialog).toHaveCount(0);
        await expect(users.root.locator('tr[data-token="Shop status board"]')).toContainText(OPERATOR);
        await adminCamera.element(users.root, 'admin-users');

        // Production templates send each product type to a workflow.
        await admin.runMenu('View', 'Production Templates');
        const templates = new ProductionTemplatesView(page);
        const productTypes = [['Versioned', 'MarcomCentral print'], ['Variable', 'MarcomCentral print'],
            ['JobDirect', 'MarcomCentral print'], ['Static', 'MarcomCentral stock item']] as const;
        for (const [productType, workflow] of productTypes) {
            await templates.fillNew({ name: `${productType} products`, productType, workflow });
            if (productType === 'Versioned') {
                await dialog.getByLabel('Due in hours').fill('48');
                await adminCamera.dialog('admin-new-template');
            }
            await dialog.getByRole('button', { name: 'Create' }).click();
            await expect(dialog).toHaveCount(0);
            await expect(templates.row(`${productType} products`)).toContainText(workflow);
        }
        await adminCamera.element(templates.root, 'admin-templates');

        // Connections: create, test, enable, read the log.
        await admin.runMenu('View', 'Connections');
        const connections = new ConnectionsView(page);
        await connections.fillNew({ name: CONNECTION, endpointUrl: context.simulator.url, orderToken: context.simulator.orderToken, pollingIntervalSeconds: 2 });
        await adminCamera.dialog('admin-new-connection');
        await dialog.getByRole('button', { name: 'Create' }).click();
        await expect(connections.row(CONNECTION)).toContainText('Disabled');
        const tested = await connections.test(CONNECTION);
        await expect(tested).toContainText(`${CONNECTION}: OK`);
        const notification = page.locator('.theia-notification-list-item', { hasText: `${CONNECTION}: OK` }).first();
        await adminCamera.element(notification, 'admin-connection-test');
        await notification.locator('li[title="Clear"]').click();
        await expect(notification).toHaveCount(0);
        await connections.setEnabled(CONNECTION, true);
        await expect(connections.row(CONNECTION)).toContainText('OK', { timeout: 30_000 });
        await expect(connections.row(CONNECTION)).toContainText('order set');
        await adminCamera.element(connections.root, 'admin-connections');
        const log = await connections.openLog(CONNECTION);
        await expect(log.locator('tbody tr').first()).toBeVisible();
        await adminCamera.dialog('admin-connection-log');
        await connections.closeDialog();

        // Printers: a raw-socket printer, left disabled until the press is there.
        await admin.runMenu('View', 'Printers');
        const printers = page.locator('#presswork-printers');
        await printers.getByRole('button', { name: 'New printer…' }).click();
        await dialog.getByLabel('Name', { exact: true }).fill('Press room');
        await dialog.getByLabel('Kind').selectOption('raw-socket');
        await dialog.getByLabel('Host', { exact: true }).fill('127.0.0.1');
        await dialog.getByLabel('Enabled').setChecked(false);
        await adminCamera.dialog('admin-new-printer');
        await dialog.getByRole('button', { name: 'Create' }).click();
        await expect(dialog).toHaveCount(0);
        await expect(printers.getByLabel('Enabled: Press room')).not.toBeChecked();
        await expect(printers.getByLabel('Enabled: Demo hot folder')).toBeChecked();
        await adminCamera.element(printers, 'admin-printers');

        // The Operations menu; Shop Identity…: the name, address and logo the packing slips and invoices carry.
        await admin.menu('Operations').click();
        const operationsMenu = page.locator('.lm-Menu').first();
        await expect(operationsMenu.locator('.lm-Menu-itemLabel', { hasText: 'Shop Identity…' })).toBeVisible();
        await adminCamera.around([admin.menu('Operations'), operationsMenu], 'admin-operations-menu');
        await operationsMenu.locator('.lm-Menu-itemLabel', { hasText: 'Shop Identity…' }).click();
        await dialog.getByLabel('Shop name').fill('Northside Print Co.');
        await dialog.getByLabel('Address').fill('12 Mill Road\nSpringfield, IL 62701\n(217) 555-0142');
        await dialog.getByLabel('Document language').fill('en-US');
        await dialog.getByLabel('Logo').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: testPng(120, 48) });
        await expect(dialog.getByRole('img', { name: 'The shop logo' })).toBeVisible();
        await adminCamera.dialog('admin-shop-identity');
        await dialog.getByRole('button', { name: 'Save' }).click();
        await expect(dialog).toHaveCount(0);
        const saved = page.locator('.theia-notification-list-item', { hasText: 'Shop identity saved' }).first();
        await expect(saved).toBeVisible();
        await saved.locator('li[title="Clear"]').click();
        await expect(saved).toHaveCount(0);

        // Workflows: design one in the editor, save, set job defaults, enable it, look at its versions.
        await admin.runMenu('View', 'Workflows');
        const designer = new WorkflowDesigner(page);
        await expect(designer.listRow('MarcomCentral print')).toBeVisible();
        await adminCamera.element(designer.list, 'admin-workflows');
        // The designer needs the width: the Order panel on the right folds away (a click on its tab brings it back).
        await page.locator('#shell-tab-presswork-order-panel').click();
        await expect(page.locator('#presswork-order-panel')).toBeHidden();
        await designer.createWorkflow(WORKFLOW);
        // A new workflow starts with Create Job and Retain.
        await expect(designer.card('Receive', 'create-job')).toHaveCount(1);
        await expect(designer.card('Complete', 'retain')).toHaveCount(1);
        await designer.dragActivity('approve', 'Prepare');
        await designer.dragActivity('print', 'Print');
        await designer.dragActivity('closeout-order', 'Complete');
        // Closeout Order goes before Retain: Alt+Up moves the selected step up.
        await designer.card('Complete', 'closeout-order').click();
        await page.keyboard.press('Alt+ArrowUp');
        await expect(designer.lane('Complete').locator('[data-step-id]').first()).toHaveAttribute('data-activity', 'closeout-order');
        await designer.card('Print', 'print').click();
        const properties = page.locator('#presswork-workflow-properties');
        await properties.locator('#presswork-step-field-printerId').selectOption({ label: 'Demo hot folder' });
        await expect(page.locator('.presswork-workflow-problems')).toContainText('0 errors');
        await adminCamera.window('admin-workflow-designer');
        await designer.card('Complete', 'closeout-order').click();
        await expect(properties).toContainText('Closeout Order');
        await adminCamera.element(properties, 'admin-workflow-closeout-step');
        await designer.button('Save');
        await expect(designer.editor).toContainText('Saved as version');

        await designer.editor.getByRole('button', { name: 'Job defaults…' }).first().click();
        await dialog.locator('section[aria-label="Job defaults"]').getByRole('button', { name: 'Add property' }).click();
        await dialog.getByLabel('Property name').last().fill('media');
        await dialog.getByLabel('Value', { exact: true }).last().fill('Gloss 150 g');
        await adminCamera.dialog('admin-workflow-job-defaults');
        await dialog.getByRole('button', { name: 'Save' }).click();
        await expect(dialog).toHaveCount(0);

        await page.locator('#shell-tab-presswork-order-panel').click();
        await expect(page.locator('#presswork-order-panel')).toBeVisible();
        await admin.runMenu('View', 'Workflows');
        await designer.listRow(WORKFLOW).getByLabel(`Enabled: ${WORKFLOW}`).setChecked(true);
        await expect(designer.listRow(WORKFLOW).getByLabel(`Enabled: ${WORKFLOW}`)).toBeChecked();
        await designer.listRow(WORKFLOW).getByRole('button', { name: 'Versions…' }).click();
        await expect(dialog.locator('table[aria-label="Versions"] tbody tr').first()).toBeVisible();
        await adminCamera.dialog('admin-workflow-versions');
        await dialog.locator('.dialogControl').getByRole('button', { name: 'Close', exact: true }).click();
        const [download] = await Promise.all([
            page.waitForEvent('download'),
            designer.listRow(WORKFLOW).getByRole('button', { name: 'Export' }).click()
        ]);
        expect(download.suggestedFilename()).toMatch(/\.json$/);
    });

    test('operator: first sign-in, the Operations workspace, the All Jobs pod', async ({ browser }) => {
        test.setTimeout(180_000);
        orders = {
            card: await context.simulator.placeOrder({ PaymentMethod: 'CreditCard', OrderDetails: [{ SKU: BUSINESS_CARDS, Quantity: 250 }, { SKU: PENS, Quantity: 2 }] }),
            twoLines: await context.simulator.placeOrder(SAMPLE_ORDERS.cardSingleShipTo),
            purchaseOrder: await context.simulator.placeOrder(SAMPLE_ORDERS.purchaseOrder),
            threeAddresses: await context.simulator.placeOrder(SAMPLE_ORDERS.multiShipTo),
            moved: await context.simulator.placeOrder(SAMPLE_ORDERS.costCenter),
            completed: await context.simulator.placeOrder(SAMPLE_ORDERS.stockedOnly),
            deleted: await context.simulator.placeOrder(SAMPLE_ORDERS.stockedOnly)
        };
        for (const order of Object.values(orders)) {
            for (const line of order.OrderDetails) {
                await context.simulator.markFileReady(line.ID).catch(() => undefined);
            }
        }

        const page = await newGuidePage(browser);
        camera = new GuideCamera(page);
        operator = await signInOperatorFirstTime(page, context.server.url, () => camera.element(page.locator('form.card'), 'change-password'));
        await expect(operator.signedInUser()).toContainText(OPERATOR);

        // Every order has arrived with all its jobs, and they wait for the operator.
        const total = Object.values(orders).reduce((sum, order) => sum + order.OrderDetails.length, 0);
        for (const order of Object.values(orders)) {
            await jobsOfOrder(context.server.dataFolder, order);
        }
        const { pod } = await openOperations(operator);
        await expect(pod.root).toContainText(`${total} of ${total} jobs`, { timeout: 30_000 });
        await expect.poll(() => pod.grid.locator('tr[data-job-id][data-state="Waiting"]').count(), { timeout: 60_000 }).toBe(total);
        const [firstCard] = await jobsOfOrder(context.server.dataFolder, orders.card);
        await pod.row(firstCard.id).click();
        await expect(pod.orderPanel).toContainText(orders.card.OrderNumber);
        await expect(pod.orderPanel).toContainText('0 of 2 jobs ready for closeout');
        await camera.window('operations');
        await camera.element(pod.orderPanel, 'order-panel');

        // Columns: the chooser adds Job ID.
        await pod.openMenu('columns');
        await pod.menuItem('Job ID').click();
        await expect(pod.header('id')).toBeVisible();
        await expect(pod.menuItem('Job ID')).toHaveAttribute('aria-checked', 'true');
        await camera.around([pod.toolbarButton('columns'), pod.menu], 'pod-columns');
        await page.keyboard.press('Escape');
        await expect(pod.menu).toHaveCount(0);

        // Sort by order number, then group by it.
        await pod.header('orderNumber').click();
        await expect(pod.header('orderNumber')).toHaveAttribute('aria-sort', 'ascending');
        await pod.groupBy('Order number');
        const header = pod.groupHeader(orders.card.OrderNumber);
        await expect(header).toContainText('2 jobs');
        await camera.element(pod.root, 'pod-grouped');

        // Filters: a facet, then the text filter.
        await pod.openMenu('facets');
        await pod.menuItem('Workflow: MarcomCentral stock item').click();
        const stocked = Object.values(orders).flatMap(order => order.OrderDetails).filter(line => line.ProductType === 'Static').length;
        await expect(pod.root).toContainText(`${stocked} of ${total} jobs`);
        await camera.around([pod.toolbarButton('facets'), pod.menu], 'pod-filters');
        await pod.menuItem('Clear filters').click();
        await page.keyboard.press('Escape');
        await expect(pod.root).toContainText(`${total} of ${total} jobs`);
        await pod.filter(orders.card.OrderNumber);
        await expect(pod.rows()).toHaveCount(2);
        await pod.filter('no such job');
        await expect(pod.root).toContainText('No jobs match the filter.');
        await camera.around([pod.toolbarButton('views'), pod.toolbarButton('more'), pod.root.getByRole('button', { name: 'Clear filter' })], 'pod-no-matches');
        await pod.filter('');

        // Layout: the Order panel and the touch layout.
        await pod.openMenu('layout');
        await expect(pod.menuItem('Touch layout: off')).toBeVisible();
        await camera.around([pod.toolbarButton('layout'), pod.menu], 'pod-layout');
        await page.keyboard.press('Escape');

        // Account → Date and Number Format…: how this browser writes dates, times and amounts.
        await operator.runMenu('Account', 'Date and Number Format…');
        const format = page.getByRole('dialog', { name: 'Date and number format' });
        await expect(format.getByLabel('Write dates, times and amounts as')).toBeVisible();
        await camera.dialog('date-format');
        await format.getByRole('button', { name: 'Cancel' }).click();
        await expect(format).toHaveCount(0);

        // Saved views: save this arrangement under a name; it opens first from now on.
        await pod.viewsMenu('Save view as…', 'By order');
        await expect(pod.toolbarButton('views')).toHaveText(/By order/);
        await pod.viewsMenu('Open first');
        await pod.openMenu('views');
        await expect(pod.menuItem('Open first')).toHaveAttribute('aria-checked', 'true');
        await camera.around([pod.toolbarButton('views'), pod.menu], 'pod-views');
        await page.keyboard.press('Escape');
        await pod.groupBy('None');
    });

    test('operator: every job action from the More menu', async () => {
        test.setTimeout(180_000);
        const page = operator.page;
        const { pod, actions } = await openOperations(operator);
        const [heldJob, retainedJob] = await jobsOfOrder(context.server.dataFolder, orders.twoLines);
        const catalogue = (await jobsOfOrder(context.server.dataFolder, orders.purchaseOrder)).find(job => job.name.includes('Catalogue'))!;
        const [moved] = await jobsOfOrder(context.server.dataFolder, orders.moved);
        const [completed] = await jobsOfOrder(context.server.dataFolder, orders.completed);
        const [deleted] = await jobsOfOrder(context.server.dataFolder, orders.deleted);
        const cards = (await jobsOfOrder(context.server.dataFolder, orders.card)).find(job => job.name.includes('Business'))!;

        // The More menu: what applies is enabled; a disabled entry says why in its tooltip.
        await actions.openMore(cards.id);
        await expect(actions.moreItem('presswork.jobs.prepressDone')).not.toHaveAttribute('aria-disabled', 'true');
        await expect(actions.moreItem('presswork.jobs.resume')).toHaveAttribute('title', `Job ${cards.name} is not held`);
        await camera.around([pod.toolbarButton('more'), pod.menu], 'more-menu');
        // Open print file…: the job's PDF in a browser tab of its own.
        const openPrintFile = actions.moreItem('presswork.jobs.openPrintFile');
        await expect(openPrintFile).not.toHaveAttribute('aria-disabled', 'true');
        await openPrintFile.hover();
        await camera.around([pod.toolbarButton('more'), pod.menu, pod.orderPanel.locator(`tr[data-job-id="${cards.id}"]`)], 'open-print-file');
        const printFileTab = operator.page.context().waitForEvent('page');
        await openPrintFile.click();
        await expect.poll(async () => (await printFileTab).url()).toContain(`/jobs/print-files/${cards.id}.pdf`);
        await (await printFileTab).close();
        await actions.openMore(cards.id);
        // Prepress done: the cards print into the demo hot folder and wait for the order's closeout.
        await actions.moreItem('presswork.jobs.prepressDone').click();
        await expect.poll(() => jobState(context.server.dataFolder, cards.id), { timeout: 90_000 }).toBe('Waiting for order closeout');

        // Hold, then Resume.
        await actions.run(heldJob.id, 'presswork.jobs.hold');
        await expect(pod.row(heldJob.id)).toHaveAttribute('data-state', 'Held');
        await actions.openMore(heldJob.id);
        await expect(actions.moreItem('presswork.jobs.resume')).not.toHaveAttribute('aria-disabled', 'true');
        await camera.around([pod.toolbarButton('more'), pod.menu, pod.row(heldJob.id)], 'action-held');
        await actions.moreItem('presswork.jobs.resume').click();
        await expect(pod.row(heldJob.id)).toHaveAttribute('data-state', 'Waiting');

        // Properties…: change the copies, add a property.
        await actions.openProperties(heldJob.id);
        await actions.propertyField('copies').fill('1200');
        await actions.addProperty('finish', 'matt');
        await expect(actions.properties.locator('[data-fact="printFile"] .presswork-print-file-pages')).toContainText('page');
        await camera.dialog('action-properties');
        await actions.save();
        await expect(actions.dialog).toHaveCount(0);
        await expect(pod.cell(heldJob.id, 'copies')).toHaveText('1200');

        // Log…: the job's whole history.
        await actions.run(heldJob.id, 'presswork.jobs.log');
        await expect(actions.log.locator('tr', { hasText: 'Resumed' })).toContainText(OPERATOR);
        await camera.dialog('action-log');
        await actions.close();

        // Retain: the job is kept, out of the way.
        await actions.run(retainedJob.id, 'presswork.jobs.retain');
        await expect(pod.row(retainedJob.id)).toHaveAttribute('data-state', 'Retained');

        // Reject: the job goes to Error with the reason; the status bar counts it.
        await actions.run(catalogue.id, 'presswork.jobs.reject');
        await actions.dialog.getByLabel('Reason').fill('Wrong edition: customer wants 2027');
        await camera.dialog('action-reject');
        await actions.dialog.getByRole('button', { name: 'Reject' }).click();
        await expect(pod.row(catalogue.id)).toHaveAttribute('data-state', 'Error');
        const inError = page.locator('#status-bar-presswork-jobs-error');
        await expect(inError).toContainText('1 in Error');
        await expect(page.locator('#status-bar-presswork-jobs-waiting-for-closeout')).toContainText('1 waiting for closeout');
        const elsewhere = page.locator('#status-bar-presswork-orders-close-out-in-marcomcentral');
        await expect(elsewhere).toContainText('1 to close out in MarcomCentral');
        await camera.around([inError, page.locator('#status-bar-presswork-jobs-waiting-for-closeout'), elsewhere], 'status-bar', 4);
        // Process again: the Approve step runs again and waits.
        await actions.run(catalogue.id, 'presswork.jobs.processAgain');
        await expect(pod.row(catalogue.id)).toHaveAttribute('data-state', 'Waiting', { timeout: 30_000 });
        await expect(inError).toContainText('0 in Error');

        // Move to workflow…, then Approve: the job prints and waits for its order's closeout.
        await actions.run(moved.id, 'presswork.jobs.moveToWorkflow');
        await actions.dialog.getByLabel('Workflow', { exact: true }).selectOption({ label: WORKFLOW });
        await camera.dialog('action-move');
        await actions.dialog.getByRole('button', { name: 'Move' }).click();
        await expect(actions.dialog).toHaveCount(0);
        // Rush flyers starts with Approve (the job was at Prepress Check of MarcomCentral print).
        await expect(pod.cell(moved.id, 'currentActivity')).toHaveText('Approve', { timeout: 30_000 });
        await expect.poll(() => jobState(context.server.dataFolder, moved.id), { timeout: 30_000 }).toBe('Waiting');
        await actions.run(moved.id, 'presswork.jobs.approve');
        await expect.poll(() => jobState(context.server.dataFolder, moved.id), { timeout: 90_000 }).toBe('Waiting for order closeout');
        // Complete is refused while the order is open: the tooltip gives the wait reason.
        await actions.openMore(moved.id);
        await expect(actions.moreItem('presswork.jobs.complete')).toHaveAttribute('title', `Order ${orders.moved.OrderNumber} is not closed`);
        await page.keyboard.press('Escape');

        // Complete a stocked job; Delete another after confirming.
        await actions.run(completed.id, 'presswork.jobs.complete');
        await expect(pod.row(completed.id)).toHaveAttribute('data-state', 'Complete');
        await actions.run(deleted.id, 'presswork.jobs.delete');
        await expect(page.locator('#presswork-job-delete')).toContainText(deleted.name);
        await camera.dialog('action-delete');
        await actions.dialog.getByRole('button', { name: 'Delete' }).click();
        await expect.poll(async () => (await jobsOfOrderNumber(context.server.dataFolder, orders.deleted.OrderNumber)).length).toBe(0);
        // The row fades out of the live pod, which goes on working (no error in place of its rows).
        await expect(pod.row(deleted.id)).toHaveCount(0);
        await expect(pod.root.getByRole('alert')).toHaveCount(0);
        await pod.filter('');
        await expect(pod.rows().first()).toBeVisible();
    });

    test('operator: order details and the closeout of an order', async () => {
        test.setTimeout(180_000);
        const { actions, dialogs, pod } = await openOperations(operator);
        const cards = (await jobsOfOrder(context.server.dataFolder, orders.card)).find(job => job.name.includes('Business'))!;

        // Order details…, then Close.
        await actions.run(cards.id, ORDER_DETAILS);
        await expect(dialogs.fact(dialogs.orderDetails, 'orderNumber')).toContainText(orders.card.OrderNumber);
        await expect(dialogs.fact(dialogs.orderDetails, 'authorization')).not.toContainText(orders.card.CreditCard!.AuthorizationNumber);
        await expect(dialogs.orderLine('Business')).toContainText('Waiting for order closeout');
        await camera.dialog('order-details');
        await dialogs.closeOrderDetails();

        // Closeout order…: the pens are not ready; Yes goes on.
        await actions.run(cards.id, CLOSEOUT_ORDER);
        await expect(dialogs.notReadyWarning).toContainText('Close out the order anyway?');
        await camera.dialog('closeout-not-ready');
        await dialogs.answerNotReady('Yes');
        await expect(dialogs.tabs()).toHaveText(['Packing slip', 'Invoice', 'Settlement']);
        await dialogs.openTab('packingSlip');
        await dialogs.field('carrierName').fill('UPS');
        await dialogs.field('trackingNumber').fill('1Z999AA10123456784');
        await expect(dialogs.button('OK')).toBeEnabled();
        await camera.dialog('closeout-packing-slip');
        const invoice = await dialogs.openTab('invoice');
        await expect(invoice.locator('tr[data-line-id]')).toHaveCount(2);
        await camera.dialog('closeout-invoice');
        const settlement = await dialogs.openTab('settlement');
        await expect(dialogs.fact(settlement, 'settlementAmount')).toContainText(Number(orders.card.Total).toFixed(2));
        await camera.dialog('closeout-settlement');
        await dialogs.button('OK').click();
        await expect(dialogs.status()).toHaveText(new RegExp(`^Order ${orders.card.OrderNumber} is closed`), { timeout: 30_000 });
        await dialogs.openTab('packingSlip');
        await expect(dialogs.closeout.locator('[data-document="packing-slip"] [data-action="open"]')).toBeVisible();
        await camera.dialog('closeout-done');
        const closed = context.simulator.order(orders.card.ID)!;
        expect([closed.PackingSlips.length, closed.Invoices.length, closed.Settlements.length, closed.CaptureCount]).toEqual([1, 1, 1, 1]);
        await dialogs.button('Close').click();
        await expect.poll(() => jobState(context.server.dataFolder, cards.id), { timeout: 30_000 }).toBe('Retained');
        await expect(pod.row(cards.id)).toHaveAttribute('data-state', 'Retained');

        // Closeout order… on the closed order: its closeout record, read-only, with the documents.
        await actions.run(cards.id, CLOSEOUT_ORDER);
        await expect(dialogs.record.locator('[data-status="closed"]')).toContainText(`Order ${orders.card.OrderNumber} was closed out by ${OPERATOR}`);
        await camera.dialog('closeout-record');
        await dialogs.record.locator('.dialogControl').getByRole('button', { name: 'Close', exact: true }).click();
        await expect(dialogs.record).toHaveCount(0);

        // A closeout stopped by MarcomCentral: the failed part says why; Try again resumes there.
        const [twoLinesJob] = await jobsOfOrder(context.server.dataFolder, orders.twoLines);
        await closeOutWithInvoiceRefused(context.simulator, actions, dialogs, twoLinesJob.id);
        await expect(dialogs.button('Try again')).toBeVisible();
        await camera.dialog('closeout-failed');
        await dialogs.button('Try again').click();
        await expect(dialogs.status()).toHaveText(new RegExp(`^Order ${orders.twoLines.OrderNumber} is closed`), { timeout: 30_000 });
        expect(context.simulator.order(orders.twoLines.ID)!.Invoices).toHaveLength(1);
        await dialogs.button('Close').click();

        // A purchase order has no Settlement tab.
        const [poJob] = await jobsOfOrder(context.server.dataFolder, orders.purchaseOrder);
        await actions.run(poJob.id, CLOSEOUT_ORDER);
        await dialogs.answerNotReady('Yes');
        await expect(dialogs.tabs()).toHaveText(['Packing slip', 'Invoice']);
        await camera.dialog('closeout-purchase-order');
        await dialogs.button('Cancel').click();
        await expect(dialogs.closeout).toHaveCount(0);

        // An order shipping to several addresses is closed out in MarcomCentral, not here.
        const [addressJob] = await jobsOfOrder(context.server.dataFolder, orders.threeAddresses);
        await actions.select(addressJob.id);
        await expect(pod.orderPanel.locator('.presswork-order-close-out-elsewhere')).toContainText('close out in MarcomCentral');
        await camera.element(pod.orderPanel, 'order-panel-several-addresses');
        await expect(operator.page.locator('#status-bar-presswork-orders-close-out-in-marcomcentral')).toContainText('1 to close out in MarcomCentral');
        await actions.run(addressJob.id, CLOSEOUT_ORDER);
        await expect(dialogs.blockedWarning).toContainText('Close out in MarcomCentral');
        await camera.dialog('closeout-several-addresses');
        await dialogs.blockedWarning.getByRole('button', { name: 'OK' }).click();
        await expect(dialogs.closeout).toHaveCount(0);
        expect(context.simulator.order(orders.threeAddresses.ID)!.PackingSlips).toHaveLength(0);
        await pod.filter('');
    });

    test('administrator: a shared default view, the Read API with a token, revoking it', async () => {
        const page = admin.page;
        const { pod } = await openOperations(admin);
        await pod.openMenu('facets');
        await pod.menuItem('State: Waiting for order closeout').click();
        await page.keyboard.press('Escape');
        await expect(pod.root).toContainText('1 of 11 jobs');
        await pod.viewsMenu('Save view as…', 'Waiting for closeout');
        await pod.viewsMenu('Share with everyone');
        await pod.viewsMenu('Make shop default');
        await pod.openMenu('views');
        await expect(pod.menuItem('Waiting for closeout (shared)')).toBeVisible();
        await expect(pod.menuItem('Share with everyone')).toHaveAttribute('aria-checked', 'true');
        await adminCamera.around([pod.toolbarButton('views'), pod.menu], 'admin-views-share');
        await page.keyboard.press('Escape');

        // The operator's pod offers the shared view (the list of views is read when the pod opens).
        await operator.page.reload();
        await operator.waitUntilReady();
        const { pod: operatorPod } = await openOperations(operator);
        await operatorPod.openMenu('views');
        await expect(operatorPod.menuItem('Waiting for closeout (shared)')).toBeVisible();
        await operator.page.keyboard.press('Escape');

        // The Read API answers the token with the operator's authority, until it is revoked.
        const read = () => fetch(`${context.server.url}/api/v1/jobs?limit=2&sort=orderNumber:asc`, { headers: { authorization: `Bearer ${apiToken}` } });
        const answer = await read();
        expect(answer.status).toBe(200);
        const page1 = await answer.json() as { items: { orderNumber: string }[], next: string | null };
        expect(page1.items).toHaveLength(2);
        expect(page1.next).toContain('cursor=');
        await admin.runMenu('View', 'Users');
        const users = new UsersView(page);
        await users.root.locator('tr[data-token="Shop status board"]').getByRole('button', { name: 'Revoke' }).click();
        await formDialog(page).getByRole('button', { name: 'Revoke' }).click();
        await expect(users.root.locator('tr[data-token="Shop status board"]')).toHaveCount(0);
        expect((await read()).status).toBe(401);
    });
});
