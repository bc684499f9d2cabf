import { test, expect, Browser, BrowserContextOptions, Locator } from '@playwright/test';
import { jobsOf, preparedOrders, usePressworkWithOrders } from '../fixtures/prepared-orders';
import { AllJobsPod } from '../page-objects/all-jobs-pod';
import { PressworkShell } from '../page-objects/presswork-shell';

const PASSWORD = 'Admin#Pod15';
const ORDERS = preparedOrders(40, 3);
const JOBS = jobsOf(ORDERS);
const DEFAULT_COLUMNS = ['name', 'orderNumber', 'state', 'currentActivity', 'customer', 'copies', 'due', 'received', 'waitReason'];

test.describe('All Jobs pod: selection, filter and layout', () => {
    const running = usePressworkWithOrders(PASSWORD, ORDERS);

    async function openPod(browser: Browser, options: BrowserContextOptions = {}): Promise<AllJobsPod> {
        const context = await browser.newContext(options);
        const page = await context.newPage();
        await PressworkShell.signIn(page, running.server.url, 'admin', PASSWORD);
        const pod = new AllJobsPod(page);
        await pod.waitUntilLoaded();
        return pod;
    }

    /** The right edge of what the pod shows without scrolling sideways. */
    async function visibleRight(pod: AllJobsPod): Promise<number> {
        const box = (await pod.scroller.boundingBox())!;
        return box.x + box.width;
    }

    async function rightEdge(locator: Locator): Promise<number> {
        const box = (await locator.boundingBox())!;
        return box.x + box.width;
    }

    test('a filter unselects the jobs it hides and says how many; no match says so and offers Clear filter', async ({ browser }) => {
        const pod = await openPod(browser, { viewport: { width: 1440, height: 900 } });
        const first = pod.rows().nth(0);
        const second = pod.rows().nth(1);
        const kept = (await first.getAttribute('data-job-id'))!;
        await first.click();
        await second.click({ modifiers: ['Control'] });
        await expect(pod.selectedRows()).toHaveCount(2);

        // Filtering by the first job's name hides the second: it leaves the selection, and the pod says so.
        await pod.filter(JOBS.find(job => job.id === kept)!.name);
        await expect(pod.rows()).toHaveCount(1);
        await expect(pod.root).toContainText('1 selected job is hidden by the filter and was unselected.');
        await expect(pod.root.locator('.presswork-all-jobs-count')).toContainText('1 selected');
        await expect(pod.row(kept)).toHaveAttribute('aria-selected', 'true');

        // Nothing matches: a message and Clear filter instead of a blank grid.
        await pod.filter('no such job anywhere');
        await expect(pod.emptyResult).toContainText('No jobs match the filter.');
        await expect(pod.root.locator('.presswork-all-jobs-count')).not.toContainText('selected');
        await pod.emptyResult.getByRole('button', { name: 'Clear filter' }).click();
        await expect(pod.filterBox).toHaveValue('');
        await expect(pod.root).toContainText(`${JOBS.length} of ${JOBS.length} jobs`);
        await expect(pod.rows().first()).toBeVisible();
        await pod.page.context().close();
    });

    test('typing in the filter and clicking a row at once keeps the filter in the box and the grid', async ({ browser }) => {
        const pod = await openPod(browser);
        const job = JOBS[JOBS.length - 5];
        await pod.filterBox.fill(job.name);
        // No pause: the click comes well inside the filter's 0.25 s typing delay.
        await pod.rows().first().click();
        await expect(pod.rows()).toHaveCount(1);
        await expect(pod.row(job.id)).toBeVisible();
        await pod.page.waitForTimeout(1_000);
        await expect(pod.filterBox).toHaveValue(job.name);
        await expect(pod.rows()).toHaveCount(1);
        await expect(pod.root).toContainText(`1 of ${JOBS.length} jobs`);
        await pod.page.context().close();
    });

    test('at 1440×900 every default column shows without scrolling sideways; the Wait reason truncates with a tooltip', async ({ browser }) => {
        const pod = await openPod(browser, { viewport: { width: 1440, height: 900 } });
        await expect(pod.orderPanel).toBeVisible();
        const right = await visibleRight(pod);
        for (const column of DEFAULT_COLUMNS) {
            expect(await rightEdge(pod.header(column)), `${column} within the visible area`).toBeLessThanOrEqual(right + 1);
        }
        expect(await pod.scroller.evaluate(element => element.scrollWidth - element.clientWidth)).toBeLessThanOrEqual(0);
        const waiting = JOBS.find(job => job.state === 'Waiting')!;
        await pod.filter(waiting.name);
        await expect(pod.cell(waiting.id, 'waitReason')).toHaveAttribute('title', 'Approve the proof');
        // Job ID is there to add.
        await pod.openMenu('columns');
        await expect(pod.menuItem('Job ID')).toHaveAttribute('aria-checked', 'false');
        await pod.page.context().close();
    });

    test('at 1024×768 Name, Order number, State and Current activity show', async ({ browser }) => {
        const pod = await openPod(browser, { viewport: { width: 1024, height: 768 } });
        const right = await visibleRight(pod);
        for (const column of ['name', 'orderNumber', 'state', 'currentActivity']) {
            await expect(pod.header(column)).toBeVisible();
            expect(await rightEdge(pod.header(column)), `${column} within the visible area`).toBeLessThanOrEqual(right + 1);
        }
        await pod.page.context().close();
    });

    test('the Order panel collapses and comes back from the Layout menu, and keeps its width after a reload', async ({ browser }) => {
        // Two reloads of the shell.
        test.slow();
        const pod = await openPod(browser, { viewport: { width: 1440, height: 900 } });
        await expect(pod.orderPanel).toBeVisible();
        const before = (await pod.orderPanel.boundingBox())!;
        // Drag the sash on the panel's left edge 120 px further left.
        const handles = await pod.page.locator('.lm-SplitPanel-handle').evaluateAll((elements, left) => elements.flatMap(element => {
            const box = element.getBoundingClientRect();
            return box.height > 100 ? [{ distance: Math.abs(box.x + box.width / 2 - left), y: box.y + box.height / 2, x: box.x + box.width / 2 }] : [];
        }).sort((a, b) => a.distance - b.distance), before.x);
        const handle = handles[0];
        await pod.page.mouse.move(handle.x, handle.y);
        await pod.page.mouse.down();
        await pod.page.mouse.move(handle.x - 60, handle.y, { steps: 4 });
        await pod.page.mouse.move(handle.x - 120, handle.y, { steps: 4 });
        await pod.page.mouse.up();
        await expect.poll(async () => (await pod.orderPanel.boundingBox())!.width).toBeGreaterThan(before.width + 80);
        const widened = (await pod.orderPanel.boundingBox())!.width;
        await pod.page.waitForTimeout(800);
        await pod.page.reload();
        await new PressworkShell(pod.page).waitUntilReady();
        await pod.waitUntilLoaded();
        await expect.poll(async () => (await pod.orderPanel.boundingBox())?.width ?? 0).toBeGreaterThan(widened - 10);

        await pod.openMenu('layout');
        await expect(pod.menuItem('Order panel')).toHaveAttribute('aria-checked', 'true');
        await pod.menuItem('Order panel').click();
        await expect(pod.orderPanel).toBeHidden();
        await pod.page.keyboard.press('Escape');
        await pod.page.waitForTimeout(800);
        await pod.page.reload();
        await new PressworkShell(pod.page).waitUntilReady();
        await pod.waitUntilLoaded();
        await expect(pod.orderPanel).toBeHidden();
        await pod.openMenu('layout');
        await pod.menuItem('Order panel').click();
        await expect(pod.orderPanel).toBeVisible();
        await pod.page.context().close();
    });

    test('on a touch screen rows and buttons are 44 px and a long press opens the job menu', async ({ browser }) => {
        const pod = await openPod(browser, { viewport: { width: 1024, height: 768 }, hasTouch: true, isMobile: true });
        const row = pod.rows().nth(2);
        await expect.poll(async () => (await row.boundingBox())!.height).toBeGreaterThanOrEqual(44);
        expect((await pod.toolbarButton('more').boundingBox())!.height).toBeGreaterThanOrEqual(44);
        const jobId = (await row.getAttribute('data-job-id'))!;
        const box = (await row.boundingBox())!;
        const cdp = await pod.page.context().newCDPSession(pod.page);
        const point = { x: box.x + 40, y: box.y + box.height / 2 };
        await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [point] });
        await pod.page.waitForTimeout(900);
        await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
        await expect(pod.page.getByRole('menu', { name: 'Job actions' })).toBeVisible();
        await expect(pod.row(jobId)).toHaveAttribute('aria-selected', 'true');
        expect((await pod.menu.locator('[role^="menuitem"]').first().boundingBox())!.height).toBeGreaterThanOrEqual(44);
        await pod.page.context().close();
    });

    test('the touch layout can be chosen on a desk computer too, and turned off again', async ({ browser }) => {
        const pod = await openPod(browser);
        const row = pod.rows().nth(1);
        expect((await row.boundingBox())!.height).toBeLessThan(30);
        await pod.openMenu('layout');
        await pod.menuItem('Touch layout: on').click();
        await expect.poll(async () => (await row.boundingBox())!.height).toBeGreaterThanOrEqual(44);
        await pod.menuItem('Touch layout: off').click();
        await expect.poll(async () => (await row.boundingBox())!.height).toBeLessThan(30);
        await pod.page.context().close();
    });
});
