import { createHash } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { test, expect } from '@playwright/test';
import { ApplicationError } from '@theia/core/lib/common/application-error';
import { postHugeBody } from '@presswork/platform/lib/node/auth/test/post-huge-body';
import { ACCOUNT_SERVICE_PATH } from '@presswork/platform/lib/common/account-protocol';
import { WORKFLOW_SERVICE_PATH } from '@presswork/workflow/lib/common/workflow-protocol';
import { CONNECTIONS_SERVICE_PATH } from '@presswork/connections/lib/common/connections-protocol';
import { JOB_ACTION_SERVICE_PATH, SAVED_VIEW_SERVICE_PATH } from '@presswork/jobs/lib/common/jobs-protocol';
import { CLOSEOUT_SERVICE_PATH } from '@presswork/closeout/lib/common/closeout-protocol';
import { OUTPUT_SERVICE_PATH } from '@presswork/output/lib/common/output-protocol';
import type { Order } from '@presswork/platform/lib/common/order-schema';
import { preparedOrders, usePressworkWithOrders } from '../fixtures/prepared-orders';
import { RpcSession, signInCookies } from '@presswork/platform/lib/node/rpc/test/rpc-session';
import { AllJobsPod } from '../page-objects/all-jobs-pod';
import { CloseoutDialogs } from '../page-objects/closeout-dialogs';
import { JobActions } from '../page-objects/job-action-dialogs';
import { PressworkShell } from '../page-objects/presswork-shell';

/*
 * Hostile input against the running product (issue 7, item 3): oversized and malformed bodies,
 * path traversal in route parameters, hostile RPC arguments that must change nothing on disk, and
 * script in order fields that the UI must show as text.
 */

const ADMIN_PASSWORD = 'Admin#Hostile1';
const SCRIPT = '<img src=x onerror=alert(1)>';
const INVALID_INPUT = -32011;

const ORDERS: Order[] = preparedOrders(3, 1).map((order, index) => index !== 0 ? order : {
    ...order,
    customer: { ...order.customer, firstName: SCRIPT, lastName: '"><script>alert(2)</script>' },
    jobs: order.jobs.map(job => ({ ...job, name: `${SCRIPT} \u202Eflyer\u202C`, properties: { ...job.properties, note: '<b>bold</b>' } }))
});
const HOSTILE_JOB = ORDERS[0].jobs[0];

/** Files that change as the server is used, whatever the calls: its logs, the sessions, the API tokens' last use. */
const CHANGING_BY_USE = /\.log$|sessions|api-tokens/;

/** Files of `after` not as they were in `before`, and files of `before` gone, apart from those that change by use. */
function differences(before: Map<string, string>, after: Map<string, string>): { changed: string[]; removed: string[] } {
    const changed = [...after].filter(([file, hash]) => before.get(file) !== hash && !CHANGING_BY_USE.test(file)).map(([file]) => file);
    const removed = [...before.keys()].filter(file => !after.has(file));
    return { changed, removed };
}

const SETTLE_INTERVAL_MS = 1_500;
const SETTLE_ATTEMPTS = 6;

/**
 * The folder once the server's background writes have settled: two snapshots 1.5 s apart agree.
 * The rule dispatcher saves its position up to a second after events that matched no rule (a
 * sign-in's), which is not a change the calls made.
 */
async function settledSnapshot(folder: string): Promise<Map<string, string>> {
    let previous = await snapshot(folder);
    for (let attempt = 0; attempt < SETTLE_ATTEMPTS; attempt++) {
        await delay(SETTLE_INTERVAL_MS);
        const next = await snapshot(folder);
        const { changed, removed } = differences(previous, next);
        if (!changed.length && !removed.length) {
            return next;
        }
        previous = next;
    }
    throw new Error(`the data folder kept changing for ${SETTLE_ATTEMPTS * SETTLE_INTERVAL_MS / 1000} s before the calls`);
}

/** Every file under the folder with a hash of its content, to tell whether anything changed. */
async function snapshot(folder: string): Promise<Map<string, string>> {
    const files = new Map<string, string>();
    const walk = async (at: string): Promise<void> => {
        for (const entry of await fs.readdir(at, { withFileTypes: true })) {
            const full = path.join(at, entry.name);
            if (entry.isDirectory()) {
                await walk(full);
            } else if (entry.isFile()) {
                files.set(path.relative(folder, full), createHash('sha256').update(await fs.readFile(full)).digest('hex'));
            }
        }
    };
    await walk(folder);
    return files;
}

test.describe('hostile input', () => {
    const running = usePressworkWithOrders(ADMIN_PASSWORD, ORDERS);
    let adminCookie: string;

    test.beforeAll(async () => {
        adminCookie = await signInCookies(running.server.url, 'admin', ADMIN_PASSWORD);
    });

    test('a 100 MB sign-in body is refused with 413 as a page without a stack trace', async () => {
        const outcome = await postHugeBody(`${running.server.url}/login`, 100 * 1024 * 1024, { origin: running.server.url });
        // Refused before it was read: the 413 page, or the connection closed under a write that failed first.
        expect(outcome.sent).toBeLessThan(100 * 1024 * 1024);
        expect(outcome.closedEarly ? 413 : outcome.status).toBe(413);
        expect(outcome.body).not.toMatch(/\bat \S+ \(.*:\d+:\d+\)|PayloadTooLargeError|node_modules/);
        // The server is still there for everyone else.
        expect((await fetch(`${running.server.url}/health`)).status).toBe(200);
    });

    test('malformed sign-in bodies get a clear refusal, never a 500 or a stack trace', async () => {
        const bodies: [string, string][] = [
            ['application/x-www-form-urlencoded; charset=bogus', 'name=admin&password=x'],
            ['application/x-www-form-urlencoded', `name=admin&password=x&next=${'/'.repeat(20_000)}`],
            ['application/x-www-form-urlencoded', '%E0%A4%A&name=%ZZ'],
            ['application/json', JSON.stringify({ name: 'admin', password: ADMIN_PASSWORD })],
            ['application/x-www-form-urlencoded', `name=${encodeURIComponent(SCRIPT)}&password=%00%ED%A0%80`],
            ['application/x-www-form-urlencoded', 'a=1&'.repeat(40)]
        ];
        for (const [contentType, body] of bodies) {
            const response = await fetch(`${running.server.url}/login`, {
                method: 'POST', redirect: 'manual', body, headers: { 'content-type': contentType, origin: running.server.url }
            });
            const text = await response.text();
            expect([400, 401, 413, 415, 429], `${contentType}: ${body.slice(0, 40)}`).toContain(response.status);
            expect(text).not.toMatch(/\bat \S+ \(.*:\d+:\d+\)|node_modules|<img src=x/);
        }
    });

    test('path traversal in route parameters reaches no file', async () => {
        const attempts = [
            '/closeout/documents/..%2F..%2F..%2Fetc/passwd.pdf', '/closeout/documents/order-0001/..%2F..%2Fusers.pdf',
            '/closeout/documents/..%2Fstore/invoice.pdf', '/closeout/documents/order-0001/%2e%2e%2finvoice.pdf',
            '/closeout/documents/order-0001/invoice.pdf%00.txt', '/closeout/documents/%00/invoice.pdf',
            '/api/v1/orders/..%2F..%2Fetc%2Fpasswd', '/api/v1/orders/%2e%2e', '/api/v1/orders/order-0001%00',
            '/files/?uri=file:///etc/passwd', '/file?uri=file:///etc/passwd'
        ];
        for (const attempt of attempts) {
            const response = await fetch(`${running.server.url}${attempt}`, { redirect: 'manual', headers: { cookie: adminCookie } });
            const text = await response.text();
            expect([400, 404], attempt).toContain(response.status);
            expect(text, attempt).not.toMatch(/root:|"passwordHash"|%PDF/);
        }
    });

    test('a malformed percent-encoding in a route parameter gets a 400 without a stack trace', async () => {
        for (const attempt of ['/api/v1/orders/%E0%A4%A', '/closeout/documents/%E0%A4%A/invoice.pdf']) {
            const response = await fetch(`${running.server.url}${attempt}`, { redirect: 'manual', headers: { cookie: adminCookie } });
            expect(response.status, attempt).toBe(400);
            expect(await response.text(), attempt).not.toMatch(/\bat \S+ \(.*:\d+:\d+\)|URIError|node_modules/);
        }
    });

    test('hostile RPC arguments to every writing method are refused as invalid and change nothing on disk', async () => {
        const session = await RpcSession.connect(running.server.url, adminCookie);
        const before = await settledSnapshot(running.dataFolder);
        const hostile: unknown[][] = [
            [], ['../../etc/passwd'], [{ __proto__: { isAdmin: true } }], ['x'.repeat(200_000)], [null, null, null], ['\uD800', -1, {}],
            [{ name: SCRIPT, kind: 'hot-folder', folder: 7 }], [['../job'], '\u0000'], [[], 'workflow-1'], ['order-0001', { packingSlip: 'x' }]
        ];
        const writing: [string, string][] = [
            [ACCOUNT_SERVICE_PATH, 'createUser'], [ACCOUNT_SERVICE_PATH, 'deleteUser'], [ACCOUNT_SERVICE_PATH, 'resetPassword'],
            [WORKFLOW_SERVICE_PATH, 'createWorkflow'], [WORKFLOW_SERVICE_PATH, 'saveWorkflow'], [OUTPUT_SERVICE_PATH, 'createPrinter'],
            [OUTPUT_SERVICE_PATH, 'createPool'], [OUTPUT_SERVICE_PATH, 'createMedium'],
            [WORKFLOW_SERVICE_PATH, 'createCustomActivity'], [WORKFLOW_SERVICE_PATH, 'importWorkflows'],
            [CONNECTIONS_SERVICE_PATH, 'createConnection'], [CONNECTIONS_SERVICE_PATH, 'createTemplate'],
            [JOB_ACTION_SERVICE_PATH, 'hold'], [JOB_ACTION_SERVICE_PATH, 'delete'], [JOB_ACTION_SERVICE_PATH, 'editJob'], [JOB_ACTION_SERVICE_PATH, 'moveToWorkflow'],
            [SAVED_VIEW_SERVICE_PATH, 'create'], [CLOSEOUT_SERVICE_PATH, 'closeOut']
        ];
        try {
            for (const [service, method] of writing) {
                for (const args of hostile) {
                    const error = await session.call(service, method, args).then(() => undefined, caught => caught);
                    expect(ApplicationError.is(error) && error.code, `${method}(${JSON.stringify(args).slice(0, 60)})`).toBe(INVALID_INPUT);
                    expect((error as Error).message.length).toBeLessThan(1_500);
                }
            }
        } finally {
            session.close();
        }
        const after = await snapshot(running.dataFolder);
        expect(differences(before, after)).toEqual({ changed: [], removed: [] });
    });

    test('script in order and job fields is shown as text in the All Jobs pod, the Order panel and Order details', async ({ page }) => {
        const dialogs: string[] = [];
        page.on('dialog', dialog => {
            dialogs.push(dialog.message());
            void dialog.dismiss();
        });
        await PressworkShell.signIn(page, running.server.url, 'admin', ADMIN_PASSWORD);
        const pod = new AllJobsPod(page);
        await pod.waitUntilLoaded();
        await expect(pod.row(HOSTILE_JOB.id)).toBeVisible();
        await expect(pod.cell(HOSTILE_JOB.id, 'name')).toContainText(SCRIPT);
        await pod.row(HOSTILE_JOB.id).click();
        await expect(pod.orderPanel).toContainText(ORDERS[0].orderNumber);
        // Order details show the customer's name as it was typed.
        const closeout = new CloseoutDialogs(page);
        await new JobActions(page, pod).run(HOSTILE_JOB.id, 'presswork.closeout.orderDetails');
        await expect(closeout.fact(closeout.orderDetails, 'customerName')).toContainText(SCRIPT);
        await expect(closeout.fact(closeout.orderDetails, 'customerName')).toContainText('"><script>alert(2)</script>');
        // Nothing was turned into markup: no element from the data anywhere in the page, no script ran.
        await expect(page.locator('img[src="x"]')).toHaveCount(0);
        await expect(page.locator('b', { hasText: 'bold' })).toHaveCount(0);
        expect(dialogs).toEqual([]);
        await expect(page.locator('script', { hasText: 'alert(2)' })).toHaveCount(0);
        expect(await page.evaluate(() => document.body.innerHTML.includes('<img src=x'))).toBe(false);
        await closeout.closeOrderDetails();
    });
});
