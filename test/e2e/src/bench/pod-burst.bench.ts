import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { test, expect, Browser, BrowserContext, Page } from '@playwright/test';
import { OrderInput, RunningSimulator, allSkus, startSimulator } from '@presswork/marcomcentral-simulator';
import { PressworkServer } from '../fixtures/presswork-server';
import { AllJobsPod } from '../page-objects/all-jobs-pod';
import { PressworkShell } from '../page-objects/presswork-shell';
import { processTreeCpuSeconds } from '../fixtures/process-cpu';

/**
 * The All Jobs pod during an intake burst (issue 16, item 6): 2,000 orders of 3 line items wait in
 * a MarcomCentral simulator; Presswork starts provisioned to it (polling every second) and takes
 * them in through the real intake, print-file fetcher and engine. The same burst runs twice on
 * fresh backends: with no browser (the baseline) and with one browser signed in as soon as the
 * backend answers, showing All Jobs. Reports the browser's main-thread busy time (CDP
 * `Performance.getMetrics` TaskDuration) over the burst and the server's CPU with and without the
 * open session. Writes `test-results/pod-burst.json`.
 */

const ADMIN_PASSWORD = 'Admin#Burst1';
const ORDERS = 2_000;
const LINES_PER_ORDER = 3;
const JOBS = ORDERS * LINES_PER_ORDER;
/**
 * The burst is over once every job is listed and the jobs' states stayed the same over this long
 * (the engine has taken every job as far as it goes without an operator or a printer).
 */
const SETTLED_MS = 3_000;
const SAMPLE_MS = 1_000;
const BURST_TIMEOUT_MS = 8 * 60_000;

interface BurstFigures {
    /** From the backend answering to the jobs settled. */
    readonly wallSeconds: number;
    /** From the pod shown to the jobs settled. */
    readonly browserSeconds: number;
    readonly serverCpuSeconds: number;
    readonly browser?: BrowserMetrics;
}

/** What the browser's main thread did since the pod was shown, in seconds, and what reached it over the websocket. */
interface BrowserMetrics {
    /** CDP TaskDuration: the main thread's tasks, wall time (it grows when the machine is short of CPU). */
    readonly busySeconds: number;
    /** CDP ThreadTime: the main thread's CPU time. */
    readonly cpuSeconds: number;
    readonly scriptSeconds: number;
    readonly layoutAndStyleSeconds: number;
    readonly messages: number;
    readonly kilobytes: number;
}

/** Starts counting: answers the browser's figures since now whenever asked. */
async function startBrowserMetrics(page: Page): Promise<() => Promise<BrowserMetrics>> {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    await cdp.send('Network.enable');
    let messages = 0;
    let bytes = 0;
    cdp.on('Network.webSocketFrameReceived', frame => {
        messages++;
        bytes += frame.response.payloadData.length;
    });
    const metrics = async (): Promise<Map<string, number>> => new Map((await cdp.send('Performance.getMetrics')).metrics.map(metric => [metric.name, metric.value]));
    const start = await metrics();
    const startMessages = messages;
    const startBytes = bytes;
    return async () => {
        const now = await metrics();
        const since = (name: string): number => (now.get(name) ?? 0) - (start.get(name) ?? 0);
        return {
            busySeconds: since('TaskDuration'), cpuSeconds: since('ThreadTime'), scriptSeconds: since('ScriptDuration'),
            layoutAndStyleSeconds: since('LayoutDuration') + since('RecalcStyleDuration'),
            messages: messages - startMessages, kilobytes: (bytes - startBytes) / 1024
        };
    };
}

/** How many jobs the Read API lists, and in which states, paging through them with the cookies of `context`. */
async function listedJobs(context: BrowserContext, url: string): Promise<{ count: number, states: string }> {
    const states = new Map<string, number>();
    let count = 0;
    let next: string | null = `${url}/api/v1/jobs?limit=1000`;
    while (next) {
        const response = await context.request.get(next.startsWith('http') ? next : `${url}${next}`);
        expect(response.status()).toBe(200);
        const page = await response.json() as { items: { state: string }[], next: string | null };
        count += page.items.length;
        for (const job of page.items) {
            states.set(job.state, (states.get(job.state) ?? 0) + 1);
        }
        next = page.next;
    }
    return { count, states: JSON.stringify([...states].sort()) };
}

/**
 * Waits until every job is listed and their states have not changed for a while; answers what
 * `measure` said when they last changed, i.e. at the end of the burst.
 */
async function untilSettled<T>(context: BrowserContext, url: string, deadline: number, measure: () => Promise<T>): Promise<T> {
    let last = { count: -1, states: '' };
    let changedAt = Date.now();
    let atChange = await measure();
    for (;;) {
        const now = await listedJobs(context, url);
        if (now.count !== last.count || now.states !== last.states) {
            last = now;
            changedAt = Date.now();
            atChange = await measure();
        } else if (now.count === JOBS && Date.now() - changedAt >= SETTLED_MS) {
            return atChange;
        }
        if (Date.now() > deadline) {
            throw new Error(`the burst did not settle within ${BURST_TIMEOUT_MS / 1000} s: ${now.count} jobs listed, states ${now.states}`);
        }
        await delay(SAMPLE_MS);
    }
}

/** Places the burst's orders in the store as customers would, each with its creation time now. */
async function placeOrders(simulator: RunningSimulator): Promise<void> {
    const skus = allSkus(simulator.catalog);
    const customers = simulator.catalog.customers.map(customer => customer.loginId);
    for (let index = 0; index < ORDERS; index++) {
        const input: OrderInput = {
            User: { LoginID: customers[index % customers.length] },
            OrderDetails: Array.from({ length: LINES_PER_ORDER }, (_, line) => ({ SKU: skus[(index + line * 3) % skus.length].sku.id }))
        };
        await simulator.placeOrder(input);
    }
}

/** One burst on a fresh simulator and backend, with or without a browser showing All Jobs. */
async function burst(browser: Browser, withPod: boolean): Promise<BurstFigures> {
    const simulator = await startSimulator({ host: '127.0.0.1', port: 0 });
    await placeOrders(simulator);
    const server = await PressworkServer.start({
        adminPassword: ADMIN_PASSWORD,
        environment: {
            PRESSWORK_MARCOM_URL: simulator.url, PRESSWORK_MARCOM_TOKEN: simulator.orderToken,
            PRESSWORK_MARCOM_TIMEZONE: simulator.timeZone, PRESSWORK_MARCOM_POLL_SECONDS: '1'
        }
    });
    const startedAt = Date.now();
    const cpuAtStart = await processTreeCpuSeconds(server.pid);
    try {
        // The Read API is asked with a signed-in session that has no browser connection (no feed, no pod).
        const reader = await browser.newContext();
        const signIn = await reader.request.post(`${server.url}/login`, { form: { name: 'admin', password: ADMIN_PASSWORD }, headers: { origin: server.url }, maxRedirects: 0 });
        expect(signIn.status(), await signIn.text()).toBeLessThan(400);

        let browserMetrics: (() => Promise<BrowserMetrics>) | undefined;
        if (withPod) {
            const page = await (await browser.newContext()).newPage();
            await PressworkShell.signIn(page, server.url, 'admin', ADMIN_PASSWORD);
            await expect(new AllJobsPod(page).root).toBeVisible();
            browserMetrics = await startBrowserMetrics(page);
        }

        const podOpenAt = Date.now();
        const measure = async (): Promise<BurstFigures> => ({
            wallSeconds: (Date.now() - startedAt) / 1000,
            serverCpuSeconds: await processTreeCpuSeconds(server.pid) - cpuAtStart,
            browserSeconds: (Date.now() - podOpenAt) / 1000,
            browser: browserMetrics && await browserMetrics()
        });
        return await untilSettled(reader, server.url, startedAt + BURST_TIMEOUT_MS, measure);
    } finally {
        await server.stop();
        await simulator.close();
    }
}

test.describe('All Jobs during a burst of 6,000 jobs', () => {
    test('browser busy time and server CPU per open session', async ({ browser }) => {
        const alone = await burst(browser, false);
        const watched = await burst(browser, true);
        const pod = watched.browser!;
        const round = (value: number): number => Math.round(value * 100) / 100;
        const figures = {
            burstJobs: JOBS,
            baselineBurstSeconds: round(alone.wallSeconds),
            baselineServerCpuSeconds: round(alone.serverCpuSeconds),
            podBurstSeconds: round(watched.wallSeconds),
            podServerCpuSeconds: round(watched.serverCpuSeconds),
            browserBusySeconds: round(pod.busySeconds),
            browserBusyPercent: round(100 * pod.busySeconds / watched.browserSeconds),
            browserCpuPercent: round(100 * pod.cpuSeconds / watched.browserSeconds),
            browserScriptSeconds: round(pod.scriptSeconds),
            browserLayoutAndStyleSeconds: round(pod.layoutAndStyleSeconds),
            browserMessagesPerSecond: round(pod.messages / watched.browserSeconds),
            browserKilobytesPerSecond: round(pod.kilobytes / watched.browserSeconds),
            serverCpuPerSessionSeconds: round(watched.serverCpuSeconds - alone.serverCpuSeconds),
            serverCpuPerSessionPercentOfCore: round(100 * (watched.serverCpuSeconds - alone.serverCpuSeconds) / watched.wallSeconds),
            burstSlowdown: round(watched.wallSeconds / alone.wallSeconds)
        };
        console.info('All Jobs burst benchmark (2,000 orders, 6,000 jobs):', JSON.stringify(figures, undefined, 2));
        const results = path.resolve(__dirname, '..', '..', 'test-results');
        await fs.mkdir(results, { recursive: true });
        await fs.writeFile(path.join(results, 'pod-burst.json'), JSON.stringify(figures, undefined, 2));
    });
});
