import { test, expect, Page } from '@playwright/test';
import { CATALOGUES, CLOSEOUT_ORDER, connectStoreForOperator, jobsOfOrder, openOperations, OPERATOR, ORDER_DETAILS, PENS } from '../fixtures/closeout-scenario';
import type { StoredJob } from '../fixtures/stored-jobs';
import { useStoreAndPresswork } from '../fixtures/store-and-presswork';
import type { AllJobsPod } from '../page-objects/all-jobs-pod';
import type { JobActions } from '../page-objects/job-action-dialogs';
import { PressworkShell } from '../page-objects/presswork-shell';

const ADMIN_PASSWORD = 'Admin#Orders1';

/** Selects these jobs as an operator does: filters the pod to `filter`, clicks the first row and Ctrl+clicks the others. */
async function selectJobs(pod: AllJobsPod, filter: string, jobs: readonly StoredJob[]): Promise<void> {
    await expect(async () => {
        await pod.filter('');
        await pod.filter(filter);
        for (const job of jobs) {
            await expect(pod.row(job.id)).toBeVisible({ timeout: 3_000 });
        }
    }).toPass({ timeout: 30_000 });
    // Clicked again if a live re-render of the grid (orders still arriving) swallowed a click.
    await expect(async () => {
        await pod.row(jobs[0].id).click();
        for (const job of jobs.slice(1)) {
            await pod.row(job.id).click({ modifiers: ['Control'] });
        }
        await expect(pod.selectedRows()).toHaveCount(jobs.length, { timeout: 3_000 });
    }).toPass({ timeout: 30_000 });
    for (const job of jobs) {
        await expect(pod.row(job.id)).toHaveAttribute('aria-selected', 'true');
    }
}

async function closeMenu(actions: JobActions): Promise<void> {
    await actions.page.keyboard.press('Escape');
    await expect(actions.pod.menu).toHaveCount(0);
}

test.describe('order actions on a selection (issue 15, item 3)', () => {
    const context = useStoreAndPresswork(ADMIN_PASSWORD);
    let operatorPage: Page;
    let shell: PressworkShell;

    test.beforeAll(async ({ browser }) => {
        ({ page: operatorPage, shell } = await connectStoreForOperator(browser, context, ADMIN_PASSWORD));
    });

    test('selecting both jobs of one order leaves Order details… and Closeout order… enabled; jobs of two orders turn them off, naming the orders', async () => {
        test.setTimeout(180_000);
        const both = await context.simulator.placeOrder({ PaymentMethod: 'PurchaseOrder', OrderDetails: [{ SKU: PENS, Quantity: 2 }, { SKU: CATALOGUES, Quantity: 10 }] });
        const other = await context.simulator.placeOrder({ PaymentMethod: 'PurchaseOrder', OrderDetails: [{ SKU: PENS, Quantity: 1 }] });
        const jobs = await jobsOfOrder(context.server.dataFolder, both);
        const [otherJob] = await jobsOfOrder(context.server.dataFolder, other);
        const { pod, actions, dialogs } = await openOperations(shell);

        await selectJobs(pod, both.OrderNumber, jobs);
        await pod.openMenu('more');
        await expect(actions.moreItem(CLOSEOUT_ORDER)).not.toHaveAttribute('aria-disabled', 'true');
        await expect(actions.moreItem(ORDER_DETAILS)).not.toHaveAttribute('aria-disabled', 'true');
        // The Order panel's buttons agree with More.
        await closeMenu(actions);
        await expect(pod.orderPanel.getByRole('button', { name: 'Closeout order…' })).toBeEnabled();

        // Order details… opens the order both jobs belong to.
        await pod.openMenu('more');
        await actions.moreItem(ORDER_DETAILS).click();
        await expect(dialogs.fact(dialogs.orderDetails, 'orderNumber')).toContainText(both.OrderNumber);
        await expect(dialogs.orderDetails.locator('tr[data-line-id]')).toHaveCount(2);
        await dialogs.closeOrderDetails();

        // A job of another order joins the selection: the order is ambiguous, and the reason names both orders.
        await selectJobs(pod, '', [jobs[0], otherJob]);
        await pod.openMenu('more');
        for (const action of [CLOSEOUT_ORDER, ORDER_DETAILS]) {
            const item = actions.moreItem(action);
            await expect(item).toHaveAttribute('aria-disabled', 'true');
            await expect(item).toHaveAttribute('title', /The selected jobs belong to 2 orders/);
            await expect(item).toHaveAttribute('title', new RegExp(both.OrderNumber));
            await expect(item).toHaveAttribute('title', new RegExp(other.OrderNumber));
        }
        await closeMenu(actions);
    });

    test('Closeout order… on a closed order opens its closeout record read-only, with its documents, and sends nothing again', async () => {
        test.setTimeout(240_000);
        const order = await context.simulator.placeOrder({ PaymentMethod: 'PurchaseOrder', OrderDetails: [{ SKU: PENS, Quantity: 3 }, { SKU: CATALOGUES, Quantity: 5 }] });
        const jobs = await jobsOfOrder(context.server.dataFolder, order);
        const { pod, actions, dialogs } = await openOperations(shell);

        // Both jobs selected: close the order out (they wait at Approve, so the operator goes on anyway).
        await selectJobs(pod, order.OrderNumber, jobs);
        await pod.openMenu('more');
        await actions.moreItem(CLOSEOUT_ORDER).click();
        await dialogs.answerNotReady('Yes');
        await dialogs.field('carrierName').fill('UPS');
        await dialogs.field('trackingNumber').fill('1Z999AA10123456784');
        const packingSlipNumber = await dialogs.field('packingSlipNumber').inputValue();
        const invoiceNumber = await dialogs.field('invoiceNumber').inputValue();
        await dialogs.button('OK').click();
        await expect(dialogs.status()).toHaveText(new RegExp(`^Order ${order.OrderNumber} is closed`), { timeout: 30_000 });
        await dialogs.button('Close').click();
        await expect(dialogs.closeout).toHaveCount(0);

        // Closeout order… again: the record, not a dead end.
        await selectJobs(pod, order.OrderNumber, jobs);
        await pod.openMenu('more');
        await expect(actions.moreItem(CLOSEOUT_ORDER)).not.toHaveAttribute('aria-disabled', 'true');
        await actions.moreItem(CLOSEOUT_ORDER).click();
        const record = dialogs.record;
        await expect(record).toBeVisible();
        await expect(dialogs.blockedWarning).toHaveCount(0);
        await expect(record).not.toContainText('already closed');
        await expect(record.locator('[data-status="closed"]')).toContainText(`Order ${order.OrderNumber} was closed out by ${OPERATOR}`);
        // Read-only: nothing to type, no OK, only Close.
        await expect(record.locator('input')).toHaveCount(0);
        await expect(record.locator('.dialogControl button')).toHaveText(['Close']);
        await expect(dialogs.factValue(dialogs.recordPart('packingSlip'), 'packingSlipNumber')).toHaveText(packingSlipNumber);
        await expect(dialogs.factValue(dialogs.recordPart('packingSlip'), 'carrierName')).toHaveText('UPS');
        await expect(dialogs.factValue(dialogs.recordPart('packingSlip'), 'trackingNumber')).toContainText('1Z999AA10123456784');
        await expect(dialogs.factValue(dialogs.recordPart('packingSlip'), 'packingSlipResult')).toContainText('Packing slip done');
        await expect(dialogs.factValue(dialogs.recordPart('invoice'), 'invoiceNumber')).toHaveText(invoiceNumber);
        await expect(dialogs.recordPart('invoice').locator('tr[data-line-id]')).toHaveCount(2);
        await expect(dialogs.recordPart('settlement')).toContainText('No settlement: the order was not paid by card');

        // The documents: the packing slip opens in a browser tab, the invoice shows inside the record.
        const [tab] = await Promise.all([
            operatorPage.waitForEvent('popup'),
            record.locator('[data-document="packing-slip"] [data-action="open"]').click()
        ]);
        await expect.poll(() => tab.url()).toMatch(/\/closeout\/documents\/.+\/packing-slip\.pdf$/);
        const pdf = await operatorPage.request.get(tab.url());
        expect(pdf.status()).toBe(200);
        expect(pdf.headers()['content-type']).toContain('application/pdf');
        await tab.close();
        const [framed] = await Promise.all([
            operatorPage.waitForResponse(response => /\/closeout\/documents\/.+\/invoice\.pdf$/.test(response.url())),
            record.locator('[data-document="invoice"] [data-action="show"]').click()
        ]);
        expect(framed.status()).toBe(200);
        await expect(record.locator('[data-document="invoice"] iframe')).toBeVisible();

        await record.locator('.dialogControl').getByRole('button', { name: 'Close', exact: true }).click();
        await expect(record).toHaveCount(0);
        // Looking at the record sent nothing to MarcomCentral again.
        const stored = context.simulator.order(order.ID)!;
        expect(stored.PackingSlips).toHaveLength(1);
        expect(stored.Invoices).toHaveLength(1);
    });
});
