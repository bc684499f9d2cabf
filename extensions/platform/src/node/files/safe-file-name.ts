import * as path from 'node:path';

/** Longest text one placeholder may add to a file name. */
export const MAX_COMPONENT_CHARS = 100;
/** Most file systems refuse longer names. */
export const MAX_FILE_NAME_BYTES = 255;
/** Room kept free for a ` (n)` added on collision. */
const NUMBERING_RESERVE_BYTES = 12;
/** An extension longer than this is treated as part of the name when shortening. */
const MAX_KEPT_EXTENSION_BYTES = 20;

/**
 * Makes a value taken from job data safe inside a file name: it can add text but never a folder.
 * Separators, control and invisible formatting characters become `_`, and so does any run of two
 * or more dots (so `..` can never appear); the result is bounded in length.
 */
export function sanitiseFileNameComponent(value: string, maxChars = MAX_COMPONENT_CHARS): string {
    const cleaned = value
        .replace(/[/\\\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '_')
        .replace(/\.{2,}/g, '_')
        .trim();
    return [...cleaned].slice(0, maxChars).join('');
}

/**
 * Checks a file name built from a pattern and makes it a plain, visible, bounded name: a leading
 * dot (hidden file, `.`, `..`) becomes `_`, and an over-long name is shortened before its
 * extension. Throws when the pattern itself asks for a folder or gives nothing.
 */
export function finishFileName(name: string): string {
    const trimmed = name.trim();
    if (!trimmed) {
        throw new Error('The file name pattern gives an empty file name');
    }
    if (/[/\\\0]/.test(trimmed)) {
        throw new Error(`The file name pattern gives "${trimmed}", which names a folder; it must give a plain file name`);
    }
    const visible = trimmed.replace(/^\.+/, dots => '_'.repeat(dots.length));
    return fitToBytes(visible, MAX_FILE_NAME_BYTES - NUMBERING_RESERVE_BYTES);
}

/** `name (n).ext`: the keep-both rule's name for the n-th file of that name. */
export function numberedFileName(name: string, counter: number): string {
    if (counter <= 1) {
        return name;
    }
    const { stem, extension } = splitExtension(name);
    return `${stem} (${counter})${extension}`;
}

/** Shortens the part before the extension until the whole name fits in `maxBytes` of UTF-8. */
export function fitToBytes(name: string, maxBytes: number): string {
    if (Buffer.byteLength(name) <= maxBytes) {
        return name;
    }
    const { stem, extension } = splitExtension(name);
    const kept = Buffer.byteLength(extension) <= MAX_KEPT_EXTENSION_BYTES ? extension : '';
    const characters = [...(kept ? stem : name)];
    while (characters.length && Buffer.byteLength(characters.join('') + kept) > maxBytes) {
        characters.pop();
    }
    return characters.join('') + kept;
}

export function splitExtension(name: string): { stem: string; extension: string } {
    const extension = path.extname(name);
    return { stem: name.slice(0, name.length - extension.length), extension };
}
