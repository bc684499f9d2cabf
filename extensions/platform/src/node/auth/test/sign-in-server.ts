import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import express from '@theia/core/shared/express';
import { EarlyExpressMiddleware } from '@theia/core/lib/node/backend-application';
import { SignInEndpoint } from '../sign-in-endpoint';
import { SignInThrottle } from '../sign-in-throttle';
import { EmbeddedWorkOwnership } from '../../cluster/embedded-work-ownership';
import { recordingLogger } from '../../test/recording-logger';
import type { AccountsFixture } from './accounts-fixture';

export interface SignInServer {
    readonly endpoint: SignInEndpoint;
    /** `http://127.0.0.1:<port>`, or `https://…` when started with a certificate. */
    readonly base: string;
    close(): Promise<void>;
}

/**
 * The sign-in gate in front of a stand-in shell (`/`, `/bundle.js`, `/jobs`), over HTTP, or over
 * HTTPS when given a certificate and its key (PEM).
 */
export async function startSignInServer(fixture: AccountsFixture, tls?: { cert: string, key: string }): Promise<SignInServer> {
    const endpoint = new SignInEndpoint();
    const earlyMiddleware = new EarlyExpressMiddleware();
    Object.assign(endpoint, {
        earlyMiddleware,
        sessions: fixture.sessions,
        accounts: fixture.accounts,
        throttle: new SignInThrottle(),
        applicationPackage: { pck: { version: '9.9.9' } },
        ownership: new EmbeddedWorkOwnership(),
        logger: recordingLogger()
    });
    endpoint.initialize();

    const app = express();
    app.use(...earlyMiddleware.handlers);
    app.get('/', (_request, response) => response.send('SHELL'));
    app.get('/bundle.js', (_request, response) => response.type('application/javascript').send('console.log("bundle")'));
    app.get('/jobs', (_request, response) => response.send('JOBS'));
    const server: http.Server = tls ? https.createServer(tls, app) : http.createServer(app);
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    return {
        endpoint,
        base: `${tls ? 'https' : 'http'}://127.0.0.1:${(server.address() as AddressInfo).port}`,
        close: async () => {
            server.closeAllConnections();
            await new Promise(resolve => server.close(resolve));
        }
    };
}
