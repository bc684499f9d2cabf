import { escapeXml } from './xml-text';

/** An element to write. Children that are `undefined` are left out, so optional fields read naturally. */
export interface XmlNode {
    readonly name: string;
    readonly attributes?: Readonly<Record<string, string>>;
    readonly text?: string;
    readonly children?: readonly (XmlNode | undefined)[];
}

/** An element with text, or `undefined` when there is no value (the element is then omitted). */
export function textElement(name: string, value: string | number | boolean | undefined, attributes?: Record<string, string>): XmlNode | undefined {
    return value === undefined ? undefined : { name, text: String(value), attributes };
}

export function parentElement(name: string, children: readonly (XmlNode | undefined)[], attributes?: Record<string, string>): XmlNode {
    return { name, children, attributes };
}

const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*(:[A-Za-z_][A-Za-z0-9_.-]*)?$/;

/** Writes an element; every text and attribute value is escaped. Names are ours, but checked all the same. */
export function renderXml(node: XmlNode): string {
    assertName(node.name);
    let attributes = '';
    for (const [name, value] of Object.entries(node.attributes ?? {})) {
        assertName(name);
        attributes += ` ${name}="${escapeXml(value)}"`;
    }
    const content = (node.text === undefined ? '' : escapeXml(node.text))
        + (node.children ?? []).filter((child): child is XmlNode => child !== undefined).map(renderXml).join('');
    return content === '' ? `<${node.name}${attributes}/>` : `<${node.name}${attributes}>${content}</${node.name}>`;
}

function assertName(name: string): void {
    if (!NAME.test(name)) {
        throw new RangeError(`"${name}" is not a valid XML name`);
    }
}
