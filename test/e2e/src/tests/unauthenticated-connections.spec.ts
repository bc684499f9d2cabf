import { test, expect } from '@playwright/test';
import { io } from 'socket.io-client';
import { PressworkServer } from '../fixtures/presswork-server';

const ADMIN_PASSWORD = 'Admin#Socket1';

/** Opens Theia's RPC websocket the way the frontend does; resolves 'connected' or the refusal. */
function connectRpcSocket(url: string, cookie: string): Promise<string> {
    return new Promise(resolve => {
        const socket = io(`${url}/services`, {
            path: '/socket.io', transports: ['websocket'], reconnection: false, timeout: 10_000, extraHeaders: { cookie }
        });
        socket.on('connect', () => {
            socket.close();
            resolve('connected');
        });
        socket.on('connect_error', error => {
            socket.close();
            resolve(`refused: ${error.message}`);
        });
    });
}

function cookiesOf(response: Response): string {
    return response.headers.getSetCookie().map(cookie => cookie.split(';')[0]).join('; ');
}

test.describe('connections without a session', () => {
    let server: PressworkServer;

    test.beforeAll(async () => {
        server = await PressworkServer.start({ adminPassword: ADMIN_PASSWORD });
    });

    test.afterAll(async () => {
        await server?.stop();
    });

    test('the RPC websocket opens only with a live session', async () => {
        // Theia's own connection token, which every browser gets, is not enough.
        const connectionToken = cookiesOf(await fetch(`${server.url}/health`));
        expect(connectionToken).toContain('theia-connection-token=');
        expect(await connectRpcSocket(server.url, connectionToken)).toMatch(/^refused/);

        const signIn = await fetch(`${server.url}/login`, {
            method: 'POST', redirect: 'manual',
            headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: connectionToken },
            body: new URLSearchParams({ name: 'admin', password: ADMIN_PASSWORD })
        });
        expect(signIn.status).toBe(303);
        const session = `${connectionToken}; ${cookiesOf(signIn)}`;
        expect(await connectRpcSocket(server.url, session)).toBe('connected');

        await fetch(`${server.url}/logout`, { method: 'POST', redirect: 'manual', headers: { cookie: session } });
        expect(await connectRpcSocket(server.url, session)).toMatch(/^refused/);
        const forged = `${connectionToken}; presswork-session=${'A'.repeat(43)}`;
        expect(await connectRpcSocket(server.url, forged)).toMatch(/^refused/);
    });
});
