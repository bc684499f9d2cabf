/**
 * Text from a store is shown as it is, except that it must not be able to deceive: a bidi override
 * can make an order number read "…EXE.PDF", and a zero-width space makes two different order numbers
 * look the same. Identifiers show such characters as visible markers (⟨U+202E⟩); every store text is
 * kept from reordering the text around it (bidi isolation).
 */

/**
 * Characters that change how text reads without showing themselves: bidi controls (U+202A–U+202E,
 * U+2066–U+2069, U+200E, U+200F, U+061C), default-ignorables (zero-width space and joiners, word
 * joiner, byte order mark, soft hyphen, variation selectors, tag characters, Hangul fillers…), C0 and
 * C1 controls, and the line and paragraph separators.
 */
const HIDDEN_CHARACTER = /[\p{Default_Ignorable_Code_Point}\p{Bidi_Control}\p{Cc}\u2028\u2029]/u;
const HIDDEN_CHARACTERS = new RegExp(HIDDEN_CHARACTER.source, 'gu');

/** A piece of an identifier: ordinary text, or one hidden character (`codePoint` set). */
export interface IdentifierPart {
    readonly text: string;
    readonly codePoint?: number;
}

export function hasHiddenCharacters(text: string): boolean {
    return HIDDEN_CHARACTER.test(text);
}

/** The text as it looks: what two look-alikes have in common. */
export function withoutHiddenCharacters(text: string): string {
    return text.replace(HIDDEN_CHARACTERS, '');
}

/** "U+202E", "U+E0041": how a hidden character is named. */
export function codePointName(codePoint: number): string {
    return `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** The identifier cut into ordinary text and hidden characters, in order. */
export function identifierParts(text: string): IdentifierPart[] {
    const parts: IdentifierPart[] = [];
    let last = 0;
    for (const match of text.matchAll(HIDDEN_CHARACTERS)) {
        if (match.index > last) {
            parts.push({ text: text.slice(last, match.index) });
        }
        parts.push({ text: match[0], codePoint: match[0].codePointAt(0)! });
        last = match.index + match[0].length;
    }
    if (last < text.length || !parts.length) {
        parts.push({ text: text.slice(last) });
    }
    return parts;
}

/** Markers around a hidden character's name: ⟨⟩ on screen, ASCII where the font has nothing else (PDF). */
export type MarkerBrackets = readonly [open: string, close: string];
export const SCREEN_MARKER: MarkerBrackets = ['⟨', '⟩'];
export const ASCII_MARKER: MarkerBrackets = ['<', '>'];

/** The identifier with each hidden character spelled out ("MC-1001⟨U+202E⟩fdp.exe"); other text untouched. */
export function visibleIdentifier(text: string, [open, close]: MarkerBrackets = SCREEN_MARKER): string {
    return hasHiddenCharacters(text)
        ? text.replace(HIDDEN_CHARACTERS, character => `${open}${codePointName(character.codePointAt(0)!)}${close}`)
        : text;
}

const EMBEDDING_OPENERS = new Set(['\u202A', '\u202B', '\u202D', '\u202E']);
const ISOLATE_OPENERS = new Set(['\u2066', '\u2067', '\u2068']);
const POP_DIRECTIONAL_FORMATTING = '\u202C';
const POP_DIRECTIONAL_ISOLATE = '\u2069';
const BIDI_FORMATTING = /[\u202A-\u202E\u2066-\u2069]/;

/**
 * The text with its embeddings, overrides and isolates closed where it ends, and unmatched closers
 * dropped: a stray U+2069 can no longer end the isolation around it early, nor an open U+202E
 * reverse what follows. Text without bidi formatting comes back as it is.
 */
export function balancedBidi(text: string): string {
    if (!BIDI_FORMATTING.test(text)) {
        return text;
    }
    const open: ('embedding' | 'isolate')[] = [];
    let result = '';
    for (const character of text) {
        if (EMBEDDING_OPENERS.has(character)) {
            open.push('embedding');
        } else if (ISOLATE_OPENERS.has(character)) {
            open.push('isolate');
        } else if (character === POP_DIRECTIONAL_FORMATTING) {
            if (open[open.length - 1] !== 'embedding') {
                continue;
            }
            open.pop();
        } else if (character === POP_DIRECTIONAL_ISOLATE) {
            const isolate = open.lastIndexOf('isolate');
            if (isolate < 0) {
                continue;
            }
            // A PDI also closes the embeddings opened inside its isolate.
            open.length = isolate;
        }
        result += character;
    }
    return result + open.reverse().map(kind => kind === 'isolate' ? POP_DIRECTIONAL_ISOLATE : POP_DIRECTIONAL_FORMATTING).join('');
}

/**
 * Store text for places that take plain text only (dialog titles, tooltips, messages): isolated
 * with FSI…PDI so it cannot reorder the words around it.
 */
export function isolatedText(text: string): string {
    return `\u2068${balancedBidi(text)}\u2069`;
}

/** An identifier for plain-text places: hidden characters spelled out, and isolated. */
export function isolatedIdentifier(text: string): string {
    return isolatedText(visibleIdentifier(text));
}
