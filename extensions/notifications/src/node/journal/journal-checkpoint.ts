import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { z } from 'zod';
import { writeFileDurably } from '@presswork/platform/lib/node/files/durable-file';
import { describeZodError } from '@presswork/platform/lib/common/validation-message';

export const CHECKPOINT_FILE = 'checkpoint.json';

/**
 * What pruned segments held that replay still needs: the last position given out and each source's
 * last snapshots. Replay starts from it and reads the segments from `fromSegment` on; a key those
 * segments touch again takes its value from them, so the snapshots of the moment the checkpoint
 * was written serve for any later suffix of segments.
 */
export const CheckpointSchema = z.object({
    fromSegment: z.number().int().positive(),
    lastSeq: z.number().int().nonnegative(),
    /** Source id -> document id -> snapshot. */
    sources: z.record(z.string(), z.record(z.string(), z.unknown())),
    /** The sources whose baseline is complete. */
    baselined: z.array(z.string())
});
export type Checkpoint = z.infer<typeof CheckpointSchema>;

/** The checkpoint in `folder`, undefined when there is none yet; an unreadable one is an error in words. */
export async function readCheckpoint(folder: string): Promise<Checkpoint | undefined> {
    const file = path.join(folder, CHECKPOINT_FILE);
    let text: string;
    try {
        text = await fs.readFile(file, 'utf8');
    } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
            return undefined;
        }
        throw error;
    }
    let value: unknown;
    try {
        value = JSON.parse(text);
    } catch (error) {
        throw new Error(`${file} is not JSON: ${error instanceof Error ? error.message : String(error)}`);
    }
    const parsed = CheckpointSchema.safeParse(value);
    if (!parsed.success) {
        throw new Error(`${file} is not a journal checkpoint: ${describeZodError(parsed.error)}`);
    }
    return parsed.data;
}

/**
 * The checkpoint's text, the snapshots (JSON text in memory) written in place; written whole or not
 * at all (a temporary file, fsynced, renamed).
 */
export function writeCheckpoint(folder: string, fromSegment: number, lastSeq: number,
    sources: ReadonlyMap<string, ReadonlyMap<string, string>>, baselined: Iterable<string>): Promise<void> {
    const sourceTexts = [...sources].map(([source, documents]) =>
        `${JSON.stringify(source)}:{${[...documents].map(([document, snapshot]) => `${JSON.stringify(document)}:${snapshot}`).join(',')}}`);
    const text = `{"fromSegment":${fromSegment},"lastSeq":${lastSeq},"sources":{${sourceTexts.join(',')}},"baselined":${JSON.stringify([...baselined])}}`;
    return writeFileDurably(path.join(folder, CHECKPOINT_FILE), text, { createFolder: false });
}
