import * as http from 'node:http';
import * as https from 'node:https';
import { withLinkedSignal } from '@presswork/platform/lib/node/linked-signal';

export interface WebhookPostOptions {
    /** The whole request, from connecting to the last byte read. */
    readonly timeoutMs: number;
    /** Response bytes read at most; the rest is not read (the body is discarded anyway). */
    readonly maxResponseBytes: number;
    readonly signal?: AbortSignal;
}

export interface WebhookResponse {
    readonly status: number;
    readonly statusText: string;
    readonly location?: string;
    /** The first bytes of the body (up to the cap), for a failure's detail. */
    readonly bodyStart: string;
}

/**
 * POSTs `body` to `url` with node's own http/https: no redirect is followed (a 3xx is the answer),
 * the whole exchange is bounded by `timeoutMs`, and at most `maxResponseBytes` of the answer are
 * read. Rejects with the network error (or a TimeoutError / AbortError) when there is no answer.
 */
export function postWebhook(url: URL, body: string, headers: Readonly<Record<string, string>>, options: WebhookPostOptions): Promise<WebhookResponse> {
    return withLinkedSignal([options.signal], options.timeoutMs, signal => exchange(url, body, headers, options, signal));
}

function exchange(url: URL, body: string, headers: Readonly<Record<string, string>>, options: WebhookPostOptions, signal: AbortSignal): Promise<WebhookResponse> {
    const client = url.protocol === 'https:' ? https : http;
    return new Promise((resolve, reject) => {
        const request = client.request(url, {
            method: 'POST',
            headers: { ...headers, 'Content-Length': Buffer.byteLength(body) },
            signal
        }, response => {
            const chunks: Buffer[] = [];
            let read = 0;
            const finish = (): void => {
                response.removeAllListeners('data');
                resolve({
                    status: response.statusCode ?? 0,
                    statusText: response.statusMessage ?? '',
                    ...(typeof response.headers.location === 'string' ? { location: response.headers.location } : {}),
                    bodyStart: Buffer.concat(chunks).toString('utf8', 0, Math.min(read, 300))
                });
                // The rest of the answer is not wanted: close the connection rather than read it.
                response.destroy();
            };
            response.on('data', (chunk: Buffer) => {
                const room = options.maxResponseBytes - read;
                chunks.push(chunk.subarray(0, Math.max(room, 0)));
                read += Math.min(chunk.length, Math.max(room, 0));
                if (chunk.length >= room) {
                    finish();
                }
            });
            response.on('end', finish);
            response.on('error', reject);
        });
        request.on('error', error => reject(signal.aborted && !options.signal?.aborted ? signal.reason : error));
        request.end(body);
    });
}
