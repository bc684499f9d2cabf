import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as http from 'node:http';
import * as net from 'node:net';
import { freePort } from '@presswork/platform/lib/node/test/free-port';
import { TempFolder } from '@presswork/platform/lib/node/test/temp-store';
import { IppClient, IppProblem, IppStatusError, IppTransportError } from './ipp-client';
import { IppMessage, decodeIppMessage, encodeIppMessage, ippAttribute } from './ipp-encoding';
import { IppOperation } from './ipp-operations';

const GET_PRINTER_ATTRIBUTES = {
    operation: IppOperation.GetPrinterAttributes,
    groups: [{
        tag: 'operation' as const, attributes: [
            ippAttribute('charset', 'attributes-charset', 'utf-8'),
            ippAttribute('naturalLanguage', 'attributes-natural-language', 'en'),
            ippAttribute('uri', 'printer-uri', 'ipp://127.0.0.1/ipp/print')
        ]
    }]
};

/** A local server for one test: HTTP with a handler, or raw TCP. Closed after the test. */
class FakeServer {
    readonly sockets = new Set<net.Socket>();

    protected constructor(readonly server: net.Server, readonly port: number) {
        server.on('connection', socket => {
            this.sockets.add(socket);
            socket.on('close', () => this.sockets.delete(socket));
        });
    }

    static async http(handler: http.RequestListener): Promise<FakeServer> {
        return FakeServer.listen(http.createServer(handler));
    }

    static async tcp(onConnection: (socket: net.Socket) => void): Promise<FakeServer> {
        return FakeServer.listen(net.createServer(onConnection));
    }

    protected static async listen(server: net.Server): Promise<FakeServer> {
        await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
        return new FakeServer(server, (server.address() as net.AddressInfo).port);
    }

    uri(scheme = 'ipp'): string {
        return `${scheme}://127.0.0.1:${this.port}/ipp/print`;
    }

    async close(): Promise<void> {
        this.sockets.forEach(socket => socket.destroy());
        await new Promise(resolve => this.server.close(resolve));
    }
}

/** The client's request as the server received it. */
async function readRequest(request: http.IncomingMessage): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) {
        chunks.push(chunk as Buffer);
    }
    return Buffer.concat(chunks);
}

function ippResponse(request: IppMessage, status: number, extra: IppMessage['groups'] = []): Buffer {
    return encodeIppMessage({
        version: { major: 2, minor: 0 }, code: status, requestId: request.requestId, groups: [
            { tag: 'operation', attributes: [ippAttribute('charset', 'attributes-charset', 'utf-8'), ippAttribute('naturalLanguage', 'attributes-natural-language', 'en'), ippAttribute('textWithoutLanguage', 'status-message', 'No printer here.')] },
            ...extra
        ]
    });
}

async function failure(promise: Promise<unknown>): Promise<Error> {
    try {
        await promise;
    } catch (error) {
        return error as Error;
    }
    assert.fail('expected a failure');
}

function assertProblem(error: Error, problem: IppProblem, words: RegExp, uri: string): void {
    assert.ok(error instanceof IppTransportError, `expected an IppTransportError, got ${error}`);
    assert.equal(error.problem, problem);
    assert.match(error.message, words);
    assert.ok(error.message.includes(uri), `'${error.message}' names ${uri}`);
}

describe('IppClient', function (): void {
    this.timeout(10_000);
    let server: FakeServer | undefined;
    let temp: TempFolder | undefined;

    afterEach(async () => {
        await server?.close();
        server = undefined;
        await temp?.remove();
        temp = undefined;
    });

    it('POSTs application/ipp with Basic authentication and the document streamed after the attributes', async () => {
        temp = await TempFolder.create();
        const document = Buffer.alloc(3 * 1024 * 1024, 'p');
        await fs.writeFile(temp.join('job.pdf'), document);
        let seen: { headers: http.IncomingHttpHeaders; url?: string; body: Buffer } | undefined;
        server = await FakeServer.http(async (request, response) => {
            seen = { headers: request.headers, url: request.url, body: await readRequest(request) };
            const decoded = decodeIppMessage(seen.body);
            response.writeHead(200, { 'Content-Type': 'application/ipp' }).end(ippResponse(decoded.message, 0, [
                { tag: 'job', attributes: [ippAttribute('integer', 'job-id', 17)] }
            ]));
        });
        const client = new IppClient(server.uri(), { username: 'operator', password: 's3cret:pass' });
        const response = await client.send({ ...GET_PRINTER_ATTRIBUTES, operation: IppOperation.PrintJob, documentPath: temp.join('job.pdf') });

        assert.equal(seen?.url, '/ipp/print');
        assert.equal(seen?.headers['content-type'], 'application/ipp');
        assert.equal(seen?.headers.authorization, 'Basic ' + Buffer.from('operator:s3cret:pass').toString('base64'));
        const received = decodeIppMessage(seen!.body);
        assert.equal(received.message.code, IppOperation.PrintJob);
        assert.ok(received.data.equals(document), 'the whole document follows the attributes');
        assert.equal(response.groups[1].attributes[0].values[0], 17);
    });

    it('turns an IPP error status into an IppStatusError with the status name and message', async () => {
        server = await FakeServer.http(async (request, response) => {
            const decoded = decodeIppMessage(await readRequest(request));
            response.writeHead(200, { 'Content-Type': 'application/ipp' }).end(ippResponse(decoded.message, 0x0406));
        });
        const error = await failure(new IppClient(server.uri()).send(GET_PRINTER_ATTRIBUTES));
        assert.ok(error instanceof IppStatusError);
        assert.equal(error.statusCode, 0x0406);
        assert.equal(error.statusName, 'client-error-not-found');
        assert.match(error.message, /Get-Printer-Attributes failed: the printer does not know this job \(client-error-not-found\) – "No printer here\."/);
    });

    it('says the connection was refused when nothing listens', async () => {
        const uri = `ipp://127.0.0.1:${await freePort()}/ipp/print`;
        assertProblem(await failure(new IppClient(uri).send(GET_PRINTER_ATTRIBUTES)), 'refused', /refused the connection/, uri);
    });

    it('gives up on a printer that accepts and never answers, within the overall timeout', async () => {
        server = await FakeServer.tcp(() => undefined);
        const started = Date.now();
        const error = await failure(new IppClient(server.uri(), { timeoutMs: 300 }).send(GET_PRINTER_ATTRIBUTES));
        assertProblem(error, 'timeout', /did not answer Get-Printer-Attributes within 300 ms/, server.uri());
        assert.ok(Date.now() - started < 3000);
    });

    it('stops when the caller aborts', async () => {
        server = await FakeServer.tcp(() => undefined);
        const controller = new AbortController();
        setTimeout(() => controller.abort(), 100);
        const error = await failure(new IppClient(server.uri()).send({ ...GET_PRINTER_ATTRIBUTES, signal: controller.signal }));
        assert.equal(error.name, 'AbortError');
    });

    it('refuses garbage that is not HTTP, and HTTP that is not IPP', async () => {
        server = await FakeServer.tcp(socket => socket.end('220 mail.example.com ESMTP ready\r\n'));
        assertProblem(await failure(new IppClient(server.uri()).send(GET_PRINTER_ATTRIBUTES)), 'protocol', /did not answer in HTTP|broke off/, server.uri());
        await server.close();

        server = await FakeServer.http((_, response) => response.writeHead(200, { 'Content-Type': 'text/html' }).end('<html>Welcome</html>'));
        assertProblem(await failure(new IppClient(server.uri()).send(GET_PRINTER_ATTRIBUTES)), 'protocol', /text\/html instead of an IPP response/, server.uri());
        await server.close();

        server = await FakeServer.http((_, response) => response.writeHead(200, { 'Content-Type': 'application/ipp' }).end(Buffer.from([2, 0, 0, 0, 0, 0, 0, 1, 0x01, 0x44, 0xff])));
        assertProblem(await failure(new IppClient(server.uri()).send(GET_PRINTER_ATTRIBUTES)), 'protocol', /not valid IPP: truncated/, server.uri());
    });

    it('says authentication failed on HTTP 401, and never shows the password', async () => {
        server = await FakeServer.http((_, response) => response.writeHead(401, { 'WWW-Authenticate': 'Basic realm="printer"' }).end());
        const withoutCredentials = await failure(new IppClient(server.uri()).send(GET_PRINTER_ATTRIBUTES));
        assertProblem(withoutCredentials, 'authentication', /asks for a user name and password \(HTTP 401/, server.uri());

        const uriWithPassword = `ipp://admin:hunter2@127.0.0.1:${server.port}/ipp/print`;
        const client = new IppClient(uriWithPassword, { username: 'operator', password: 'Tr0ub4dor' });
        const error = await failure(client.send(GET_PRINTER_ATTRIBUTES));
        assertProblem(error, 'authentication', /refused the user name or password .*authentication failed/, server.uri());
        const shown = `${error.message} ${JSON.stringify(error)} ${(error as IppTransportError).printerUri} ${client.printerUri}`;
        assert.doesNotMatch(shown, /hunter2|Tr0ub4dor|admin/);
    });

    it('names other HTTP errors', async () => {
        server = await FakeServer.http((_, response) => response.writeHead(503, 'Service Unavailable').end());
        assertProblem(await failure(new IppClient(server.uri()).send(GET_PRINTER_ATTRIBUTES)), 'protocol', /HTTP 503 Service Unavailable/, server.uri());
    });

    it('refuses an answer larger than the cap while it streams', async () => {
        server = await FakeServer.http((_, response) => {
            response.writeHead(200, { 'Content-Type': 'application/ipp' });
            const chunk = Buffer.alloc(64 * 1024);
            const pump = (): void => {
                while (!response.destroyed && response.write(chunk)) { /* until backpressure */ }
                if (!response.destroyed) {
                    response.once('drain', pump);
                }
            };
            response.on('error', () => undefined);
            pump();
        });
        const error = await failure(new IppClient(server.uri(), { maxResponseBytes: 256 * 1024 }).send(GET_PRINTER_ATTRIBUTES));
        assertProblem(error, 'too-large', /larger than 256 KiB/, server.uri());
    });

    it('reports a TLS failure for ipps:// to a server that does not speak TLS', async () => {
        server = await FakeServer.http((_, response) => response.writeHead(400).end());
        const uri = server.uri('ipps');
        assertProblem(await failure(new IppClient(uri).send(GET_PRINTER_ATTRIBUTES)), 'tls', /could not be reached securely/, uri);
    });

    it('refuses a URI that is not ipp:// or ipps://', () => {
        assert.throws(() => new IppClient('http://127.0.0.1:631/'), /only ipp:\/\/ and ipps:\/\//);
        assert.throws(() => new IppClient('not a uri'), /is not a printer URI/);
    });
});
