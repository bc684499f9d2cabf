import * as fs from 'node:fs';
import * as path from 'node:path';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { EncryptedSecret } from '../../common/connection-schema';

const KEY_BYTES = 32;
const IV_BYTES = 12;

/**
 * Encrypts secrets at rest (AES-256-GCM) with a key kept in the data folder, readable by the
 * Presswork user only. A copied store without its key folder reveals no token.
 */
export class SecretBox {
    protected key: Buffer | undefined;

    constructor(protected readonly keyFile: string) { }

    seal(plaintext: string): EncryptedSecret {
        const iv = randomBytes(IV_BYTES);
        const cipher = createCipheriv('aes-256-gcm', this.loadKey(), iv);
        const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
        return { iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
    }

    open(secret: EncryptedSecret): string {
        const decipher = createDecipheriv('aes-256-gcm', this.loadKey(), Buffer.from(secret.iv, 'base64'));
        decipher.setAuthTag(Buffer.from(secret.tag, 'base64'));
        try {
            return Buffer.concat([decipher.update(Buffer.from(secret.data, 'base64')), decipher.final()]).toString('utf8');
        } catch {
            throw new Error(`a stored secret cannot be decrypted with the key in ${this.keyFile}: was the data folder copied without its keys?`);
        }
    }

    /** The key, created on first use; `wx` makes two processes agree on one key. */
    protected loadKey(): Buffer {
        if (this.key) {
            return this.key;
        }
        fs.mkdirSync(path.dirname(this.keyFile), { recursive: true, mode: 0o700 });
        try {
            fs.writeFileSync(this.keyFile, randomBytes(KEY_BYTES), { flag: 'wx', mode: 0o600 });
        } catch (error) {
            if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
                throw error;
            }
        }
        const key = fs.readFileSync(this.keyFile);
        if (key.length !== KEY_BYTES) {
            throw new Error(`the secret key ${this.keyFile} is damaged: it has ${key.length} bytes, not ${KEY_BYTES}`);
        }
        return this.key = key;
    }
}
