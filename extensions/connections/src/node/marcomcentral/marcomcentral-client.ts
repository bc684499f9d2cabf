import type { Agent } from 'node:http';
import nodeFetch from 'node-fetch';
import type { OrderWindow } from '@presswork/platform/lib/common';
import { readCloseoutResponse } from './closeout-mapping';
import {
    invoiceByLineItemRequest, packingSlipByLineItemRequest, packingSlipByOrderRequest, settleByOrderRequest
} from './closeout-requests';
import type {
    CloseoutResult, InvoiceByLineItemRequest, PackingSlipByLineItemRequest, PackingSlipByOrderRequest, SettleByOrderRequest
} from './closeout-types';
import { readBlocksWithLimit, readBodyWithLimit } from './bounded-body';
import { FetchFunction, StreamedResponse, describeUrl, exchangeWith } from './http-exchange';
import { JobTicketsResult, readJobTicketsResponse } from './job-ticket-mapping';
import { MarcomCentralError, withSecretRedacted } from './marcomcentral-error';
import { OrderHead, scanOrderHeads } from './order-heads';
import type { ReceivedOrdersSink } from '../intake/received-digests';
import { OrdersParser, sharedOrdersParser } from './orders-parser';
import type { KnownOrders, OrdersResult } from './orders-response';
import { jobTicketsByDateRequest, ordersByDateRequest, ordersByOrderNumberRequest } from './query-requests';
import { MarcomCentralService, buildSoapRequest } from './soap-envelope';
import { readSoapOutcome } from './soap-outcome';
import { isValidTimeZone } from './store-time';
import type { XmlElement } from './xml-document';
import type { XmlNode } from './xml-writer';

/** Where and as whom to call: one store. */
export interface MarcomCentralEndpoint {
    /** The connection's endpoint URL, e.g. `https://services.printable.com`; the client appends `/TRANS/1.0/<Service>.asmx`. */
    readonly url: string;
    /** The partner token for the services called (the order token, or the closeout token). */
    readonly token: string;
    /** The store's IANA time zone, e.g. `America/Los_Angeles`. */
    readonly timeZone: string;
}

export interface MarcomCentralClientOptions {
    readonly fetch?: FetchFunction;
    /** Deadline for a whole call, body included. Default 30 000. */
    readonly timeoutMs?: number;
    /** Largest SOAP answer read. Default 20 MB. */
    readonly maxResponseBytes?: number;
    /** Largest answer scanned for its orders' heads only (see getOrderHeadsByDate). Default 4 × maxResponseBytes. */
    readonly maxScanBytes?: number;
    /** Reads answers with orders off the main thread. Default: the process's shared worker pool. */
    readonly ordersParser?: OrdersParser;
}

/**
 * Decides whether a file URL may be fetched (the first and every redirect's), returning the agent
 * to connect with; throws, with the reason, when it may not.
 */
export type DownloadGuard = (url: URL) => Promise<Agent>;

export interface DownloadOptions {
    readonly guard: DownloadGuard;
    /** Largest file read. Default 200 MB. */
    readonly maxBytes?: number;
    readonly signal?: AbortSignal;
    /** Deadline for the whole download. Default: the client's timeoutMs. */
    readonly timeoutMs?: number;
}

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_RESPONSE_BYTES = 20 * 1024 * 1024;
export const DEFAULT_MAX_DOWNLOAD_BYTES = 200 * 1024 * 1024;
export const TRANS_API_PATH = '/TRANS/1.0/';
/** Redirects followed for one file download, each checked by the guard as the first URL was. */
export const MAX_DOWNLOAD_REDIRECTS = 3;

/**
 * MarcomCentral's transactional SOAP API (Order, JobTicket, PackingSlip, Invoice, Settlement).
 *
 * Every method takes an optional AbortSignal; cancelling rejects with the signal's reason. Every
 * other failure is a MarcomCentralError whose message never contains the token. Closeout methods
 * resolve with the store's result codes, failures included: judge them with closeoutOutcome.
 */
export class MarcomCentralClient {
    private readonly fetch: FetchFunction;
    private readonly timeoutMs: number;
    private readonly maxResponseBytes: number;
    private readonly maxScanBytes: number;
    private readonly ordersParser?: OrdersParser;

    constructor(options: MarcomCentralClientOptions = {}) {
        this.fetch = options.fetch ?? nodeFetch;
        this.timeoutMs = positive(options.timeoutMs, DEFAULT_TIMEOUT_MS, 'timeoutMs');
        this.maxResponseBytes = positive(options.maxResponseBytes, DEFAULT_MAX_RESPONSE_BYTES, 'maxResponseBytes');
        this.maxScanBytes = positive(options.maxScanBytes, 4 * this.maxResponseBytes, 'maxScanBytes');
        this.ordersParser = options.ordersParser;
    }

    /** The largest SOAP answer read whole: an order whose own answer is larger cannot be taken in. */
    get responseLimitBytes(): number {
        return this.maxResponseBytes;
    }

    /** Starts the worker that reads answers with orders (see OrdersParser), before the first answer needs it. */
    prepareToReadOrders(): void {
        (this.ordersParser ?? sharedOrdersParser()).warm();
    }

    /**
     * Orders whose CreateDate lies in `[window.start, window.end)`. With `known`, an order whose
     * digest is among them is only named among the unchanged ones (see OrdersResult); with `take`,
     * the orders go to it as they are read, not into the result (see OrdersParser).
     */
    async getOrdersByDate(
        endpoint: MarcomCentralEndpoint, window: OrderWindow, signal?: AbortSignal, known?: KnownOrders, take?: ReceivedOrdersSink
    ): Promise<OrdersResult> {
        return this.callForOrders(endpoint, 'GetOrdersByDate', () => ordersByDateRequest(endpoint.token, window, endpoint.timeZone), signal, known, take);
    }

    /**
     * Which orders `[window.start, window.end)` holds (id and order number only), for a window whose
     * answer is too large to read whole: the answer is scanned as a stream, up to maxScanBytes,
     * and nothing else of it is kept.
     */
    async getOrderHeadsByDate(endpoint: MarcomCentralEndpoint, window: OrderWindow, signal?: AbortSignal): Promise<OrderHead[]> {
        const operation = 'GetOrdersByDate';
        return this.post(endpoint, 'Order', operation, () => ordersByDateRequest(endpoint.token, window, endpoint.timeZone), this.maxScanBytes,
            async (response, abort) => {
                if (response.status !== 200) {
                    // A fault or an error page: small, read whole and judged as every answer is.
                    const body = await readBodyWithLimit(response.body, this.maxResponseBytes, abort);
                    readSoapOutcome({ status: response.status, statusText: response.statusText, body }, operation, endpoint.token);
                    throw new MarcomCentralError('http', `MarcomCentral answered ${operation} with HTTP ${response.status}`, { operation, status: response.status });
                }
                return scanOrderHeads(response.body, this.maxScanBytes, abort, operation);
            }, signal);
    }

    /** The order with this order number (zero or one order); `known` and `take` as for getOrdersByDate. */
    async getOrdersByOrderNumber(
        endpoint: MarcomCentralEndpoint, orderNumber: string, signal?: AbortSignal, known?: KnownOrders, take?: ReceivedOrdersSink
    ): Promise<OrdersResult> {
        return this.callForOrders(endpoint, 'GetOrdersByOrderNumber', () => ordersByOrderNumberRequest(endpoint.token, orderNumber), signal, known, take);
    }

    async getJobTicketsByDate(endpoint: MarcomCentralEndpoint, window: OrderWindow, signal?: AbortSignal): Promise<JobTicketsResult> {
        const operation = 'GetJobTicketsByDate';
        return this.call(endpoint, 'JobTicket', operation, () => jobTicketsByDateRequest(endpoint.token, window, endpoint.timeZone),
            response => readJobTicketsResponse(response, operation, endpoint.timeZone), signal);
    }

    /** One packing slip for every line of the order (what Presswork does). */
    async createPackingSlipByOrder(endpoint: MarcomCentralEndpoint, request: PackingSlipByOrderRequest, signal?: AbortSignal): Promise<CloseoutResult> {
        return this.closeout(endpoint, 'PackingSlip', 'CreatePackingSlipByOrder', () => packingSlipByOrderRequest(endpoint.token, request, endpoint.timeZone), signal);
    }

    async createPackingSlipByLineItem(endpoint: MarcomCentralEndpoint, request: PackingSlipByLineItemRequest, signal?: AbortSignal): Promise<CloseoutResult> {
        return this.closeout(endpoint, 'PackingSlip', 'CreatePackingSlipByLineItem', () => packingSlipByLineItemRequest(endpoint.token, request, endpoint.timeZone), signal);
    }

    async createInvoiceByLineItem(endpoint: MarcomCentralEndpoint, request: InvoiceByLineItemRequest, signal?: AbortSignal): Promise<CloseoutResult> {
        return this.closeout(endpoint, 'Invoice', 'CreateInvoiceByLineItem', () => invoiceByLineItemRequest(endpoint.token, request, endpoint.timeZone), signal);
    }

    /** Credit-card orders only: captures the authorised amount. */
    async settleByOrder(endpoint: MarcomCentralEndpoint, request: SettleByOrderRequest, signal?: AbortSignal): Promise<CloseoutResult> {
        return this.closeout(endpoint, 'Settlement', 'SettleByOrder', () => settleByOrderRequest(endpoint.token, request), signal);
    }

    /**
     * Downloads a file (a line's FinalOutputFileURL) into memory, never more than `maxBytes`.
     * The token is not sent. Each URL, the first and every redirect's (at most
     * MAX_DOWNLOAD_REDIRECTS), must pass the guard, and is fetched through the agent it returns.
     * 404 means the store has not rendered the file yet (`not-ready`). Only the bytes are returned:
     * nothing of the URL is ever used as a file name.
     */
    async downloadFile(url: string, options: DownloadOptions): Promise<Buffer> {
        const operation = 'the file download';
        let current = fileUrl(url, operation);
        const maxBytes = positive(options.maxBytes, DEFAULT_MAX_DOWNLOAD_BYTES, 'maxBytes');
        const limits = { fetch: this.fetch, timeoutMs: positive(options.timeoutMs, this.timeoutMs, 'timeoutMs'), maxBytes, signal: options.signal, operation };
        for (let redirects = 0; ; redirects++) {
            const agent = await options.guard(current);
            const response = await exchangeWith(current.href, { method: 'GET', followRedirects: false, agent }, limits, async (answer, abort) => ({
                status: answer.status,
                location: REDIRECT_STATUSES.has(answer.status) ? answer.headers.get('location') ?? undefined : undefined,
                body: await readBodyWithLimit(answer.body, maxBytes, abort)
            }));
            const where = describeUrl(current.href);
            if (response.location !== undefined) {
                if (redirects >= MAX_DOWNLOAD_REDIRECTS) {
                    throw new MarcomCentralError('bad-response', `The file at ${where} redirects more than ${MAX_DOWNLOAD_REDIRECTS} times`, { operation });
                }
                current = fileUrl(new URL(response.location, current).href, operation);
                continue;
            }
            if (response.status === 404) {
                throw new MarcomCentralError('not-ready', `The file at ${where} is not ready yet (HTTP 404)`, { operation, status: 404 });
            }
            if (response.status < 200 || response.status > 299) {
                throw new MarcomCentralError('http', `The file at ${where} could not be downloaded (HTTP ${response.status})`, { operation, status: response.status });
            }
            return response.body;
        }
    }

    private closeout(
        endpoint: MarcomCentralEndpoint, service: MarcomCentralService, operation: string, requestObject: () => XmlNode, signal?: AbortSignal
    ): Promise<CloseoutResult> {
        return this.call(endpoint, service, operation, requestObject, response => readCloseoutResponse(response, operation), signal);
    }

    /**
     * One SOAP call: builds the request object, posts it, and reads the `<Operation>Response`
     * element with `read`. Every MarcomCentralError raised on the way, reading included, leaves
     * with the token redacted.
     */
    private call<T>(
        endpoint: MarcomCentralEndpoint,
        service: MarcomCentralService,
        operation: string,
        requestObject: () => XmlNode,
        read: (response: XmlElement) => T,
        signal?: AbortSignal
    ): Promise<T> {
        return this.post(endpoint, service, operation, requestObject, this.maxResponseBytes, async (response, abort) => read(readSoapOutcome({
            status: response.status,
            statusText: response.statusText,
            contentType: response.headers.get('content-type') ?? undefined,
            body: await readBodyWithLimit(response.body, this.maxResponseBytes, abort)
        }, operation, endpoint.token)), signal);
    }

    /**
     * One SOAP call answered with orders: the body is read here, bounded as every answer is, and
     * parsed, mapped and validated in a worker (see OrdersParser).
     */
    private callForOrders(
        endpoint: MarcomCentralEndpoint, operation: string, requestObject: () => XmlNode, signal?: AbortSignal, known?: KnownOrders, take?: ReceivedOrdersSink
    ): Promise<OrdersResult> {
        const parser = this.ordersParser ?? sharedOrdersParser();
        return this.post(endpoint, 'Order', operation, requestObject, this.maxResponseBytes, async (response, abort) => parser.read({
            status: response.status,
            statusText: response.statusText,
            contentType: response.headers.get('content-type') ?? undefined,
            body: await readBlocksWithLimit(response.body, this.maxResponseBytes, abort)
        }, operation, endpoint.timeZone, endpoint.token, known, take), signal);
    }

    /**
     * Posts one SOAP request and hands the streamed answer to `read`. Every MarcomCentralError
     * raised on the way, reading included, leaves with the token redacted.
     */
    private async post<T>(
        endpoint: MarcomCentralEndpoint,
        service: MarcomCentralService,
        operation: string,
        requestObject: () => XmlNode,
        maxBytes: number,
        read: (response: StreamedResponse, abort: () => void) => Promise<T>,
        signal?: AbortSignal
    ): Promise<T> {
        try {
            const url = serviceUrl(endpoint, service);
            const request = buildSoapRequest(service, operation, requestObject());
            return await exchangeWith(url, { ...request, followRedirects: false }, { fetch: this.fetch, timeoutMs: this.timeoutMs, maxBytes, signal, operation }, read);
        } catch (error) {
            throw error instanceof MarcomCentralError ? withSecretRedacted(error, endpoint.token) : error;
        }
    }
}

/**
 * `<endpoint>/TRANS/1.0/<Service>.asmx`; a trailing slash on the endpoint is ignored.
 * @throws TypeError for an endpoint that is not an http(s) URL, RangeError for an unknown time zone.
 */
export function serviceUrl(endpoint: MarcomCentralEndpoint, service: MarcomCentralService): string {
    let url: URL;
    try {
        url = new URL(endpoint.url);
    } catch {
        throw new TypeError('The MarcomCentral endpoint is not a valid URL');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        throw new TypeError(`The MarcomCentral endpoint must be an http or https URL, not ${url.protocol}`);
    }
    if (!isValidTimeZone(endpoint.timeZone)) {
        throw new RangeError(`"${endpoint.timeZone}" is not an IANA time zone`);
    }
    url.pathname = `${url.pathname.replace(/\/+$/, '')}${TRANS_API_PATH}${service}.asmx`;
    url.search = '';
    url.hash = '';
    return url.href;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** A file URL MarcomCentral gave (or redirected to): http or https only. */
function fileUrl(url: string, operation: string): URL {
    let parsed: URL;
    try {
        parsed = new URL(url);
    } catch {
        throw new MarcomCentralError('bad-response', 'The file URL MarcomCentral gave is not a valid URL', { operation });
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
        throw new MarcomCentralError('bad-response', `The file URL MarcomCentral gave uses "${parsed.protocol}", not http or https`, { operation });
    }
    return parsed;
}

function positive(value: number | undefined, fallback: number, name: string): number {
    if (value === undefined) {
        return fallback;
    }
    if (!Number.isFinite(value) || value <= 0) {
        throw new RangeError(`${name} must be a positive number`);
    }
    return value;
}
