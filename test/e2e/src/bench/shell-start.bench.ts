import { setTimeout as delay } from 'node:timers/promises';
import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { test, expect, Browser, CDPSession, Page } from '@playwright/test';
import { freePort } from '@presswork/platform/lib/node/test/free-port';
import { PressworkServer } from '../fixtures/presswork-server';
import { SignInPage } from '../page-objects/sign-in-page';

/**
 * Shell start after Sign in (issue 15, target: at most 1.0× a bare Theia app of the same version and
 * packages), measured side by side in one run: Presswork from the click on Sign in, and the bare app
 * (test/bare-theia-app, built by `npm run bench -- ui`) from navigation, both until Theia reveals the
 * shell (its preload screen removed). Each run is a fresh browser context (cold cache), the two apps
 * alternate, medians of RUNS. Writes `test-results/shell-start.json`.
 */

const RUNS = Number(process.env.SHELL_RUNS ?? 5);
const ADMIN_PASSWORD = 'Admin#Bench1';
const BARE_BACKEND = path.resolve(__dirname, '..', '..', '..', 'bare-theia-app', 'lib', 'backend', 'main.js');
const FIGURES_FILE = path.resolve(__dirname, '..', '..', 'test-results', 'shell-start.json');

/** Installed before any page script: the epoch ms when Theia removes its preload screen. */
function recordShellReveal(): void {
    const record = (): void => {
        const observer = new MutationObserver(() => {
            if (document.querySelector('#theia-app-shell') && !document.querySelector('.theia-preload')) {
                observer.disconnect();
                (window as unknown as { shellRevealedAt: number }).shellRevealedAt = performance.timeOrigin + performance.now();
            }
        });
        observer.observe(document.documentElement, { childList: true, subtree: true });
    };
    if (document.documentElement) {
        record();
    } else {
        document.addEventListener('DOMContentLoaded', record);
    }
}

async function shellRevealedAt(page: Page): Promise<number> {
    await page.waitForFunction(() => (window as unknown as { shellRevealedAt?: number }).shellRevealedAt !== undefined, undefined, { timeout: 120_000 });
    return page.evaluate(() => (window as unknown as { shellRevealedAt: number }).shellRevealedAt);
}

interface ShellStart {
    /** From the start (click or navigation) to the shell revealed. */
    readonly wallMs: number;
    /** The browser's main thread busy meanwhile (CDP TaskDuration): less sensitive to a loaded machine. */
    readonly busyMs: number;
}

/** In a fresh browser context (cold cache): `prepare`, then times `start` until Theia reveals the shell. */
async function timeShellStart(browser: Browser, prepare: (page: Page) => Promise<void>, start: (page: Page) => Promise<unknown>): Promise<ShellStart> {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    try {
        const page = await context.newPage();
        await page.addInitScript(recordShellReveal);
        await prepare(page);
        const cdp = await context.newCDPSession(page);
        await cdp.send('Performance.enable');
        const busyBefore = await taskSeconds(cdp);
        const startedAt = Date.now();
        await start(page);
        const wallMs = await shellRevealedAt(page) - startedAt;
        return { wallMs: Math.round(wallMs), busyMs: Math.round((await taskSeconds(cdp) - busyBefore) * 1000) };
    } finally {
        await context.close();
    }
}

async function taskSeconds(cdp: CDPSession): Promise<number> {
    const { metrics } = await cdp.send('Performance.getMetrics');
    return metrics.find(metric => metric.name === 'TaskDuration')?.value ?? 0;
}

/** The bare Theia app's backend on a free port, until stopped. */
async function startBareTheia(): Promise<{ url: string; process: ChildProcess }> {
    await fs.access(BARE_BACKEND).catch(() => {
        throw new Error(`the bare Theia app is not built (${BARE_BACKEND}): npm -w @presswork/bare-theia-app run bundle:bare`);
    });
    const port = await freePort();
    const child = spawn(process.execPath, [BARE_BACKEND, '--hostname', '127.0.0.1', '--port', String(port)], { stdio: 'ignore' });
    const url = `http://127.0.0.1:${port}`;
    for (const deadline = Date.now() + 60_000; Date.now() < deadline; await delay(200)) {
        if (await fetch(url).then(response => response.ok, () => false)) {
            return { url, process: child };
        }
    }
    child.kill('SIGKILL');
    throw new Error('the bare Theia app did not answer within 60 s');
}

function median(values: readonly number[]): number {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)];
}

function ratio(values: readonly number[], baseline: readonly number[]): number {
    return Math.round(median(values) / median(baseline) * 100) / 100;
}

test('shell start after Sign in, beside a bare Theia app', async ({ browser }) => {
    test.setTimeout(20 * 60_000);
    const pressworkServer = await PressworkServer.start({ adminPassword: ADMIN_PASSWORD });
    const bareServer = await startBareTheia();
    try {
        const presswork: ShellStart[] = [];
        const bare: ShellStart[] = [];
        // One unmeasured start of each warms the servers' caches (files read from disk, compiled code).
        for (let run = -1; run < RUNS; run++) {
            const afterSignIn = await timeShellStart(browser, async page => {
                await new SignInPage(page, pressworkServer.url).open();
                await page.getByLabel('User name').fill('admin');
                await page.getByLabel('Password', { exact: true }).fill(ADMIN_PASSWORD);
            }, page => page.getByRole('button', { name: 'Sign in' }).click());
            const afterNavigation = await timeShellStart(browser, async () => undefined, page => page.goto(bareServer.url, { waitUntil: 'commit' }));
            if (run >= 0) {
                presswork.push(afterSignIn);
                bare.push(afterNavigation);
            }
        }
        const figures = {
            pressworkShellMsMedian: median(presswork.map(start => start.wallMs)),
            bareTheiaShellMsMedian: median(bare.map(start => start.wallMs)),
            shellRatio: ratio(presswork.map(start => start.wallMs), bare.map(start => start.wallMs)),
            pressworkShellBusyMsMedian: median(presswork.map(start => start.busyMs)),
            bareTheiaShellBusyMsMedian: median(bare.map(start => start.busyMs)),
            shellBusyRatio: ratio(presswork.map(start => start.busyMs), bare.map(start => start.busyMs)),
            presswork,
            bare
        };
        console.info(JSON.stringify(figures));
        await fs.mkdir(path.dirname(FIGURES_FILE), { recursive: true });
        await fs.writeFile(FIGURES_FILE, JSON.stringify(figures, undefined, 2));
        expect(presswork).toHaveLength(RUNS);
    } finally {
        bareServer.process.kill('SIGTERM');
        await pressworkServer.stop();
    }
});
