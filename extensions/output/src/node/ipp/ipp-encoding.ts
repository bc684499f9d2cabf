/**
 * The IPP/1.1–2.x binary encoding (RFC 8010 section 3), written here because the npm packages
 * either carry a proprietary licence or lose information (rangeOfInteger as bytes, flattened
 * collections). Only the encoding: which operation means what lives in `ipp-operations.ts`, the
 * transport in `ipp-client.ts`.
 *
 * Decoding treats its input as hostile: every length is checked against the buffer, collections
 * nest at most `maxDepth` deep and the number of attributes and values is bounded, so a garbled or
 * malicious answer is refused with an `IppEncodingError` instead of a crash, a huge allocation or
 * a loop.
 */

/** Attribute group delimiter tags (RFC 8010 3.5.1, PWG 5100.22 for `resource` and `system`). */
export const IPP_GROUP_TAGS = {
    'operation': 0x01,
    'job': 0x02,
    'printer': 0x04,
    'unsupported': 0x05,
    'subscription': 0x06,
    'event-notification': 0x07,
    'resource': 0x08,
    'document': 0x09,
    'system': 0x0a
} as const;
export type IppGroupTag = keyof typeof IPP_GROUP_TAGS;

const END_OF_ATTRIBUTES = 0x03;

/** An ISO 8601-like resolution value: `crossFeed` × `feed` per `units`. */
export interface IppResolution {
    readonly crossFeed: number;
    readonly feed: number;
    readonly units: 'dpi' | 'dpcm';
}

export interface IppRange {
    readonly lower: number;
    readonly upper: number;
}

/** textWithLanguage / nameWithLanguage. */
export interface IppLocalizedString {
    readonly text: string;
    readonly language: string;
}

/** A collection value: its members by name, each with its own tag and values (PWG 5100.3 / RFC 8010 3.1.6). */
export interface IppCollection {
    readonly [member: string]: IppAttribute;
}

/** The JavaScript type of a value, by value tag name. */
export interface IppValueByTag {
    'integer': number;
    'boolean': boolean;
    'enum': number;
    'octetString': Uint8Array;
    'dateTime': Date;
    'resolution': IppResolution;
    'rangeOfInteger': IppRange;
    'collection': IppCollection;
    'textWithLanguage': IppLocalizedString;
    'nameWithLanguage': IppLocalizedString;
    'textWithoutLanguage': string;
    'nameWithoutLanguage': string;
    'keyword': string;
    'uri': string;
    'uriScheme': string;
    'charset': string;
    'naturalLanguage': string;
    'mimeMediaType': string;
    // Out-of-band values carry no data (RFC 8010 3.5.2); each is a `null`.
    'unsupported': null;
    'default': null;
    'unknown': null;
    'no-value': null;
    'not-settable': null;
    'delete-attribute': null;
    'admin-define': null;
}
export type IppTag = keyof IppValueByTag;
export type IppValue = IppValueByTag[IppTag];

/**
 * One attribute: its name, the tag of its values and the values (more than one for a 1setOf).
 * Narrowing on `tag` types `values`. A 1setOf whose values have different tags (e.g. keyword |
 * name) keeps the first value's tag.
 */
export type IppAttribute<T extends IppTag = IppTag> = { [K in T]: {
    readonly name: string;
    readonly tag: K;
    readonly values: readonly IppValueByTag[K][];
} }[T];

export interface IppGroup {
    readonly tag: IppGroupTag;
    readonly attributes: readonly IppAttribute[];
}

/** A request (code = operation-id) or a response (code = status-code). */
export interface IppMessage {
    /** e.g. `{ major: 2, minor: 0 }`. */
    readonly version: { readonly major: number; readonly minor: number };
    readonly code: number;
    readonly requestId: number;
    readonly groups: readonly IppGroup[];
}

/** Builds an attribute with typed values: `ippAttribute('keyword', 'sides', 'one-sided')`. */
export function ippAttribute<T extends IppTag>(tag: T, name: string, ...values: IppValueByTag[T][]): IppAttribute<T> {
    return { name, tag, values } as unknown as IppAttribute<T>;
}

/** The first attribute of that name in the first group of that tag. */
export function findAttribute(message: IppMessage, group: IppGroupTag, name: string): IppAttribute | undefined {
    return message.groups.find(candidate => candidate.tag === group)?.attributes.find(attribute => attribute.name === name);
}

export class IppEncodingError extends Error {
    constructor(message: string) {
        super(message);
        this.name = 'IppEncodingError';
    }
}

const VALUE_TAGS: Readonly<Record<IppTag, number>> = {
    'unsupported': 0x10,
    'default': 0x11,
    'unknown': 0x12,
    'no-value': 0x13,
    'not-settable': 0x15,
    'delete-attribute': 0x16,
    'admin-define': 0x17,
    'integer': 0x21,
    'boolean': 0x22,
    'enum': 0x23,
    'octetString': 0x30,
    'dateTime': 0x31,
    'resolution': 0x32,
    'rangeOfInteger': 0x33,
    'collection': 0x34,
    'textWithLanguage': 0x35,
    'nameWithLanguage': 0x36,
    'textWithoutLanguage': 0x41,
    'nameWithoutLanguage': 0x42,
    'keyword': 0x44,
    'uri': 0x45,
    'uriScheme': 0x46,
    'charset': 0x47,
    'naturalLanguage': 0x48,
    'mimeMediaType': 0x49
};
const TAG_BY_CODE = new Map<number, IppTag>(Object.entries(VALUE_TAGS).map(([tag, code]) => [code, tag as IppTag]));
const GROUP_BY_CODE = new Map<number, IppGroupTag>(Object.entries(IPP_GROUP_TAGS).map(([tag, code]) => [code, tag as IppGroupTag]));
const END_COLLECTION = 0x37;
const MEMBER_NAME = 0x4a;
const EXTENSION = 0x7f;
const OUT_OF_BAND = new Set<IppTag>(['unsupported', 'default', 'unknown', 'no-value', 'not-settable', 'delete-attribute', 'admin-define']);
const MAX_FIELD = 0xffff;

// ---------------------------------------------------------------------------------------------
// Encoding

/** The message's bytes up to and including end-of-attributes; a request's document follows them. */
export function encodeIppMessage(message: IppMessage): Buffer {
    const out = new ByteWriter();
    out.uint8(message.version.major).uint8(message.version.minor).uint16(message.code).int32(message.requestId);
    for (const group of message.groups) {
        out.uint8(IPP_GROUP_TAGS[group.tag]);
        for (const attribute of group.attributes) {
            writeAttribute(out, attribute.name, attribute);
        }
    }
    out.uint8(END_OF_ATTRIBUTES);
    return out.toBuffer();
}

function writeAttribute(out: ByteWriter, name: string, attribute: IppAttribute): void {
    if (attribute.values.length === 0) {
        throw new IppEncodingError(`attribute '${name}' has no value`);
    }
    attribute.values.forEach((value, index) => writeValue(out, attribute.tag, index === 0 ? name : '', value, attribute.name));
}

function writeValue(out: ByteWriter, tag: IppTag, name: string, value: IppValue, attributeName: string): void {
    out.uint8(VALUE_TAGS[tag]).string(name, attributeName);
    if (OUT_OF_BAND.has(tag)) {
        out.uint16(0);
        return;
    }
    const fail = (): never => {
        throw new IppEncodingError(`attribute '${attributeName}': ${describe(value)} is not a ${tag} value`);
    };
    switch (tag) {
        case 'integer':
        case 'enum':
            if (!Number.isInteger(value) || (value as number) < -0x80000000 || (value as number) > 0x7fffffff) { fail(); }
            out.uint16(4).int32(value as number);
            return;
        case 'boolean':
            if (typeof value !== 'boolean') { fail(); }
            out.uint16(1).uint8(value ? 1 : 0);
            return;
        case 'octetString':
            if (!(value instanceof Uint8Array)) { fail(); }
            out.bytes(value as Uint8Array, attributeName);
            return;
        case 'dateTime':
            if (!(value instanceof Date) || isNaN(value.getTime())) { fail(); }
            out.uint16(11).raw(encodeDateTime(value as Date));
            return;
        case 'resolution': {
            const resolution = value as IppResolution;
            if (typeof resolution !== 'object' || resolution === null || !Number.isInteger(resolution.crossFeed) || !Number.isInteger(resolution.feed)) { fail(); }
            out.uint16(9).int32(resolution.crossFeed).int32(resolution.feed).uint8(resolution.units === 'dpcm' ? 4 : 3);
            return;
        }
        case 'rangeOfInteger': {
            const range = value as IppRange;
            if (typeof range !== 'object' || range === null || !Number.isInteger(range.lower) || !Number.isInteger(range.upper)) { fail(); }
            out.uint16(8).int32(range.lower).int32(range.upper);
            return;
        }
        case 'collection': {
            if (typeof value !== 'object' || value === null) { fail(); }
            out.uint16(0);
            for (const [member, memberAttribute] of Object.entries(value as IppCollection)) {
                out.uint8(MEMBER_NAME).uint16(0).string(member, attributeName);
                memberAttribute.values.forEach(memberValue => writeValue(out, memberAttribute.tag, '', memberValue, `${attributeName}.${member}`));
            }
            out.uint8(END_COLLECTION).uint16(0).uint16(0);
            return;
        }
        case 'textWithLanguage':
        case 'nameWithLanguage': {
            const localized = value as IppLocalizedString;
            if (typeof localized !== 'object' || localized === null || typeof localized.text !== 'string' || typeof localized.language !== 'string') { fail(); }
            const language = Buffer.from(localized.language, 'utf8');
            const text = Buffer.from(localized.text, 'utf8');
            if (4 + language.length + text.length > MAX_FIELD) {
                throw new IppEncodingError(`attribute '${attributeName}': value longer than ${MAX_FIELD} bytes`);
            }
            out.uint16(4 + language.length + text.length).uint16(language.length).raw(language).uint16(text.length).raw(text);
            return;
        }
        default:
            if (typeof value !== 'string') { fail(); }
            out.string(value as string, attributeName);
    }
}

function describe(value: unknown): string {
    return value === null ? 'null' : value instanceof Date ? 'a Date' : typeof value === 'object' ? 'an object' : `${typeof value} ${String(value).slice(0, 40)}`;
}

/** RFC 2579 DateAndTime in UTC: year(2) month day hour minutes seconds deci-seconds '+' 0 0. */
function encodeDateTime(date: Date): Buffer {
    const bytes = Buffer.alloc(11);
    bytes.writeUInt16BE(date.getUTCFullYear(), 0);
    bytes[2] = date.getUTCMonth() + 1;
    bytes[3] = date.getUTCDate();
    bytes[4] = date.getUTCHours();
    bytes[5] = date.getUTCMinutes();
    bytes[6] = date.getUTCSeconds();
    bytes[7] = Math.floor(date.getUTCMilliseconds() / 100);
    bytes[8] = 0x2b; // '+'
    return bytes;
}

class ByteWriter {
    protected chunks: Buffer[] = [];

    uint8(value: number): this {
        return this.raw(Buffer.of(value & 0xff));
    }

    uint16(value: number): this {
        const bytes = Buffer.alloc(2);
        bytes.writeUInt16BE(value, 0);
        return this.raw(bytes);
    }

    int32(value: number): this {
        const bytes = Buffer.alloc(4);
        bytes.writeInt32BE(value, 0);
        return this.raw(bytes);
    }

    /** A length-prefixed UTF-8 string (names and string values). */
    string(value: string, attributeName: string): this {
        return this.bytes(Buffer.from(value, 'utf8'), attributeName);
    }

    bytes(value: Uint8Array, attributeName: string): this {
        if (value.length > MAX_FIELD) {
            throw new IppEncodingError(`attribute '${attributeName}': value longer than ${MAX_FIELD} bytes`);
        }
        return this.uint16(value.length).raw(Buffer.from(value));
    }

    raw(bytes: Buffer): this {
        this.chunks.push(bytes);
        return this;
    }

    toBuffer(): Buffer {
        return Buffer.concat(this.chunks);
    }
}

// ---------------------------------------------------------------------------------------------
// Decoding

export interface IppDecodeLimits {
    /** Collections inside collections, at most (default 16). */
    readonly maxDepth?: number;
    /** Attributes and collection members, at most (default 10 000). */
    readonly maxAttributes?: number;
    /** Values over the whole message, at most (default 100 000). */
    readonly maxValues?: number;
}

export interface DecodedIppMessage {
    readonly message: IppMessage;
    /** The bytes after end-of-attributes: a request's document (empty for most responses). */
    readonly data: Buffer;
}

interface MutableAttribute {
    readonly name: string;
    readonly tag: IppTag;
    readonly values: IppValue[];
}

export function decodeIppMessage(buffer: Uint8Array, limits: IppDecodeLimits = {}): DecodedIppMessage {
    return new IppDecoder(Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength), limits).decode();
}

class IppDecoder {
    protected offset = 0;
    protected attributes = 0;
    protected values = 0;
    protected readonly maxDepth: number;
    protected readonly maxAttributes: number;
    protected readonly maxValues: number;

    constructor(protected readonly buffer: Buffer, limits: IppDecodeLimits) {
        this.maxDepth = limits.maxDepth ?? 16;
        this.maxAttributes = limits.maxAttributes ?? 10_000;
        this.maxValues = limits.maxValues ?? 100_000;
    }

    decode(): DecodedIppMessage {
        if (this.buffer.length < 9) {
            throw new IppEncodingError(`an IPP message has at least 9 bytes; got ${this.buffer.length}`);
        }
        const major = this.uint8();
        const minor = this.uint8();
        const code = this.uint16();
        const requestId = this.buffer.readInt32BE(this.take(4));
        const groups: IppGroup[] = [];
        let group: { tag: IppGroupTag; attributes: MutableAttribute[] } | undefined;
        let current: MutableAttribute | undefined;
        for (;;) {
            const tag = this.uint8();
            if (tag === END_OF_ATTRIBUTES) {
                break;
            }
            if (tag < 0x10) {
                const groupTag = GROUP_BY_CODE.get(tag);
                if (!groupTag) {
                    throw new IppEncodingError(`unknown attribute group tag 0x${hex(tag)} at byte ${this.offset - 1}`);
                }
                group = { tag: groupTag, attributes: [] };
                groups.push(group as IppGroup);
                current = undefined;
                continue;
            }
            if (!group) {
                throw new IppEncodingError(`attribute before any group tag at byte ${this.offset - 1}`);
            }
            const name = this.string();
            const valueTag = this.valueTag(tag);
            if (name === '') {
                // An additional value of the previous attribute (1setOf).
                if (!current) {
                    throw new IppEncodingError(`value without an attribute name at byte ${this.offset}`);
                }
                current.values.push(this.value(valueTag, 0));
                this.countValue();
            } else {
                this.countAttribute();
                current = { name, tag: valueTag, values: [this.value(valueTag, 0)] };
                this.countValue();
                group.attributes.push(current);
            }
        }
        return { message: { version: { major, minor }, code, requestId, groups }, data: this.buffer.subarray(this.offset) };
    }

    protected valueTag(code: number): IppTag {
        if (code === EXTENSION) {
            throw new IppEncodingError('extended (0x7f) value tags are not supported');
        }
        const tag = TAG_BY_CODE.get(code);
        if (!tag) {
            throw new IppEncodingError(`unknown value tag 0x${hex(code)} at byte ${this.offset}`);
        }
        return tag;
    }

    /** Reads the value-length and value of a value whose tag and name have been read. */
    protected value(tag: IppTag, depth: number): IppValue {
        const length = this.uint16();
        const start = this.take(length);
        const bytes = this.buffer.subarray(start, start + length);
        const expect = (size: number): void => {
            if (length !== size) {
                throw new IppEncodingError(`a ${tag} value has ${size} bytes; got ${length} at byte ${start}`);
            }
        };
        if (OUT_OF_BAND.has(tag)) {
            return null;
        }
        switch (tag) {
            case 'integer':
            case 'enum':
                expect(4);
                return bytes.readInt32BE(0);
            case 'boolean':
                expect(1);
                return bytes[0] !== 0;
            case 'octetString':
                return new Uint8Array(bytes);
            case 'dateTime':
                expect(11);
                return decodeDateTime(bytes);
            case 'resolution':
                expect(9);
                return { crossFeed: bytes.readInt32BE(0), feed: bytes.readInt32BE(4), units: bytes[8] === 4 ? 'dpcm' : 'dpi' };
            case 'rangeOfInteger':
                expect(8);
                return { lower: bytes.readInt32BE(0), upper: bytes.readInt32BE(4) };
            case 'collection':
                return this.collection(depth + 1);
            case 'textWithLanguage':
            case 'nameWithLanguage':
                return decodeLocalized(bytes, start);
            default:
                return bytes.toString('utf8');
        }
    }

    /** The members after a begCollection, up to its endCollection. */
    protected collection(depth: number): IppCollection {
        if (depth > this.maxDepth) {
            throw new IppEncodingError(`collections nested deeper than ${this.maxDepth}`);
        }
        const members: Record<string, MutableAttribute> = Object.create(null);
        let current: MutableAttribute | undefined;
        for (;;) {
            const tag = this.uint8();
            const name = this.string();
            if (name !== '') {
                throw new IppEncodingError(`a collection member value has a name ('${name.slice(0, 40)}') at byte ${this.offset}`);
            }
            if (tag === END_COLLECTION) {
                this.take(this.uint16());
                return { ...members } as IppCollection;
            }
            if (tag === MEMBER_NAME) {
                const memberName = this.string();
                if (memberName === '') {
                    throw new IppEncodingError(`empty collection member name at byte ${this.offset}`);
                }
                const valueTag = this.uint8();
                if (this.string() !== '') {
                    throw new IppEncodingError(`a collection member value has a name at byte ${this.offset}`);
                }
                this.countAttribute();
                const memberTag = this.valueTag(valueTag);
                current = { name: memberName, tag: memberTag, values: [this.value(memberTag, depth)] };
                this.countValue();
                members[memberName] = current;
                continue;
            }
            if (tag < 0x10) {
                throw new IppEncodingError(`collection not ended before a group tag at byte ${this.offset}`);
            }
            if (!current) {
                throw new IppEncodingError(`collection value before any member name at byte ${this.offset}`);
            }
            current.values.push(this.value(this.valueTag(tag), depth));
            this.countValue();
        }
    }

    protected countAttribute(): void {
        if (++this.attributes > this.maxAttributes) {
            throw new IppEncodingError(`more than ${this.maxAttributes} attributes`);
        }
    }

    protected countValue(): void {
        if (++this.values > this.maxValues) {
            throw new IppEncodingError(`more than ${this.maxValues} values`);
        }
    }

    protected string(): string {
        const length = this.uint16();
        const start = this.take(length);
        return this.buffer.toString('utf8', start, start + length);
    }

    protected uint8(): number {
        return this.buffer[this.take(1)];
    }

    protected uint16(): number {
        return this.buffer.readUInt16BE(this.take(2));
    }

    /** Advances over `length` bytes and returns where they start; refuses to pass the end. */
    protected take(length: number): number {
        if (this.offset + length > this.buffer.length) {
            throw new IppEncodingError(`truncated IPP message: ${length} bytes needed at byte ${this.offset}, ${this.buffer.length - this.offset} left (no end-of-attributes tag?)`);
        }
        const start = this.offset;
        this.offset += length;
        return start;
    }
}

function decodeLocalized(bytes: Buffer, start: number): IppLocalizedString {
    const fail = (): never => {
        throw new IppEncodingError(`malformed text/name with language at byte ${start}`);
    };
    if (bytes.length < 4) { fail(); }
    const languageLength = bytes.readUInt16BE(0);
    if (2 + languageLength + 2 > bytes.length) { fail(); }
    const language = bytes.toString('utf8', 2, 2 + languageLength);
    const textLength = bytes.readUInt16BE(2 + languageLength);
    if (4 + languageLength + textLength !== bytes.length) { fail(); }
    return { language, text: bytes.toString('utf8', 4 + languageLength) };
}

function decodeDateTime(bytes: Buffer): Date {
    const utc = Date.UTC(bytes.readUInt16BE(0), bytes[2] - 1, bytes[3], bytes[4], bytes[5], bytes[6], bytes[7] * 100);
    // Direction and offset from UTC (bytes 8–10): local time = UTC ± offset.
    const offsetMinutes = (bytes[9] * 60 + bytes[10]) * (bytes[8] === 0x2d ? -1 : 1);
    return new Date(utc - offsetMinutes * 60_000);
}

function hex(value: number): string {
    return value.toString(16).padStart(2, '0');
}
