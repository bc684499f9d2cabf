import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { test, expect } from '@playwright/test';
import type { EncryptedSecret } from '@presswork/platform/lib/common/connection-schema';
import { SecretBox } from '@presswork/platform/lib/node/secrets/secret-box';
import { PressworkServer } from '../fixtures/presswork-server';
import { PressworkShell } from '../page-objects/presswork-shell';

const ADMIN_PASSWORD = 'Sekr1t#Admin9';
const FRONTEND_BUNDLE = path.resolve(__dirname, '..', '..', '..', '..', 'host', 'browser-app', 'lib', 'frontend');

/** The documents of one collection as Presswork stored them in its data folder. */
async function storedDocuments<T>(dataFolder: string, collection: string): Promise<T[]> {
    const root = path.join(dataFolder, 'store', collection);
    const documents: T[] = [];
    for (const shard of await fs.readdir(root).catch(() => [])) {
        for (const file of await fs.readdir(path.join(root, shard))) {
            if (file.endsWith('.json')) {
                documents.push(JSON.parse(await fs.readFile(path.join(root, shard, file), 'utf8')));
            }
        }
    }
    return documents;
}

interface StoredCardOrder {
    readonly creditCard?: { readonly authorizationNumber?: string, readonly confirmationNumber?: string };
}

interface StoredConnection {
    readonly orderToken?: EncryptedSecret;
    readonly closeoutToken?: EncryptedSecret;
}

/** The demo store's partner tokens, decrypted with the key in the data folder. */
async function partnerTokens(dataFolder: string): Promise<string[]> {
    const box = new SecretBox(path.join(dataFolder, 'keys', 'secrets.key'));
    return (await storedDocuments<StoredConnection>(dataFolder, 'connections'))
        .flatMap(connection => [connection.orderToken, connection.closeoutToken])
        .filter((secret): secret is EncryptedSecret => secret !== undefined)
        .map(secret => box.open(secret));
}

/** The card authorization and confirmation numbers of the orders Presswork received. */
async function cardNumbers(dataFolder: string): Promise<string[]> {
    return (await storedDocuments<StoredCardOrder>(dataFolder, 'orders'))
        .flatMap(order => [order.creditCard?.authorizationNumber, order.creditCard?.confirmationNumber])
        .filter((value): value is string => !!value && value.length >= 6);
}

test.describe('secrets never leave the backend', () => {
    let server: PressworkServer;

    test.beforeAll(async () => {
        server = await PressworkServer.start({ adminPassword: ADMIN_PASSWORD, demo: true, environment: { PRESSWORK_DEMO_ORDER_SECONDS: '2' } });
    });

    test.afterAll(async () => {
        await server?.stop();
    });

    test('no partner token, password or card number in the bundle, the logs or what the browser receives', async ({ page }) => {
        const received: (string | Buffer)[] = [];
        const bodies: Promise<void>[] = [];
        page.on('websocket', socket => socket.on('framereceived', frame => received.push(frame.payload)));
        page.on('response', response => {
            if (response.url().startsWith(server.url) && response.status() < 300) {
                bodies.push(response.body().then(body => {
                    received.push(body);
                }, () => undefined));
            }
        });

        const shell = await PressworkShell.signIn(page, server.url, 'admin', ADMIN_PASSWORD);
        await expect.poll(async () => (await cardNumbers(server.dataFolder)).length, { timeout: 60_000 }).toBeGreaterThanOrEqual(4);
        for (const view of ['Connections', 'Operations', 'Users']) {
            await shell.runMenu('View', view);
        }
        await page.waitForTimeout(3_000);
        await Promise.all(bodies);

        const tokens = await partnerTokens(server.dataFolder);
        expect(tokens.length).toBeGreaterThanOrEqual(1);
        const secrets = [ADMIN_PASSWORD, ...tokens, ...await cardNumbers(server.dataFolder)];

        const bundleFiles = (await fs.readdir(FRONTEND_BUNDLE)).filter(file => file.endsWith('.js'));
        expect(bundleFiles).toContain('bundle.js');
        const places: [string, Buffer][] = [
            ['the server log', Buffer.from(server.log)],
            ...await Promise.all(bundleFiles.map(async file => [`the bundle file ${file}`, await fs.readFile(path.join(FRONTEND_BUNDLE, file))] as [string, Buffer])),
            ...received.map((payload, index) => [`browser message ${index}`, Buffer.from(payload)] as [string, Buffer])
        ];
        // The search can see what the browser got: the order numbers shown in Operations are found.
        const orderNumbers = (await storedDocuments<{ orderNumber: string }>(server.dataFolder, 'orders')).map(order => order.orderNumber);
        expect(orderNumbers.some(orderNumber => received.some(payload => Buffer.from(payload).includes(orderNumber)))).toBe(true);
        const leaks = secrets.flatMap(secret => places.filter(([, content]) => content.includes(secret)).map(([place]) => `${secret.slice(0, 3)}… in ${place}`));
        expect(leaks).toEqual([]);
    });
});
