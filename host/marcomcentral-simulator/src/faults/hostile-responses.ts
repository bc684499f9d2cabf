import { OperationSpec, serviceNamespace } from '../soap/operations';
import { SOAP_ENVELOPE_NS, XML_DECLARATION } from '../soap/soap-envelope';

/** Answers of a broken or hostile store, for testing that clients survive them. */

export const HUGE_RESPONSE_BYTES = 50 * 1024 * 1024;
const CHUNK_BYTES = 1024 * 1024;

/** What IIS answers when the application pool falls over: HTML, not SOAP. */
export function http500Page(): string {
    return '<!DOCTYPE html><html><head><title>500 - Internal server error.</title></head>'
        + '<body><h1>Server Error</h1><h2>500 - Internal server error.</h2>'
        + '<p>There is a problem with the resource you are looking for, and it cannot be displayed.</p></body></html>';
}

/** The answer cut off mid-document. */
export function truncated(xml: string): string {
    return xml.slice(0, Math.max(1, Math.floor(xml.length / 2)));
}

/**
 * The real answer with a comment of padding after the XML declaration: still well-formed, but
 * at least `totalBytes` long. Generated in chunks so the simulator never holds 50 MB.
 */
export function* paddedToSize(xml: string, totalBytes: number = HUGE_RESPONSE_BYTES): Generator<string> {
    const rest = xml.startsWith(XML_DECLARATION) ? xml.slice(XML_DECLARATION.length) : xml;
    yield `${XML_DECLARATION}<!-- `;
    let padding = Math.max(0, totalBytes - Buffer.byteLength(xml) - 9);
    const chunk = 'padding '.repeat(CHUNK_BYTES / 8);
    while (padding > 0) {
        const part = padding >= chunk.length ? chunk : chunk.slice(0, padding);
        padding -= part.length;
        yield part;
    }
    yield ` -->${rest}`;
}

/** Nine levels of ten: a parser that expands entities builds a billion "lol"s. */
export function billionLaughs(operation: OperationSpec): string {
    const levels = ['<!ENTITY lol0 "lol">'];
    for (let level = 1; level <= 9; level += 1) {
        levels.push(`<!ENTITY lol${level} "${`&lol${level - 1};`.repeat(10)}">`);
    }
    return `${XML_DECLARATION}<!DOCTYPE soap:Envelope [${levels.join('')}]>`
        + `<soap:Envelope xmlns:soap="${SOAP_ENVELOPE_NS}"><soap:Body>`
        + `<${operation.name}Response xmlns="${serviceNamespace(operation.service)}">`
        + `<${operation.resultElement}>&lol9;</${operation.resultElement}>`
        + `</${operation.name}Response></soap:Body></soap:Envelope>`;
}
