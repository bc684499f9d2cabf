import * as fs from 'node:fs/promises';
import type { ILogger } from '@theia/core/lib/common/logger';
import type { PressworkEvent } from '@presswork/platform/lib/common/presswork-events';
import type { EventJournal } from './event-journal';
import { readCheckpoint } from './journal-checkpoint';
import { indexRecord, readIndexedEvents, scanRecords } from './journal-index';
import type { IndexedSegment } from './journal-index';
import { listSegments, segmentPath } from './journal-segments';

export interface JournalReaderOptions {
    /** `<data>/notifications/journal`, written by the leader's `FileEventJournal`. */
    readonly folder: string;
    readonly logger: ILogger;
}

interface ReadSegment extends IndexedSegment {
    /** Bytes indexed: up to the end of the last complete line seen. */
    scanned: number;
}

/** The journal's pages as a reader sees them: the same on the leader (`EventJournal`) and on the others (`JournalReader`). */
export type JournalPages = Pick<EventJournal, 'lastSeq' | 'read'>;

/**
 * The event journal as a server that does not lead sees it: the leader's segment files on the
 * shared folder, read only (nothing is created, written, cut or pruned here). `refresh` looks at
 * the folder again: segments pruned meanwhile are dropped, new ones (a rotation) indexed, and the
 * last one read on from where the previous look stopped; its trailing bytes without a newline are
 * the leader's append under way, not an event yet. Lines are parsed and paged by the writer's own
 * code (journal-index), so a page here is the page the leader gives for the same position.
 *
 * A line is seen once written, which may be a moment before the leader's fsync returns. Should
 * that fsync fail (a failing disk), the leader cuts the line back (here `cutBack` forgets it) and
 * gives its positions to the next events: a caller that read the line in that moment has seen
 * events the journal then does not hold. Closing that gap needs the leader to publish how far it
 * has flushed.
 */
export class JournalReader implements JournalPages {
    protected segments: ReadSegment[] = [];
    protected seq = 0;
    /** The checkpoint's: segments before `fromSegment` are pruned (or being pruned); positions up to `lastSeq` were given out. */
    protected fromSegment = 1;
    protected checkpointSeq = 0;
    protected looking: Promise<void> = Promise.resolve();
    /** The look that starts once the work under way ends, shared by the calls made meanwhile. */
    protected queued: Promise<void> | undefined;

    constructor(protected readonly options: JournalReaderOptions) { }

    /** The position of the last event seen at the last `refresh` (or the last given out before a pruning). */
    get lastSeq(): number {
        return Math.max(this.seq, this.checkpointSeq);
    }

    /** Looks at the folder again (after the look under way, if any: that one may have begun before the call). */
    refresh(): Promise<void> {
        this.queued ??= this.enqueue(async () => {
            this.queued = undefined;
            await this.look();
        });
        return this.queued;
    }

    /** Looks and forgets run one at a time. */
    protected enqueue(work: () => Promise<void>): Promise<void> {
        this.looking = this.looking.catch(() => undefined).then(work);
        return this.looking;
    }

    /** Lets the index go (this server leads and pages its own journal); the next `refresh` builds it again. */
    forget(): Promise<void> {
        return this.enqueue(async () => {
            this.segments = [];
            this.seq = 0;
            this.fromSegment = 1;
            this.checkpointSeq = 0;
        });
    }

    /** Up to `limit` events after `afterSeq` as of the last `refresh`, oldest first (as `EventJournal.read`). */
    async read(afterSeq: number, limit: number): Promise<readonly PressworkEvent[]> {
        const count = Math.max(0, Math.floor(limit));
        if (count === 0 || afterSeq >= this.seq) {
            return [];
        }
        return readIndexedEvents(this.segments, afterSeq, count);
    }

    protected async look(): Promise<void> {
        const numbers = await this.listSegments();
        const known = new Set(this.segments.map(segment => segment.number));
        if (this.segments.some(segment => !numbers.includes(segment.number)) || this.segments.length === 0) {
            // A pruning writes its checkpoint before removing segments.
            await this.readCheckpoint();
        }
        this.segments = this.segments.filter(segment => numbers.includes(segment.number) && segment.number >= this.fromSegment);
        const last = this.segments[this.segments.length - 1]?.number ?? 0;
        for (const number of numbers.filter(candidate => !known.has(candidate) && candidate > last && candidate >= this.fromSegment)) {
            this.segments.push({ number, file: segmentPath(this.options.folder, number), lastSeq: undefined, spans: [], scanned: 0 });
        }
        // Only the last segment grows; a rotation closes it and starts the next ones.
        for (const segment of this.segments.filter(candidate => candidate.number >= last)) {
            await this.readOn(segment);
        }
    }

    /** The segment numbers, with the next one after them when a cached listing (NFS) does not show it yet. */
    protected async listSegments(): Promise<number[]> {
        let numbers: number[];
        try {
            numbers = await listSegments(this.options.folder);
        } catch (error) {
            if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
                return []; // no leader has written the journal yet
            }
            throw error;
        }
        for (let next = (numbers[numbers.length - 1] ?? 0) + 1; await exists(segmentPath(this.options.folder, next)); next++) {
            numbers.push(next);
        }
        return numbers;
    }

    protected async readCheckpoint(): Promise<void> {
        try {
            const checkpoint = await readCheckpoint(this.options.folder);
            this.fromSegment = checkpoint?.fromSegment ?? 1;
            this.checkpointSeq = checkpoint?.lastSeq ?? 0;
        } catch (error) {
            this.options.logger.warn(`The event journal's checkpoint could not be read (${error instanceof Error ? error.message : String(error)}); the kept segments are read without it.`);
        }
    }

    /** Indexes the complete lines added to a segment since the last look. */
    protected async readOn(segment: ReadSegment): Promise<void> {
        try {
            const size = (await fs.stat(segment.file)).size;
            if (size < segment.scanned) {
                this.cutBack(segment, size);
            }
            if (size > segment.scanned) {
                const scan = await scanRecords(segment.file, segment.scanned, this.options.logger, (record, line) => {
                    const events = indexRecord(segment, record.e ?? [], line, this.seq, () => undefined);
                    if (events.length > 0) {
                        this.seq = events[events.length - 1].seq;
                    }
                });
                segment.scanned = scan.completeBytes;
            }
        } catch (error) {
            if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
                throw error;
            }
            // Pruned since the listing: the next look drops it.
        }
    }

    /** The leader cut the segment back (a failed write): what lay past the cut is forgotten, and read again from the last record kept. */
    protected cutBack(segment: ReadSegment, size: number): void {
        const kept = segment.spans.filter(span => span.offset + span.length <= size);
        segment.spans.splice(kept.length);
        const last = kept[kept.length - 1];
        segment.lastSeq = last?.lastSeq;
        segment.scanned = last ? last.offset + last.length : 0;
        this.seq = Math.max(0, ...this.segments.map(candidate => candidate.lastSeq ?? 0));
    }
}

function exists(file: string): Promise<boolean> {
    return fs.stat(file).then(() => true, () => false);
}
