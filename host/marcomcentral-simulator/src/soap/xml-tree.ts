import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** An element read by local name; prefixes are kept only to resolve namespaces. */
export interface XmlElement {
    readonly name: string;
    readonly prefix: string;
    /** Attributes by local name, namespace declarations excluded. */
    readonly attributes: Readonly<Record<string, string>>;
    /** Namespace declarations made on this element: prefix ('' for the default) → URI. */
    readonly namespaces: Readonly<Record<string, string>>;
    readonly children: readonly XmlElement[];
    /** Concatenated character data (text and CDATA) directly inside this element. */
    readonly text: string;
}

/** The document is refused for safety (DOCTYPE, entities) rather than for syntax. */
export class XmlSafetyError extends Error {
    override readonly name = 'XmlSafetyError';
}

export class XmlSyntaxError extends Error {
    override readonly name = 'XmlSyntaxError';
}

const TEXT = '#text';
const CDATA = '#cdata';
const ATTRIBUTES = ':@';
const ATTRIBUTE_PREFIX = '@_';

// Entity processing stays off in the parser: we decode the five predefined entities and character
// references ourselves, so no document can define (and expand) entities of its own.
const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: ATTRIBUTE_PREFIX,
    processEntities: false,
    htmlEntities: false,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    cdataPropName: CDATA,
    ignorePiTags: true,
    ignoreDeclaration: true
});

/**
 * Parses a whole XML document. Refuses DOCTYPE and ENTITY declarations outright (SOAP forbids a
 * DTD, and refusing it is the only safe answer to entity expansion attacks).
 */
export function parseXmlDocument(xml: string): XmlElement {
    if (/<!DOCTYPE/i.test(xml) || /<!ENTITY/i.test(xml)) {
        throw new XmlSafetyError('DTDs are not allowed in SOAP messages');
    }
    const validation = XMLValidator.validate(xml);
    if (validation !== true) {
        throw new XmlSyntaxError(`Malformed XML: ${validation.err.msg} (line ${validation.err.line})`);
    }
    let nodes: unknown;
    try {
        nodes = parser.parse(xml);
    } catch (error) {
        throw new XmlSyntaxError(`Malformed XML: ${error instanceof Error ? error.message : String(error)}`);
    }
    const roots = toElements(nodes);
    if (roots.length !== 1) {
        throw new XmlSyntaxError('Malformed XML: a document has exactly one root element');
    }
    return roots[0];
}

type RawNode = Record<string, unknown>;

function toElements(nodes: unknown): XmlElement[] {
    if (!Array.isArray(nodes)) {
        return [];
    }
    const elements: XmlElement[] = [];
    for (const node of nodes as RawNode[]) {
        const key = elementKey(node);
        if (key !== undefined) {
            elements.push(toElement(key, node));
        }
    }
    return elements;
}

function elementKey(node: RawNode): string | undefined {
    return Object.keys(node).find(key => key !== ATTRIBUTES && key !== TEXT && key !== CDATA && !key.startsWith('?'));
}

function toElement(qualifiedName: string, node: RawNode): XmlElement {
    const { prefix, local } = splitName(qualifiedName);
    const attributes: Record<string, string> = {};
    const namespaces: Record<string, string> = {};
    const rawAttributes = (node[ATTRIBUTES] ?? {}) as Record<string, string>;
    for (const [rawName, rawValue] of Object.entries(rawAttributes)) {
        const name = rawName.slice(ATTRIBUTE_PREFIX.length);
        const value = decodeEntities(String(rawValue));
        if (name === 'xmlns') {
            namespaces[''] = value;
        } else if (name.startsWith('xmlns:')) {
            namespaces[name.slice('xmlns:'.length)] = value;
        } else {
            attributes[splitName(name).local] = value;
        }
    }
    const content = node[qualifiedName];
    const children = toElements(content);
    let text = '';
    if (Array.isArray(content)) {
        for (const item of content as RawNode[]) {
            if (TEXT in item) {
                text += decodeEntities(String(item[TEXT]));
            } else if (CDATA in item) {
                text += cdataText(item[CDATA]);
            }
        }
    }
    return { name: local, prefix, attributes, namespaces, children, text };
}

function cdataText(cdata: unknown): string {
    if (!Array.isArray(cdata)) {
        return '';
    }
    return (cdata as RawNode[]).map(part => String(part[TEXT] ?? '')).join('');
}

function splitName(qualifiedName: string): { prefix: string; local: string } {
    const colon = qualifiedName.indexOf(':');
    return colon < 0
        ? { prefix: '', local: qualifiedName }
        : { prefix: qualifiedName.slice(0, colon), local: qualifiedName.slice(colon + 1) };
}

const PREDEFINED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeEntities(raw: string): string {
    return raw.replace(/&([^;&\s]*);/g, (_all, name: string) => {
        if (name.startsWith('#')) {
            const codePoint = name[1] === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
            if (!isXmlChar(codePoint)) {
                throw new XmlSyntaxError(`Malformed XML: invalid character reference &${name};`);
            }
            return String.fromCodePoint(codePoint);
        }
        const value = PREDEFINED[name];
        if (value === undefined) {
            throw new XmlSafetyError(`Undefined entity &${name};`);
        }
        return value;
    });
}

function isXmlChar(codePoint: number): boolean {
    return codePoint === 0x9 || codePoint === 0xA || codePoint === 0xD
        || (codePoint >= 0x20 && codePoint <= 0xD7FF)
        || (codePoint >= 0xE000 && codePoint <= 0xFFFD)
        || (codePoint >= 0x10000 && codePoint <= 0x10FFFF);
}

/** The namespace URI of an element's prefix, looking only at declarations on the element itself. */
export function ownNamespace(element: XmlElement): string | undefined {
    return element.namespaces[element.prefix];
}

export function child(element: XmlElement | undefined, name: string): XmlElement | undefined {
    return element?.children.find(candidate => candidate.name === name);
}

/** One-or-many: every child with that local name, in document order. */
export function children(element: XmlElement | undefined, name: string): XmlElement[] {
    return element ? element.children.filter(candidate => candidate.name === name) : [];
}

/** Follows a path of local names. */
export function descendant(element: XmlElement | undefined, ...path: string[]): XmlElement | undefined {
    let current = element;
    for (const name of path) {
        current = child(current, name);
    }
    return current;
}

/** The trimmed text at a path, or undefined when the element is absent. */
export function textAt(element: XmlElement | undefined, ...path: string[]): string | undefined {
    return descendant(element, ...path)?.text.trim();
}
