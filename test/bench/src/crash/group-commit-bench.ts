import { readFileSync, realpathSync, statSync } from 'node:fs';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { FileDocumentStore, OrdersCollection, PLATFORM_COLLECTIONS } from '@presswork/platform/lib/node/store';
import { GroupCommit } from '@presswork/platform/lib/node/store/group-commit';
import { writeFileDurably } from '@presswork/platform/lib/node/files/durable-file';
import { sampleOrder } from '@presswork/platform/lib/node/store/test/sample-documents';
import { RESULTS_FOLDER, writeResults } from '../results';

/**
 * Group commit (issue 16, item 3): documents made durable per second by 1, 8 and 64 concurrent
 * writers, through the store with group commit and, as the baseline in the same run on the same
 * disk, through the store writing each document on its own (`durability: 'each'`, the store as it
 * was). The two are measured in alternating turns, so a disk hiccup hurts both alike; each figure
 * is the median of the turns.
 *
 *   node test/bench/lib/crash/group-commit-bench.js [--seconds 2] [--turns 3] [--writers 1,8,64]
 *
 * Each turn is a fresh store; writers loop over `create` (an intake write: an order of 3 jobs)
 * and then `update` of the orders just created (the engine's write), each until the time is up.
 * A third line, `file`, times the durable write alone (the group commit against platform's
 * `writeFileDurably`), without the store's validation and serialisation, which on a busy machine
 * hide the disk. Beside each figure: the disk's cache flushes per document, counted by Linux.
 */

type Mode = 'each' | 'grouped';
/** Through the store (`create`, `update`), or the durable write alone (`file`: 3 kB files in 256 folders, no store). */
type Operation = 'create' | 'update' | 'file';

interface Turn {
    readonly mode: Mode;
    readonly writers: number;
    readonly operation: Operation;
    readonly documents: number;
    readonly seconds: number;
    readonly perSecond: number;
    /** Fsync rounds (batches) the group commit made; the baseline makes one per document. */
    readonly rounds: number;
    /** Cache flushes the disk completed meanwhile (every process's), per document; undefined where Linux does not count them. */
    readonly flushesPerDocument?: number;
}

const RESULTS_FILE = path.join(RESULTS_FOLDER, 'group-commit.json');

async function main(): Promise<void> {
    const args = process.argv.slice(2);
    const option = (name: string, fallback: string): string => args.includes(name) ? args[args.indexOf(name) + 1] : fallback;
    const seconds = Number(option('--seconds', '2'));
    const turns = Number(option('--turns', '3'));
    const writerCounts = option('--writers', '1,8,64,256').split(',').map(Number);
    const workFolder = await fs.mkdtemp(path.join(os.tmpdir(), 'presswork-group-commit-'));
    const flushes = diskFlushCounter(workFolder);
    const results: Turn[] = [];
    try {
        for (let turn = 0; turn < turns; turn++) {
            for (const writers of writerCounts) {
                // Alternate which mode goes first, so neither always runs on a warmer disk.
                const modes: Mode[] = turn % 2 === 0 ? ['each', 'grouped'] : ['grouped', 'each'];
                for (const mode of modes) {
                    const folder = path.join(workFolder, `${mode}-${writers}-${turn}`);
                    results.push(...await measure(folder, mode, writers, seconds, flushes));
                    results.push(await measureFiles(`${folder}-files`, mode, writers, seconds, flushes));
                    await fs.rm(folder, { recursive: true, force: true });
                    await fs.rm(`${folder}-files`, { recursive: true, force: true });
                }
            }
        }
    } finally {
        await fs.rm(workFolder, { recursive: true, force: true });
    }
    const rows = writerCounts.flatMap(writers => (['create', 'update', 'file'] as const).map(operation => {
        const of = (mode: Mode): Turn[] => results.filter(turn => turn.mode === mode && turn.writers === writers && turn.operation === operation);
        const before = median(of('each').map(turn => turn.perSecond));
        const after = median(of('grouped').map(turn => turn.perSecond));
        const grouped = of('grouped');
        const documentsPerRound = grouped.reduce((sum, turn) => sum + turn.documents, 0) / Math.max(1, grouped.reduce((sum, turn) => sum + turn.rounds, 0));
        const flushesOf = (mode: Mode): number | undefined => flushes ? median(of(mode).map(turn => turn.flushesPerDocument ?? 0)) : undefined;
        return {
            writers, operation, baselinePerSecond: before, groupedPerSecond: after, ratio: after / before, documentsPerRound,
            baselineFlushesPerDocument: flushesOf('each'), groupedFlushesPerDocument: flushesOf('grouped')
        };
    }));
    console.info(`group commit: documents made durable per second (median of ${turns} turns of ${seconds} s; baseline = each document on its own, same run)`);
    console.info('| writers | operation | baseline (each) | group commit | ratio | documents per fsync round | disk flushes per document, baseline → group commit |');
    console.info('|---|---|---|---|---|---|---|');
    for (const row of rows) {
        const flushed = row.baselineFlushesPerDocument === undefined ? 'not counted here'
            : `${row.baselineFlushesPerDocument.toFixed(2)} → ${row.groupedFlushesPerDocument!.toFixed(2)}`;
        console.info(`| ${row.writers} | ${row.operation} | ${row.baselinePerSecond.toFixed(0)}/s | ${row.groupedPerSecond.toFixed(0)}/s | ${row.ratio.toFixed(2)}× `
            + `| ${row.documentsPerRound.toFixed(1)} | ${flushed} |`);
    }
    await writeResults(RESULTS_FILE, {
        startedAt: new Date().toISOString(), seconds, turns,
        environment: { node: process.version, platform: `${os.platform()} ${os.release()}`, cpus: os.cpus().length },
        rows, measured: results
    });
}

/** One turn: a fresh store, `writers` loops of creates for `seconds`, then of updates of those orders. */
async function measure(folder: string, mode: Mode, writers: number, seconds: number, flushes: (() => number) | undefined): Promise<Turn[]> {
    const group = new GroupCommit();
    const store = new FileDocumentStore({ folder, collections: PLATFORM_COLLECTIONS, durability: mode, groupCommit: group });
    await store.ready;
    try {
        let next = 0;
        const flushesAtStart = flushes?.();
        const created = await run(writers, seconds, async () => {
            const id = `order-${String(++next).padStart(7, '0')}`;
            await store.create(OrdersCollection, sampleOrder(id, 3));
            return id;
        });
        const roundsAfterCreate = group.statistics.batches;
        const flushesAfterCreate = flushes?.();
        const ids = created.ids;
        let position = 0;
        const updated = await run(writers, seconds, async () => {
            // Each writer takes the next order in turn: no two writers wait for the same document.
            const id = ids[position++ % ids.length];
            await store.modify(OrdersCollection, id, order => ({ ...order, status: `Revision ${order.version + 1}` }));
            return id;
        });
        const flushesAtEnd = flushes?.();
        const rounds = (batches: number, documents: number): number => mode === 'each' ? documents : batches;
        const perDocument = (from: number | undefined, to: number | undefined, documents: number): number | undefined =>
            from === undefined || to === undefined ? undefined : (to - from) / documents;
        return [
            { mode, writers, operation: 'create', documents: created.ids.length, seconds: created.seconds, perSecond: created.ids.length / created.seconds,
                rounds: rounds(roundsAfterCreate, created.ids.length), flushesPerDocument: perDocument(flushesAtStart, flushesAfterCreate, created.ids.length) },
            { mode, writers, operation: 'update', documents: updated.ids.length, seconds: updated.seconds, perSecond: updated.ids.length / updated.seconds,
                rounds: rounds(group.statistics.batches - roundsAfterCreate, updated.ids.length),
                flushesPerDocument: perDocument(flushesAfterCreate, flushesAtEnd, updated.ids.length) }
        ];
    } finally {
        await store.close();
    }
}

/** The durable write alone: 3 kB files spread over 256 folders as the store's shards, `writers` at a time. */
async function measureFiles(folder: string, mode: Mode, writers: number, seconds: number, flushes: (() => number) | undefined): Promise<Turn> {
    const folders = Array.from({ length: 256 }, (_, index) => path.join(folder, index.toString(16).padStart(2, '0')));
    await Promise.all(folders.map(each => fs.mkdir(each, { recursive: true })));
    const group = new GroupCommit();
    const content = Buffer.alloc(3_000, 'x');
    let next = 0;
    const flushesAtStart = flushes?.();
    const written = await run(writers, seconds, async () => {
        const number = next++;
        const file = path.join(folders[(number * 7_919) % folders.length], `file-${number}.json`);
        await (mode === 'each' ? writeFileDurably(file, content, { createFolder: false }) : group.write(file, content));
        return file;
    });
    const flushesAtEnd = flushes?.();
    return {
        mode, writers, operation: 'file', documents: written.ids.length, seconds: written.seconds, perSecond: written.ids.length / written.seconds,
        rounds: mode === 'each' ? written.ids.length : group.statistics.batches,
        flushesPerDocument: flushesAtStart === undefined || flushesAtEnd === undefined ? undefined : (flushesAtEnd - flushesAtStart) / written.ids.length
    };
}

/** `writers` loops calling `write` until `seconds` have passed; every write counted has resolved (is durable). */
async function run(writers: number, seconds: number, write: () => Promise<string>): Promise<{ ids: string[]; seconds: number }> {
    const ids: string[] = [];
    const started = performance.now();
    const deadline = started + seconds * 1000;
    await Promise.all(Array.from({ length: writers }, async () => {
        while (performance.now() < deadline) {
            ids.push(await write());
        }
    }));
    return { ids, seconds: (performance.now() - started) / 1000 };
}

/**
 * Reads how many cache flushes the disk holding `folder` has completed (Linux's block statistics,
 * field 16), or undefined where they are not counted. Every process's flushes count, so the figure
 * is only as quiet as the machine.
 */
function diskFlushCounter(folder: string): (() => number) | undefined {
    try {
        const dev = statSync(folder).dev;
        const major = (dev >> 8) & 0xfff;
        const minor = (dev & 0xff) | ((dev >> 12) & 0xfff00);
        const device = realpathSync(`/sys/dev/block/${major}:${minor}`);
        // A partition's own statistics may lack the flush fields: its disk's have them.
        const file = [path.join(device, 'stat'), path.join(device, '..', 'stat')]
            .find(candidate => readFileSync(candidate, 'utf8').trim().split(/\s+/).length >= 17);
        return file ? () => Number(readFileSync(file, 'utf8').trim().split(/\s+/)[15]) : undefined;
    } catch {
        return undefined;
    }
}

function median(values: readonly number[]): number {
    const sorted = [...values].sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

main().catch(error => {
    console.error(error);
    process.exit(1);
});
