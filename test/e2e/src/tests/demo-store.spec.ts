import { test, expect } from '@playwright/test';
import { PressworkServer } from '../fixtures/presswork-server';
import { storedOrders } from '../fixtures/stored-jobs';
import { ConnectionsView } from '../page-objects/connections-view';
import { PressworkShell } from '../page-objects/presswork-shell';

const ADMIN_PASSWORD = 'Admin#Demo1';

test.describe('first start with the demo store', () => {
    let server: PressworkServer;

    test.beforeAll(async () => {
        server = await PressworkServer.start({ adminPassword: ADMIN_PASSWORD, demo: true, environment: { PRESSWORK_DEMO_ORDER_SECONDS: '3' } });
    });

    test.afterAll(async () => {
        await server?.stop();
    });

    test('a new user signs in and sees the demo store connected and its orders arriving', async ({ page }) => {
        const shell = await PressworkShell.signIn(page, server.url, 'admin', ADMIN_PASSWORD);
        await shell.runMenu('View', 'Connections');
        const connections = new ConnectionsView(page);
        const demo = connections.row('Demo store');
        await expect(demo).toContainText('(demo)');
        await expect(demo).toContainText('OK', { timeout: 30_000 });
        await expect.poll(async () => (await storedOrders(server.dataFolder)).length, { timeout: 60_000 }).toBeGreaterThanOrEqual(2);
        const orders = await storedOrders(server.dataFolder);
        expect(orders.every(order => order.jobs.length > 0)).toBe(true);

        await shell.runMenu('View', 'Production Templates');
        await expect(page.locator('#presswork-production-templates tr[data-template="Demo store: stocked products"]')).toContainText('MarcomCentral stock item');
    });
});
