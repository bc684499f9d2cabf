import { XMLBuilder } from 'fast-xml-parser';

/**
 * Input for the builder: keys are element names (`@_name` for attributes, `#text` for text),
 * arrays repeat an element. Undefined values are dropped, so optional elements can be written inline.
 */
export type XmlContent = string | XmlObject | XmlObject[] | undefined;
export interface XmlObject {
    [key: string]: XmlContent;
}

// Characters XML 1.0 cannot carry even escaped; a store would not emit them either.
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

function sanitize(_name: string, value: unknown): string {
    return String(value).replace(NOT_XML_CHAR, '\uFFFD');
}

// processEntities (the default) escapes & < > " ' in text and attributes.
const builder = new XMLBuilder({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    suppressEmptyNode: true,
    processEntities: true,
    tagValueProcessor: sanitize,
    attributeValueProcessor: sanitize
});

export function buildXml(content: XmlObject): string {
    return builder.build(content) as string;
}

/** An element with only text and attributes: `<Customer Currency="USD">12.50</Customer>`. */
export function textWithAttributes(text: string, attributes: Record<string, string>): XmlObject {
    const element: XmlObject = { '#text': text };
    for (const [name, value] of Object.entries(attributes)) {
        element[`@_${name}`] = value;
    }
    return element;
}
