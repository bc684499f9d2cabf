import type { Agent } from 'node:http';
import type nodeFetch from 'node-fetch';
import { BodyTooLargeError, formatBytes } from './bounded-body';
import { MarcomCentralError } from './marcomcentral-error';
import { classifyTransportFailure } from './transport-failure';

/** The fetch the client uses; tests may pass their own. */
export type FetchFunction = typeof nodeFetch;

export interface ExchangeRequest {
    readonly method: 'GET' | 'POST';
    readonly headers?: Readonly<Record<string, string>>;
    readonly body?: string;
    /** SOAP calls never follow redirects (the token must not travel elsewhere); downloads may. */
    readonly followRedirects: boolean;
    /** Connects through this agent (a download's, pinned to the address its guard checked). */
    readonly agent?: Agent;
}

export interface ExchangeLimits {
    readonly fetch: FetchFunction;
    readonly timeoutMs: number;
    readonly maxBytes: number;
    readonly signal?: AbortSignal;
    /** What is being done, for messages: "GetOrdersByDate", "the file download". */
    readonly operation: string;
}

export interface ExchangeResponse {
    readonly status: number;
    readonly statusText: string;
    readonly contentType?: string;
    readonly body: Buffer;
}

/** The response as `read` sees it: status, headers and the body as a stream. */
export type StreamedResponse = Awaited<ReturnType<FetchFunction>>;

/**
 * One HTTP request whose answer `read` consumes as a stream (calling `abort` to tear the connection
 * down), under one deadline that covers the connection, the headers and the body. A declared length
 * over `maxBytes` is refused unread. Failures come out as MarcomCentralError (unreachable, tls,
 * timeout, too-large, bad-response); a cancellation by the caller's signal rejects with the signal's reason.
 */
export async function exchangeWith<T>(
    url: string, request: ExchangeRequest, limits: ExchangeLimits, read: (response: StreamedResponse, abort: () => void) => Promise<T>
): Promise<T> {
    const { signal: callerSignal, operation } = limits;
    callerSignal?.throwIfAborted();
    const where = describeUrl(url);
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
        timedOut = true;
        controller.abort();
    }, limits.timeoutMs);
    const forwardAbort = (): void => controller.abort();
    callerSignal?.addEventListener('abort', forwardAbort, { once: true });
    try {
        const response = await limits.fetch(url, {
            method: request.method,
            headers: request.headers ? { ...request.headers } : undefined,
            body: request.body,
            redirect: request.followRedirects ? 'follow' : 'manual',
            follow: request.followRedirects ? 5 : 0,
            agent: request.agent,
            signal: controller.signal
        });
        const declaredLength = Number(response.headers.get('content-length') ?? NaN);
        if (Number.isFinite(declaredLength) && declaredLength > limits.maxBytes) {
            controller.abort();
            throw tooLarge(operation, limits.maxBytes, where, response.status);
        }
        return await read(response, () => controller.abort());
    } catch (error) {
        if (error instanceof MarcomCentralError) {
            throw error;
        }
        if (error instanceof BodyTooLargeError) {
            throw tooLarge(operation, limits.maxBytes, where);
        }
        if (timedOut) {
            throw new MarcomCentralError('timeout', `MarcomCentral did not complete ${operation} within ${formatDuration(limits.timeoutMs)} (${where})`, { operation });
        }
        if (callerSignal?.aborted) {
            throw callerSignal.reason;
        }
        const failure = classifyTransportFailure(error);
        if (failure?.kind === 'tls') {
            throw new MarcomCentralError('tls', `A secure connection to ${where} could not be made for ${operation}: ${failure.description}`, { operation, cause: error });
        }
        if (failure?.kind === 'unreachable') {
            throw new MarcomCentralError('unreachable', `MarcomCentral cannot be reached at ${where} for ${operation}: ${failure.description}`, { operation, cause: error });
        }
        if (failure?.kind === 'cut-off') {
            throw new MarcomCentralError('bad-response', `MarcomCentral's answer to ${operation} could not be read: ${failure.description}`, { operation, cause: error });
        }
        throw error;
    } finally {
        clearTimeout(timer);
        callerSignal?.removeEventListener('abort', forwardAbort);
    }
}

function tooLarge(operation: string, maxBytes: number, where: string, status?: number): MarcomCentralError {
    return new MarcomCentralError('too-large', `The answer to ${operation} from ${where} is larger than the ${formatBytes(maxBytes)} limit; it was not read`, { operation, status });
}

/** The URL for messages: scheme, host and path only; user info and query strings may hold secrets. */
export function describeUrl(url: string): string {
    try {
        const parsed = new URL(url);
        return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
    } catch {
        return 'an invalid URL';
    }
}

function formatDuration(ms: number): string {
    return ms >= 1000 && ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}
