/**
 * IPP over HTTP (RFC 8010 section 4, RFC 3510 for ipp://, RFC 7472 for ipps://): one POST of
 * `application/ipp` per operation, straight on node:http / node:https so that the document is
 * streamed from disk after the attributes and never held in memory.
 *
 * Every failure becomes an `IppTransportError` with a `problem` kind and a sentence naming the
 * printer (its URI without any user name or password), or an `IppStatusError` when the printer
 * answered with an error status. Credentials never appear in an error.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import type { Readable } from 'node:stream';
import { DecodedIppMessage, IppEncodingError, IppGroup, IppMessage, decodeIppMessage, encodeIppMessage, findAttribute } from './ipp-encoding';
import { isErrorStatus, operationName, statusInWords, statusName } from './ipp-operations';

export type IppProblem = 'refused' | 'unreachable' | 'timeout' | 'tls' | 'authentication' | 'protocol' | 'too-large';

/** The printer could not be reached, or its answer was not a usable IPP response. */
export class IppTransportError extends Error {
    constructor(readonly problem: IppProblem, readonly printerUri: string, message: string, options?: { cause?: unknown }) {
        super(message, options);
        this.name = 'IppTransportError';
    }
}

/** The printer answered, with an error status (≥ 0x0400). */
export class IppStatusError extends Error {
    readonly statusName: string;

    constructor(readonly printerUri: string, readonly operation: number, readonly statusCode: number, readonly statusMessage?: string) {
        super(`${printerUri}: ${operationName(operation)} failed: ${statusInWords(statusCode)}${statusMessage ? ` – "${statusMessage}"` : ''}`);
        this.name = 'IppStatusError';
        this.statusName = statusName(statusCode);
    }
}

export interface IppClientOptions {
    readonly username?: string;
    readonly password?: string;
    /** Time to open the TCP connection (default 10 s). */
    readonly connectTimeoutMs?: number;
    /** Time for the whole exchange, document included (default 60 s; per request too). */
    readonly timeoutMs?: number;
    /** Largest response accepted (default 8 MiB). */
    readonly maxResponseBytes?: number;
    /** For ipps://: e.g. `{ rejectUnauthorized: false }` for a printer's self-signed certificate, or its `ca`. */
    readonly tls?: Pick<https.RequestOptions, 'rejectUnauthorized' | 'ca' | 'servername'>;
}

export interface IppRequest {
    readonly operation: number;
    readonly groups: readonly IppGroup[];
    /** A file sent after the attributes (Print-Job, Send-Document), streamed from disk. */
    readonly documentPath?: string;
    readonly signal?: AbortSignal;
    /** Overrides the client's overall timeout, e.g. for a large document. */
    readonly timeoutMs?: number;
}

const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
const DEFAULT_TIMEOUT_MS = 60_000;
const DEFAULT_MAX_RESPONSE_BYTES = 8 * 1024 * 1024;
const IPP_PORT = 631;

const TLS_ERROR = /^(ERR_SSL_|ERR_TLS_|EPROTO$|CERT_|DEPTH_ZERO_SELF_SIGNED_CERT$|SELF_SIGNED_CERT_IN_CHAIN$|UNABLE_TO_(GET|VERIFY)_|ERR_TLS_CERT_ALTNAME_INVALID$|HOSTNAME_MISMATCH$)/;
const UNREACHABLE = new Set(['EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTDOWN', 'ENETDOWN', 'EADDRNOTAVAIL']);

/** The printer's URI as it may be shown: no user name, no password. */
export function displayUri(uri: string): string {
    try {
        const url = new URL(uri);
        url.username = '';
        url.password = '';
        return url.toString();
    } catch {
        return '(an invalid printer URI)';
    }
}

/** Sends IPP operations to one printer URI (`ipp://host[:port]/path` or `ipps://…`). */
export class IppClient {
    /** The printer URI without credentials: what requests name as `printer-uri` and errors show. */
    readonly printerUri: string;
    protected readonly url: URL;
    protected nextRequestId = 1;

    constructor(printerUri: string, protected readonly options: IppClientOptions = {}) {
        let url: URL;
        try {
            url = new URL(printerUri);
        } catch {
            throw new IppTransportError('protocol', displayUri(printerUri), `'${displayUri(printerUri)}' is not a printer URI (ipp://host[:port]/path)`);
        }
        if (url.protocol !== 'ipp:' && url.protocol !== 'ipps:') {
            throw new IppTransportError('protocol', displayUri(printerUri), `${displayUri(printerUri)}: only ipp:// and ipps:// printer URIs are supported`);
        }
        this.url = url;
        this.printerUri = displayUri(printerUri);
    }

    /** Sends one operation; resolves with the response, or fails with IppTransportError / IppStatusError. */
    async send(request: IppRequest): Promise<IppMessage> {
        const requestId = this.nextRequestId++;
        const attributes = encodeIppMessage({ version: { major: 2, minor: 0 }, code: request.operation, requestId, groups: request.groups });
        const documentSize = request.documentPath ? await sizeOfDocument(request.documentPath) : 0;
        const decoded = await this.exchange(attributes, request, documentSize);
        const response = decoded.message;
        if (response.requestId !== requestId) {
            throw this.fail('protocol', `answered request ${response.requestId} to request ${requestId}`);
        }
        if (isErrorStatus(response.code)) {
            const message = findAttribute(response, 'operation', 'status-message');
            throw new IppStatusError(this.printerUri, request.operation, response.code, typeof message?.values[0] === 'string' ? message.values[0] : undefined);
        }
        return response;
    }

    protected exchange(attributes: Buffer, request: IppRequest, documentSize: number): Promise<DecodedIppMessage> {
        const secure = this.url.protocol === 'ipps:';
        const maxBytes = this.options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
        const headers: http.OutgoingHttpHeaders = {
            'Content-Type': 'application/ipp',
            'Content-Length': attributes.length + documentSize,
            'Accept': 'application/ipp'
        };
        if (this.options.username !== undefined) {
            headers['Authorization'] = 'Basic ' + Buffer.from(`${this.options.username}:${this.options.password ?? ''}`, 'utf8').toString('base64');
        }
        const requestOptions: https.RequestOptions = {
            method: 'POST',
            host: this.url.hostname.replace(/^\[(.*)\]$/, '$1'),
            port: this.url.port ? Number(this.url.port) : IPP_PORT,
            path: (this.url.pathname || '/') + this.url.search,
            headers,
            agent: false,
            ...(secure ? this.options.tls : {})
        };
        return new Promise<DecodedIppMessage>((resolve, reject) => {
            let settled = false;
            let document: Readable | undefined;
            const timers: NodeJS.Timeout[] = [];
            const finish = (error: unknown, result?: DecodedIppMessage): void => {
                if (settled) {
                    return;
                }
                settled = true;
                timers.forEach(clearTimeout);
                request.signal?.removeEventListener('abort', onAbort);
                document?.destroy();
                if (error) {
                    req.destroy();
                    reject(error);
                } else {
                    resolve(result!);
                }
            };
            const onAbort = (): void => finish(request.signal!.reason ?? new Error('aborted'));
            if (request.signal?.aborted) {
                reject(request.signal.reason ?? new Error('aborted'));
                return;
            }
            const req = (secure ? https : http).request(requestOptions, response => this.readResponse(response, maxBytes, finish));
            request.signal?.addEventListener('abort', onAbort, { once: true });
            const timeoutMs = request.timeoutMs ?? this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
            timers.push(setTimeout(() => finish(this.fail('timeout', `did not answer ${operationName(request.operation)} within ${seconds(timeoutMs)}`)), timeoutMs));
            req.on('socket', socket => {
                if (socket.connecting) {
                    const connectTimeoutMs = this.options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
                    const timer = setTimeout(() => finish(this.fail('unreachable', `could not be reached within ${seconds(connectTimeoutMs)} (no connection)`)), connectTimeoutMs);
                    timers.push(timer);
                    socket.once('connect', () => clearTimeout(timer));
                }
            });
            req.on('error', error => finish(this.transportError(error, secure)));
            req.write(attributes);
            if (request.documentPath) {
                document = fs.createReadStream(request.documentPath);
                document.on('error', error => finish(new Error(`could not read the document to print: ${error.message}`, { cause: error })));
                // Backpressure through pipe: the file is read as fast as the printer takes it.
                document.pipe(req);
            } else {
                req.end();
            }
        });
    }

    protected readResponse(response: http.IncomingMessage, maxBytes: number, finish: (error: unknown, result?: DecodedIppMessage) => void): void {
        const status = response.statusCode ?? 0;
        if (status !== 200) {
            response.resume();
            finish(this.httpStatusError(status, response.statusMessage));
            return;
        }
        const type = (response.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
        if (type !== 'application/ipp') {
            response.resume();
            finish(this.fail('protocol', `answered with ${type || 'no content type'} instead of an IPP response (is this a printer's IPP address?)`));
            return;
        }
        const declared = Number(response.headers['content-length']);
        if (declared > maxBytes) {
            finish(this.tooLarge(maxBytes));
            return;
        }
        const chunks: Buffer[] = [];
        let received = 0;
        response.on('data', (chunk: Buffer) => {
            received += chunk.length;
            if (received > maxBytes) {
                finish(this.tooLarge(maxBytes));
                return;
            }
            chunks.push(chunk);
        });
        response.on('error', error => finish(this.fail('protocol', `broke off its answer: ${error.message}`, error)));
        response.on('aborted', () => finish(this.fail('protocol', 'broke off its answer')));
        response.on('end', () => {
            try {
                finish(undefined, decodeIppMessage(Buffer.concat(chunks)));
            } catch (error) {
                const why = error instanceof IppEncodingError ? error.message : String(error);
                finish(this.fail('protocol', `sent an answer that is not valid IPP: ${why}`, error));
            }
        });
    }

    protected httpStatusError(status: number, statusText: string | undefined): IppTransportError {
        const answer = `HTTP ${status}${statusText ? ` ${statusText}` : ''}`;
        if (status === 401) {
            return this.fail('authentication', this.options.username === undefined
                ? `asks for a user name and password (${answer})`
                : `refused the user name or password (${answer}): authentication failed`);
        }
        if (status === 403) {
            return this.fail('authentication', `refused access (${answer})`);
        }
        if (status === 426) {
            return this.fail('tls', `requires an encrypted connection (${answer}); use an ipps:// URI`);
        }
        if (status === 404) {
            return this.fail('protocol', `has no printer at this path (${answer})`);
        }
        return this.fail('protocol', `answered ${answer} instead of an IPP response`);
    }

    protected transportError(error: Error & { code?: string }, secure: boolean): IppTransportError {
        const code = error.code ?? '';
        if (code === 'ECONNREFUSED') {
            return this.fail('refused', 'refused the connection (is the printer on, and is this its IPP port?)', error);
        }
        if (UNREACHABLE.has(code)) {
            return this.fail('unreachable', `could not be reached (${code})`, error);
        }
        if (code === 'ETIMEDOUT') {
            return this.fail('timeout', 'did not answer in time (ETIMEDOUT)', error);
        }
        if (secure && (TLS_ERROR.test(code) || /ssl|tls|certificate/i.test(error.message))) {
            return this.fail('tls', `could not be reached securely: ${error.message}`, error);
        }
        if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'HPE_INVALID_CONSTANT' || code.startsWith('HPE_')) {
            return this.fail('protocol', `broke off the connection or did not answer in HTTP (${code})`, error);
        }
        return this.fail('unreachable', `could not be reached: ${error.message}`, error);
    }

    protected tooLarge(maxBytes: number): IppTransportError {
        return this.fail('too-large', `sent an answer larger than ${Math.round(maxBytes / 1024)} KiB; refused`);
    }

    protected fail(problem: IppProblem, what: string, cause?: unknown): IppTransportError {
        return new IppTransportError(problem, this.printerUri, `The printer ${this.printerUri} ${what}`, { cause });
    }
}

async function sizeOfDocument(filePath: string): Promise<number> {
    try {
        return (await fs.promises.stat(filePath)).size;
    } catch (error) {
        throw new Error(`could not read the document to print: ${(error as Error).message}`, { cause: error });
    }
}

function seconds(ms: number): string {
    return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}
