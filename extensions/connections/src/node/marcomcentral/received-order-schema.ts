import { z } from 'zod';
import { OrderSchema } from '@presswork/platform/lib/common';
import type { ReceivedOrder } from '@presswork/platform/lib/common';

/** An order as the store sends it: the platform's Order without what Presswork adds on receipt. */
export const ReceivedOrderSchema = OrderSchema.omit({
    id: true,
    version: true,
    connectionId: true,
    jobs: true,
    receivedAt: true,
    closed: true,
    closeout: true,
    log: true,
    shipsToSeveralAddresses: true
});

// The schema and the platform's ReceivedOrder type must describe the same thing.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _schemaMatchesReceivedOrder: Same<z.infer<typeof ReceivedOrderSchema>, ReceivedOrder> = true;
void _schemaMatchesReceivedOrder;
