import { createHash } from 'node:crypto';
import type { XmlElement } from './xml-document';

/**
 * The sha256 (hex) of an order's content as the store sent it, in a canonical form: names are local
 * (prefixes dropped), texts trimmed, attributes and sibling elements sorted, so the same order sent
 * with its elements in another order, other namespace prefixes or other whitespace has the same
 * digest, and any change of a value, an element or an attribute gives another. The store's time
 * zone is part of it: the same text read in another zone is another order for Presswork.
 */
export function orderDigest(order: XmlElement, timeZone: string): string {
    return createHash('sha256').update(timeZone).update('\u0000').update(canonical(order)).digest('hex');
}

/**
 * `[name, [[attribute, value]…], text, [child…]]` as JSON, with attributes and children sorted.
 * Most elements are leaves without attributes, and every order has a few hundred of them: those
 * parts are written without building the empty lists, and element names are quoted once.
 */
function canonical(element: XmlElement): string {
    const attributes = element.attributes.size === 0 ? '[]' : JSON.stringify([...element.attributes].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    const text = element.text === '' ? '""' : JSON.stringify(element.text);
    const children = element.children;
    const inner = children.length === 0 ? '' : children.length === 1 ? canonical(children[0]) : children.map(canonical).sort().join(',');
    return `[${quotedName(element.name)},${attributes},${text},[${inner}]]`;
}

/** Element names are few (the store's vocabulary); an unbounded variety is not kept. */
const QUOTED_NAMES_KEPT = 512;
const quotedNames = new Map<string, string>();

function quotedName(name: string): string {
    let quoted = quotedNames.get(name);
    if (quoted === undefined) {
        quoted = JSON.stringify(name);
        if (quotedNames.size < QUOTED_NAMES_KEPT) {
            quotedNames.set(name, quoted);
        }
    }
    return quoted;
}
