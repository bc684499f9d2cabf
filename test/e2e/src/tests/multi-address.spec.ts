import { test, expect } from '@playwright/test';
import { CATALOGUES, CLOSEOUT_ORDER, CONNECTION, jobsOfOrder, jobState, openOperations, PENS, storedJob } from '../fixtures/closeout-scenario';
import { useStoreAndPresswork } from '../fixtures/store-and-presswork';
import { ConnectionsView } from '../page-objects/connections-view';
import { ProductionTemplatesView } from '../page-objects/production-templates-view';
import { PressworkShell } from '../page-objects/presswork-shell';

const ADMIN_PASSWORD = 'Admin#Multi1';

/**
 * An order whose lines ship to several addresses cannot be closed out from Presswork (one packing
 * slip, one address): it is flagged on arrival, and its jobs go on to Retain at Closeout Order
 * instead of waiting for a closeout that never comes.
 */
test.describe('an order shipping to several addresses', () => {
    const context = useStoreAndPresswork(ADMIN_PASSWORD);

    test('is flagged on arrival (status bar, Order panel, wait reason), Closeout order… says why, and its jobs go on to Retain', async ({ page }) => {
        test.setTimeout(240_000);
        const shell = await PressworkShell.signIn(page, context.server.url, 'admin', ADMIN_PASSWORD);
        await shell.runMenu('View', 'Production Templates');
        await new ProductionTemplatesView(page).create({ name: 'Stocked products', productType: 'Static', workflow: 'MarcomCentral stock item' });
        await shell.runMenu('View', 'Connections');
        const connections = new ConnectionsView(page);
        await connections.create({ name: CONNECTION, endpointUrl: context.simulator.url, orderToken: context.simulator.orderToken, pollingIntervalSeconds: 2 });
        await connections.setEnabled(CONNECTION, true);

        const address = { City: 'Springfield', State: 'IL', Zip: '62701', Country: 'US' };
        const order = await context.simulator.placeOrder({
            PaymentMethod: 'PurchaseOrder',
            OrderDetails: [
                { SKU: PENS, Quantity: 1, Shipping: { Address: { ...address, Address1: '1 Main Street' } } },
                { SKU: CATALOGUES, Quantity: 10, Shipping: { Address: { ...address, Address1: '99 Side Road' } } }
            ]
        });
        const jobs = await jobsOfOrder(context.server.dataFolder, order);
        const [pens, catalogues] = [jobs.find(job => job.name.includes('Pens'))!, jobs.find(job => !job.name.includes('Pens'))!];
        await expect.poll(() => jobState(context.server.dataFolder, pens.id), { timeout: 60_000 }).toBe('Waiting');

        // The status bar counts the order from its arrival on.
        await expect(page.locator('#status-bar-presswork-orders-close-out-in-marcomcentral')).toContainText('1 to close out in MarcomCentral', { timeout: 30_000 });

        // The pod's wait reason and the Order panel say where it is closed out.
        const { pod, actions, dialogs } = await openOperations(shell);
        await actions.select(pens.id);
        await expect(pod.cell(pens.id, 'waitReason')).toContainText('Close out in MarcomCentral (ships to 2 addresses)');
        await expect(pod.orderPanel.locator('.presswork-order-close-out-elsewhere'))
            .toContainText('Ships to 2 addresses: close out in MarcomCentral');

        // Closeout order… explains the same, and sends nothing.
        await actions.run(pens.id, CLOSEOUT_ORDER);
        await expect(dialogs.blockedWarning).toContainText(`Close out in MarcomCentral: order ${order.OrderNumber} ships to 2 addresses`);
        await expect(dialogs.blockedWarning).toContainText('Its jobs go on to Retain when they reach Closeout Order');
        await dialogs.blockedWarning.getByRole('button', { name: 'OK' }).click();
        await expect(dialogs.closeout).toHaveCount(0);
        expect(context.simulator.order(order.ID)!.PackingSlips).toHaveLength(0);

        // Approved, the pens reach Closeout Order and go on to Retain rather than wait there.
        await actions.run(pens.id, 'presswork.jobs.approve');
        await expect.poll(() => jobState(context.server.dataFolder, pens.id), { timeout: 60_000 }).toBe('Retained');
        await expect(pod.row(pens.id)).toHaveAttribute('data-state', 'Retained');
        await expect(pod.cell(pens.id, 'waitReason')).toContainText('Close out in MarcomCentral');
        expect((await storedJob(context.server.dataFolder, pens.id))?.phase).toBe('Complete');
        expect(await jobState(context.server.dataFolder, catalogues.id)).toBe('Waiting');
    });
});
