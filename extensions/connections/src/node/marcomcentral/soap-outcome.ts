import type { ExchangeResponse } from './http-exchange';
import { MarcomCentralError, redactSecret } from './marcomcentral-error';
import { SoapFault, parseSoapResponse } from './soap-envelope';
import { XmlDocumentError, XmlElement, XmlSieve } from './xml-document';

/**
 * Turns an HTTP answer to a SOAP call into the operation's response element, or the error it means:
 * a fault (HTTP 500 or 200) by its faultstring, any other non-200 as `http`, anything unreadable as
 * `bad-response`. A sieve sees only an HTTP 200 answer's elements, as they are read (see XmlSieve).
 */
export function readSoapOutcome(response: ExchangeResponse, operation: string, secret?: string, sieve?: XmlSieve): XmlElement {
    let content: ReturnType<typeof parseSoapResponse> | undefined;
    let unreadable: string | undefined;
    try {
        content = parseSoapResponse(decodeBody(response), response.status === 200 ? sieve : undefined);
    } catch (error) {
        if (!(error instanceof XmlDocumentError)) {
            throw error;
        }
        unreadable = error.message;
    }
    if (content?.kind === 'fault') {
        throw faultError(content.fault, operation, response.status, secret);
    }
    if (response.status !== 200) {
        const statusText = response.statusText ? ` ${response.statusText}` : '';
        if (response.status === 429) {
            throw new MarcomCentralError('rate-limited', `MarcomCentral refused ${operation}: too many requests (HTTP 429)`, { operation, status: 429 });
        }
        throw new MarcomCentralError('http', `MarcomCentral answered ${operation} with HTTP ${response.status}${statusText}`, { operation, status: response.status });
    }
    if (!content) {
        throw new MarcomCentralError('bad-response', `MarcomCentral's answer to ${operation} could not be read: ${unreadable}`, { operation, status: 200 });
    }
    const expected = `${operation}Response`;
    if (content.element.name !== expected) {
        throw new MarcomCentralError('bad-response', `MarcomCentral answered ${operation} with <${content.element.name}> instead of <${expected}>`, { operation, status: 200 });
    }
    return content.element;
}

const INVALID_TOKEN = /invalid partner credentials/i;
const RATE_LIMITED = /request limit exceeded/i;

/** The error a fault means. `secret` is redacted from the fault string before it is clipped to 500 characters. */
export function faultError(fault: SoapFault, operation: string, status: number, secret?: string): MarcomCentralError {
    const redacted = redactSecret(fault.faultString, secret);
    const faultString = redacted.length > 500 ? `${redacted.slice(0, 499)}…` : redacted;
    const details = { operation, status, faultString };
    if (INVALID_TOKEN.test(faultString)) {
        return new MarcomCentralError('invalid-token', `MarcomCentral refused the partner token for ${operation} ("${faultString}"); check the connection's token`, details);
    }
    if (RATE_LIMITED.test(faultString)) {
        return new MarcomCentralError('rate-limited', `MarcomCentral refused ${operation} because too many requests were made ("${faultString}"); poll less often`, details);
    }
    const shown = faultString === '' ? 'without a faultstring' : `"${faultString}"`;
    const code = fault.faultCode ? ` (${fault.faultCode})` : '';
    return new MarcomCentralError('fault', `MarcomCentral answered ${operation} with a SOAP fault ${shown}${code}`, details);
}

/** The body as text, by the Content-Type charset (UTF-8 when none is given). */
function decodeBody(response: ExchangeResponse): string {
    const charset = /charset\s*=\s*"?([^";\s]+)"?/i.exec(response.contentType ?? '')?.[1] ?? 'utf-8';
    let decoder: TextDecoder;
    try {
        decoder = new TextDecoder(charset);
    } catch {
        throw new XmlDocumentError('the response declares a character set this client cannot decode');
    }
    return decoder.decode(response.body);
}
