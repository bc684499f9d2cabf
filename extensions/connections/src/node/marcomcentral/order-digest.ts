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

/** `[name, [[attribute, value]…], text, [child…]]` as JSON, with attributes and children sorted. */
function canonical(element: XmlElement): string {
    const attributes = [...element.attributes].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const children = element.children.map(canonical).sort();
    return `[${JSON.stringify(element.name)},${JSON.stringify(attributes)},${JSON.stringify(element.text)},[${children.join(',')}]]`;
}
