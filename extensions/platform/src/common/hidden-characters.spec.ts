import * as assert from 'node:assert/strict';
import {
    ASCII_MARKER, balancedBidi, hasHiddenCharacters, identifierParts, isolatedIdentifier, isolatedText, visibleIdentifier, withoutHiddenCharacters
} from './hidden-characters';

const hex = (codePoint: number): string => codePoint.toString(16).toUpperCase().padStart(4, '0');

describe('visibleIdentifier', () => {
    const classes: Record<string, number[]> = {
        'bidi embeddings and overrides': [0x202A, 0x202B, 0x202C, 0x202D, 0x202E],
        'bidi isolates': [0x2066, 0x2067, 0x2068, 0x2069],
        'bidi marks': [0x200E, 0x200F, 0x061C],
        'zero-width characters': [0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF],
        'other default-ignorables': [0x00AD, 0x034F, 0x180E, 0x3164, 0xFE0F, 0xE0041],
        'controls and separators': [0x0000, 0x0009, 0x000A, 0x007F, 0x0085, 0x2028, 0x2029]
    };
    for (const [name, codePoints] of Object.entries(classes)) {
        it(`spells out ${name}`, () => {
            for (const codePoint of codePoints) {
                const text = `10${String.fromCodePoint(codePoint)}01`;
                assert.equal(hasHiddenCharacters(text), true, hex(codePoint));
                assert.equal(visibleIdentifier(text), `10⟨U+${hex(codePoint)}⟩01`);
                assert.equal(withoutHiddenCharacters(text), '1001');
            }
        });
    }

    it('shows the order number that pretends to be "…EXE.PDF" for what it is', () => {
        assert.equal(visibleIdentifier('MC-1001\u202Efdp.exe'), 'MC-1001⟨U+202E⟩fdp.exe');
        assert.equal(visibleIdentifier('\u202E\u200B', ASCII_MARKER), '<U+202E><U+200B>');
    });

    it('leaves ordinary text untouched, right-to-left letters and visible spaces included', () => {
        for (const text of ['MC-1001', '', 'Ärzte & Söhne', 'Jean-François O\'Brien', 'שלום 1001', 'طلب ٤٥', '1\u00A0001', '注文 12', '👍🏽']) {
            assert.equal(hasHiddenCharacters(text), false, text);
            assert.equal(visibleIdentifier(text), text);
            assert.equal(withoutHiddenCharacters(text), text);
        }
    });

    it('leaves text that is already visible as it is, so spelling out twice changes nothing', () => {
        const once = visibleIdentifier('10\u200B01\u202E');
        assert.equal(hasHiddenCharacters(once), false);
        assert.equal(visibleIdentifier(once), once);
        assert.equal(visibleIdentifier('MC-⟨U+202E⟩'), 'MC-⟨U+202E⟩');
    });
});

describe('identifierParts', () => {
    it('cuts an identifier into text and hidden characters', () => {
        assert.deepEqual(identifierParts('10\u200B01\u202E'), [
            { text: '10' }, { text: '\u200B', codePoint: 0x200B }, { text: '01' }, { text: '\u202E', codePoint: 0x202E }
        ]);
        assert.deepEqual(identifierParts('\u{E0041}x'), [{ text: '\u{E0041}', codePoint: 0xE0041 }, { text: 'x' }]);
    });

    it('keeps ordinary text whole', () => {
        assert.deepEqual(identifierParts('MC-1001'), [{ text: 'MC-1001' }]);
        assert.deepEqual(identifierParts(''), [{ text: '' }]);
    });
});

describe('balancedBidi and isolated text', () => {
    it('closes what the text leaves open, so it cannot reverse what follows', () => {
        assert.equal(balancedBidi('a\u202Eb'), 'a\u202Eb\u202C');
        assert.equal(balancedBidi('\u2067a\u202Bb'), '\u2067a\u202Bb\u202C\u2069');
    });

    it('drops closers that open nothing, so a stray PDI cannot end the isolation around it', () => {
        assert.equal(balancedBidi('a\u2069\u202Eb'), 'a\u202Eb\u202C');
        assert.equal(balancedBidi('a\u202Cb'), 'ab');
        assert.equal(isolatedText('x\u2069 EXE.PDF'), '\u2068x EXE.PDF\u2069');
    });

    it('keeps balanced text and text without bidi formatting as they are', () => {
        assert.equal(balancedBidi('a\u2067b\u202Ec\u2069d'), 'a\u2067b\u202Ec\u2069d');
        assert.equal(balancedBidi('שלום\u200F'), 'שלום\u200F');
        assert.equal(isolatedText('Anna'), '\u2068Anna\u2069');
    });

    it('isolates an identifier with its hidden characters spelled out', () => {
        assert.equal(isolatedIdentifier('MC\u202E1'), '\u2068MC⟨U+202E⟩1\u2069');
    });
});
