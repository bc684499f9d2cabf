import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request as the test server received it. */
export interface RecordedRequest {
    readonly method: string;
    readonly url: string;
    readonly headers: http.IncomingHttpHeaders;
    readonly body: string;
}

export type TestHandler = (request: RecordedRequest, response: http.ServerResponse) => void | Promise<void>;

/**
 * A real HTTP server on 127.0.0.1 (a free port) that answers with whatever the current handler
 * writes and records every request. Nothing in it knows the client.
 */
export class SoapTestServer {
    readonly requests: RecordedRequest[] = [];
    private handler: TestHandler = reply(500, 'no handler set');

    private readonly server: http.Server;
    private baseUrl = '';

    private constructor() {
        this.server = http.createServer((request, response) => {
            const chunks: Buffer[] = [];
            request.on('data', (chunk: Buffer) => chunks.push(chunk));
            request.on('end', () => {
                const recorded: RecordedRequest = {
                    method: request.method ?? '',
                    url: request.url ?? '',
                    headers: request.headers,
                    body: Buffer.concat(chunks).toString('utf8')
                };
                this.requests.push(recorded);
                Promise.resolve(this.handler(recorded, response)).catch(error => {
                    response.destroy(error instanceof Error ? error : new Error(String(error)));
                });
            });
        });
    }

    /** `http://127.0.0.1:<port>`, no trailing slash. */
    get url(): string {
        return this.baseUrl;
    }

    static async start(handler?: TestHandler): Promise<SoapTestServer> {
        const instance = new SoapTestServer();
        await new Promise<void>(resolve => instance.server.listen(0, '127.0.0.1', resolve));
        const { port } = instance.server.address() as AddressInfo;
        instance.baseUrl = `http://127.0.0.1:${port}`;
        if (handler) {
            instance.respondWith(handler);
        }
        return instance;
    }

    respondWith(handler: TestHandler): void {
        this.handler = handler;
    }

    get lastRequest(): RecordedRequest {
        const last = this.requests[this.requests.length - 1];
        if (!last) {
            throw new Error('The test server has received no request');
        }
        return last;
    }

    async close(): Promise<void> {
        this.server.closeAllConnections();
        await new Promise<void>(resolve => this.server.close(() => resolve()));
    }
}

/** Answers every request with this status and body (Content-Type text/xml unless given). */
export function reply(status: number, body: string | Buffer, headers: http.OutgoingHttpHeaders = {}): TestHandler {
    return (_request, response) => {
        response.writeHead(status, { 'Content-Type': 'text/xml; charset=utf-8', ...headers });
        response.end(body);
    };
}

/** Never answers (the socket stays open until the server is closed). */
export const neverAnswer: TestHandler = () => undefined;

/** A URL on which nothing listens: a port that was just free. */
export async function closedPortUrl(): Promise<string> {
    const server = http.createServer();
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>(resolve => server.close(() => resolve()));
    return `http://127.0.0.1:${port}`;
}

export interface StreamReport {
    /** Bytes handed to the socket before it closed or the stream finished. */
    bytesWritten: number;
    /** The whole body was written. */
    finished: boolean;
    /** The client closed the connection before the end. */
    closedEarly: boolean;
}

/**
 * Streams `prefix`, then filler bytes up to `totalBytes`, respecting back-pressure, without a
 * Content-Length (chunked), so that only the client's own counting can stop it.
 */
export function streamLargeBody(prefix: string, totalBytes: number, report: StreamReport, declareLength = false): TestHandler {
    return (_request, response) => {
        const headers: http.OutgoingHttpHeaders = { 'Content-Type': 'text/xml; charset=utf-8' };
        if (declareLength) {
            headers['Content-Length'] = totalBytes;
        }
        response.writeHead(200, headers);
        const filler = Buffer.alloc(64 * 1024, 'x');
        response.on('close', () => {
            if (!report.finished) {
                report.closedEarly = true;
            }
        });
        const head = Buffer.from(prefix, 'utf8');
        response.write(head);
        report.bytesWritten = head.byteLength;
        const pump = (): void => {
            while (report.bytesWritten < totalBytes) {
                if (response.destroyed) {
                    return;
                }
                const size = Math.min(filler.byteLength, totalBytes - report.bytesWritten);
                report.bytesWritten += size;
                if (!response.write(size === filler.byteLength ? filler : filler.subarray(0, size))) {
                    response.once('drain', pump);
                    return;
                }
            }
            report.finished = true;
            response.end();
        };
        pump();
    };
}
