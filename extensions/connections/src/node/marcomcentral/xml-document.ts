import { SaxesParser, SaxesTagPlain } from 'saxes';
import { UndefinedEntityError } from './xml-text';

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

/**
 * Takes elements out of a document as they are read, instead of leaving them in the tree: a long
 * list is then handled element by element while the rest is still being parsed, and the tree
 * never holds all of it.
 */
export interface XmlSieve {
    /**
     * Called as each element closes, with the local names of its open ancestors (root first; the
     * array is the parser's own, read it at once). True: the element was taken, and is left out of
     * its parent. An error thrown here ends the parse and is thrown as it is.
     */
    take(element: XmlElement, ancestors: readonly string[]): boolean;
}

/** Deeper nesting than this is refused: no answer needs it, and hostile nesting must not exhaust a stack. */
export const MAX_NESTED_ELEMENTS = 64;

/**
 * Parses a document that must hold exactly one root element, in one strict pass (saxes checks
 * well-formedness as it reads, so there is no separate validation pass). With a sieve, the elements
 * it takes are handed to it as they close (see XmlSieve); a document found malformed later still
 * fails, after them.
 *
 * Refuses, before any parsing, every markup declaration: a DOCTYPE, an ENTITY, ELEMENT or ATTLIST
 * declaration. SOAP forbids them and they are how entity-expansion ("billion laughs") and external
 * entity attacks arrive. Only the five predefined entities and character references are decoded:
 * any other entity reference is refused (the parser is never given an entity to expand).
 * @throws XmlDocumentError
 */
export function parseXmlDocument(xml: string, sieve?: XmlSieve): XmlElement {
    refuseMarkupDeclarations(xml);
    const builder = new ElementBuilder(sieve);
    const parser = new SaxesParser<{ xmlns: false; position: false }>({ xmlns: false, position: false });
    parser.on('doctype', () => {
        throw new XmlDocumentError('the document declares a DOCTYPE, which is refused (entity declarations are never expanded)');
    });
    parser.on('opentag', tag => builder.open(tag));
    parser.on('closetag', () => builder.close());
    parser.on('text', text => builder.text(text));
    parser.on('cdata', text => builder.text(text));
    try {
        // Without an error handler, saxes throws at the first error: nothing after it is read.
        parser.write(xml).close();
    } catch (error) {
        if (error instanceof SieveFailure) {
            throw error.cause;
        }
        if (error instanceof XmlDocumentError) {
            throw error;
        }
        throw new XmlDocumentError(readableFailure(error instanceof Error ? error.message : String(error), xml));
    }
    return builder.root();
}

/** A sieve's own failure, carried through the parser untouched (not reported as malformed XML). */
class SieveFailure {
    constructor(readonly cause: unknown) { }
}

/** Whether the sieve took the element; its own failure is carried through the parser as a SieveFailure. */
function taken(sieve: XmlSieve, element: XmlElement, ancestors: readonly string[]): boolean {
    try {
        return sieve.take(element, ancestors);
    } catch (error) {
        throw new SieveFailure(error);
    }
}

/** Builds XmlElements from the parser's events, keeping only local names and each element's own text. */
class ElementBuilder {
    protected readonly stack: OpenElement[] = [];
    /** The local names of the open elements, root first: what a sieve is told. */
    protected readonly names: string[] = [];
    protected readonly roots: XmlElement[] = [];

    constructor(protected readonly sieve?: XmlSieve) { }

    open(tag: SaxesTagPlain): void {
        if (this.stack.length >= MAX_NESTED_ELEMENTS) {
            throw new XmlDocumentError(`the document nests elements more than ${MAX_NESTED_ELEMENTS} deep`);
        }
        let attributes: Map<string, string> | undefined;
        for (const name in tag.attributes) {
            // Namespace declarations are not attributes of the content.
            if (name !== 'xmlns' && !name.startsWith('xmlns:')) {
                (attributes ??= new Map()).set(localName(name), tag.attributes[name]);
            }
        }
        const name = localName(tag.name);
        this.stack.push({ name, attributes: attributes ?? NO_ATTRIBUTES, children: [], text: '' });
        this.names.push(name);
    }

    close(): void {
        const element = this.stack.pop();
        if (!element) {
            return;
        }
        this.names.pop();
        const closed: XmlElement = { name: element.name, attributes: element.attributes, children: element.children, text: element.text.trim() };
        if (this.sieve && taken(this.sieve, closed, this.names)) {
            return;
        }
        const parent = this.stack[this.stack.length - 1];
        (parent ? parent.children : this.roots).push(closed);
    }

    text(text: string): void {
        const current = this.stack[this.stack.length - 1];
        if (current) {
            current.text += text;
        } else if (text.trim() !== '') {
            throw new XmlDocumentError('the document has text outside its root element');
        }
    }

    root(): XmlElement {
        if (this.roots.length !== 1) {
            throw new XmlDocumentError(this.roots.length === 0 ? 'the document has no root element' : 'the document has more than one root element');
        }
        return this.roots[0];
    }
}

/** Shared by every element without attributes (most of them): never written to. */
const NO_ATTRIBUTES: ReadonlyMap<string, string> = new Map();

interface OpenElement {
    readonly name: string;
    readonly attributes: ReadonlyMap<string, string>;
    readonly children: XmlElement[];
    text: string;
}

function localName(name: string): string {
    return name.slice(name.indexOf(':') + 1);
}

/** The parser's failure in words: an unknown entity by its name, anything else as the parser said it. */
function readableFailure(failure: string, xml: string): string {
    if (/entity/i.test(failure)) {
        const unknown = firstUnknownEntity(xml);
        if (unknown !== undefined) {
            return new UndefinedEntityError(unknown).message;
        }
    }
    return `the XML is not well-formed (${clipped(failure.replace(/^:\s*/, ''))})`;
}

const PREDEFINED = new Set(['lt', 'gt', 'amp', 'apos', 'quot']);

function firstUnknownEntity(xml: string): string | undefined {
    for (const match of xml.matchAll(/&([^\s&;<]*);/g)) {
        const name = match[1];
        if (!PREDEFINED.has(name) && !/^#([0-9]+|x[0-9a-fA-F]+)$/.test(name)) {
            return name;
        }
    }
    return undefined;
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
