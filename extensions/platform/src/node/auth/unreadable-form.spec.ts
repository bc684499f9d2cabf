import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from '@theia/core/shared/express';
import { postHugeBody } from './test/post-huge-body';
import { refuseOversizedForms, refuseUnreadableForms } from './unreadable-form';

describe('refuseOversizedForms and refuseUnreadableForms', function () {
    this.timeout(30_000);

    let server: http.Server;
    let port: number;
    let reached: number;

    before(async () => {
        const app = express();
        const form = express.urlencoded({ extended: false, limit: '8kb', parameterLimit: 10 });
        const answer = (response: express.Response, status: number, message: string): void => {
            response.status(status).type('text/plain').send(message);
        };
        app.post('/login', refuseOversizedForms(8 * 1024, answer), form, (_request, response) => {
            reached++;
            response.status(401).send('checked');
        });
        app.use(refuseUnreadableForms(answer));
        app.use((_error: unknown, _request: express.Request, response: express.Response, _next: express.NextFunction) => {
            response.status(500).send('passed on');
        });
        server = http.createServer(app);
        await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
        port = (server.address() as AddressInfo).port;
    });

    beforeEach(() => reached = 0);

    after(async () => {
        server.closeAllConnections();
        await new Promise(resolve => server.close(resolve));
    });

    async function post(body: string, contentType = 'application/x-www-form-urlencoded'): Promise<{ status: number, text: string }> {
        const response = await fetch(`http://127.0.0.1:${port}/login`, { method: 'POST', body, headers: { 'content-type': contentType } });
        return { status: response.status, text: await response.text() };
    }

    it('answers a 100 MB body with 413 and a plain message before it is sent, and closes the connection', async () => {
        const outcome = await postHugeBody(`http://127.0.0.1:${port}/login`, 100 * 1024 * 1024);
        // The client may see the answer, or only the closed connection if its write failed first.
        if (!outcome.closedEarly) {
            assert.equal(outcome.status, 413);
            assert.equal(outcome.body, 'The form is larger than this page accepts');
        }
        assert.ok(outcome.sent < 100 * 1024 * 1024, `refused before the whole body was sent (${outcome.sent} bytes)`);
        assert.equal(reached, 0);
    });

    it('answers a body just over the limit, too many fields and an unknown charset clearly, without a stack trace', async () => {
        const cases: [string, string, number, RegExp][] = [
            [`name=${'a'.repeat(9_000)}`, 'application/x-www-form-urlencoded', 413, /larger than/],
            ['name=admin&next=/', 'application/x-www-form-urlencoded; charset=utf-16', 415, /character set/],
            ['a=1&'.repeat(20), 'application/x-www-form-urlencoded', 413, /more fields/],
            ['name=admin', 'application/x-www-form-urlencoded; charset=bogus', 415, /character set/]
        ];
        for (const [body, contentType, status, message] of cases) {
            const outcome = await post(body, contentType);
            assert.equal(outcome.status, status, body.slice(0, 20));
            assert.match(outcome.text, message);
            assert.doesNotMatch(outcome.text, /\bat \S+|Error/);
        }
        assert.equal(reached, 0);
    });

    it('leaves a readable form to its route, and other errors to the next handler', async () => {
        assert.deepEqual(await post('name=admin&password=x'), { status: 401, text: 'checked' });
        assert.equal(reached, 1);
        // A chunked body gives no length up front: the parser's own limit catches it.
        const chunked = await fetch(`http://127.0.0.1:${port}/login`, {
            method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, duplex: 'half',
            body: new ReadableStream({ start: controller => {
                controller.enqueue(new TextEncoder().encode(`name=${'b'.repeat(20_000)}`));
                controller.close();
            } })
        } as RequestInit);
        assert.equal(chunked.status, 413);
        assert.equal(await chunked.text(), 'The form is larger than this page accepts');
        assert.equal(reached, 1);
    });
});
