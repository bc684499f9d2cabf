/** Every way a MarcomCentral call can fail, as one closed set the rest of Presswork can switch on. */
export type MarcomCentralErrorKind =
    | 'unreachable'
    | 'timeout'
    | 'tls'
    | 'http'
    | 'fault'
    | 'invalid-token'
    | 'rate-limited'
    | 'bad-response'
    | 'too-large'
    | 'not-ready';

export interface MarcomCentralErrorDetails {
    /** The HTTP status, when the store answered. */
    readonly status?: number;
    /** The SOAP fault's `faultstring`, when the store sent a fault (already stripped of the token). */
    readonly faultString?: string;
    /** The operation or request that failed, e.g. `GetOrdersByDate` or `file download`. */
    readonly operation?: string;
    readonly cause?: unknown;
}

/**
 * A failed call to MarcomCentral. Its message is written for an operator and never contains the
 * partner token (see {@link redactSecret}).
 */
export class MarcomCentralError extends Error {
    override readonly name = 'MarcomCentralError';
    readonly kind: MarcomCentralErrorKind;
    readonly status?: number;
    readonly faultString?: string;
    readonly operation?: string;

    constructor(kind: MarcomCentralErrorKind, message: string, details: MarcomCentralErrorDetails = {}) {
        super(message, details.cause === undefined ? undefined : { cause: details.cause });
        this.kind = kind;
        this.status = details.status;
        this.faultString = details.faultString;
        this.operation = details.operation;
    }
}

export function isMarcomCentralError(error: unknown): error is MarcomCentralError {
    return error instanceof MarcomCentralError;
}

/** Secrets shorter than this are not redacted: replacing one or two characters would garble messages without protecting anything. */
const MIN_REDACTABLE_LENGTH = 4;

/** Replaces every occurrence of `secret` in `text` (a server may echo the token back in a fault). */
export function redactSecret(text: string, secret: string | undefined): string {
    if (!secret || secret.length < MIN_REDACTABLE_LENGTH) {
        return text;
    }
    return text.split(secret).join('[redacted]');
}

/** A MarcomCentralError whose message and fault string no longer contain `secret`. */
export function withSecretRedacted(error: MarcomCentralError, secret: string | undefined): MarcomCentralError {
    const message = redactSecret(error.message, secret);
    const faultString = error.faultString === undefined ? undefined : redactSecret(error.faultString, secret);
    if (message === error.message && faultString === error.faultString) {
        return error;
    }
    return new MarcomCentralError(error.kind, message, {
        status: error.status, faultString, operation: error.operation, cause: error.cause
    });
}
