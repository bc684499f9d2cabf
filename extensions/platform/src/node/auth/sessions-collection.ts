import { createHash } from 'node:crypto';
import { z } from 'zod';
import { CollectionNames } from '../../common/collection-names';
import { DocumentIdSchema, TimestampSchema } from '../../common/identifiers';
import type { DocumentCollection } from '../store/document-store';

/**
 * A sign-in session as stored. The document id is the SHA-256 of the session id, so whoever reads
 * the store (a backup, a database administrator) cannot sign in with what they find there.
 */
export const StoredSessionSchema = z.object({
    id: z.string().regex(/^[0-9a-f]{64}$/, 'must be the SHA-256 of the session id, in hex'),
    version: z.number().int().positive(),
    userId: DocumentIdSchema,
    createdAt: TimestampSchema,
    /** Written at most once a minute per session: the idle limit is hours, not seconds. */
    lastSeenAt: TimestampSchema,
    passwordChangeRequired: z.boolean()
});
export type StoredSession = z.infer<typeof StoredSessionSchema>;

export const SessionsCollection: DocumentCollection<StoredSession> = {
    name: CollectionNames.sessions,
    schema: StoredSessionSchema,
    indexes: { user: session => session.userId }
};

/** The stored key of a session id: 256 random bits need no salt or slow hash (as API tokens). */
export function sessionKeyOf(sessionId: string): string {
    return createHash('sha256').update(sessionId, 'utf8').digest('hex');
}
