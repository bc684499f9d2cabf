import { EncryptedSecretSchema } from '@presswork/platform/lib/common/connection-schema';
import type { SecretBox } from '@presswork/platform/lib/node/secrets/secret-box';

/**
 * Notifications keep sealed secrets (the SMTP password, webhook signing secrets) as one string
 * field: the SecretBox's sealed form as JSON. Opened only to use it, never logged or returned.
 */
export function sealText(secrets: SecretBox, plaintext: string): string {
    return JSON.stringify(secrets.seal(plaintext));
}

export function openText(secrets: SecretBox, sealed: string): string {
    const parsed = EncryptedSecretSchema.safeParse(safeJson(sealed));
    if (!parsed.success) {
        throw new Error('a stored secret is damaged: it is not a sealed value; set it again');
    }
    return secrets.open(parsed.data);
}

function safeJson(text: string): unknown {
    try {
        return JSON.parse(text);
    } catch {
        return undefined;
    }
}
