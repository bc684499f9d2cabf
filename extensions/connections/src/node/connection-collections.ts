import { z } from 'zod';
import { DocumentIdSchema, TimestampSchema } from '@presswork/platform/lib/common/identifiers';
import type { DocumentCollection } from '@presswork/platform/lib/node/store/document-store';
import { ConnectionLogEntrySchema, ConnectionStatusSchema, RejectedOrderViewSchema } from '../common/connection-runtime';
import { ConnectionsCollectionNames } from '../common/connections-collections';

/**
 * A connection's polling state, kept apart from the connection itself so that a poll never bumps
 * the version an administrator is editing.
 */
export const ConnectionStateSchema = z.object({
    id: DocumentIdSchema,
    version: z.number().int().positive(),
    /** End of the last window whose orders are all stored. */
    watermark: TimestampSchema.optional(),
    consecutiveFailures: z.number().int().nonnegative().default(0),
    status: ConnectionStatusSchema,
    /** An operator asked for a poll on a server that does not poll this connection: its poller polls at once. */
    pollRequestedAt: TimestampSchema.optional()
});
export type ConnectionState = z.infer<typeof ConnectionStateSchema>;
export const ConnectionStatesCollection: DocumentCollection<ConnectionState> = { name: ConnectionsCollectionNames.states, schema: ConnectionStateSchema };

export const MAX_LOG_ENTRIES = 500;
export const ConnectionLogSchema = z.object({
    id: DocumentIdSchema,
    version: z.number().int().positive(),
    entries: z.array(ConnectionLogEntrySchema).max(MAX_LOG_ENTRIES)
});
export type ConnectionLog = z.infer<typeof ConnectionLogSchema>;
export const ConnectionLogsCollection: DocumentCollection<ConnectionLog> = { name: ConnectionsCollectionNames.logs, schema: ConnectionLogSchema };

/** An order kept in quarantine, with what MarcomCentral sent. */
export const RejectedOrderSchema = RejectedOrderViewSchema.extend({
    source: z.unknown()
});
export type RejectedOrder = z.infer<typeof RejectedOrderSchema>;
export const RejectedOrdersCollection: DocumentCollection<RejectedOrder> = {
    name: ConnectionsCollectionNames.rejectedOrders,
    schema: RejectedOrderSchema as z.ZodType<RejectedOrder, unknown>,
    indexes: { connection: order => order.connectionId }
};

export const CONNECTIONS_COLLECTIONS = [ConnectionStatesCollection, ConnectionLogsCollection, RejectedOrdersCollection] as readonly DocumentCollection[];
