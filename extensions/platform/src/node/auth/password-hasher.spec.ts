import * as assert from 'node:assert/strict';
import { decoyHash, hashPassword, verifyPassword } from './password-hasher';

const FORMAT = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)$/;

describe('password hasher', () => {

    it('hashes as scrypt$N$r$p$salt$key with base64 parts', async () => {
        const hash = await hashPassword('Admin#2026pw');
        const match = FORMAT.exec(hash);
        assert.ok(match, `unexpected hash format: ${hash}`);
        const [, n, r, p, salt, key] = match;
        assert.equal(Number(n), 32768);
        assert.equal(Number(r), 8);
        assert.equal(Number(p), 1);
        assert.equal(Buffer.from(salt, 'base64').length, 16);
        assert.equal(Buffer.from(key, 'base64').length, 32);
        assert.ok(!hash.includes('Admin#2026pw'));
    });

    it('verifies the right password and refuses a wrong one', async () => {
        const hash = await hashPassword('Admin#2026pw');
        assert.equal(await verifyPassword('Admin#2026pw', hash), true);
        assert.equal(await verifyPassword('Admin#2026pW', hash), false);
        assert.equal(await verifyPassword('Admin#2026p', hash), false);
        assert.equal(await verifyPassword('', hash), false);
    });

    it('handles non-ASCII passwords', async () => {
        const hash = await hashPassword('pässwörd\u{1F600}');
        assert.equal(await verifyPassword('pässwörd\u{1F600}', hash), true);
        assert.equal(await verifyPassword('passwörd\u{1F600}', hash), false);
    });

    it('salts: two hashes of the same password differ and both verify', async () => {
        const [first, second] = await Promise.all([hashPassword('same password'), hashPassword('same password')]);
        assert.notEqual(first, second);
        assert.notEqual(first.split('$')[4], second.split('$')[4], 'salts differ');
        assert.equal(await verifyPassword('same password', first), true);
        assert.equal(await verifyPassword('same password', second), true);
    });

    it('refuses a hash whose key or salt was tampered with', async () => {
        const hash = await hashPassword('Admin#2026pw');
        const parts = hash.split('$');

        const key = Buffer.from(parts[5], 'base64');
        key[0] ^= 0x01;
        const tamperedKey = [...parts.slice(0, 5), key.toString('base64')].join('$');
        assert.equal(await verifyPassword('Admin#2026pw', tamperedKey), false);

        const salt = Buffer.from(parts[4], 'base64');
        salt[0] ^= 0x01;
        const tamperedSalt = [...parts.slice(0, 4), salt.toString('base64'), parts[5]].join('$');
        assert.equal(await verifyPassword('Admin#2026pw', tamperedSalt), false);

        const shorterKey = [...parts.slice(0, 5), key.subarray(0, 16).toString('base64')].join('$');
        assert.equal(await verifyPassword('Admin#2026pw', shorterKey), false);
    });

    it('verifies a hash made with other (older) parameters, read from the hash itself', async () => {
        // scrypt N=16384, r=8, p=1 of "password" with salt "saltsaltsaltsalt", computed independently below.
        const { scryptSync } = await import('node:crypto');
        const salt = Buffer.from('saltsaltsaltsalt');
        const key = scryptSync('password', salt, 32, { N: 16384, r: 8, p: 1 });
        const hash = ['scrypt', 16384, 8, 1, salt.toString('base64'), key.toString('base64')].join('$');
        assert.equal(await verifyPassword('password', hash), true);
        assert.equal(await verifyPassword('passwort', hash), false);
    });

    for (const [name, malformed] of [
        ['empty string', ''],
        ['plain text', 'not a hash'],
        ['another scheme', 'bcrypt$10$8$1$c2FsdA==$a2V5'],
        ['missing key', 'scrypt$32768$8$1$c2FsdA=='],
        ['missing salt and key', 'scrypt$32768$8$1'],
        ['empty salt', 'scrypt$32768$8$1$$a2V5a2V5'],
        ['only dollars', '$$$$$'],
        ['a key of zero bytes, which would match any password', 'scrypt$16384$8$1$c2FsdHNhbHRzYWx0c2FsdA==$='],
        ['N not a power of two', 'scrypt$16383$8$1$c2FsdHNhbHRzYWx0c2FsdA==$a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2U='],
        ['N that would exhaust memory', 'scrypt$1073741824$8$1$c2FsdHNhbHRzYWx0c2FsdA==$a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2U='],
        ['N that is not a number', 'scrypt$abc$8$1$c2FsdHNhbHRzYWx0c2FsdA==$a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2U=']
    ] as const) {
        it(`returns false rather than throwing for a malformed hash: ${name}`, async () => {
            let result: boolean | undefined;
            try {
                result = await verifyPassword('password', malformed);
            } catch (error) {
                assert.fail(`verifyPassword threw for ${JSON.stringify(malformed)}: ${error}`);
            }
            assert.equal(result, false);
        });
    }

    it('gives the same decoy hash each time, in the stored format, matching no ordinary password', async () => {
        const first = await decoyHash();
        assert.match(first, FORMAT);
        assert.equal(await decoyHash(), first);
        assert.equal(await verifyPassword('', first), false);
        assert.equal(await verifyPassword('Admin#2026pw', first), false);
    });
});
