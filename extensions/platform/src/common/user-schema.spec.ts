import * as assert from 'node:assert/strict';
import { PasswordSchema, UserNameSchema, passwordProblem } from './user-schema';

/** Asserts that both the function and the schema accept the password. */
function assertAccepted(password: string): void {
    assert.equal(passwordProblem(password), undefined, `expected ${JSON.stringify(password)} to be accepted`);
    const parsed = PasswordSchema.safeParse(password);
    assert.ok(parsed.success, `expected PasswordSchema to accept ${JSON.stringify(password)}`);
    assert.equal(parsed.data, password);
}

/** Asserts that both the function and the schema refuse the password, with a message matching `rule`. */
function assertRefused(password: string, rule: RegExp): void {
    const problem = passwordProblem(password);
    assert.ok(problem, `expected ${JSON.stringify(password)} to be refused`);
    assert.match(problem, rule);
    const parsed = PasswordSchema.safeParse(password);
    assert.equal(parsed.success, false, `expected PasswordSchema to refuse ${JSON.stringify(password)}`);
    assert.match(parsed.error!.issues.map(issue => issue.message).join('; '), rule);
}

const TOO_SHORT = /at least 8 bytes/;
const TOO_LONG = /at most 32 bytes/;
const NON_PRINTING = /DEL or non-printing/;

describe('password rules (TFPM)', () => {

    describe('length in UTF-8 bytes', () => {
        it('refuses the empty password', () => assertRefused('', TOO_SHORT));
        it('refuses 7 ASCII characters', () => assertRefused('abcdefg', TOO_SHORT));
        it('accepts 8 ASCII characters', () => assertAccepted('abcdefgh'));
        it('accepts 32 ASCII characters', () => assertAccepted('a'.repeat(32)));
        it('refuses 33 ASCII characters', () => assertRefused('a'.repeat(33), TOO_LONG));

        it('counts a two-byte character as two bytes', () => {
            assertRefused('é'.repeat(3), TOO_SHORT); // 6 bytes
            assertAccepted('é'.repeat(4)); // 8 bytes, only 4 characters
            assertAccepted('é'.repeat(11)); // 22 bytes
            assertAccepted('é'.repeat(16)); // 32 bytes
            assertRefused('é'.repeat(17), TOO_LONG); // 34 bytes, only 17 characters
            assertRefused('a' + 'é'.repeat(16), TOO_LONG); // 33 bytes
        });

        it('counts a four-byte emoji as four bytes', () => {
            const emoji = '\u{1F600}';
            assert.equal(emoji.length, 2, 'the emoji is a surrogate pair in UTF-16');
            assertRefused('abc' + emoji, TOO_SHORT); // 7 bytes
            assertAccepted('abcd' + emoji); // 8 bytes
            assertAccepted(emoji.repeat(8)); // 32 bytes, 16 UTF-16 units
            assertRefused('a' + emoji.repeat(8), TOO_LONG); // 33 bytes
        });

        it('checks the schema bound as well as the byte rule for very long input', () => {
            assert.equal(PasswordSchema.safeParse('a'.repeat(1000)).success, false);
        });
    });

    describe('forbidden characters', () => {
        for (const character of ['\'', '<', '=', '>', '`', '|', '~']) {
            it(`refuses ${character}`, () => {
                assertRefused(`abcd${character}efgh`, new RegExp(`may not contain ${escapeRegExp(character)}`));
                assertRefused(`${character}abcdefgh`, /may not contain/);
                assertRefused(`abcdefgh${character}`, /may not contain/);
            });
        }

        const nonPrinting: [string, string][] = [
            ['DEL', '\x7f'],
            ['tab', '\t'],
            ['newline', '\n'],
            ['carriage return', '\r'],
            ['NUL', '\0'],
            ['escape', '\x1b'],
            ['zero-width space U+200B', '\u200b'],
            ['zero-width joiner U+200D', '\u200d'],
            ['byte order mark U+FEFF', '\ufeff'],
            ['line separator U+2028', '\u2028'],
            ['private use U+E000', '\ue000'],
            ['C1 control U+0085', '\u0085']
        ];
        for (const [name, character] of nonPrinting) {
            it(`refuses ${name}`, () => assertRefused(`abcd${character}efgh`, NON_PRINTING));
        }

        it('refuses a lone surrogate', () => assertRefused('abcdefg\ud800', /non-printing|bytes/));
    });

    describe('allowed characters', () => {
        it('accepts a space', () => {
            assertAccepted('correct horse');
            assertAccepted('        '); // 8 spaces
        });

        it('accepts ordinary punctuation', () => {
            const punctuation = '!#$%&*+,-./:;?@[]^_{}"()\\';
            for (const character of punctuation) {
                assertAccepted(`abcd${character}efg`);
            }
            assertAccepted('!#$%&*+,-./:;?@[]^_{}');
        });

        it('accepts letters and digits of any script', () => {
            assertAccepted('Päßwört12');
            assertAccepted('пароль123');
            assertAccepted('Admin#2026pw');
        });
    });
});

describe('UserNameSchema', () => {

    it('accepts names and keeps their case', () => {
        for (const name of ['admin', 'Admin', 'ADMIN', 'jane.doe', 'j_doe-2', 'ops@plant', 'Zoë']) {
            const parsed = UserNameSchema.safeParse(name);
            assert.ok(parsed.success, `expected ${name} to be accepted`);
            assert.equal(parsed.data, name);
        }
    });

    it('accepts 64 characters and refuses 65', () => {
        assert.ok(UserNameSchema.safeParse('a'.repeat(64)).success);
        const parsed = UserNameSchema.safeParse('a'.repeat(65));
        assert.equal(parsed.success, false);
        assert.match(parsed.error!.issues[0].message, /at most 64/);
    });

    it('refuses an empty name', () => {
        assert.equal(UserNameSchema.safeParse('').success, false);
    });

    for (const name of ['jane doe', ' jane', 'jane ', 'ops/admin', 'ops\\admin', '../admin', 'a\tb', 'a\nb', 'a<b', 'a:b', 'a\u200bb']) {
        it(`refuses ${JSON.stringify(name)}`, () => {
            const parsed = UserNameSchema.safeParse(name);
            assert.equal(parsed.success, false);
        });
    }

    it('refuses what is not a string', () => {
        assert.equal(UserNameSchema.safeParse(42).success, false);
        assert.equal(UserNameSchema.safeParse(undefined).success, false);
    });
});

function escapeRegExp(text: string): string {
    return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
