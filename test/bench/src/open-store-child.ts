import { FileDocumentStore, OrdersCollection, PLATFORM_COLLECTIONS } from '@presswork/platform/lib/node/store';
import { serveRequest } from './child-process';
import type { OpenMeasurement } from './protocol';

/** Opens the store in the given folder and reports how long it took and what memory it holds. */
async function measureOpen({ folder }: { folder: string }): Promise<OpenMeasurement> {
    const collectGarbage = global.gc;
    if (!collectGarbage) {
        throw new Error('run with --expose-gc');
    }
    collectGarbage();
    const rssBefore = process.memoryUsage().rss;
    const start = performance.now();
    const store = new FileDocumentStore({ folder, collections: PLATFORM_COLLECTIONS });
    await store.ready;
    const openMillis = performance.now() - start;
    collectGarbage();
    const { rss, heapUsed } = process.memoryUsage();
    const measurement = {
        openMillis,
        documents: store.count(OrdersCollection),
        problems: store.problems.length,
        rssBefore,
        rssAfter: rss,
        heapUsedAfter: heapUsed
    };
    await store.close();
    return measurement;
}

serveRequest(measureOpen);
