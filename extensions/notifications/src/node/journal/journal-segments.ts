import * as fs from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import * as path from 'node:path';

/** Segment files are numbered in the order they were started: `segment-00000001.jsonl`. */
const SEGMENT_NAME = /^segment-(\d{8,})\.jsonl$/;

export function segmentFileName(number: number): string {
    return `segment-${String(number).padStart(8, '0')}.jsonl`;
}

/** The segment numbers in `folder`, oldest first. */
export async function listSegments(folder: string): Promise<number[]> {
    const names = await fs.readdir(folder);
    return names.map(name => SEGMENT_NAME.exec(name)).filter(match => !!match).map(match => Number(match![1])).sort((a, b) => a - b);
}

/** One newline-terminated line of a segment, with where its bytes are. */
export interface SegmentLine {
    readonly offset: number;
    readonly length: number;
    readonly text: string;
}

export interface SegmentScan {
    /** Bytes (from the file's start) up to the end of the last newline-terminated line: what a torn tail is cut back to. */
    readonly completeBytes: number;
    /** Bytes after it (a line torn by a crash in the middle of a write). */
    readonly tornBytes: number;
}

const NEWLINE = 0x0a;

/**
 * Reads a segment line by line from byte `from` (the start of a line), without holding the file in
 * memory; `onLine` gets each complete line. Read in chunks, so a long replay gives the event loop a
 * turn between them.
 */
export async function scanSegment(file: string, onLine: (line: SegmentLine) => void, from = 0): Promise<SegmentScan> {
    let offset = from;
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    for await (const chunk of createReadStream(file, { start: from, highWaterMark: 1024 * 1024 }) as AsyncIterable<Buffer>) {
        let start = 0;
        let newline = chunk.indexOf(NEWLINE, start);
        while (newline >= 0) {
            const piece = chunk.subarray(start, newline);
            const bytes = pendingBytes > 0 ? Buffer.concat([...pending, piece]) : piece;
            onLine({ offset, length: bytes.length + 1, text: bytes.toString('utf8') });
            offset += bytes.length + 1;
            pending = [];
            pendingBytes = 0;
            start = newline + 1;
            newline = chunk.indexOf(NEWLINE, start);
        }
        if (start < chunk.length) {
            pending.push(chunk.subarray(start));
            pendingBytes += chunk.length - start;
        }
    }
    return { completeBytes: offset, tornBytes: pendingBytes };
}

/** Reads `length` bytes at `offset` of a file. */
export async function readBytes(file: string, offset: number, length: number): Promise<Buffer> {
    const handle = await fs.open(file, 'r');
    try {
        const buffer = Buffer.alloc(length);
        const { bytesRead } = await handle.read(buffer, 0, length, offset);
        return buffer.subarray(0, bytesRead);
    } finally {
        await handle.close();
    }
}

export function segmentPath(folder: string, number: number): string {
    return path.join(folder, segmentFileName(number));
}
