import { test, expect, Locator, Page } from '@playwright/test';
import type { Order } from '@presswork/platform/lib/common/order-schema';
import { CLOSEOUT_ORDER, ORDER_DETAILS } from '../fixtures/closeout-scenario';
import { preparedOrders, usePressworkWithOrders } from '../fixtures/prepared-orders';
import { AllJobsPod } from '../page-objects/all-jobs-pod';
import { CloseoutDialogs } from '../page-objects/closeout-dialogs';
import { JobActions } from '../page-objects/job-action-dialogs';
import { PressworkShell } from '../page-objects/presswork-shell';

const ADMIN_PASSWORD = 'Admin#Hidden1';

/** A hostile store's order number: a bidi override and a zero-width space; it looks like "1001". */
const HOSTILE_NUMBER = '\u202E10\u200B01';
const SHOWN_NUMBER = '⟨U+202E⟩10⟨U+200B⟩01';
const HOSTILE_NAME = 'Flyer \u202Efdp.exe';

function withNumber(order: Order, orderNumber: string, change: Partial<Order['jobs'][number]> = {}): Order {
    return { ...order, orderNumber, jobs: order.jobs.map(job => ({ ...job, orderNumber, ...change })) };
}

const [plain, hostile, other] = preparedOrders(3, 2);
const ORDERS = [
    withNumber(plain, '1001'),
    // Waiting for closeout, so Closeout order… opens its dialog at once.
    withNumber(hostile, HOSTILE_NUMBER, { name: HOSTILE_NAME, state: 'Waiting for order closeout', phase: 'Complete' }),
    other
];
const HOSTILE_JOB = ORDERS[1].jobs[0].id;

/** The element holds the identifier spelled out, its markers marked, isolated from the text around it. */
async function expectSpelledOut(element: Locator): Promise<void> {
    await expect(element).toContainText(SHOWN_NUMBER);
    await expect(element).not.toContainText(/[\u202E\u200B]/);
    const identifier = element.locator('bdi.presswork-store-text', { has: element.page().locator('.presswork-hidden-character') }).first();
    await expect(identifier.locator('.presswork-hidden-character')).toHaveText(['⟨U+202E⟩', '⟨U+200B⟩']);
    expect(await identifier.evaluate(node => getComputedStyle(node).unicodeBidi)).toBe('isolate');
}

/** The dialog's title shows the identifier spelled out (titles are plain text: isolated with FSI…PDI). */
async function expectTitleSpelledOut(dialog: Locator): Promise<void> {
    await expect(dialog.locator('.dialogTitle')).toContainText(`\u2068${SHOWN_NUMBER}\u2069`);
}

test.describe('store text with hidden characters', () => {
    const running = usePressworkWithOrders(ADMIN_PASSWORD, ORDERS);
    let page: Page;
    let pod: AllJobsPod;

    test.beforeAll(async ({ browser }) => {
        page = await browser.newPage();
        await PressworkShell.signIn(page, running.server.url, 'admin', ADMIN_PASSWORD);
        pod = new AllJobsPod(page);
        await pod.waitUntilLoaded();
    });

    test('the pod, the Order panel and the dialogs spell out a bidi override and a zero-width space, and isolate store text', async () => {
        test.setTimeout(120_000);
        await expectSpelledOut(pod.cell(HOSTILE_JOB, 'orderNumber'));
        const name = pod.cell(HOSTILE_JOB, 'name').locator('bdi.presswork-store-text');
        await expect(name).toHaveText(/^Flyer \u202Efdp\.exe/);
        expect(await name.evaluate(node => getComputedStyle(node).unicodeBidi)).toBe('isolate');

        await pod.groupBy('Order number');
        await expectSpelledOut(pod.groupHeader(HOSTILE_NUMBER));
        await pod.groupBy('None');

        const actions = new JobActions(page, pod);
        await actions.select(HOSTILE_JOB);
        await expectSpelledOut(pod.orderPanel.locator('.presswork-order-number'));

        const dialogs = new CloseoutDialogs(page);
        await actions.run(HOSTILE_JOB, ORDER_DETAILS);
        await expectTitleSpelledOut(dialogs.orderDetails);
        await expectSpelledOut(dialogs.fact(dialogs.orderDetails, 'orderNumber'));
        await dialogs.closeOrderDetails();

        // No connection holds the order here, so Closeout order… says why it cannot, quoting the number.
        await actions.run(HOSTILE_JOB, CLOSEOUT_ORDER);
        await expectTitleSpelledOut(dialogs.blockedWarning);
        await expect(dialogs.blockedWarning.locator('[role="alert"]')).toContainText(`The connection order ${SHOWN_NUMBER} came from no longer exists`);
        await dialogs.blockedWarning.getByRole('button', { name: 'OK' }).click();
        await expect(dialogs.blockedWarning).toHaveCount(0);

        await actions.openProperties(HOSTILE_JOB);
        await expectSpelledOut(actions.properties.locator('[data-fact="orderNumber"]'));
        await actions.close();
    });

    test('a search for "1001" keeps the look-alike apart and says it exists', async () => {
        await pod.filter('1001');
        await expect(pod.rows()).toHaveCount(2);
        for (const job of ORDERS[0].jobs) {
            await expect(pod.row(job.id)).toBeVisible();
        }
        const note = pod.root.locator('.presswork-all-jobs-look-alikes');
        await expect(note).toHaveText(/2 jobs have order numbers that look like "\u20681001\u2069" but contain hidden characters/);

        await pod.filter(HOSTILE_NUMBER);
        await expect(pod.rows()).toHaveCount(2);
        await expect(pod.row(HOSTILE_JOB)).toBeVisible();
        await expect(note).toHaveCount(0);
    });

    test('the Read API gives machines the order number as the store sent it', async () => {
        const response = await page.request.get(`${running.server.url}/api/v1/orders/${ORDERS[1].id}`);
        expect(response.status()).toBe(200);
        const order = await response.json() as { orderNumber: string, jobs: { name: string, orderNumber: string }[] };
        expect(order.orderNumber).toBe(HOSTILE_NUMBER);
        expect(order.jobs.map(job => [job.orderNumber, job.name])).toEqual([[HOSTILE_NUMBER, HOSTILE_NAME], [HOSTILE_NUMBER, HOSTILE_NAME]]);
    });
});
