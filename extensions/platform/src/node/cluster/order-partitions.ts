import { createHash } from 'node:crypto';

/**
 * Orders are split into this many parts; with PostgreSQL, each server runs the background work
 * (engine steps, print files, printing follow-up, closeout recovery) of the parts it holds a lease
 * on. Fixed: every server must split the same way.
 */
export const ORDER_PARTITIONS = 32;

/** The part an order belongs to, the same on every server and after every restart. */
export function partitionOfOrder(orderId: string): number {
    return createHash('sha1').update(orderId).digest().readUInt32BE(0) % ORDER_PARTITIONS;
}
