import { IncomingMessage, Server, ServerResponse, createServer } from 'node:http';
import { AdminApi } from '../admin/admin-api';
import { serveFile } from '../files/file-routes';
import { ServiceName, operationsOf, serviceByFileName } from '../soap/operations';
import { SoapEndpoint } from '../soap/soap-endpoint';
import { writeSoapFault } from '../soap/soap-envelope';
import { serviceWsdl } from '../soap/wsdl';
import { SimulatorCore } from '../simulator-core';
import type { SimulatorLog } from '../simulator-log';
import { HttpReply, jsonReply, textReply, xmlReply } from './http-reply';

export const DEFAULT_MAX_REQUEST_BYTES = 10 * 1024 * 1024;
/** Room for a hostile order (22 lines with 1 MB product names) placed from outside, as a tester would. */
const MAX_ADMIN_BYTES = 32 * 1024 * 1024;
// An oversized body is read and dropped up to this much, so the client gets to read our Fault.
const MAX_DRAIN_BYTES = 64 * 1024 * 1024;

const SERVICE_PATH = /^\/trans\/(?:1\.0|0\.9)\/([a-z]+)\.asmx$/i;
const FILE_PATH = /^\/files\/([^/]+)\.pdf$/i;

export interface SimulatorServerOptions {
    readonly core: SimulatorCore;
    readonly soap: SoapEndpoint;
    readonly admin: AdminApi;
    readonly maxRequestBytes: number;
    readonly log: SimulatorLog;
}

type Body = { kind: 'ok'; text: string } | { kind: 'too-large' };

/** Reads the body up to `limit` bytes; beyond it, drains (or drops the connection) and reports too-large. */
function readBody(request: IncomingMessage, limit: number): Promise<Body> {
    return new Promise((resolve, reject) => {
        const declared = Number(request.headers['content-length'] ?? NaN);
        const chunks: Buffer[] = [];
        let received = 0;
        let tooLarge = declared > limit;
        if (declared > MAX_DRAIN_BYTES) {
            resolve({ kind: 'too-large' });
            return;
        }
        request.on('data', (chunk: Buffer) => {
            received += chunk.length;
            if (received > limit) {
                tooLarge = true;
                chunks.length = 0;
            }
            if (received > MAX_DRAIN_BYTES) {
                request.destroy();
            }
            if (!tooLarge) {
                chunks.push(chunk);
            }
        });
        const finish = () => resolve(tooLarge ? { kind: 'too-large' } : { kind: 'ok', text: Buffer.concat(chunks).toString('utf8') });
        request.on('end', finish);
        // Also after destroy(): the first of 'end' and 'close' settles the promise.
        request.on('close', finish);
        request.on('error', reject);
    });
}

function headerRecord(request: IncomingMessage): Record<string, string> {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers)) {
        if (value !== undefined) {
            headers[name] = Array.isArray(value) ? value.join(', ') : value;
        }
    }
    return headers;
}

function header(request: IncomingMessage, name: string): string | undefined {
    const value = request.headers[name];
    return Array.isArray(value) ? value[0] : value;
}

/** SOAP 1.1 is text/xml; only UTF-8 is read. */
function acceptableSoapContentType(contentType: string | undefined): boolean {
    if (!contentType) {
        return false;
    }
    const [mediaType, ...parameters] = contentType.split(';').map(part => part.trim().toLowerCase());
    const charset = parameters.find(parameter => parameter.startsWith('charset='))?.slice('charset='.length).replace(/"/g, '');
    return mediaType === 'text/xml' && (charset === undefined || charset === 'utf-8' || charset === 'utf8');
}

function serviceHelpPage(service: ServiceName): string {
    const items = operationsOf(service).map(operation => `<li>${operation.name}</li>`).join('');
    return `<html><head><title>${service} Web Service</title></head><body><h1>${service}</h1>`
        + `<p>The following operations are supported. For a formal definition, please review the <a href="?wsdl">Service Description</a>.</p>`
        + `<ul>${items}</ul></body></html>`;
}

/**
 * The HTTP side of the store: SOAP services under `/TRANS/1.0/` (and `0.9`), print files under
 * `/files/`, simulator administration under `/_sim/`. Responses that are held open (timeout faults)
 * are released when the server closes.
 */
export class SimulatorServer {
    readonly server: Server;
    private readonly held = new Set<ServerResponse>();

    constructor(private readonly options: SimulatorServerOptions) {
        this.server = createServer((request, response) => {
            this.handle(request, response).catch(error => {
                this.options.log.error('request failed', error);
                if (!response.headersSent) {
                    response.writeHead(500, { 'Content-Type': 'text/xml; charset=utf-8' });
                    response.end(writeSoapFault('soap:Server', 'Server was unable to process request.'));
                } else {
                    response.destroy();
                }
            });
        });
    }

    /** Drops held responses and open connections; resolves once the server has stopped. */
    async close(): Promise<void> {
        for (const response of this.held) {
            response.destroy();
        }
        this.held.clear();
        await new Promise<void>(resolve => {
            this.server.close(() => resolve());
            this.server.closeAllConnections();
        });
    }

    private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
        const started = Date.now();
        const method = request.method ?? 'GET';
        const url = new URL(request.url ?? '/', 'http://simulator.invalid');
        const path = url.pathname;
        let requestBody = '';
        let reply: HttpReply;

        const serviceMatch = SERVICE_PATH.exec(path);
        const service = serviceMatch ? serviceByFileName(serviceMatch[1]) : undefined;
        const fileMatch = FILE_PATH.exec(path);
        if (path === '/_sim' || path.startsWith('/_sim/')) {
            const body = await readBody(request, MAX_ADMIN_BYTES);
            requestBody = body.kind === 'ok' ? body.text : '[body too large]';
            reply = body.kind === 'ok'
                ? await this.options.admin.handle({ method, path: path.slice('/_sim'.length), authorization: header(request, 'authorization'), body: body.text })
                : jsonReply(413, { error: 'Request body too large' });
        } else if (service) {
            const body = method === 'POST' ? await readBody(request, this.options.maxRequestBytes) : { kind: 'ok' as const, text: '' };
            requestBody = body.kind === 'ok' ? body.text : `[body over ${this.options.maxRequestBytes} bytes, not kept]`;
            reply = await this.soapReply(request, method, service, url, body);
        } else if (fileMatch) {
            reply = await serveFile(this.options.core, method, safeDecode(fileMatch[1]));
        } else {
            reply = textReply(404, 'Not found');
        }
        await this.write(response, reply);
        if (method === 'GET' && path === '/_sim/log') {
            // Reading the log would otherwise fill the log with copies of itself.
            return;
        }
        this.options.core.log.add({
            at: new Date(started).toISOString(),
            method,
            url: request.url ?? '/',
            requestHeaders: headerRecord(request),
            requestBody,
            status: reply.kind === 'hold' ? 'held' : reply.status,
            responseHeaders: reply.kind === 'hold' ? {} : { ...reply.headers },
            responseBody: replyForLog(reply),
            durationMs: Date.now() - started
        });
    }

    private async soapReply(request: IncomingMessage, method: string, service: ServiceName, url: URL, body: Body): Promise<HttpReply> {
        if (method === 'GET' || method === 'HEAD') {
            const wanted = [...url.searchParams.keys()].some(key => key.toLowerCase() === 'wsdl');
            const location = `${this.options.core.baseUrl}${url.pathname}`;
            return wanted ? xmlReply(200, serviceWsdl(service, location)) : textReply(200, serviceHelpPage(service), 'text/html; charset=utf-8');
        }
        if (method !== 'POST') {
            return { ...textReply(405, 'Method not allowed'), headers: { 'Content-Type': 'text/plain; charset=utf-8', Allow: 'GET, POST' } };
        }
        if (body.kind === 'too-large') {
            return xmlReply(500, writeSoapFault('soap:Client', `Server was unable to read request. The request is larger than ${this.options.maxRequestBytes} bytes.`));
        }
        if (!acceptableSoapContentType(header(request, 'content-type'))) {
            return textReply(415, 'Unsupported Media Type: SOAP 1.1 requests are text/xml; charset=utf-8');
        }
        return this.options.soap.handle(service, header(request, 'soapaction'), body.text);
    }

    private async write(response: ServerResponse, reply: HttpReply): Promise<void> {
        if (reply.kind === 'hold') {
            // Never answered: the client's own timeout ends it, or close() does.
            this.held.add(response);
            response.on('close', () => this.held.delete(response));
            return;
        }
        if (reply.kind === 'send') {
            const body = typeof reply.body === 'string' ? Buffer.from(reply.body, 'utf8') : reply.body;
            response.writeHead(reply.status, { ...reply.headers, 'Content-Length': String(body.length) });
            response.end(body);
            return;
        }
        response.writeHead(reply.status, { ...reply.headers });
        for (const chunk of reply.chunks()) {
            if (response.destroyed) {
                return;
            }
            if (!response.write(chunk)) {
                await new Promise<void>(resolve => {
                    const done = () => {
                        response.off('drain', done);
                        response.off('close', done);
                        resolve();
                    };
                    response.on('drain', done);
                    response.on('close', done);
                });
            }
        }
        response.end();
    }
}

/** A malformed %-escape names no file rather than failing the request. */
function safeDecode(text: string): string {
    try {
        return decodeURIComponent(text);
    } catch {
        return text;
    }
}

function replyForLog(reply: HttpReply): string {
    switch (reply.kind) {
        case 'hold':
            return '[no answer: held until the client gives up]';
        case 'stream':
            return reply.logSummary;
        default:
            return typeof reply.body === 'string' ? reply.body : `[${reply.body.length} bytes of ${reply.headers['Content-Type'] ?? 'binary'}]`;
    }
}
