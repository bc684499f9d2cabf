import type * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type * as express from '@theia/core/shared/express';

/** A test's express app listening on a free loopback port, and its address (`http://127.0.0.1:<port>`). */
export async function listenOnLoopback(app: express.Application): Promise<{ server: http.Server; base: string }> {
    const server = await new Promise<http.Server>(resolve => {
        const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
    });
    return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** Ends the server's open connections (keep-alive ones too) and stops it listening. */
export async function closeLoopback(server: http.Server): Promise<void> {
    server.closeAllConnections();
    await new Promise(resolve => server.close(resolve));
}
