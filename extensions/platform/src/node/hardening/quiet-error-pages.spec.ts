import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from '@theia/core/shared/express';
import { recordingLogger } from '../test/recording-logger';
import { QuietErrorPagesContribution } from './quiet-error-pages';

describe('QuietErrorPagesContribution', () => {
    let server: http.Server;
    let base: string;
    const logger = recordingLogger();

    before(async () => {
        const app = express();
        const contribution = Object.assign(new QuietErrorPagesContribution(), { logger });
        contribution.configure(app);
        app.get('/api/v1/orders/:orderId', (request, response) => response.json({ id: request.params.orderId }));
        app.get('/closeout/documents/:orderId/:file', (request, response) => response.send(request.params.file));
        app.post('/login', express.urlencoded({ extended: false, limit: '1kb' }), (_request, response) => response.send('read'));
        app.get('/broken', () => {
            throw new Error('ENOENT: /srv/presswork/secret.json');
        });
        contribution.onStart();
        server = http.createServer(app);
        await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
        base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });

    after(async () => {
        server.closeAllConnections();
        await new Promise(resolve => server.close(resolve));
    });

    function noStack(text: string): void {
        assert.doesNotMatch(text, /\bat \S+|URIError|node_modules|ENOENT|\/srv\//, text);
    }

    it('answers a malformed percent-encoding in an API route parameter with a JSON 400, without a stack', async () => {
        const response = await fetch(`${base}/api/v1/orders/%E0%A4%A`);
        assert.equal(response.status, 400);
        assert.match(response.headers.get('content-type') ?? '', /json/);
        const text = await response.text();
        assert.deepEqual(JSON.parse(text), { error: 'Bad Request' });
        noStack(text);
    });

    it('answers it on any other route with a plain-text 400', async () => {
        const response = await fetch(`${base}/closeout/documents/%E0%A4%A/invoice.pdf`);
        assert.equal(response.status, 400);
        const text = await response.text();
        assert.equal(text, 'Bad Request');
        noStack(text);
    });

    it('keeps the status of a parser\'s refusal', async () => {
        const response = await fetch(`${base}/login`, { method: 'POST', body: `a=${'x'.repeat(5_000)}`, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
        assert.equal(response.status, 413);
        noStack(await response.text());
    });

    it('gives an unexpected error a reference, and the log the whole error under the same reference', async () => {
        const response = await fetch(`${base}/broken`);
        assert.equal(response.status, 500);
        const text = await response.text();
        noStack(text);
        const reference = /reference ([0-9a-f]{8})/.exec(text)?.[1];
        assert.ok(reference, text);
        const [message, logged] = logger.error.lastCall.args;
        assert.ok(String(message).includes(reference));
        assert.match(String(logged), /ENOENT/);
    });

    it('leaves good requests alone', async () => {
        assert.deepEqual(await (await fetch(`${base}/api/v1/orders/order-1`)).json(), { id: 'order-1' });
    });
});
