import type { XmlElement } from './xml-document';

/**
 * Reading parsed elements by local name. Every repeating element is read as an array, whether the
 * store sent one child or many.
 */

export function childElements(parent: XmlElement | undefined, name: string): XmlElement[] {
    return parent ? parent.children.filter(child => child.name === name) : [];
}

export function childElement(parent: XmlElement | undefined, name: string): XmlElement | undefined {
    return parent?.children.find(child => child.name === name);
}

/** Follows a path of first children: `elementAt(order, 'User', 'Email')`. */
export function elementAt(parent: XmlElement | undefined, ...path: string[]): XmlElement | undefined {
    let current = parent;
    for (const name of path) {
        current = childElement(current, name);
    }
    return current;
}

/** The trimmed text at a path; `undefined` when the element is absent or empty (empty is not a value). */
export function textAt(parent: XmlElement | undefined, ...path: string[]): string | undefined {
    const text = elementAt(parent, ...path)?.text;
    return text === undefined || text === '' ? undefined : text;
}

/** An attribute's trimmed value; `undefined` when absent or empty. */
export function attributeOf(element: XmlElement | undefined, name: string): string | undefined {
    const value = element?.attributes.get(name)?.trim();
    return value === undefined || value === '' ? undefined : value;
}

export type PlainXml = string | { readonly [name: string]: PlainXml | PlainXml[] };

/**
 * A JSON-friendly copy of an element, for quarantine and logs: attributes as `@name`, text as
 * `#text` when the element also has attributes or children, repeated children as arrays.
 */
export function toPlainObject(element: XmlElement): PlainXml {
    if (element.attributes.size === 0 && element.children.length === 0) {
        return element.text;
    }
    const result: Record<string, PlainXml | PlainXml[]> = {};
    for (const [name, value] of element.attributes) {
        result[`@${name}`] = value;
    }
    if (element.text !== '') {
        result['#text'] = element.text;
    }
    for (const child of element.children) {
        const plain = toPlainObject(child);
        const existing = result[child.name];
        if (existing === undefined) {
            result[child.name] = plain;
        } else if (Array.isArray(existing)) {
            existing.push(plain);
        } else {
            result[child.name] = [existing, plain];
        }
    }
    return result;
}
