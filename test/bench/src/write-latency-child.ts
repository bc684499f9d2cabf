import * as fs from 'node:fs/promises';
import { FileDocumentStore, OrdersCollection, PLATFORM_COLLECTIONS } from '@presswork/platform/lib/node/store';
import { sampleOrder } from '@presswork/platform/lib/node/store/test/sample-documents';
import { JOBS_PER_ORDER, orderIdAt } from './order-store-fixture';
import type { AppendTarget, StoreUpdateTarget, WriterCommand, WriterReply, WriterRequest } from './protocol';
import { seededRandom, timeMillis } from './statistics';

/** One durable write, ready to be repeated; `close` releases what it holds. */
interface Writer {
    writeOnce(): Promise<void>;
    close(): Promise<void>;
}

/** Started by `RemoteWriter`: opens its target, then times writes whenever the parent asks. */
async function main(): Promise<void> {
    const request = JSON.parse(process.argv[2]) as WriterRequest;
    const writer = request.kind === 'store-update' ? await storeUpdater(request, request.seed) : await appender(request);
    // Collect what opening left behind now, rather than during the first measured writes.
    global.gc?.();
    process.on('message', (command: WriterCommand) => obey(writer, command).catch(error => {
        console.error(error);
        process.exit(1);
    }));
    reply({ kind: 'ready' });
}

async function obey(writer: Writer, command: WriterCommand): Promise<void> {
    if (command.kind === 'stop') {
        await writer.close();
        process.disconnect();
        return;
    }
    const millis: number[] = [];
    for (let write = 0; write < command.writes; write++) {
        millis.push(await timeMillis(() => writer.writeOnce()));
    }
    reply({ kind: 'samples', millis });
}

function reply(message: WriterReply): void {
    process.send!(message);
}

/** Updates a randomly chosen existing order at its current version, as a user's edit would. */
async function storeUpdater({ folder }: StoreUpdateTarget, seed: number): Promise<Writer> {
    const store = new FileDocumentStore({ folder, collections: PLATFORM_COLLECTIONS });
    await store.ready;
    // Sorted, because the store loads files in no fixed order and the seed should pick the same orders every run.
    const ids = [...store.all(OrdersCollection)].map(order => order.id).sort();
    const random = seededRandom(seed);
    return {
        async writeOnce() {
            const current = store.get(OrdersCollection, ids[Math.floor(random() * ids.length)])!;
            await store.update(OrdersCollection, { ...current, status: `Revision ${current.version + 1}` });
        },
        close: () => store.close()
    };
}

/** The floor for a durable write: the bytes of one order appended to one file and flushed with fdatasync. */
async function appender({ file }: AppendTarget): Promise<Writer> {
    const bytes = Buffer.from(JSON.stringify(sampleOrder(orderIdAt(1), JOBS_PER_ORDER)));
    const handle = await fs.open(file, 'a');
    return {
        async writeOnce() {
            await handle.write(bytes);
            await handle.datasync();
        },
        close: () => handle.close()
    };
}

main().catch(error => {
    console.error(error);
    process.exit(1);
});
