import * as fs from 'node:fs/promises';

const CHUNK_BYTES = 256 * 1024;

/** Whether two files hold the same bytes; false when either is missing or not a regular file. */
export async function haveSameContent(first: string, second: string): Promise<boolean> {
    const [a, b] = await Promise.all([statOrUndefined(first), statOrUndefined(second)]);
    if (!a?.isFile() || !b?.isFile() || a.size !== b.size) {
        return false;
    }
    const [left, right] = await Promise.all([fs.open(first, 'r'), fs.open(second, 'r')]);
    try {
        const leftBuffer = Buffer.alloc(CHUNK_BYTES);
        const rightBuffer = Buffer.alloc(CHUNK_BYTES);
        for (let position = 0; position < a.size; position += CHUNK_BYTES) {
            const [leftRead, rightRead] = await Promise.all([
                left.read(leftBuffer, 0, CHUNK_BYTES, position),
                right.read(rightBuffer, 0, CHUNK_BYTES, position)
            ]);
            if (leftRead.bytesRead !== rightRead.bytesRead
                || !leftBuffer.subarray(0, leftRead.bytesRead).equals(rightBuffer.subarray(0, rightRead.bytesRead))) {
                return false;
            }
        }
        return true;
    } finally {
        await Promise.all([left.close(), right.close()]);
    }
}

async function statOrUndefined(file: string): Promise<import('node:fs').Stats | undefined> {
    try {
        return await fs.stat(file);
    } catch {
        return undefined;
    }
}
