import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { ILogger } from '@theia/core/lib/common/logger';
import { Emitter } from '@theia/core/lib/common/event';
import { Deferred } from '@theia/core/lib/common/promise-util';
import { parseEventDraft } from '@presswork/platform/lib/common/presswork-events';
import type { PressworkEvent, PressworkEventDraft } from '@presswork/platform/lib/common/presswork-events';
import { TEMPORARY_SUFFIX, syncFolder } from '@presswork/platform/lib/node/files/durable-file';
import { WriteGate } from '@presswork/platform/lib/node/store/write-gate';
import type { EventJournal, JournalRetention } from './event-journal';
import { readCheckpoint, writeCheckpoint } from './journal-checkpoint';
import { firstIndexAfter, indexRecord, readIndexedEvents, scanRecords } from './journal-index';
import type { IndexedSegment } from './journal-index';
import type { JournalRecord, SnapshotTextEntry } from './journal-record';
import { recordLine } from './journal-record';
import { listSegments, segmentPath } from './journal-segments';
import type { SegmentLine } from './journal-segments';

export interface FileEventJournalOptions {
    /** `<data>/notifications/journal`. */
    readonly folder: string;
    readonly logger: ILogger;
    /** The store's write gate: a backup holds the journal's writes with the store's, so its copy is of one instant. */
    readonly gate?: WriteGate;
    /** A segment is closed and a new one started past this size (default 64 MiB)… */
    readonly maxSegmentBytes?: number;
    /** …or this many events (default 100,000). */
    readonly maxSegmentEvents?: number;
    /** Segments older than this are pruned, unless a reader holds them (default 30 days). */
    readonly retentionMs?: number;
    /** Events kept in memory for the readers near the end (default 4,096). */
    readonly recentEvents?: number;
    /** Event ids remembered for deduplication, newest kept (default 1,000,000). */
    readonly rememberedIds?: number;
    readonly now?: () => number;
    /** Flushes the segment to the disk (default fsync). Tests count it. */
    readonly syncFile?: (handle: fs.FileHandle) => Promise<void>;
}

/** What the derivation runtime (and, without snapshots, any publisher) journals at once. */
export interface JournalEntry {
    readonly drafts: readonly PressworkEventDraft[];
    /** The snapshots that produced the drafts, as JSON text (null: the document is gone). */
    readonly snapshots?: readonly SnapshotTextEntry[];
    /** Sources whose baseline is complete with this entry. */
    readonly baselines?: readonly string[];
}

interface Segment extends IndexedSegment {
    size: number;
    events: number;
    lastWrittenAt: number;
}

interface PendingEntry {
    readonly entry: JournalEntry;
    readonly resolve: (events: readonly PressworkEvent[]) => void;
    readonly reject: (error: Error) => void;
}

/** The journal could not make a batch durable: none of its appends may be counted on. */
export class JournalWriteError extends Error {
    override readonly name = 'JournalWriteError';
}

const MiB = 1024 * 1024;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The event journal on disk: append-only segments of JSON lines in `<data>/notifications/journal/`.
 * Each append is one line holding its events (each given the next `seq`) and the source snapshots
 * that produced them, written and fsynced before `append` resolves; appends arriving while a batch
 * is being written wait together and form the next one, written and fsynced at once (group commit).
 *
 * At open the segments are replayed to rebuild the last position, the ids journaled (so a draft
 * derived again after a crash is skipped) and each source's last snapshots. A line torn by a crash
 * at the end is cut off; a damaged line elsewhere is named in the log and skipped. Segments are
 * closed at 64 MiB or 100,000 events; those older than the retention and read by every holder are
 * removed, after a checkpoint of the snapshots they held is written (atomically), so that replay
 * still starts from what they said.
 */
export class FileEventJournal implements EventJournal, JournalRetention {
    /** Anew for each time this server writes the journal (each leadership). */
    protected readyDeferred = new Deferred<void>();
    protected readonly onDidAppendEmitter = new Emitter<readonly PressworkEvent[]>();
    readonly onDidAppend = this.onDidAppendEmitter.event;

    protected opening: Promise<void> | undefined;
    protected seq = 0;
    /** Event id -> the segment it is in, oldest first (pruning forgets from the front). */
    protected readonly ids = new Map<string, number>();
    /** Source id -> document id -> last snapshot (JSON text). */
    protected readonly snapshots = new Map<string, Map<string, string>>();
    protected readonly baselined = new Set<string>();
    protected segments: Segment[] = [];
    protected handle: fs.FileHandle | undefined;
    protected recent: PressworkEvent[] = [];
    protected readonly queue: PendingEntry[] = [];
    protected flushing = false;
    /** Batches, rotations and pruning run one at a time, in this chain. */
    protected exclusive: Promise<unknown> = Promise.resolve();
    protected readonly holds = new Map<string, number>();
    protected closed = false;

    protected readonly maxSegmentBytes: number;
    protected readonly maxSegmentEvents: number;
    protected readonly retentionMs: number;
    protected readonly recentEvents: number;
    protected readonly rememberedIds: number;
    protected readonly now: () => number;
    protected readonly syncFile: (handle: fs.FileHandle) => Promise<void>;
    protected readonly gate: WriteGate;

    constructor(protected readonly options: FileEventJournalOptions) {
        this.maxSegmentBytes = options.maxSegmentBytes ?? 64 * MiB;
        this.maxSegmentEvents = options.maxSegmentEvents ?? 100_000;
        this.retentionMs = options.retentionMs ?? 30 * DAY_MS;
        this.recentEvents = options.recentEvents ?? 4096;
        this.rememberedIds = options.rememberedIds ?? 1_000_000;
        this.now = options.now ?? Date.now;
        this.syncFile = options.syncFile ?? (handle => handle.sync());
        this.gate = options.gate ?? new WriteGate();
        // Callers learn of a failed open through `ready`; this keeps it from being unhandled meanwhile.
        this.ready.catch(() => undefined);
    }

    /** Resolves once the events missed while this server did not write the journal are journaled (`markReady`). */
    get ready(): Promise<void> {
        return this.readyDeferred.promise;
    }

    get folder(): string {
        return this.options.folder;
    }

    get lastSeq(): number {
        return this.seq;
    }

    /** Replays the journal (once); appends and reads wait for it. */
    open(): Promise<void> {
        this.opening ??= this.replay();
        return this.opening;
    }

    /** Called by the derivation runtime once the events missed while Presswork was down are journaled. */
    markReady(): void {
        this.readyDeferred.resolve();
    }

    markFailed(error: Error): void {
        this.readyDeferred.reject(error);
    }

    /** Whether an event with this id is journaled (within the retention). */
    has(id: string): boolean {
        return this.ids.has(id);
    }

    /** Whether a source's first snapshots (taken without events) are all journaled. */
    isBaselined(sourceId: string): boolean {
        return this.baselined.has(sourceId);
    }

    /** The last journaled snapshots of a source's documents (JSON text), by document id. */
    snapshotsOf(sourceId: string): ReadonlyMap<string, string> {
        return this.snapshots.get(sourceId) ?? new Map();
    }

    snapshotOf(sourceId: string, documentId: string): string | undefined {
        return this.snapshots.get(sourceId)?.get(documentId);
    }

    holdFrom(consumer: string, seq: number): void {
        this.holds.set(consumer, seq);
    }

    append(drafts: readonly PressworkEventDraft[]): Promise<readonly PressworkEvent[]> {
        let checked: PressworkEventDraft[];
        try {
            checked = drafts.map(parseEventDraft);
        } catch (error) {
            return Promise.reject(error);
        }
        return this.record({ drafts: checked });
    }

    /** Journals drafts (checked already) with the snapshots that produced them, in one durable line. */
    record(entry: JournalEntry): Promise<readonly PressworkEvent[]> {
        if (this.closed) {
            return Promise.reject(new JournalWriteError('the event journal is closed'));
        }
        return new Promise((resolve, reject) => {
            this.queue.push({ entry, resolve, reject });
            if (!this.flushing) {
                this.flushing = true;
                void this.runExclusive(() => this.flushAll());
            }
        });
    }

    async read(afterSeq: number, limit: number): Promise<readonly PressworkEvent[]> {
        await this.open();
        const count = Math.max(0, Math.floor(limit));
        if (count === 0 || afterSeq >= this.seq) {
            return [];
        }
        const first = this.recent[0];
        if (first && afterSeq >= first.seq - 1) {
            const start = firstIndexAfter(this.recent, afterSeq, event => event.seq);
            return this.recent.slice(start, start + count);
        }
        return readIndexedEvents(this.segments, afterSeq, count);
    }

    /** Removes the segments past the retention that every holder has read (also done on each rotation). */
    prune(): Promise<void> {
        return this.runExclusive(() => this.pruneNow());
    }

    /**
     * Stops writing (another server's leader takes the journal over): appends are refused, what is
     * being written is finished, the file is let go. `reopen` takes it up again.
     */
    async suspend(): Promise<void> {
        this.closed = true;
        await this.runExclusive(async () => {
            await this.handle?.close();
            this.handle = undefined;
        });
        if (this.opening) {
            // Whoever still waits for this leadership's catch-up learns that it will not come.
            this.readyDeferred.reject(new JournalWriteError('this server no longer writes the event journal'));
            this.readyDeferred = new Deferred<void>();
            this.ready.catch(() => undefined);
        }
    }

    /**
     * Replays the journal afresh, as another server may have written it since this one last did
     * (first time: as `open`). Call while suspended or before the first open.
     */
    reopen(): Promise<void> {
        if (!this.opening) {
            return this.open();
        }
        this.closed = false;
        this.seq = 0;
        this.ids.clear();
        this.snapshots.clear();
        this.baselined.clear();
        this.segments = [];
        this.recent = [];
        this.opening = this.replay();
        return this.opening;
    }

    async close(): Promise<void> {
        this.closed = true;
        await this.runExclusive(async () => {
            await this.handle?.close();
            this.handle = undefined;
        });
        this.onDidAppendEmitter.dispose();
    }

    protected runExclusive<T>(work: () => Promise<T>): Promise<T> {
        const result = this.exclusive.then(work);
        this.exclusive = result.catch(() => undefined);
        return result;
    }

    // --- open ---

    protected async replay(): Promise<void> {
        const { folder, logger } = this.options;
        await fs.mkdir(folder, { recursive: true, mode: 0o700 });
        await this.removeTemporaries();
        let fromSegment = 1;
        let checkpointSeq = 0;
        try {
            const checkpoint = await readCheckpoint(folder);
            if (checkpoint) {
                fromSegment = checkpoint.fromSegment;
                checkpointSeq = checkpoint.lastSeq;
                for (const [source, documents] of Object.entries(checkpoint.sources)) {
                    this.snapshots.set(source, new Map(Object.entries(documents).map(([id, snapshot]) => [id, JSON.stringify(snapshot)])));
                }
                checkpoint.baselined.forEach(source => this.baselined.add(source));
            }
        } catch (error) {
            logger.error(`The event journal's checkpoint could not be read (${describe(error)}); the journal is replayed without it, `
                + 'so sources it covered take their snapshots again without events.');
        }
        const numbers = await listSegments(folder);
        for (const number of numbers.filter(candidate => candidate < fromSegment)) {
            // Left by a pruning that wrote its checkpoint and stopped before removing them.
            await fs.rm(segmentPath(folder, number), { force: true });
        }
        const kept = numbers.filter(number => number >= fromSegment);
        for (const [index, number] of kept.entries()) {
            this.segments.push(await this.replaySegment(number, index === kept.length - 1));
        }
        // The checkpoint's position was given out when it was written: later segments may hold it already.
        this.seq = Math.max(this.seq, checkpointSeq);
        if (this.segments.length === 0) {
            this.segments.push(await this.createSegment(Math.max(fromSegment, 1)));
        }
        this.handle = await fs.open(this.current.file, 'r+');
    }

    protected async removeTemporaries(): Promise<void> {
        for (const name of await fs.readdir(this.options.folder)) {
            if (name.endsWith(TEMPORARY_SUFFIX)) {
                await fs.rm(path.join(this.options.folder, name), { force: true });
            }
        }
    }

    protected async replaySegment(number: number, last: boolean): Promise<Segment> {
        const file = segmentPath(this.options.folder, number);
        const segment: Segment = { number, file, size: 0, events: 0, lastSeq: undefined, lastWrittenAt: 0, spans: [] };
        const scan = await scanRecords(file, 0, this.options.logger, (record, line) => this.applyRecord(segment, record, line));
        segment.size = scan.completeBytes;
        if (scan.tornBytes > 0) {
            if (last) {
                // The line being written when Presswork stopped: never acknowledged, so cut off.
                this.options.logger.warn(`The event journal's ${file} ends with ${scan.tornBytes} bytes of an unfinished line (a crash while writing); they are removed.`);
                await fs.truncate(file, scan.completeBytes);
            } else {
                this.options.logger.error(`The event journal's ${file} ends with ${scan.tornBytes} bytes of an unfinished line; they are skipped.`);
            }
        }
        if (segment.lastWrittenAt === 0) {
            segment.lastWrittenAt = (await fs.stat(file)).mtimeMs;
        }
        return segment;
    }

    protected async createSegment(number: number): Promise<Segment> {
        const file = segmentPath(this.options.folder, number);
        const handle = await fs.open(file, 'a', 0o600);
        await handle.close();
        await syncFolder(this.options.folder);
        return { number, file, size: 0, events: 0, lastSeq: undefined, lastWrittenAt: this.now(), spans: [] };
    }

    protected get current(): Segment {
        return this.segments[this.segments.length - 1];
    }

    /** Takes a record into memory: its events, ids, spans and snapshots (at open and after each write). */
    protected applyRecord(segment: Segment, record: JournalRecord, line: Pick<SegmentLine, 'offset' | 'length'>): PressworkEvent[] {
        const events = indexRecord(segment, record.e ?? [], line, this.seq, seq =>
            this.options.logger.error(`The event journal's ${segment.file} repeats position ${seq} at byte ${line.offset}; that event is skipped.`));
        if (events.length > 0) {
            this.seq = events[events.length - 1].seq;
            segment.events += events.length;
            for (const event of events) {
                this.remember(event.id, segment.number);
            }
            this.recent.push(...events);
            if (this.recent.length > 2 * this.recentEvents) {
                this.recent = this.recent.slice(this.recent.length - this.recentEvents);
            }
        }
        for (const [source, document, snapshot] of record.s ?? []) {
            this.setSnapshot(source, document, snapshot === null || snapshot === undefined ? null : JSON.stringify(snapshot));
        }
        (record.b ?? []).forEach(source => this.baselined.add(source));
        segment.lastWrittenAt = Math.max(segment.lastWrittenAt, Date.parse(record.w) || 0);
        return events;
    }

    protected remember(id: string, segment: number): void {
        this.ids.delete(id);
        this.ids.set(id, segment);
        if (this.ids.size > this.rememberedIds) {
            this.ids.delete(this.ids.keys().next().value!);
        }
    }

    protected setSnapshot(source: string, document: string, snapshot: string | null): void {
        let documents = this.snapshots.get(source);
        if (!documents) {
            documents = new Map();
            this.snapshots.set(source, documents);
        }
        if (snapshot === null) {
            documents.delete(document);
        } else {
            documents.set(document, snapshot);
        }
    }

    // --- append ---

    /** Writes batch after batch until no append waits. Never rejects: each batch settles its own callers. */
    protected async flushAll(): Promise<void> {
        try {
            await this.open();
            while (this.queue.length > 0) {
                await this.flush(this.queue.splice(0));
            }
        } catch (error) {
            // The journal could not be opened: every waiting append fails with the reason.
            const failure = new JournalWriteError(`the event journal could not be opened: ${describe(error)}`);
            this.queue.splice(0).forEach(pending => pending.reject(failure));
        } finally {
            this.flushing = false;
        }
    }

    protected async flush(batch: readonly PendingEntry[]): Promise<void> {
        const written = new Date(this.now()).toISOString();
        const seen = new Set<string>();
        let seq = this.seq;
        const lines: { readonly text: Buffer; readonly events: PressworkEvent[]; readonly pending: PendingEntry }[] = [];
        for (const pending of batch) {
            const events: PressworkEvent[] = [];
            for (const draft of pending.entry.drafts) {
                if (!this.ids.has(draft.id) && !seen.has(draft.id)) {
                    seen.add(draft.id);
                    events.push({ ...draft, seq: ++seq });
                }
            }
            const snapshots = pending.entry.snapshots ?? [];
            const baselines = pending.entry.baselines ?? [];
            const text = events.length + snapshots.length + baselines.length > 0 ? Buffer.from(recordLine(written, events, snapshots, baselines), 'utf8') : Buffer.alloc(0);
            lines.push({ text, events, pending });
        }
        const bytes = lines.reduce((sum, line) => sum + line.text.length, 0);
        if (bytes === 0) {
            batch.forEach(pending => pending.resolve([]));
            return;
        }
        try {
            await this.gate.pass(async () => {
                await this.rotateIfFull(bytes, seq - this.seq);
                await this.writeAtEnd(Buffer.concat(lines.map(line => line.text), bytes));
            });
        } catch (error) {
            const failure = error instanceof JournalWriteError ? error : new JournalWriteError(`the event journal could not be written: ${describe(error)}`);
            batch.forEach(pending => pending.reject(failure));
            return;
        }
        const segment = this.current;
        let offset = segment.size;
        const appended: PressworkEvent[] = [];
        for (const line of lines) {
            if (line.text.length > 0) {
                this.applyRecord(segment, { w: written, e: line.events, s: [], b: line.pending.entry.baselines }, { offset, length: line.text.length });
                // Kept as the text written: no parse-and-print round trip.
                for (const [source, document, snapshot] of line.pending.entry.snapshots ?? []) {
                    this.setSnapshot(source, document, snapshot);
                }
                offset += line.text.length;
            }
            appended.push(...line.events);
            line.pending.resolve(line.events);
        }
        segment.size = offset;
        if (appended.length > 0) {
            try {
                this.onDidAppendEmitter.fire(appended);
            } catch (error) {
                this.options.logger.error('A listener of the event journal failed', error);
            }
        }
    }

    /** Writes at the end of the current segment and flushes it; on failure cuts the segment back, so no half line stays. */
    protected async writeAtEnd(content: Buffer): Promise<void> {
        const handle = this.handle;
        if (!handle) {
            throw new JournalWriteError('the event journal is closed');
        }
        const start = this.current.size;
        try {
            let done = 0;
            while (done < content.length) {
                const { bytesWritten } = await handle.write(content, done, content.length - done, start + done);
                done += bytesWritten;
            }
            await this.syncFile(handle);
        } catch (error) {
            await handle.truncate(start).catch(truncateError =>
                this.options.logger.error(`The event journal could not cut ${this.current.file} back after a failed write; the next open removes the unfinished line`, truncateError));
            throw error;
        }
    }

    protected async rotateIfFull(bytes: number, events: number): Promise<void> {
        const segment = this.current;
        if (segment.size === 0 || (segment.size + bytes <= this.maxSegmentBytes && segment.events + events <= this.maxSegmentEvents)) {
            return;
        }
        await this.handle?.close();
        this.handle = undefined;
        const next = await this.createSegment(segment.number + 1);
        this.segments.push(next);
        this.handle = await fs.open(next.file, 'r+');
        await this.pruneSegments();
    }

    // --- pruning ---

    protected pruneNow(): Promise<void> {
        return this.gate.pass(() => this.pruneSegments());
    }

    /** Within the exclusive chain and the gate: the checkpoint first, then the segments it covers. */
    protected async pruneSegments(): Promise<void> {
        if (!this.handle) {
            return;
        }
        const before = this.now() - this.retentionMs;
        const held = this.holds.size > 0 ? Math.min(...this.holds.values()) : Infinity;
        let count = 0;
        while (count < this.segments.length - 1) {
            const segment = this.segments[count];
            if (segment.lastWrittenAt >= before || (segment.lastSeq ?? 0) > held) {
                break;
            }
            count++;
        }
        if (count === 0) {
            return;
        }
        const pruned = this.segments.slice(0, count);
        const fromSegment = this.segments[count].number;
        await writeCheckpoint(this.options.folder, fromSegment, this.seq, this.snapshots, this.baselined);
        for (const segment of pruned) {
            await fs.rm(segment.file, { force: true });
        }
        await syncFolder(this.options.folder);
        this.segments = this.segments.slice(count);
        for (const [id, segment] of this.ids) {
            if (segment >= fromSegment) {
                break;
            }
            this.ids.delete(id);
        }
        this.options.logger.info(`The event journal removed ${count} segment(s) older than ${Math.round(this.retentionMs / DAY_MS)} days (up to position ${pruned[count - 1].lastSeq ?? 'none'}).`);
    }
}

function describe(error: unknown): string {
    return error instanceof Error ? error.message : String(error);
}
