import type { ILogger } from '@theia/core/lib/common/logger';
import type { PressworkEvent } from '@presswork/platform/lib/common/presswork-events';
import type { JournalRecord } from './journal-record';
import { parseRecordLine } from './journal-record';
import { readBytes, scanSegment } from './journal-segments';
import type { SegmentLine, SegmentScan } from './journal-segments';

/**
 * What the journal's writer and its read-only readers (`JournalReader`) both know of the segments:
 * where each record with events lies, so that a page is read from the disk by the same code on
 * every server.
 */

/** Where a record with events lies in its segment, for reads from the disk. */
export interface RecordSpan {
    readonly offset: number;
    readonly length: number;
    readonly firstSeq: number;
    readonly lastSeq: number;
}

export interface IndexedSegment {
    readonly number: number;
    readonly file: string;
    lastSeq: number | undefined;
    readonly spans: RecordSpan[];
}

const MiB = 1024 * 1024;
/** Bad lines named in the log per segment scan; the rest are counted. */
const REPORTED_BAD_LINES = 10;
/** Bytes read at once when paging from the disk. */
const READ_CHUNK_BYTES = MiB;

/**
 * Scans a segment's complete lines from byte `from`, giving each record to `onRecord`; a damaged
 * line is named in the log and skipped. The bytes after the last newline are not a record yet.
 */
export async function scanRecords(file: string, from: number, logger: ILogger,
    onRecord: (record: JournalRecord, line: SegmentLine) => void): Promise<SegmentScan> {
    let badLines = 0;
    const scan = await scanSegment(file, line => {
        const parsed = parseRecordLine(line.text);
        if ('problem' in parsed) {
            if (++badLines <= REPORTED_BAD_LINES) {
                logger.error(`The event journal's ${file} has a damaged line at byte ${line.offset}, skipped: ${parsed.problem}`);
            }
            return;
        }
        onRecord(parsed.record, line);
    }, from);
    if (badLines > REPORTED_BAD_LINES) {
        logger.error(`The event journal's ${file} has ${badLines} damaged lines in all, skipped.`);
    }
    return scan;
}

/**
 * Indexes a record's events in its segment and returns them, leaving out those at or before
 * `lastSeq` (a position repeated by a damaged journal: `onRepeat` names it).
 */
export function indexRecord(segment: IndexedSegment, events: readonly PressworkEvent[], line: Pick<SegmentLine, 'offset' | 'length'>,
    lastSeq: number, onRepeat: (seq: number) => void): PressworkEvent[] {
    let seq = lastSeq;
    const kept = events.filter(event => {
        if (event.seq <= seq) {
            onRepeat(event.seq);
            return false;
        }
        seq = event.seq;
        return true;
    });
    if (kept.length > 0) {
        segment.spans.push({ offset: line.offset, length: line.length, firstSeq: kept[0].seq, lastSeq: seq });
        segment.lastSeq = seq;
    }
    return kept;
}

/**
 * Up to `count` events after position `afterSeq` from the segments (oldest first), read from the
 * disk by their spans; events in pruned segments are gone, so a page starts at the oldest kept.
 */
export async function readIndexedEvents(segments: readonly IndexedSegment[], afterSeq: number, count: number): Promise<PressworkEvent[]> {
    const events: PressworkEvent[] = [];
    for (const segment of [...segments]) {
        if (segment.lastSeq === undefined || segment.lastSeq <= afterSeq) {
            continue;
        }
        let index = firstIndexAfter(segment.spans, afterSeq, span => span.lastSeq);
        while (index < segment.spans.length && events.length < count) {
            // One read for the spans that can fill the page (they lie one after another).
            const first = segment.spans[index];
            let end = index;
            let wanted = 0;
            while (end < segment.spans.length && wanted < count - events.length && segment.spans[end].offset + segment.spans[end].length - first.offset <= READ_CHUNK_BYTES) {
                wanted += segment.spans[end].lastSeq - Math.max(segment.spans[end].firstSeq - 1, afterSeq);
                end++;
            }
            end = Math.max(end, index + 1);
            const last = segment.spans[end - 1];
            let bytes: Buffer;
            try {
                bytes = await readBytes(segment.file, first.offset, last.offset + last.length - first.offset);
            } catch (error) {
                if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
                    break; // pruned meanwhile
                }
                throw error;
            }
            for (let at = index; at < end; at++) {
                const span = segment.spans[at];
                const parsed = parseRecordLine(bytes.subarray(span.offset - first.offset, span.offset - first.offset + span.length).toString('utf8'));
                if ('record' in parsed) {
                    events.push(...(parsed.record.e ?? []).filter(event => event.seq > afterSeq));
                }
            }
            index = end;
        }
        if (events.length >= count) {
            break;
        }
    }
    return events.slice(0, count);
}

/** The index of the first item whose (last) position is after `seq`, in items ordered by position. */
export function firstIndexAfter<T>(items: readonly T[], seq: number, lastSeqOf: (item: T) => number): number {
    let low = 0;
    let high = items.length;
    while (low < high) {
        const middle = (low + high) >> 1;
        if (lastSeqOf(items[middle]) <= seq) {
            low = middle + 1;
        } else {
            high = middle;
        }
    }
    return low;
}
