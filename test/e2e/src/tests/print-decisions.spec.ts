import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { test, expect } from '@playwright/test';
import type { Order } from '@presswork/platform/lib/common/order-schema';
import { ActivityTypes, DEMO_PRINTER_ID, DefaultWorkflowIds } from '@presswork/platform/lib/common/well-known';
import { sampleOrder } from '@presswork/platform/lib/node/store/test/sample-documents';
import { writeOrders } from '../fixtures/prepared-orders';
import { PressworkServer } from '../fixtures/presswork-server';
import { jobState, openOperations, ORDER_DETAILS, storedJob } from '../fixtures/closeout-scenario';
import { PressworkShell } from '../page-objects/presswork-shell';

/*
 * A print the printer no longer knows (issue 11, item 4: it restarted while the job printed): the
 * operator decides. Print again… asks first, saying it may print twice, with Cancel the default;
 * Mark printed records the print in the operator's name and the job goes on.
 */

const ADMIN_PASSWORD = 'Admin#Decide1';
const AT = '2026-12-05T09:00:00.000Z';
const UNCERTAIN = 'Demo hot folder no longer knows printer job 12: the printer restarted';

/** One order of two jobs at the default print workflow's Print step: the first with an uncertain print, the second waiting normally. */
function uncertainOrder(): Order {
    const order = sampleOrder('order-uncertain', 2);
    const atPrint = { workflowId: DefaultWorkflowIds.print, workflowVersion: 1, phase: 'Print' as const, stepIndex: 0, stepId: 'print-print', currentActivity: ActivityTypes.print, copies: 500 };
    const [first, second] = order.jobs;
    return {
        ...order,
        jobs: [
            {
                ...first, ...atPrint, name: 'Uncertain cards', state: 'Waiting', waitReason: UNCERTAIN,
                printing: { stepId: 'print-print', printerId: DEMO_PRINTER_ID, printerName: 'Demo hot folder', jobName: `${order.orderNumber} Uncertain cards`, requestedAt: AT, deviceJobId: 12, acceptedAt: AT, uncertain: UNCERTAIN }
            },
            { ...second, ...atPrint, name: 'Held cards', state: 'Held' }
        ]
    };
}

test.describe('deciding about an uncertain print', () => {
    let dataFolder: string;
    let server: PressworkServer;
    const order = uncertainOrder();
    const [uncertain, held] = order.jobs;

    test.beforeAll(async () => {
        dataFolder = await fs.mkdtemp(path.join(os.tmpdir(), 'presswork-e2e-uncertain-'));
        await writeOrders(dataFolder, [order]);
        server = await PressworkServer.start({ adminPassword: ADMIN_PASSWORD, environment: { PRESSWORK_DATA: dataFolder } });
    });

    test.afterAll(async () => {
        await server?.stop();
        await fs.rm(dataFolder, { recursive: true, force: true });
    });

    test('Print again asks first, Cancel by default; Mark printed records the print and the job goes on', async ({ page }) => {
        const shell = await PressworkShell.signIn(page, server.url, 'admin', ADMIN_PASSWORD);
        const { actions, dialogs } = await openOperations(shell);

        // A job without an uncertain print offers neither.
        await actions.openMore(held.id);
        await expect(actions.moreItem('presswork.output.printAgain')).toHaveAttribute('aria-disabled', 'true');
        await expect(actions.moreItem('presswork.output.markPrinted')).toHaveAttribute('aria-disabled', 'true');
        await page.keyboard.press('Escape');

        // Print again… says it may print twice; Cancel has the focus, so Enter changes nothing.
        await actions.run(uncertain.id, 'presswork.output.printAgain');
        await expect(actions.dialog).toContainText('it will print twice');
        await expect(actions.dialog).toContainText(UNCERTAIN);
        await expect(actions.dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
        await page.keyboard.press('Enter');
        await expect(actions.dialog).toHaveCount(0);
        expect((await storedJob(dataFolder, uncertain.id))?.waitReason).toBe(UNCERTAIN);

        // Mark printed: the operator's word stands for the printer's; the job goes on to wait for its order's closeout.
        await actions.run(uncertain.id, 'presswork.output.markPrinted');
        await expect.poll(() => jobState(dataFolder, uncertain.id), { timeout: 30_000 }).toBe('Waiting for order closeout');
        await actions.run(uncertain.id, ORDER_DETAILS);
        await expect(dialogs.orderDetails.locator(`tr[data-line-id="${uncertain.lineItemId}"] [data-field="printed"]`)).toContainText('500 of 500 marked printed on Demo hot folder by admin');
        await expect(dialogs.orderDetails.locator(`tr[data-line-id="${held.lineItemId}"] [data-field="printed"]`)).toHaveText('not printed yet');
        await dialogs.closeOrderDetails();
    });
});
