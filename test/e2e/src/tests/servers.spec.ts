import * as os from 'node:os';
import { test, expect } from '@playwright/test';
import { PressworkServer } from '../fixtures/presswork-server';
import { PressworkShell } from '../page-objects/presswork-shell';
import { ServersView } from '../page-objects/servers-view';
import { UsersView } from '../page-objects/users-view';

const ADMIN_PASSWORD = 'Admin#Servers1';

test.describe('the Servers view on the embedded store', () => {
    let server: PressworkServer;

    test.beforeAll(async () => {
        server = await PressworkServer.start({ adminPassword: ADMIN_PASSWORD });
    });

    test.afterAll(async () => {
        await server?.stop();
    });

    test('an administrator sees one server, this one, running and holding all the work, and it keeps up by itself', async ({ page }) => {
        const shell = await PressworkShell.signIn(page, server.url, 'admin', ADMIN_PASSWORD);
        await shell.runMenu('View', 'Servers');
        const servers = new ServersView(page);

        await expect(servers.summary).toHaveText(/embedded store in the data folder: this server is the only one, and it does all the work/);
        await expect(servers.rows()).toHaveCount(1);
        const row = servers.rows().first();
        await expect(servers.cell(row, 'server')).toHaveText(new RegExp(`^${escapeRegExp(os.hostname())}, process \\d+ \\(this server\\)$`));
        await expect(servers.cell(row, 'state')).toHaveText('Running');
        const health = await (await fetch(`${server.url}/health`)).json() as { version: string };
        await expect(servers.cell(row, 'version')).toHaveText(health.version);
        await expect(servers.cell(row, 'work')).toContainText('Shop-wide work: batches, notifications, printer monitoring');
        await expect(servers.cell(row, 'work')).toContainText('All orders');
        await expect(row).not.toContainText(/orders:|partition/i);

        // The heartbeat moves on without a click (every few seconds) and on Refresh.
        const heartbeat = await servers.cell(row, 'heartbeat').innerText();
        await expect(servers.cell(row, 'heartbeat')).not.toHaveText(heartbeat, { timeout: 15_000 });
        const later = await servers.cell(row, 'heartbeat').innerText();
        await page.waitForTimeout(1100);
        await servers.refresh();
        await expect(servers.cell(row, 'heartbeat')).not.toHaveText(later);
    });

    test('an operator is not offered the view', async ({ browser }) => {
        const adminPage = await browser.newPage();
        const adminShell = await PressworkShell.signIn(adminPage, server.url, 'admin', ADMIN_PASSWORD);
        await adminShell.runMenu('View', 'Users');
        await new UsersView(adminPage).createUser('Otto', 'Operator', 'Operat0r#Start');
        await adminPage.close();

        const page = await browser.newPage();
        const shell = await PressworkShell.signInFirstTime(page, server.url, 'Otto', 'Operat0r#Start', 'Operat0r#Mine');
        await shell.menu('View').click();
        await expect(page.locator('.lm-Menu-itemLabel', { hasText: 'Operations' })).toBeVisible();
        await expect(page.locator('.lm-Menu-itemLabel', { hasText: /^Servers$/ })).toHaveCount(0);
        await page.keyboard.press('Escape');
    });
});

function escapeRegExp(text: string): string {
    return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
