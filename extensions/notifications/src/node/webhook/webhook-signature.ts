import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** A new signing secret: 32 random bytes, base64url (43 characters). */
export function newWebhookSecret(): string {
    return randomBytes(32).toString('base64url');
}

/**
 * The `Presswork-Signature` header: `t=<unix seconds>,v1=<hex HMAC-SHA256>` of `<t>.<body>`, keyed
 * with the endpoint's secret as shown (its text, UTF-8), as Stripe signs its webhooks.
 */
export function webhookSignature(secret: string, timestamp: number, body: string): string {
    return `t=${timestamp},v1=${hmacHex(secret, `${timestamp}.${body}`)}`;
}

function hmacHex(secret: string, text: string): string {
    return createHmac('sha256', secret).update(text, 'utf8').digest('hex');
}

/**
 * What a receiver does (this is the snippet of the administrator guide): checks the signature
 * over the raw body in constant time, and refuses a timestamp older than `toleranceSeconds`
 * (a replayed request). Tests use it against what the channel sends.
 */
export function verifyWebhookSignature(secret: string, header: string, rawBody: string, toleranceSeconds = 300, nowSeconds = Math.floor(Date.now() / 1000)): boolean {
    const parts = new Map(header.split(',').map(part => part.split('=', 2) as [string, string]));
    const timestamp = Number(parts.get('t'));
    const signature = parts.get('v1') ?? '';
    if (!Number.isInteger(timestamp) || Math.abs(nowSeconds - timestamp) > toleranceSeconds) {
        return false;
    }
    const expected = Buffer.from(hmacHex(secret, `${timestamp}.${rawBody}`), 'hex');
    const given = Buffer.from(signature, 'hex');
    return given.length === expected.length && timingSafeEqual(given, expected);
}
