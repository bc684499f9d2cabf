/**
 * XML text escaping for requests and reference decoding for responses. Only the five predefined
 * entities and numeric character references exist here: nothing else is ever expanded.
 */

const PREDEFINED_ENTITIES: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', apos: "'", quot: '"' };

/** A character XML 1.0 cannot carry at all, not even as a character reference. */
// eslint-disable-next-line no-control-regex
const FORBIDDEN_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const ESCAPES: Readonly<Record<string, string>> = {
    '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;',
    // Line ends and tabs as references, so that parsers normalising whitespace keep them as sent.
    '\r': '&#13;', '\n': '&#10;', '\t': '&#9;'
};

/**
 * Escapes text for use in element content or a quoted attribute value.
 * @throws RangeError when the text holds a character XML 1.0 cannot represent (e.g. U+0000).
 */
export function escapeXml(text: string): string {
    const forbidden = FORBIDDEN_CHARACTER.exec(text);
    if (forbidden) {
        const code = forbidden[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
        throw new RangeError(`A value contains the character U+${code}, which XML 1.0 cannot carry`);
    }
    return text.replace(/[&<>"'\r\n\t]/g, character => ESCAPES[character]);
}

/** Names a reference the decoder does not know, so callers can refuse the document. */
export class UndefinedEntityError extends Error {
    constructor(readonly entity: string) {
        super(`the document uses the entity "&${entity};", which is not one of XML's five predefined entities`);
    }
}

const REFERENCE = /&(#[0-9]+|#x[0-9a-fA-F]+|[^\s&;<]*);/g;

/**
 * Replaces `&lt; &gt; &amp; &apos; &quot;` and numeric character references by their characters.
 * @throws UndefinedEntityError for any other entity reference.
 */
export function decodeXmlReferences(text: string): string {
    if (!text.includes('&')) {
        return text;
    }
    return text.replace(REFERENCE, (_whole, name: string) => {
        if (name.startsWith('#')) {
            const codePoint = name.startsWith('#x') ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
            if (!Number.isSafeInteger(codePoint) || codePoint > 0x10FFFF || FORBIDDEN_CHARACTER.test(String.fromCodePoint(Math.min(codePoint, 0x10FFFF)))) {
                throw new UndefinedEntityError(name);
            }
            return String.fromCodePoint(codePoint);
        }
        const replacement = PREDEFINED_ENTITIES[name];
        if (replacement === undefined || !Object.prototype.hasOwnProperty.call(PREDEFINED_ENTITIES, name)) {
            throw new UndefinedEntityError(name);
        }
        return replacement;
    });
}
