import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { inject, injectable, named } from '@theia/core/shared/inversify';
import { ILogger } from '@theia/core/lib/common/logger';
import { z } from 'zod';
import type { ApiTokenSummary, IssuedApiToken } from '../../common/account-protocol';
import { PressworkError } from '../../common/errors';
import { CollectionNames } from '../../common/collection-names';
import { DocumentIdSchema, TimestampSchema } from '../../common/identifiers';
import type { User } from '../../common/user-schema';
import type { DocumentCollection } from '../store/document-store';
import { DocumentStore } from '../store/document-store';
import { DocumentConflictError } from '../store/store-errors';
import { UserAccounts } from './user-accounts';

const TOKEN_PREFIX = 'pw_';
/** 256 random bits, base64url: 43 characters after the prefix. */
const TOKEN_PATTERN = /^pw_[A-Za-z0-9_-]{43}$/;
/** Last use is written at most this often per token, so a busy shop system does not write on every call. */
const LAST_USED_RESOLUTION_MS = 60_000;

/** A token as stored: only the SHA-256 of the token, never the token. */
export const ApiTokenSchema = z.object({
    id: DocumentIdSchema,
    version: z.number().int().positive(),
    userId: DocumentIdSchema,
    name: z.string().min(1).max(100),
    hash: z.string().regex(/^[0-9a-f]{64}$/),
    createdAt: TimestampSchema,
    createdBy: z.string().max(64),
    lastUsedAt: TimestampSchema.optional()
});
export type ApiToken = z.infer<typeof ApiTokenSchema>;

export const ApiTokensCollection: DocumentCollection<ApiToken> = {
    name: CollectionNames.apiTokens,
    schema: ApiTokenSchema,
    indexes: { hash: token => token.hash }
};

/** The SHA-256 of a token, hex: enough for 256 random bits (no salt or slow hash needed, unlike passwords). */
export function hashApiToken(token: string): string {
    return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * Per-user tokens for the read API, issued and revoked by administrators. The token is shown once
 * when issued; the store keeps its hash. Tokens never reach a log.
 */
@injectable()
export class ApiTokens {
    @inject(DocumentStore) protected readonly store: DocumentStore;
    @inject(UserAccounts) protected readonly accounts: UserAccounts;
    @inject(ILogger) @named('platform:ApiTokens') protected readonly logger: ILogger;

    list(): ApiTokenSummary[] {
        return [...this.store.all(ApiTokensCollection)].map(token => this.summarize(token))
            .sort((a, b) => (a.userName ?? '').localeCompare(b.userName ?? '') || a.name.localeCompare(b.name));
    }

    async issue(actor: User, userId: string, name: string): Promise<IssuedApiToken> {
        const user = this.accounts.byId(userId);
        if (!user) {
            throw PressworkError.NotFound('That user no longer exists');
        }
        const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
        const stored = await this.store.create(ApiTokensCollection, {
            id: randomUUID(), userId, name: name.trim(), hash: hashApiToken(token), createdAt: new Date().toISOString(), createdBy: actor.name
        });
        this.logger.info(`API token "${stored.name}" issued for ${user.name} by ${actor.name}`);
        return { token, summary: this.summarize(stored) };
    }

    async revoke(actor: User, id: string): Promise<void> {
        let token: ApiToken | undefined;
        // A use of the token noted meanwhile changes its version; revoking wins over that.
        for (let attempt = 1; ; attempt++) {
            token = this.store.get(ApiTokensCollection, id);
            if (!token) {
                throw PressworkError.NotFound('That token no longer exists');
            }
            try {
                await this.store.delete(ApiTokensCollection, id, token.version);
                break;
            } catch (error) {
                if (!(error instanceof DocumentConflictError) || attempt === 3) {
                    throw error;
                }
            }
        }
        this.logger.info(`API token "${token.name}" of ${this.accounts.byId(token.userId)?.name ?? 'a deleted user'} revoked by ${actor.name}`);
    }

    /** The user a presented token acts as; undefined for an unknown or revoked token, or a deleted user. */
    authenticate(presented: string): User | undefined {
        if (!TOKEN_PATTERN.test(presented)) {
            return undefined;
        }
        const token = this.store.findBy(ApiTokensCollection, 'hash', hashApiToken(presented))[0];
        const user = token && this.accounts.byId(token.userId);
        if (!token || !user) {
            return undefined;
        }
        this.noteUse(token);
        return user;
    }

    protected noteUse(token: ApiToken): void {
        const now = Date.now();
        if (token.lastUsedAt && now - Date.parse(token.lastUsedAt) < LAST_USED_RESOLUTION_MS) {
            return;
        }
        this.store.modify(ApiTokensCollection, token.id, current => ({ ...current, lastUsedAt: new Date(now).toISOString() }))
            .catch(error => this.logger.warn(`could not note the use of API token "${token.name}"`, error));
    }

    protected summarize(token: ApiToken): ApiTokenSummary {
        const { id, userId, name, createdAt, createdBy, lastUsedAt } = token;
        return { id, userId, userName: this.accounts.byId(userId)?.name, name, createdAt, createdBy, lastUsedAt };
    }
}
