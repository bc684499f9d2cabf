import { test, expect, Page } from '@playwright/test';
import {
    BUSINESS_CARDS, CATALOGUES, CLOSEOUT_ORDER, closeOutWithInvoiceRefused, connectStoreForOperator, jobsOfOrder, jobState, openOperations, OPERATOR, ORDER_DETAILS, PENS,
    storedJob
} from '../fixtures/closeout-scenario';
import { useStoreAndPresswork } from '../fixtures/store-and-presswork';
import { PressworkShell } from '../page-objects/presswork-shell';

const ADMIN_PASSWORD = 'Admin#Close1';

test.describe('order closeout (TFPM procedure)', () => {
    const context = useStoreAndPresswork(ADMIN_PASSWORD);
    let operatorPage: Page;
    let shell: PressworkShell;

    /** The administrator connects the store and adds an operator; the operator signs in once. */
    test.beforeAll(async ({ browser }) => {
        ({ page: operatorPage, shell } = await connectStoreForOperator(browser, context, ADMIN_PASSWORD));
    });

    test('an operator checks the order details, closes out a card order with a job not ready, and the jobs move on to Retain', async () => {
        test.setTimeout(180_000);
        const order = await context.simulator.placeOrder({
            PaymentMethod: 'CreditCard',
            OrderDetails: [{ SKU: BUSINESS_CARDS, Quantity: 250 }, { SKU: PENS, Quantity: 2 }]
        });
        for (const line of order.OrderDetails) {
            await context.simulator.markFileReady(line.ID).catch(() => undefined);
        }
        const jobs = await jobsOfOrder(context.server.dataFolder, order);
        const cards = jobs.find(job => job.name.includes('Business'))!;
        const pens = jobs.find(job => job.id !== cards.id)!;
        // The business cards wait for the prepress check, the pens at Approve.
        await expect.poll(async () => (await storedJob(context.server.dataFolder, cards.id))?.phase, { timeout: 60_000 }).toBe('Prepare');
        await expect.poll(() => jobState(context.server.dataFolder, pens.id), { timeout: 30_000 }).toBe('Waiting');

        // The operator confirms the prepress check: the cards print into the demo hot folder and wait for the order's closeout.
        const { pod, actions, dialogs } = await openOperations(shell);
        await expect.poll(() => jobState(context.server.dataFolder, cards.id), { timeout: 30_000 }).toBe('Waiting');
        await actions.run(cards.id, 'presswork.jobs.prepressDone');
        await expect.poll(() => jobState(context.server.dataFolder, cards.id), { timeout: 90_000 }).toBe('Waiting for order closeout');
        await actions.select(cards.id);
        await expect(pod.row(cards.id)).toHaveAttribute('data-state', 'Waiting for order closeout');

        // More → Order details…: check, then Close.
        await actions.run(cards.id, ORDER_DETAILS);
        const details = dialogs.orderDetails;
        await expect(dialogs.fact(details, 'orderNumber')).toContainText(order.OrderNumber);
        await expect(dialogs.fact(details, 'marcomOrderId')).toContainText(order.ID);
        await expect(dialogs.fact(details, 'customerName')).not.toHaveText('');
        await expect(dialogs.fact(details, 'paymentMethod')).toContainText('Credit card');
        await expect(dialogs.fact(details, 'cardType')).toContainText(order.CreditCard!.CCType);
        // The authorization is masked: its last digits at most, never the whole number.
        await expect(dialogs.fact(details, 'authorization')).not.toContainText(order.CreditCard!.AuthorizationNumber);
        await expect(dialogs.orderLine('Business')).toContainText('Waiting for order closeout');
        await expect(dialogs.orderLine('Pens')).toContainText('Waiting');
        await expect(dialogs.fact(details, 'total')).toContainText(Number(order.Total).toFixed(2));
        await expect(details.locator('[data-section="closeout"]')).toContainText('Not closed out yet.');
        // Refresh asks MarcomCentral again and lists what changed (the store saw production start); at once again, nothing has.
        await details.getByRole('button', { name: 'Refresh' }).click();
        await expect(details.locator('[data-section="changes"]')).toContainText(/Changed in MarcomCentral|No changes/);
        await details.getByRole('button', { name: 'Refresh' }).click();
        await expect(details.locator('[data-section="changes"]')).toHaveText('No changes');
        await dialogs.closeOrderDetails();

        // More → Closeout order…: the pens are not ready; Yes goes on.
        await actions.run(cards.id, CLOSEOUT_ORDER);
        await expect(dialogs.notReadyWarning).toContainText('Close out the order anyway?');
        await expect(dialogs.notReadyWarning.locator(`li[data-job-id="${pens.id}"]`)).toContainText('Waiting');
        // No is the safe default: it has the focus.
        await expect(dialogs.notReadyWarning.getByRole('button', { name: 'No' })).toBeFocused();
        await dialogs.answerNotReady('Yes');

        // One tab per part; Settlement because the order is paid by card.
        await expect(dialogs.tabs()).toHaveText(['Packing slip', 'Invoice', 'Settlement']);
        const slip = await dialogs.openTab('packingSlip');
        await expect(slip).toContainText('One packing slip for the whole order');
        await expect(dialogs.fact(slip, 'orderAmount')).toContainText(Number(order.Total).toFixed(2));
        await expect(dialogs.field('packingSlipNumber')).not.toHaveValue('');
        // Validated as the operator types: no carrier, no OK.
        await dialogs.field('carrierName').fill('');
        await expect(dialogs.fieldError('carrierName')).toHaveText('Carrier is required');
        await expect(dialogs.button('OK')).toBeDisabled();
        await dialogs.field('carrierName').fill('UPS');
        await dialogs.field('trackingNumber').fill('1Z999AA10123456784');
        await expect(dialogs.fieldError('carrierName')).toHaveCount(0);
        await expect(dialogs.button('OK')).toBeEnabled();

        const invoice = await dialogs.openTab('invoice');
        await expect(dialogs.field('invoiceNumber')).not.toHaveValue('');
        await expect(invoice.locator('tr[data-line-id]')).toHaveCount(2);
        await expect(invoice.locator('tr[data-line-id] input')).toHaveCount(0);
        await dialogs.field('invoiceNumber').fill(`INV-${order.OrderNumber}`);

        const settlement = await dialogs.openTab('settlement');
        await expect(settlement).toContainText('Settled online through MarcomCentral');
        await expect(dialogs.fact(settlement, 'settlementAmount')).toContainText(Number(order.Total).toFixed(2));

        await dialogs.button('OK').click();
        await expect(dialogs.status()).toHaveText(new RegExp(`^Order ${order.OrderNumber} is closed`), { timeout: 30_000 });
        for (const part of ['packingSlip', 'invoice', 'settlement'] as const) {
            await expect(dialogs.tab(part)).toHaveAttribute('data-status', 'done');
        }
        await expect(dialogs.panel('invoice')).toContainText(`reference`);

        // MarcomCentral has exactly one packing slip, one invoice and one settlement, captured once.
        const closed = context.simulator.order(order.ID)!;
        expect(closed.PackingSlips).toHaveLength(1);
        expect(closed.Invoices).toHaveLength(1);
        expect(closed.Invoices[0].InvoiceNumber).toBe(`INV-${order.OrderNumber}`);
        expect(closed.Settlements).toHaveLength(1);
        expect(closed.CaptureCount).toBe(1);

        // The documents are there to view and print: each opens in a browser tab, the PDF the backend made.
        await dialogs.openTab('packingSlip');
        const [tab] = await Promise.all([
            operatorPage.waitForEvent('popup'),
            dialogs.closeout.locator('[data-document="packing-slip"] [data-action="open"]').click()
        ]);
        await expect.poll(() => tab.url()).toMatch(/\/closeout\/documents\/.+\/packing-slip\.pdf$/);
        const packingSlipUrl = tab.url();
        await tab.close();
        await dialogs.openTab('invoice');
        // Shown inside the dialog too: the frame loads the invoice the backend made.
        const [framed] = await Promise.all([
            operatorPage.waitForResponse(response => /\/closeout\/documents\/.+\/invoice\.pdf$/.test(response.url())),
            dialogs.closeout.locator('[data-document="invoice"] [data-action="show"]').click()
        ]);
        expect(framed.status()).toBe(200);
        await expect(dialogs.closeout.locator('[data-document="invoice"] iframe.presswork-closeout-document-preview')).toBeVisible();
        for (const url of [packingSlipUrl, packingSlipUrl.replace('packing-slip.pdf', 'invoice.pdf')]) {
            const pdf = await operatorPage.request.get(url);
            expect(pdf.status()).toBe(200);
            expect(pdf.headers()['content-type']).toContain('application/pdf');
        }

        await dialogs.button('Close').click();
        await expect(dialogs.closeout).toHaveCount(0);

        // The business cards go on to Retain by themselves.
        await expect.poll(() => jobState(context.server.dataFolder, cards.id), { timeout: 30_000 }).toBe('Retained');
        await expect(pod.row(cards.id)).toHaveAttribute('data-state', 'Retained');

        // Order details now show the closeout record.
        await actions.run(cards.id, ORDER_DETAILS);
        await expect(dialogs.fact(details, 'invoiceNumber')).toContainText(`INV-${order.OrderNumber}`);
        await expect(dialogs.fact(details, 'closedBy')).toContainText(OPERATOR);
        // ... and the order's log: the attempt and each part, by whom.
        const orderLog = details.locator('[data-section="log"]');
        await expect(orderLog).toContainText(`Closeout attempt 1 by ${OPERATOR}`);
        await expect(orderLog).toContainText('Packing slip done');
        await dialogs.closeOrderDetails();
    });

    test('a purchase-order order has no Settlement tab', async () => {
        const order = await context.simulator.placeOrder({ PaymentMethod: 'PurchaseOrder', OrderDetails: [{ SKU: PENS, Quantity: 1 }] });
        const [job] = await jobsOfOrder(context.server.dataFolder, order);
        const { actions, dialogs } = await openOperations(shell);
        await actions.run(job.id, CLOSEOUT_ORDER);
        await dialogs.answerNotReady('Yes');
        await expect(dialogs.tabs()).toHaveText(['Packing slip', 'Invoice']);
        await expect(dialogs.closeout).not.toContainText('Amount to settle');
        await dialogs.button('Cancel').click();
        await expect(dialogs.closeout).toHaveCount(0);
        expect(context.simulator.order(order.ID)!.PackingSlips).toHaveLength(0);
    });

    test('a closeout stopped by MarcomCentral shows why on its tab, keeps its numbers, and Try again finishes it once', async () => {
        const order = await context.simulator.placeOrder({ PaymentMethod: 'CreditCard', OrderDetails: [{ SKU: PENS, Quantity: 1 }] });
        const [job] = await jobsOfOrder(context.server.dataFolder, order);
        const { actions, dialogs } = await openOperations(shell);
        await closeOutWithInvoiceRefused(context.simulator, actions, dialogs, job.id);
        await expect(dialogs.tab('settlement')).toHaveAttribute('data-status', 'pending');
        await expect(dialogs.panel('invoice')).toBeVisible();
        await expect(dialogs.status()).toContainText('Try again resumes from the invoice');
        // The numbers already sent cannot change: a retry reuses them.
        await expect(dialogs.field('invoiceNumber')).toHaveAttribute('readonly', '');
        await expect(dialogs.field('packingSlipNumber')).toHaveAttribute('readonly', '');

        await dialogs.button('Try again').click();
        await expect(dialogs.status()).toHaveText(new RegExp(`^Order ${order.OrderNumber} is closed`), { timeout: 30_000 });
        const closed = context.simulator.order(order.ID)!;
        expect(closed.PackingSlips).toHaveLength(1);
        expect(closed.Invoices).toHaveLength(1);
        expect(closed.CaptureCount).toBe(1);
        await dialogs.button('Close').click();
        await expect(dialogs.closeout).toHaveCount(0);
    });

    test('progress shows live on the tabs while MarcomCentral is slow; a part the store applied before the timeout is not created twice', async () => {
        test.setTimeout(150_000);
        const order = await context.simulator.placeOrder({ PaymentMethod: 'PurchaseOrder', OrderDetails: [{ SKU: CATALOGUES, Quantity: 10 }] });
        const [job] = await jobsOfOrder(context.server.dataFolder, order);
        const { actions, dialogs } = await openOperations(shell);
        await actions.run(job.id, CLOSEOUT_ORDER);
        await dialogs.answerNotReady('Yes');

        // The store creates the invoice but never answers: the dialog shows the slip done and the invoice being sent meanwhile.
        context.simulator.injectFault({ operation: 'CreateInvoiceByLineItem', mode: 'timeout' });
        await dialogs.button('OK').click();
        await expect(dialogs.tab('packingSlip')).toHaveAttribute('data-status', 'done', { timeout: 15_000 });
        await expect(dialogs.tab('invoice')).toHaveAttribute('data-status', 'sending');
        await expect(dialogs.status()).toContainText(`Closing out order ${order.OrderNumber}: invoice`);
        await expect(dialogs.button('OK')).toBeDisabled();

        await expect(dialogs.tab('invoice')).toHaveAttribute('data-status', 'failed', { timeout: 60_000 });
        await dialogs.button('Try again').click();
        await expect(dialogs.status()).toHaveText(new RegExp(`^Order ${order.OrderNumber} is closed`), { timeout: 30_000 });
        expect(context.simulator.order(order.ID)!.Invoices).toHaveLength(1);
        await dialogs.button('Close').click();
    });

    test('a card order without an authorization is refused before anything is sent', async () => {
        const order = await context.simulator.placeOrder({
            PaymentMethod: 'CreditCard',
            CreditCard: { AuthorizationNumber: '', CCType: 'Visa' },
            OrderDetails: [{ SKU: PENS, Quantity: 1 }]
        });
        const [job] = await jobsOfOrder(context.server.dataFolder, order);
        const { actions, dialogs } = await openOperations(shell);
        await actions.run(job.id, CLOSEOUT_ORDER);
        await expect(dialogs.blockedWarning).toContainText(`Order ${order.OrderNumber} is paid by credit card but has no card authorization number`);
        await expect(dialogs.notReadyWarning).toHaveCount(0);
        await dialogs.blockedWarning.getByRole('button', { name: 'OK' }).click();
        await expect(dialogs.closeout).toHaveCount(0);
        const stored = context.simulator.order(order.ID)!;
        expect(stored.PackingSlips).toHaveLength(0);
        expect(stored.Invoices).toHaveLength(0);
        expect(stored.Settlements).toHaveLength(0);
    });

    test('an order shipping to two addresses is refused: close it out in MarcomCentral', async () => {
        const address = { City: 'Springfield', State: 'IL', Zip: '62701', Country: 'US' };
        const order = await context.simulator.placeOrder({
            PaymentMethod: 'CreditCard',
            OrderDetails: [
                { SKU: PENS, Quantity: 1, Shipping: { Address: { ...address, Address1: '1 Main Street' } } },
                { SKU: CATALOGUES, Quantity: 10, Shipping: { Address: { ...address, Address1: '99 Side Road' } } }
            ]
        });
        const [job] = await jobsOfOrder(context.server.dataFolder, order);
        const { actions, dialogs } = await openOperations(shell);
        await actions.run(job.id, CLOSEOUT_ORDER);
        await expect(dialogs.blockedWarning).toContainText('MarcomCentral');
        await expect(dialogs.notReadyWarning).toHaveCount(0);
        await dialogs.blockedWarning.getByRole('button', { name: 'OK' }).click();
        await expect(dialogs.blockedWarning).toHaveCount(0);
        await expect(dialogs.closeout).toHaveCount(0);
        const stored = context.simulator.order(order.ID)!;
        expect(stored.PackingSlips).toHaveLength(0);
        expect(stored.Settlements).toHaveLength(0);
    });
});
