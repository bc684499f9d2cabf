import { test, expect } from '@playwright/test';
import { useStoreAndPresswork } from '../fixtures/store-and-presswork';
import { storedOrders } from '../fixtures/stored-jobs';
import { ConnectionsView } from '../page-objects/connections-view';
import { PressworkShell } from '../page-objects/presswork-shell';

const ADMIN_PASSWORD = 'Admin#Conn1';

test.describe('MarcomCentral connections', () => {
    const context = useStoreAndPresswork(ADMIN_PASSWORD);

    test('an administrator connects a store, tests it, enables it, and its orders arrive as jobs', async ({ page }) => {
        const shell = await PressworkShell.signIn(page, context.server.url, 'admin', ADMIN_PASSWORD);
        await shell.runMenu('View', 'Connections');

        const connections = new ConnectionsView(page);
        await connections.create({ name: 'Shop store', endpointUrl: context.simulator.url, orderToken: context.simulator.orderToken, pollingIntervalSeconds: 2 });
        const row = connections.row('Shop store');
        await expect(row).toContainText('order set');
        await expect(row).toContainText('Disabled');
        // The token never comes back to the browser.
        expect(await page.content()).not.toContain(context.simulator.orderToken);

        await expect(await connections.test('Shop store')).toContainText('Shop store: OK');

        await connections.setEnabled('Shop store', true);
        await expect(row).toContainText('OK');

        const placed = await fetch(`${context.simulator.url}/_sim/orders`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${context.simulator.orderToken}` },
            body: JSON.stringify({})
        });
        expect(placed.status).toBe(201);
        const order = await placed.json() as { OrderNumber: string, OrderDetails: unknown[] };

        await expect.poll(async () => (await storedOrders(context.server.dataFolder)).find(stored => stored.orderNumber === order.OrderNumber)?.jobs.length,
            { timeout: 30_000 }).toBe(order.OrderDetails.length);
        const stored = (await storedOrders(context.server.dataFolder)).find(candidate => candidate.orderNumber === order.OrderNumber)!;
        expect(stored.jobs.every(job => job.orderNumber === order.OrderNumber)).toBe(true);

        const log = await connections.openLog('Shop store');
        // The poll that took the order in: created 1 (fourth column), no errors (seventh).
        const createdOne = log.locator('tbody tr').filter({ has: page.locator('td:nth-child(4)', { hasText: /^1$/ }) });
        await expect(createdOne.first().locator('td:nth-child(7)')).toHaveText('0');
        await connections.closeDialog();
    });

    test('a wrong token is named as the reason when the connection is tested', async ({ page }) => {
        const shell = await PressworkShell.signIn(page, context.server.url, 'admin', ADMIN_PASSWORD);
        await shell.runMenu('View', 'Connections');
        const connections = new ConnectionsView(page);
        await connections.create({ name: 'Wrong token', endpointUrl: context.simulator.url, orderToken: 'not-the-token' });
        await expect(await connections.test('Wrong token')).toContainText('invalid-token');
    });
});
