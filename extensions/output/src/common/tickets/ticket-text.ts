import { withoutHiddenCharacters } from '@presswork/platform/lib/common/hidden-characters';

/**
 * Text that goes onto a printer (job name, user name) reaches a DFE's queue display, a JDF file and
 * a PJL line, none of which can carry line breaks or controls safely, and bidi controls would make a
 * name read differently on the printer's panel than in Presswork.
 */
export function plainTicketText(text: string): string {
    // Line breaks and tabs separate words: they become spaces before the other controls are dropped.
    return withoutHiddenCharacters(text.replace(/[\t\n\v\f\r\u0085\u2028\u2029]/g, ' '))
        .replace(/\s+/g, ' ')
        .trim();
}

/** The longest prefix of `text` whose UTF-8 encoding fits `maxBytes`, never cutting a character in two. */
export function clipToUtf8Bytes(text: string, maxBytes: number): string {
    let bytes = 0;
    let end = 0;
    for (const character of text) {
        const size = utf8Length(character.codePointAt(0)!);
        if (bytes + size > maxBytes) {
            break;
        }
        bytes += size;
        end += character.length;
    }
    return text.slice(0, end).trimEnd();
}

function utf8Length(codePoint: number): number {
    return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
}
