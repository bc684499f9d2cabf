/**
 * Telling apart the ways a request can fail below HTTP: the store cannot be reached, TLS refused
 * the connection, or the answer was cut off.
 */

import { messageOf } from '@presswork/platform/lib/common/errors';

export interface TransportFailure {
    readonly kind: 'unreachable' | 'tls' | 'cut-off';
    /** Short, operator-readable, e.g. "connection refused (ECONNREFUSED)". */
    readonly description: string;
}

const UNREACHABLE_CODES: Readonly<Record<string, string>> = {
    ECONNREFUSED: 'connection refused',
    ENOTFOUND: 'host name not found',
    EAI_AGAIN: 'host name lookup failed',
    EAI_NONAME: 'host name not found',
    ECONNRESET: 'connection reset',
    ECONNABORTED: 'connection aborted',
    EHOSTUNREACH: 'host unreachable',
    ENETUNREACH: 'network unreachable',
    EHOSTDOWN: 'host down',
    ENETDOWN: 'network down',
    ETIMEDOUT: 'connection timed out',
    EPIPE: 'connection closed',
    EADDRNOTAVAIL: 'address not available'
};

const TLS_CODES: Readonly<Record<string, string>> = {
    DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed certificate',
    SELF_SIGNED_CERT_IN_CHAIN: 'self-signed certificate in the chain',
    UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'certificate cannot be verified',
    UNABLE_TO_GET_ISSUER_CERT: 'certificate issuer unknown',
    UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'certificate issuer unknown',
    CERT_HAS_EXPIRED: 'certificate expired',
    CERT_NOT_YET_VALID: 'certificate not yet valid',
    CERT_REVOKED: 'certificate revoked',
    CERT_UNTRUSTED: 'certificate not trusted',
    CERT_REJECTED: 'certificate rejected',
    HOSTNAME_MISMATCH: 'certificate does not match the host name',
    ERR_TLS_CERT_ALTNAME_INVALID: 'certificate does not match the host name'
};

const CUT_OFF_CODES = new Set(['ERR_STREAM_PREMATURE_CLOSE']);

function codeOf(error: unknown): string | undefined {
    for (let current: unknown = error, depth = 0; current && depth < 4; depth++) {
        const code = (current as { code?: unknown }).code;
        if (typeof code === 'string' && code !== '') {
            return code;
        }
        current = (current as { cause?: unknown }).cause;
    }
    return undefined;
}

/** Classifies a fetch or stream error; `undefined` when it is none of these (a programming error, say). */
export function classifyTransportFailure(error: unknown): TransportFailure | undefined {
    const code = codeOf(error);
    const message = messageOf(error);
    if (code !== undefined) {
        if (TLS_CODES[code] !== undefined) {
            return { kind: 'tls', description: `${TLS_CODES[code]} (${code})` };
        }
        if (/^(ERR_TLS_|ERR_SSL_|CERT_|ERR_OSSL_)/.test(code) || (code === 'EPROTO' && /SSL|TLS/i.test(message))) {
            return { kind: 'tls', description: `TLS handshake failed (${code})` };
        }
        if (UNREACHABLE_CODES[code] !== undefined) {
            return { kind: 'unreachable', description: `${UNREACHABLE_CODES[code]} (${code})` };
        }
        if (CUT_OFF_CODES.has(code)) {
            return { kind: 'cut-off', description: `the response ended before it was complete (${code})` };
        }
    }
    if (/premature close/i.test(message)) {
        return { kind: 'cut-off', description: 'the response ended before it was complete' };
    }
    if (/certificate|\bSSL\b|\bTLS\b/i.test(message)) {
        return { kind: 'tls', description: code ? `TLS failure (${code})` : 'TLS failure' };
    }
    if ((error as { type?: unknown })?.type === 'system' || (code !== undefined && /^E[A-Z]+$/.test(code))) {
        return { kind: 'unreachable', description: code ? `network error (${code})` : 'network error' };
    }
    return undefined;
}
