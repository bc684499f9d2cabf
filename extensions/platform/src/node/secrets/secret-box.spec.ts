import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SecretBox } from './secret-box';

describe('SecretBox', () => {
    let folder: string;

    beforeEach(() => {
        folder = fs.mkdtempSync(path.join(os.tmpdir(), 'presswork-secrets-'));
    });

    afterEach(() => {
        fs.rmSync(folder, { recursive: true, force: true });
    });

    it('seals a token so that the stored form does not contain it, and opens it again', () => {
        const box = new SecretBox(path.join(folder, 'keys', 'secrets.key'));
        const sealed = box.seal('partner-token-123');
        assert.ok(!JSON.stringify(sealed).includes('partner-token-123'));
        assert.equal(box.open(sealed), 'partner-token-123');
        assert.notDeepEqual(box.seal('partner-token-123'), sealed, 'a fresh IV each time');
    });

    it('keeps its key in a file only its owner can read, and reuses it after a restart', () => {
        const keyFile = path.join(folder, 'keys', 'secrets.key');
        const sealed = new SecretBox(keyFile).seal('abc');
        assert.equal(fs.statSync(keyFile).mode & 0o777, 0o600);
        assert.equal(new SecretBox(keyFile).open(sealed), 'abc');
    });

    it('refuses a tampered secret and one sealed with another key, saying why', () => {
        const box = new SecretBox(path.join(folder, 'a.key'));
        const sealed = box.seal('abc');
        const tampered = { ...sealed, data: Buffer.from('xyz').toString('base64') };
        assert.throws(() => box.open(tampered), /cannot be decrypted/);
        assert.throws(() => new SecretBox(path.join(folder, 'b.key')).open(sealed), /cannot be decrypted/);
    });
});
