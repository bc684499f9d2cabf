import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { OrdersCollection, shardOf } from '@presswork/platform/lib/node/store';
import { sampleOrder } from '@presswork/platform/lib/node/store/test/sample-documents';

export const JOBS_PER_ORDER = 2;

export function orderIdAt(index: number): string {
    return `order-${String(index).padStart(6, '0')}`;
}

/**
 * Writes a store of `jobCount` jobs straight to disk, in the store's own layout
 * (`<folder>/orders/<shard>/<id>.json`): going through the store would fsync every file and take
 * far longer, and durability of the fixture does not matter. Returns the order ids.
 */
export async function writeOrderStore(folder: string, jobCount: number): Promise<string[]> {
    const ids = Array.from({ length: Math.ceil(jobCount / JOBS_PER_ORDER) }, (_, index) => orderIdAt(index + 1));
    const ordersFolder = path.join(folder, OrdersCollection.name);
    const shards = new Set(ids.map(shardOf));
    await Promise.all([...shards].map(shard => fs.mkdir(path.join(ordersFolder, shard), { recursive: true })));
    await forEachConcurrently(ids, 64, id =>
        fs.writeFile(path.join(ordersFolder, shardOf(id), `${id}.json`), JSON.stringify(sampleOrder(id, JOBS_PER_ORDER))));
    return ids;
}

async function forEachConcurrently<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
    let next = 0;
    const worker = async (): Promise<void> => {
        while (next < items.length) {
            await work(items[next++]);
        }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
}
