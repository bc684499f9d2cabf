import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { test, expect } from '@playwright/test';
import { OrdersCollection, shardOf } from '@presswork/platform/lib/node/store';
import { sampleOrder } from '@presswork/platform/lib/node/store/test/sample-documents';
import { RpcSession } from '@presswork/platform/lib/node/rpc/test/rpc-session';
import { STORE_PROBLEMS_PATH } from '@presswork/platform/lib/common/store-problems-protocol';
import { ACCOUNT_SERVICE_PATH } from '@presswork/platform/lib/common/account-protocol';
import { preparedOrders, writeOrders } from '../fixtures/prepared-orders';
import { PressworkServer } from '../fixtures/presswork-server';
import { PressworkShell } from '../page-objects/presswork-shell';
import { AllJobsPod } from '../page-objects/all-jobs-pod';

/*
 * A document the store cannot load at start (issue 18, fault 1): Presswork runs with everything
 * else, and administrators are told which file it is and why, in a Data Problems view.
 */

const ADMIN_PASSWORD = 'Admin#Problems1';
const GOOD_ORDERS = preparedOrders(2, 1);
const BROKEN_ID = 'order-broken';

test.describe('documents the store could not load', () => {
    let dataFolder: string;
    let server: PressworkServer;

    test.beforeAll(async () => {
        dataFolder = await fs.mkdtemp(path.join(os.tmpdir(), 'presswork-e2e-problems-'));
        await writeOrders(dataFolder, GOOD_ORDERS);
        // Cut off halfway, as a disk that filled up under another program would leave it.
        const broken = path.join(dataFolder, 'store', OrdersCollection.name, shardOf(BROKEN_ID), `${BROKEN_ID}.json`);
        await fs.mkdir(path.dirname(broken), { recursive: true });
        await fs.writeFile(broken, JSON.stringify(sampleOrder(BROKEN_ID)).slice(0, 200));
        server = await PressworkServer.start({ adminPassword: ADMIN_PASSWORD, environment: { PRESSWORK_DATA: dataFolder } });
    });

    test.afterAll(async () => {
        await server?.stop();
        await fs.rm(dataFolder, { recursive: true, force: true });
    });

    test('an administrator is told at sign-in and sees the file and the reason; the other orders work', async ({ page }) => {
        const shell = await PressworkShell.signIn(page, server.url, 'admin', ADMIN_PASSWORD);
        const notice = page.locator('.theia-notification-list-item', { hasText: '1 document in the data folder could not be loaded' }).first();
        await expect(notice).toBeVisible();
        await notice.getByRole('button', { name: 'Show them' }).click();

        const row = page.locator(`#presswork-store-problems tr[data-document="${BROKEN_ID}"]`);
        await expect(row).toContainText('orders');
        await expect(row).toContainText(path.join('store', 'orders', shardOf(BROKEN_ID), `${BROKEN_ID}.json`));
        await expect(row).toContainText(/JSON/);
        await expect(row).not.toContainText(dataFolder);

        await shell.runMenu('View', 'Operations');
        const pod = new AllJobsPod(page);
        for (const order of GOOD_ORDERS) {
            await expect(pod.row(order.jobs[0].id)).toBeVisible();
        }
    });

    test('only administrators may list the problems', async () => {
        const admin = await RpcSession.signIn(server.url, 'admin', ADMIN_PASSWORD);
        try {
            await admin.call(ACCOUNT_SERVICE_PATH, 'createUser', [{ name: 'Otto', authority: 'Operator', password: 'Operat0r#Start' }]);
            expect(await admin.call(STORE_PROBLEMS_PATH, 'list', [])).toHaveLength(1);
        } finally {
            admin.close();
        }
        const operator = await RpcSession.signIn(server.url, 'Otto', 'Operat0r#Start', 'Operat0r#Mine');
        try {
            await expect(operator.call(STORE_PROBLEMS_PATH, 'list', [])).rejects.toThrow(/does not allow/);
        } finally {
            operator.close();
        }
    });
});
