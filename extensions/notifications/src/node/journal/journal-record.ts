import { z } from 'zod';
import { TimestampSchema } from '@presswork/platform/lib/common/identifiers';
import { describeZodError } from '@presswork/platform/lib/common/validation-message';
import { PressworkEventIdSchema, PressworkEventNameSchema } from '@presswork/platform/lib/common/presswork-events';
import type { PressworkEvent } from '@presswork/platform/lib/common/presswork-events';

/**
 * One line of a journal segment: the events of one append with the source snapshots that produced
 * them, written together so that a crash keeps both or neither. `s` entries are
 * `[sourceId, documentId, snapshot]`, a null snapshot meaning the document is gone; `b` names the
 * sources whose first snapshots (the baseline, taken without events) are complete with this line.
 */
export interface JournalRecord {
    /** When the line was written (ISO time): retention goes by it. */
    readonly w: string;
    readonly e?: readonly PressworkEvent[];
    readonly s?: readonly SnapshotEntry[];
    readonly b?: readonly string[];
}

export type SnapshotEntry = readonly [sourceId: string, documentId: string, snapshot: unknown];

/** Events are checked whole when they enter (parseEventDraft); a line read back is checked for shape. */
const JournaledEventSchema = z.object({
    seq: z.number().int().positive(),
    id: PressworkEventIdSchema,
    name: PressworkEventNameSchema,
    at: TimestampSchema,
    subject: z.string().min(1).max(300),
    payload: z.record(z.string(), z.unknown())
});

const SourceIdSchema = z.string().min(1).max(200);

export const JournalRecordSchema = z.object({
    w: TimestampSchema,
    e: z.array(JournaledEventSchema).optional(),
    s: z.array(z.tuple([SourceIdSchema, z.string().min(1).max(300), z.unknown()])).optional(),
    b: z.array(SourceIdSchema).optional()
});

/** A snapshot as the journal keeps it in memory and writes it: JSON text, null when the document is gone. */
export type SnapshotText = string | null;
export type SnapshotTextEntry = readonly [sourceId: string, documentId: string, snapshot: SnapshotText];

/**
 * The line written for a record (one JSON object, then a newline). Snapshots come as JSON text
 * already (the runtime compares them as text) and are written in place, not encoded twice.
 */
export function recordLine(written: string, events: readonly PressworkEvent[], snapshots: readonly SnapshotTextEntry[], baselines: readonly string[]): string {
    const parts = [`"w":${JSON.stringify(written)}`];
    if (events.length > 0) {
        parts.push(`"e":${JSON.stringify(events)}`);
    }
    if (snapshots.length > 0) {
        parts.push(`"s":[${snapshots.map(([source, document, snapshot]) => `[${JSON.stringify(source)},${JSON.stringify(document)},${snapshot ?? 'null'}]`).join(',')}]`);
    }
    if (baselines.length > 0) {
        parts.push(`"b":${JSON.stringify(baselines)}`);
    }
    return `{${parts.join(',')}}\n`;
}

/** The record on a line read back, or the reason it is not one. */
export function parseRecordLine(line: string): { record: JournalRecord } | { problem: string } {
    let value: unknown;
    try {
        value = JSON.parse(line);
    } catch (error) {
        return { problem: `not JSON (${error instanceof Error ? error.message : String(error)})` };
    }
    const parsed = JournalRecordSchema.safeParse(value);
    if (!parsed.success) {
        return { problem: describeZodError(parsed.error) };
    }
    return { record: parsed.data as JournalRecord };
}
