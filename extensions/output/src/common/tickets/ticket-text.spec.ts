import * as assert from 'node:assert/strict';
import { clipToUtf8Bytes, plainTicketText } from './ticket-text';

describe('ticket text', () => {

    describe('plainTicketText', () => {
        it('turns line breaks and tabs into single spaces', () => {
            assert.equal(plainTicketText('Business\r\ncards\tfor  Anna\n'), 'Business cards for Anna');
        });

        it('drops control, bidi and zero-width characters', () => {
            assert.equal(plainTicketText('MC-1001\u202Efdp.exe\u0000\u0007\u200B\u001B[31m'), 'MC-1001fdp.exe[31m');
        });

        it('keeps ordinary non-ASCII text', () => {
            assert.equal(plainTicketText('Müller – Visitenkarten 名刺'), 'Müller – Visitenkarten 名刺');
        });
    });

    describe('clipToUtf8Bytes', () => {
        it('leaves text that fits alone', () => {
            assert.equal(clipToUtf8Bytes('abc', 3), 'abc');
        });

        it('counts bytes, not characters', () => {
            assert.equal(clipToUtf8Bytes('ééé', 5), 'éé');
            assert.equal(clipToUtf8Bytes('名刺名刺', 7), '名刺');
        });

        it('never cuts a surrogate pair in two', () => {
            const clipped = clipToUtf8Bytes('a\u{1F600}b', 4);
            assert.equal(clipped, 'a');
            assert.equal(Buffer.byteLength(clipToUtf8Bytes('\u{1F600}'.repeat(10), 255)), 40);
        });

        it('does not end on a space left by the cut', () => {
            assert.equal(clipToUtf8Bytes('abc def', 4), 'abc');
        });
    });
});
