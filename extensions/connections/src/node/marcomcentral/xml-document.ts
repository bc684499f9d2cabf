import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { UndefinedEntityError, decodeXmlReferences } from './xml-text';

/**
 * A parsed XML element, named by its LOCAL name: prefixes and namespaces are dropped, because
 * MarcomCentral clients and servers disagree on them.
 */
export interface XmlElement {
    readonly name: string;
    readonly attributes: ReadonlyMap<string, string>;
    readonly children: readonly XmlElement[];
    /** The element's own text and CDATA, trimmed; '' when it has none. */
    readonly text: string;
}

/** The document is not XML we are willing to read; the message says why. */
export class XmlDocumentError extends Error {
    override readonly name = 'XmlDocumentError';
}

const PARSER = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    removeNSPrefix: true,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    // References are decoded by decodeXmlReferences: only the five predefined entities and numeric references.
    processEntities: false,
    htmlEntities: false,
    cdataPropName: '#cdata',
    commentPropName: false,
    ignoreDeclaration: true,
    ignorePiTags: true,
    maxNestedTags: 64
});

/**
 * Parses a document that must hold exactly one root element.
 *
 * Refuses, before any parsing, every markup declaration: a DOCTYPE, an ENTITY, ELEMENT or ATTLIST
 * declaration. SOAP forbids them and they are how entity-expansion ("billion laughs") and external
 * entity attacks arrive. Any entity reference other than the five predefined ones is refused too.
 * @throws XmlDocumentError
 */
export function parseXmlDocument(xml: string): XmlElement {
    refuseMarkupDeclarations(xml);
    const validation = XMLValidator.validate(xml);
    if (validation !== true) {
        throw new XmlDocumentError(`the XML is not well-formed (line ${validation.err.line}: ${clipped(validation.err.msg)})`);
    }
    let nodes: unknown;
    try {
        nodes = PARSER.parse(xml);
    } catch (error) {
        throw new XmlDocumentError(`the XML could not be parsed (${clipped(error instanceof Error ? error.message : String(error))})`);
    }
    try {
        const roots = toElements(nodes, true);
        if (roots.length !== 1) {
            throw new XmlDocumentError(roots.length === 0 ? 'the document has no root element' : 'the document has more than one root element');
        }
        return roots[0];
    } catch (error) {
        if (error instanceof UndefinedEntityError) {
            throw new XmlDocumentError(error.message);
        }
        throw error;
    }
}

/** The parser's own words, on one line and short: it may quote the whole open-tag stack. */
function clipped(message: string): string {
    const line = message.replace(/\s+/g, ' ');
    return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

/**
 * Scans for `<!` outside comments and CDATA sections. Inside an XML document the only legal
 * `<!` constructs besides those two are declarations, which we never accept.
 */
function refuseMarkupDeclarations(xml: string): void {
    let from = 0;
    for (;;) {
        const at = xml.indexOf('<!', from);
        if (at < 0) {
            return;
        }
        if (xml.startsWith('<!--', at)) {
            from = endOf(xml, '-->', at + 4, 'a comment');
        } else if (xml.startsWith('<![CDATA[', at)) {
            from = endOf(xml, ']]>', at + 9, 'a CDATA section');
        } else {
            const declaration = /^<!([A-Za-z]*)/.exec(xml.slice(at, at + 12))?.[1].toUpperCase() ?? '';
            if (declaration === 'DOCTYPE') {
                throw new XmlDocumentError('the document declares a DOCTYPE, which is refused (entity declarations are never expanded)');
            }
            if (declaration === 'ENTITY') {
                throw new XmlDocumentError('the document declares an ENTITY, which is refused');
            }
            throw new XmlDocumentError(`the document contains a markup declaration (<!${declaration}), which is refused`);
        }
    }
}

function endOf(xml: string, terminator: string, from: number, what: string): number {
    const end = xml.indexOf(terminator, from);
    if (end < 0) {
        throw new XmlDocumentError(`the document ends inside ${what}`);
    }
    return end + terminator.length;
}

type ParsedNode = Record<string, unknown>;

function isParsedNode(value: unknown): value is ParsedNode {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nodeName(node: ParsedNode): string | undefined {
    return Object.keys(node).find(key => key !== ':@');
}

function toElements(nodes: unknown, topLevel: boolean): XmlElement[] {
    if (!Array.isArray(nodes)) {
        return [];
    }
    const elements: XmlElement[] = [];
    for (const node of nodes) {
        if (!isParsedNode(node)) {
            continue;
        }
        const name = nodeName(node);
        if (name === undefined || name === '#cdata') {
            continue;
        }
        if (name === '#text') {
            if (topLevel && String(node[name]).trim() !== '') {
                throw new XmlDocumentError('the document has text outside its root element');
            }
            continue;
        }
        elements.push(toElement(name, node));
    }
    return elements;
}

function toElement(name: string, node: ParsedNode): XmlElement {
    const content = Array.isArray(node[name]) ? node[name] as unknown[] : [];
    const attributes = new Map<string, string>();
    const rawAttributes = node[':@'];
    if (isParsedNode(rawAttributes)) {
        for (const [attribute, value] of Object.entries(rawAttributes)) {
            attributes.set(attribute, decodeXmlReferences(String(value)));
        }
    }
    let text = '';
    for (const part of content) {
        if (!isParsedNode(part)) {
            continue;
        }
        if (typeof part['#text'] === 'string' || typeof part['#text'] === 'number') {
            text += decodeXmlReferences(String(part['#text']));
        } else if (Array.isArray(part['#cdata'])) {
            for (const cdata of part['#cdata']) {
                if (isParsedNode(cdata) && cdata['#text'] !== undefined) {
                    text += String(cdata['#text']);
                }
            }
        }
    }
    return { name, attributes, children: toElements(content, false), text: text.trim() };
}
