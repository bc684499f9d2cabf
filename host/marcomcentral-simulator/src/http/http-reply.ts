/** What a route answers; the server writes it and records it in the request log. */
export type HttpReply = SendReply | StreamReply | HoldReply;

export interface SendReply {
    readonly kind: 'send';
    readonly status: number;
    readonly headers: Readonly<Record<string, string>>;
    readonly body: string | Buffer;
}

/** A body too big to keep: written chunk by chunk, logged by `logSummary`. */
export interface StreamReply {
    readonly kind: 'stream';
    readonly status: number;
    readonly headers: Readonly<Record<string, string>>;
    readonly chunks: () => Iterable<string>;
    readonly logSummary: string;
}

/** Never answered: the connection stays open until the client gives up or the simulator closes. */
export interface HoldReply {
    readonly kind: 'hold';
}

export const XML_CONTENT_TYPE = 'text/xml; charset=utf-8';

export function xmlReply(status: number, body: string): SendReply {
    return { kind: 'send', status, headers: { 'Content-Type': XML_CONTENT_TYPE }, body };
}

export function jsonReply(status: number, value: unknown, headers: Record<string, string> = {}): SendReply {
    return {
        kind: 'send',
        status,
        headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers },
        body: JSON.stringify(value, undefined, 2)
    };
}

export function textReply(status: number, text: string, contentType = 'text/plain; charset=utf-8'): SendReply {
    return { kind: 'send', status, headers: { 'Content-Type': contentType }, body: text };
}
