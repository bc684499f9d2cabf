import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { test, expect, Page } from '@playwright/test';
import { jobsOf, preparedOrders, usePressworkWithOrders } from '../fixtures/prepared-orders';
import { AllJobsPod } from '../page-objects/all-jobs-pod';
import { PressworkShell } from '../page-objects/presswork-shell';

/**
 * Operations in headless Chromium over a store of 100,000 jobs in 30,000 orders: time to the first
 * rows painted, time from an operator's change to the change painted in a second browser, and the
 * JS heap before and after scrolling through every row. Prints the figures and writes them to
 * `test-results/operations-ui.json`.
 */

const ADMIN_PASSWORD = 'Admin#Bench1';
const ORDERS = 30_000;
const JOBS = 100_000;
/** 10,000 orders of 4 jobs and 20,000 of 3: 100,000 jobs. */
const orders = preparedOrders(ORDERS, index => index < JOBS - 3 * ORDERS ? 4 : 3);
const CHANGES = 20;

function percentile(values: readonly number[], p: number): number {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1)];
}

/** Epoch milliseconds (same clock in every browser on this machine) when the first job row is painted. */
function firstRowPainted(page: Page): Promise<number> {
    return page.evaluate(() => new Promise<number>(resolve => {
        const done = (): void => {
            requestAnimationFrame(() => resolve(performance.timeOrigin + performance.now()));
        };
        if (document.querySelector('#presswork-all-jobs tr[data-job-id]')) {
            return done();
        }
        const observer = new MutationObserver(() => {
            if (document.querySelector('#presswork-all-jobs tr[data-job-id]')) {
                observer.disconnect();
                done();
            }
        });
        observer.observe(document.body, { childList: true, subtree: true });
    }));
}

/** Starts watching for a job's state cell to read `state`; resolves with the epoch ms it was painted. */
async function watchState(page: Page, jobId: string, state: string): Promise<() => Promise<number>> {
    await page.evaluate(([id, expected]) => {
        const cell = (): Element | null => document.querySelector(`#presswork-all-jobs tr[data-job-id="${id}"] td[data-column-id="state"]`);
        (window as unknown as { painted: Promise<number> }).painted = new Promise<number>(resolve => {
            const observer = new MutationObserver(() => {
                if (cell()?.textContent === expected) {
                    observer.disconnect();
                    requestAnimationFrame(() => resolve(performance.timeOrigin + performance.now()));
                }
            });
            observer.observe(document.querySelector('#presswork-all-jobs')!, { childList: true, subtree: true, characterData: true });
        });
    }, [jobId, state]);
    return () => page.evaluate(() => (window as unknown as { painted: Promise<number> }).painted);
}

async function heapUsed(page: Page): Promise<number> {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    await cdp.detach();
    return usedSize;
}

test.describe('Operations in the browser with 100,000 jobs', () => {
    const running = usePressworkWithOrders(ADMIN_PASSWORD, orders);

    test('first rows, live change, memory while scrolling', async ({ browser }) => {
        expect(jobsOf(orders).length).toBe(JOBS);
        const figures: Record<string, number> = {};

        // The second browser (the observer) signs in first; Operations opens as the home.
        const observerPage = await (await browser.newContext()).newPage();
        const observerShell = await PressworkShell.signIn(observerPage, running.server.url, 'admin', ADMIN_PASSWORD);
        const observer = new AllJobsPod(observerPage);
        await observer.waitUntilLoaded();

        // Opening Operations: close the pod, then time the menu entry to the first rows painted.
        const openings: number[] = [];
        for (let round = 0; round < 5; round++) {
            await observerPage.locator('#shell-tab-presswork-all-jobs .lm-TabBar-tabCloseIcon').click();
            await expect(observer.root).toHaveCount(0);
            await observerShell.menu('View').click();
            const painted = firstRowPainted(observerPage);
            const clickedAt = await observerPage.evaluate(() => performance.timeOrigin + performance.now());
            await observerPage.locator('.lm-Menu-itemLabel', { hasText: /^Operations$/ }).click();
            openings.push(await painted - clickedAt);
        }
        figures.openToFirstRowsMsP50 = percentile(openings, 50);
        figures.openToFirstRowsMsMax = Math.max(...openings);

        // Reload: from navigation to the first rows of the home workspace (shell start included).
        const reloadStart = Date.now();
        await observerPage.reload();
        await observer.waitUntilLoaded();
        figures.reloadToFirstRowsMs = Date.now() - reloadStart;

        // A change made by an operator in one browser, painted in the other.
        const actorPage = await (await browser.newContext()).newPage();
        await PressworkShell.signIn(actorPage, running.server.url, 'admin', ADMIN_PASSWORD);
        const actor = new AllJobsPod(actorPage);
        await actor.waitUntilLoaded();
        const latencies: number[] = [];
        for (let change = 0; change < CHANGES; change++) {
            const row = actor.rows().filter({ hasNot: actorPage.locator('td[data-column-id="state"]', { hasText: /^Held$/ }) }).first();
            const jobId = (await row.getAttribute('data-job-id'))!;
            await expect(observer.row(jobId)).toBeVisible();
            const painted = await watchState(observerPage, jobId, 'Held');
            await row.click();
            await actor.openMenu('more');
            const item = actor.menuItem('Hold');
            const clickedAt = await item.evaluate(element => new Promise<number>(resolve => {
                element.addEventListener('click', () => resolve(performance.timeOrigin + performance.now()), { once: true, capture: true });
                (element as HTMLElement).click();
            }));
            latencies.push(await painted() - clickedAt);
            await expect(actor.cell(jobId, 'state')).toHaveText('Held');
        }
        figures.changeToPaintMsP50 = percentile(latencies, 50);
        figures.changeToPaintMsP95 = percentile(latencies, 95);

        // Memory: the heap before and after scrolling through every row, and half-way.
        figures.heapBeforeScrollMB = await heapUsed(observerPage) / 2 ** 20;
        const scrollStart = Date.now();
        const total = await observer.scroller.evaluate(element => element.scrollHeight);
        for (let step = 1; ; step++) {
            const top = await observer.scroller.evaluate(element => {
                element.scrollTop += element.clientHeight * 8;
                return element.scrollTop + element.clientHeight;
            });
            await expect(observer.rows().first()).toBeVisible();
            if (step === 200) {
                figures.heapHalfwayMB = await heapUsed(observerPage) / 2 ** 20;
            }
            if (top >= total - 2) {
                break;
            }
        }
        await expect(observer.grid.locator(`tr[data-index="${JOBS - 1}"][data-job-id]`)).toBeVisible();
        figures.scrollThroughAllSeconds = (Date.now() - scrollStart) / 1000;
        figures.heapAfterScrollMB = await heapUsed(observerPage) / 2 ** 20;

        const rounded = Object.fromEntries(Object.entries(figures).map(([key, value]) => [key, Math.round(value * 10) / 10]));
        console.info('Operations UI benchmark (100,000 jobs, 30,000 orders):', JSON.stringify(rounded, undefined, 2));
        const results = path.resolve(__dirname, '..', '..', 'test-results');
        await fs.mkdir(results, { recursive: true });
        await fs.writeFile(path.join(results, 'operations-ui.json'), JSON.stringify(rounded, undefined, 2));
    });
});
