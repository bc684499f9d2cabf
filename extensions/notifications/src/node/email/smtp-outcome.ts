import type { ChannelOutcome } from '@presswork/platform/lib/common/notification-channel-contribution';

type Failure = Extract<ChannelOutcome, { ok: false }>;

/** What nodemailer attaches to its errors (`code`, the server's reply) and Node to socket errors. */
interface SmtpError {
    readonly message?: string;
    readonly code?: string;
    readonly responseCode?: number;
    readonly response?: string;
    readonly cause?: unknown;
}

/** Network-level causes Node names, in words. */
const SOCKET_ERRORS: Readonly<Record<string, string>> = {
    ECONNREFUSED: 'the connection was refused (is the SMTP server running on that host and port?)',
    ECONNRESET: 'the server closed the connection',
    EHOSTUNREACH: 'the host cannot be reached',
    ENETUNREACH: 'the network cannot be reached',
    ENOTFOUND: 'the host name is not known (DNS)',
    EAI_AGAIN: 'the host name could not be looked up now (DNS)',
    ETIMEDOUT: 'the connection timed out'
};

/**
 * An SMTP failure as an outcome, in words: a 4xx reply, a refused or lost connection, a timeout
 * or DNS may pass (retryable); a 5xx reply (a mailbox that does not exist, a refused sender) and
 * failed authentication will not. `password` is masked wherever it could appear.
 */
export function smtpFailure(error: unknown, password?: string): Failure {
    const smtp = (error ?? {}) as SmtpError;
    const failure = classify(smtp);
    return { ...failure, reason: masked(failure.reason, password) };
}

function classify(error: SmtpError): Failure {
    const reply = error.response ? firstLine(error.response) : undefined;
    if (error.code === 'EAUTH' || error.code === 'ENOAUTH') {
        return { ok: false, retryable: false, reason: `the SMTP server refused the user name or password${reply ? ` (${reply})` : ''}: check them in the e-mail settings` };
    }
    if (error.code === 'ETLS' && error.responseCode) {
        return { ok: false, retryable: false, reason: `the SMTP server does not offer STARTTLS (${reply ?? error.responseCode}): choose the security it supports` };
    }
    if (typeof error.responseCode === 'number' && error.responseCode >= 400) {
        // RFC 5321: 5yz is permanent, 4yz transient; 503 (bad sequence) says nothing about the message.
        const permanent = error.responseCode >= 500 && error.responseCode !== 503;
        return { ok: false, retryable: !permanent, reason: `the SMTP server answered ${reply ?? error.responseCode}` };
    }
    const socketCode = socketCodeOf(error);
    if (socketCode && SOCKET_ERRORS[socketCode]) {
        return { ok: false, retryable: true, reason: SOCKET_ERRORS[socketCode] };
    }
    if (error.code === 'ETIMEDOUT') {
        return { ok: false, retryable: true, reason: `the SMTP server did not answer in time (${error.message ?? 'timeout'})` };
    }
    if (error.code === 'EDNS') {
        return { ok: false, retryable: true, reason: `the host name could not be looked up (${error.message ?? 'DNS'})` };
    }
    if (error.code === 'ETLS' || /certificate|TLS|SSL/i.test(error.message ?? '')) {
        return { ok: false, retryable: true, reason: `the secure connection failed: ${error.message ?? 'TLS error'} (check the security setting and, for a self-signed server, "Verify certificate")` };
    }
    if (error.code === 'EENVELOPE' || error.code === 'EMESSAGE') {
        return { ok: false, retryable: false, reason: `the message was refused: ${error.message ?? error.code}` };
    }
    return { ok: false, retryable: true, reason: `sending failed: ${error.message ?? String(error)}` };
}

/** The Node error code under nodemailer's own (ESOCKET, ECONNECTION wrap ECONNREFUSED…). */
function socketCodeOf(error: SmtpError): string | undefined {
    const errno = (error as { errno?: unknown }).errno;
    if (typeof errno === 'string') {
        return errno;
    }
    const cause = error.cause as SmtpError | undefined;
    if (cause?.code && SOCKET_ERRORS[cause.code]) {
        return cause.code;
    }
    return Object.keys(SOCKET_ERRORS).find(code => error.message?.includes(code));
}

function firstLine(text: string): string {
    return text.split(/\r?\n/)[0].slice(0, 300);
}

/** Replaces the password wherever it appears, in clear or base64 (AUTH PLAIN/LOGIN). */
export function masked(text: string, password: string | undefined): string {
    if (!password) {
        return text;
    }
    const forms = [password, Buffer.from(password).toString('base64')];
    return forms.reduce((result, form) => result.split(form).join('***'), text);
}
