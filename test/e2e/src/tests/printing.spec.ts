import { test, expect, Page } from '@playwright/test';
import { ReferencePrinter } from '@presswork/output/lib/node/test/reference-printer';
import {
    BUSINESS_CARDS, CONNECTION, jobsOfOrder, jobState, openOperations, ORDER_DETAILS, signInOperatorFirstTime, storedJob, OPERATOR, OPERATOR_START
} from '../fixtures/closeout-scenario';
import { useStoreAndPresswork } from '../fixtures/store-and-presswork';
import { ConnectionsView } from '../page-objects/connections-view';
import { PressworkShell } from '../page-objects/presswork-shell';
import { PrintersView } from '../page-objects/printers-view';
import { ProductionTemplatesView } from '../page-objects/production-templates-view';
import { UsersView } from '../page-objects/users-view';
import { WorkflowDesigner } from '../page-objects/workflow-designer';

const ADMIN_PASSWORD = 'Admin#Print1';
const PRINTER = 'Printer A';
const QUANTITY = 250;

/**
 * Real output (issue 11) against CUPS's reference IPP printer: an administrator adds it, tests it
 * and points the print workflow at it; an operator sees it run out of paper on the job and on the
 * printer, and the job printed once paper is back, with its quantity as copies.
 */
test.describe('printing to an IPP printer', () => {
    test.describe.configure({ mode: 'serial' });
    const context = useStoreAndPresswork(ADMIN_PASSWORD);
    let printer: ReferencePrinter;
    let adminPage: Page;

    test.beforeAll(async ({ browser }) => {
        printer = await ReferencePrinter.start();
        adminPage = await browser.newPage();
    });

    test.afterAll(async () => {
        await printer?.stop();
    });

    test('an administrator adds an IPP printer, tests it and sends the print workflow to it', async () => {
        const shell = await PressworkShell.signIn(adminPage, context.server.url, 'admin', ADMIN_PASSWORD);
        await shell.runMenu('View', 'Printers');
        const printers = new PrintersView(adminPage);
        await printers.createIpp({ name: PRINTER, uri: printer.uri });

        // The monitor asks it: idle, with the paper it has loaded and its toner levels.
        await expect(printers.state(PRINTER)).toContainText('Idle', { timeout: 30_000 });
        await expect(printers.part(PRINTER, 'printerMedia')).toContainText('A4 (210 × 297 mm)');
        await expect(printers.part(PRINTER, 'printerSupplies')).toContainText(/Black Toner\s*80 %\s*Cyan Toner\s*15 %/);
        await expect(printers.part(PRINTER, 'printerQueue')).toHaveText('No jobs');

        const result = await printers.test(PRINTER);
        await expect(result.locator('[data-field="makeAndModel"]')).toHaveText('Presswork Reference Printer');
        await expect(result.locator('[data-field="testSummary"]')).toContainText(PRINTER);
        await expect(result.locator('[data-field="printerMedia"]')).toContainText('A4 (210 × 297 mm)');
        await expect(result.locator('[data-field="printerMedia"]')).toContainText('Letter (8.5 × 11 in), Cardstock');
        await printers.closeTest();

        // The default print workflow's Print step goes to the new printer.
        await shell.runMenu('View', 'Workflows');
        const designer = new WorkflowDesigner(adminPage);
        await designer.listRow('MarcomCentral print').getByRole('button', { name: 'Open' }).click();
        await designer.card('Print', 'print').click();
        await adminPage.locator('#presswork-workflow-properties #presswork-step-field-printerId').selectOption({ label: PRINTER });
        await designer.button('Save');
        await expect(designer.editor).toContainText('Saved as version');

        // Printable products go to that workflow; the store is connected; an operator is added.
        await shell.runMenu('View', 'Production Templates');
        await new ProductionTemplatesView(adminPage).create({ name: 'Printed products', productType: 'Versioned', workflow: 'MarcomCentral print' });
        await shell.runMenu('View', 'Connections');
        const connections = new ConnectionsView(adminPage);
        await connections.create({ name: CONNECTION, endpointUrl: context.simulator.url, orderToken: context.simulator.orderToken, pollingIntervalSeconds: 2 });
        await connections.setEnabled(CONNECTION, true);
        await shell.runMenu('View', 'Users');
        await new UsersView(adminPage).createUser(OPERATOR, 'Operator', OPERATOR_START);
    });

    test('an operator sees the printer out of paper on the job and on the printer, then the job printed with its quantity as copies', async ({ browser }) => {
        test.setTimeout(240_000);
        const operatorPage = await browser.newPage();
        const shell = await signInOperatorFirstTime(operatorPage, context.server.url);

        const order = await context.simulator.placeOrder({ OrderDetails: [{ SKU: BUSINESS_CARDS, Quantity: QUANTITY }] });
        for (const line of order.OrderDetails) {
            await context.simulator.markFileReady(line.ID);
        }
        const [cards] = await jobsOfOrder(context.server.dataFolder, order);
        await expect.poll(() => jobState(context.server.dataFolder, cards.id), { timeout: 60_000 }).toBe('Waiting');
        await expect.poll(async () => (await storedJob(context.server.dataFolder, cards.id))?.phase, { timeout: 30_000 }).toBe('Prepare');

        // The press is out of paper while the job prints; paper comes back after a while.
        await printer.behave({ raise: { reason: 'media-empty-error', forMs: 20_000 } });
        const { pod, actions, dialogs } = await openOperations(shell);
        await actions.run(cards.id, 'presswork.jobs.prepressDone');

        // The job says so, in words, in the All Jobs pod.
        await expect(pod.row(cards.id)).toHaveAttribute('data-state', 'Printing', { timeout: 60_000 });
        await expect(pod.row(cards.id)).toContainText('out of paper', { timeout: 30_000 });

        // So does the printer, in the Printers view the operator opens beside it, with the job in its queue.
        await shell.runMenu('View', 'Printers');
        const printers = new PrintersView(operatorPage);
        await expect(printers.state(PRINTER)).toContainText('out of paper', { timeout: 30_000 });
        await expect(printers.part(PRINTER, 'printerQueue')).toContainText(order.OrderNumber);
        // An operator switches printers on and off and tests them; only administrators edit them.
        await expect(printers.card(PRINTER).getByRole('button', { name: 'Edit…' })).toHaveCount(0);
        await expect(printers.card(PRINTER).getByLabel(`Enabled: ${PRINTER}`)).toBeEnabled();

        // Paper back: the printer prints, the job is printed and goes on to wait for its order's closeout.
        await expect(printers.state(PRINTER)).not.toContainText('out of paper', { timeout: 60_000 });
        await expect.poll(() => jobState(context.server.dataFolder, cards.id), { timeout: 60_000 }).toBe('Waiting for order closeout');
        await expect(printers.part(PRINTER, 'printerQueue')).toHaveText('No jobs', { timeout: 15_000 });
        const printed = (await storedJob(context.server.dataFolder, cards.id)) as { printed?: { copies: number; printerName: string } } | undefined;
        expect(printed?.printed).toMatchObject({ copies: QUANTITY, printerName: PRINTER });

        // The printer received the job's quantity as copies and the order number in the job name.
        const tickets = await printer.tickets();
        expect(tickets).toHaveLength(1);
        expect(tickets[0].env.IPP_COPIES).toBe(String(QUANTITY));
        expect(tickets[0].env.IPP_JOB_NAME).toContain(order.OrderNumber);

        // Order details show the printed count.
        await shell.runMenu('View', 'Operations');
        await actions.run(cards.id, ORDER_DETAILS);
        await expect(dialogs.orderLine('Business').locator('[data-field="printed"]')).toContainText(`${QUANTITY} of ${QUANTITY} printed on ${PRINTER}`);
        await dialogs.closeOrderDetails();
    });
});
