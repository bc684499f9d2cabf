import { Agent } from 'node:http';
import * as assert from 'node:assert/strict';
import fs = require('node:fs');
import * as sinon from 'sinon';
import { MarcomCentralClient } from './marcomcentral-client';
import { MarcomCentralError } from './marcomcentral-error';
import { SoapTestServer, StreamReport, reply, streamLargeBody } from './test/soap-test-server';

/** Lets every URL through: the guard's own rules are print-file-source's to test. */
const anyHost = (): Promise<Agent> => Promise.resolve(new Agent());

describe('MarcomCentralClient.downloadFile', () => {

    let server: SoapTestServer;
    const client = new MarcomCentralClient({ timeoutMs: 5_000 });
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(4096, 7), Buffer.from('\n%%EOF\n')]);

    beforeEach(async () => {
        server = await SoapTestServer.start(reply(200, pdf, { 'Content-Type': 'application/pdf' }));
    });

    afterEach(async () => {
        sinon.restore();
        await server.close();
    });

    it('returns the bytes, and only the bytes: nothing is written to disk whatever the URL path says', async () => {
        const writes = [
            sinon.spy(fs, 'writeFileSync'), sinon.spy(fs, 'createWriteStream'), sinon.spy(fs, 'writeFile'), sinon.spy(fs.promises, 'writeFile')
        ];
        const bytes = await client.downloadFile(`${server.url}/files/..%2F..%2Fetc%2Fpasswd.pdf?sig=abc`, { guard: anyHost });
        assert.ok(Buffer.isBuffer(bytes));
        assert.deepEqual(bytes, pdf);
        assert.equal(server.lastRequest.method, 'GET');
        for (const write of writes) {
            assert.equal(write.called, false);
        }
    });

    it('sends no token or SOAP headers with the download', async () => {
        await client.downloadFile(`${server.url}/files/123456.pdf`, { guard: anyHost });
        assert.equal(server.lastRequest.headers['soapaction'], undefined);
        assert.equal(server.lastRequest.body, '');
    });

    it('says not-ready on 404 (the store has not rendered the file yet)', async () => {
        server.respondWith(reply(404, 'Not Found', { 'Content-Type': 'text/plain' }));
        await assert.rejects(client.downloadFile(`${server.url}/files/123456.pdf?signature=SECRETSIG`, { guard: anyHost }), (error: unknown) => {
            assert.ok(error instanceof MarcomCentralError);
            assert.equal(error.kind, 'not-ready');
            assert.equal(error.status, 404);
            assert.ok(!error.message.includes('SECRETSIG'), 'the query string is left out of messages');
            return true;
        });
    });

    it('says http on other failures and follows redirects', async () => {
        server.respondWith(reply(500, 'boom'));
        await assert.rejects(client.downloadFile(`${server.url}/files/1.pdf`, { guard: anyHost }), (error: unknown) => error instanceof MarcomCentralError && error.kind === 'http' && error.status === 500);
        server.respondWith((request, response) => {
            if (request.url === '/files/old.pdf') {
                response.writeHead(302, { Location: '/files/new.pdf' });
                response.end();
            } else {
                response.writeHead(200, { 'Content-Type': 'application/pdf' });
                response.end(pdf);
            }
        });
        assert.deepEqual(await client.downloadFile(`${server.url}/files/old.pdf`, { guard: anyHost }), pdf);
    });

    it('asks the guard about every redirect, stops at the first it refuses, and follows at most 3', async () => {
        server.respondWith((request, response) => {
            const hop = Number(/\/files\/hop(\d+)\.pdf/.exec(request.url ?? '')?.[1] ?? 0);
            response.writeHead(302, { Location: `/files/hop${hop + 1}.pdf` });
            response.end();
        });
        const asked: string[] = [];
        const guard = async (url: URL): Promise<Agent> => {
            asked.push(url.pathname);
            if (url.pathname === '/files/hop2.pdf') {
                throw new Error('refused: hop 2');
            }
            return new Agent();
        };
        await assert.rejects(client.downloadFile(`${server.url}/files/hop0.pdf`, { guard }), /refused: hop 2/);
        assert.deepEqual(asked, ['/files/hop0.pdf', '/files/hop1.pdf', '/files/hop2.pdf']);
        await assert.rejects(client.downloadFile(`${server.url}/files/hop0.pdf`, { guard: anyHost }),
            (error: unknown) => error instanceof MarcomCentralError && /redirects more than 3 times/.test(error.message));
    });

    it('stops at maxBytes with too-large, while streaming and from Content-Length', async () => {
        const streamed: StreamReport = { bytesWritten: 0, finished: false, closedEarly: false };
        server.respondWith(streamLargeBody('%PDF-1.7', 10 * 1024 * 1024, streamed));
        await assert.rejects(client.downloadFile(`${server.url}/files/big.pdf`, { guard: anyHost, maxBytes: 1024 * 1024 }),
            (error: unknown) => error instanceof MarcomCentralError && error.kind === 'too-large' && /1 MB limit/.test(error.message));
        const declared: StreamReport = { bytesWritten: 0, finished: false, closedEarly: false };
        server.respondWith(streamLargeBody('%PDF-1.7', 10 * 1024 * 1024, declared, true));
        await assert.rejects(client.downloadFile(`${server.url}/files/big.pdf`, { guard: anyHost, maxBytes: 1024 * 1024 }),
            (error: unknown) => error instanceof MarcomCentralError && error.kind === 'too-large');
        assert.equal(streamed.finished, false);
        assert.equal(declared.finished, false);
        assert.deepEqual(await client.downloadFile(`${server.url}/files/ok.pdf`, { guard: anyHost, maxBytes: 10 * 1024 * 1024 }).then(bytes => bytes.length), 10 * 1024 * 1024);
    });

    it('refuses URLs that are not http or https', async () => {
        for (const url of ['file:///etc/passwd', 'data:application/pdf;base64,JVBERi0=', 'not a url']) {
            await assert.rejects(client.downloadFile(url, { guard: anyHost }), (error: unknown) => error instanceof MarcomCentralError && error.kind === 'bad-response');
        }
    });

    it('times out, and can be cancelled', async () => {
        server.respondWith(() => undefined);
        await assert.rejects(client.downloadFile(`${server.url}/files/slow.pdf`, { guard: anyHost, timeoutMs: 150 }),
            (error: unknown) => error instanceof MarcomCentralError && error.kind === 'timeout');
        await assert.rejects(client.downloadFile(`${server.url}/files/slow.pdf`, { guard: anyHost, signal: AbortSignal.timeout(50) }),
            (error: unknown) => error instanceof Error && error.name === 'TimeoutError');
    });
});
