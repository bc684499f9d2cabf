import { test, expect } from '@playwright/test';
import { testPng } from '@presswork/platform/lib/node/test/test-images';
import { preparedOrders, usePressworkWithOrders } from '../fixtures/prepared-orders';
import { AllJobsPod } from '../page-objects/all-jobs-pod';
import { PressworkShell } from '../page-objects/presswork-shell';

const PASSWORD = 'Formats#Pass1';
/** A date written with a two-digit year, as `12/5/26` or `5.12.26` (never followed by more digits). */
const TWO_DIGIT_YEAR = /\b\d{1,2}[./]\d{1,2}[./]\d{2}(?!\d)/;

/*
 * Issue 15, item 9: one date, time and money format everywhere (four-digit years), and the shop
 * identity (name, address, logo) that packing slips and invoices carry, set by an administrator.
 * What the PDFs print from it is checked where they are made (closeout-pdf.spec.ts).
 */
test.describe('formats and the shop identity', () => {
    const running = usePressworkWithOrders(PASSWORD, preparedOrders(3, 2));

    test('an administrator sets the shop identity; a file that only claims to be a PNG is refused, saying why', async ({ page }) => {
        const shell = await PressworkShell.signIn(page, running.server.url, 'admin', PASSWORD);
        await shell.runMenu('Operations', 'Shop Identity…');
        const dialog = page.locator('.dialogBlock');
        await expect(dialog.locator('.dialogTitle')).toContainText('Shop identity');

        // Save with nothing typed: the name is asked for beside its field.
        await dialog.getByRole('button', { name: 'Save' }).click();
        await expect(dialog.getByRole('alert').filter({ hasText: 'The shop name is required' })).toBeVisible();

        await dialog.getByLabel('Shop name').fill('Northside Print Co.');
        await dialog.getByLabel('Address').fill('12 Mill Road\nSpringfield, IL 62701');
        // An SVG with a script, named logo.png: the browser calls it image/png, its bytes say otherwise.
        await dialog.getByLabel('Logo').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>') });
        await expect(dialog.getByRole('alert').filter({ hasText: 'The logo is not a PNG image.' })).toBeVisible();
        await dialog.getByRole('button', { name: 'Save' }).click();
        await expect(dialog).toBeVisible();

        await dialog.getByLabel('Logo').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: testPng(40, 20) });
        await expect(dialog.getByRole('alert')).toHaveCount(0);
        await expect(dialog.getByRole('img', { name: 'The shop logo' })).toBeVisible();
        await dialog.getByRole('button', { name: 'Save' }).click();
        await expect(dialog).toBeHidden();
        await expect(page.locator('.theia-notification-message', { hasText: 'Shop identity saved' }).first()).toBeVisible();

        // Opened again (after a reload, from the server): what was saved is there, logo included.
        await page.reload();
        await shell.waitUntilReady();
        await shell.runMenu('Operations', 'Shop Identity…');
        await expect(dialog.getByLabel('Shop name')).toHaveValue('Northside Print Co.');
        await expect(dialog.getByLabel('Address')).toHaveValue('12 Mill Road\nSpringfield, IL 62701');
        await expect.poll(() => dialog.getByRole('img', { name: 'The shop logo' }).evaluate(image => (image as HTMLImageElement).naturalWidth)).toBe(40);
        await dialog.getByRole('button', { name: 'Cancel' }).click();
    });

    test('dates on screen have four-digit years: the pod, the Order panel and the Users view', async ({ page }) => {
        const shell = await PressworkShell.signIn(page, running.server.url, 'admin', PASSWORD);
        await shell.runMenu('Operations', 'Operations Workspace');
        const pod = new AllJobsPod(page);
        await pod.waitUntilLoaded();
        const received = pod.rows().first().locator('td[data-column-id="received"]');
        await expect(received).toContainText('2025');
        for (const text of await pod.grid.locator('td[data-column-id="received"], td[data-column-id="due"]').allInnerTexts()) {
            expect(text).not.toMatch(TWO_DIGIT_YEAR);
        }
        await pod.rows().first().click();
        await expect(pod.orderPanel).toContainText('2025');
        expect(await pod.orderPanel.innerText()).not.toMatch(TWO_DIGIT_YEAR);

        await shell.runCommand('Users');
        const users = page.locator('#presswork-users');
        await expect(users.locator('tr[data-user="admin"]')).toContainText(String(new Date().getFullYear()));
        expect(await users.innerText()).not.toMatch(TWO_DIGIT_YEAR);
    });

    test('the date and number format chosen in the Account menu changes how every date is written', async ({ page }) => {
        const shell = await PressworkShell.signIn(page, running.server.url, 'admin', PASSWORD);
        await shell.runMenu('Operations', 'Operations Workspace');
        const pod = new AllJobsPod(page);
        await pod.waitUntilLoaded();
        await shell.runMenu('Account', 'Date and Number Format…');
        const dialog = page.getByRole('dialog', { name: 'Date and number format' });
        await dialog.getByLabel('Write dates, times and amounts as').selectOption('de-DE');
        await dialog.getByRole('button', { name: 'Use this format' }).click();
        await expect(dialog).toBeHidden();
        await shell.runMenu('Operations', 'Operations Workspace');
        await pod.filter('0001');
        await expect(pod.rows().first().locator('td[data-column-id="received"]')).toContainText('01.01.2025');
    });
});
