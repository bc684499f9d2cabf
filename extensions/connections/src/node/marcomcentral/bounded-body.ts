/** Reading a response body into memory without ever holding more than a limit. */

export class BodyTooLargeError extends Error {
    override readonly name = 'BodyTooLargeError';
    constructor(readonly limitBytes: number) {
        super(`the body is larger than ${formatBytes(limitBytes)}`);
    }
}

/**
 * Collects a byte stream, counting as it goes. As soon as the count passes `maxBytes` it calls
 * `abort` (which should tear down the connection), stops reading and throws BodyTooLargeError.
 */
export async function readBodyWithLimit(
    body: AsyncIterable<Uint8Array | string> | null | undefined,
    maxBytes: number,
    abort: () => void
): Promise<Buffer> {
    const chunks: Buffer[] = [];
    let total = 0;
    if (!body) {
        return Buffer.alloc(0);
    }
    for await (const chunk of body) {
        const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
        total += bytes.byteLength;
        if (total > maxBytes) {
            chunks.length = 0;
            abort();
            throw new BodyTooLargeError(maxBytes);
        }
        chunks.push(bytes);
    }
    return Buffer.concat(chunks, total);
}

/** The size of the blocks readBlocksWithLimit fills: few enough to hand over, small enough that no copy is a long turn. */
export const BODY_BLOCK_BYTES = 1024 * 1024;

/**
 * Collects a byte stream as readBodyWithLimit does, but into blocks of BODY_BLOCK_BYTES, each an
 * ArrayBuffer of its own: the bytes can be handed to a worker without one large copy here (each
 * chunk is copied once, as it arrives, in a turn of its own).
 * @throws BodyTooLargeError past `maxBytes` (after calling `abort`).
 */
export async function readBlocksWithLimit(
    body: AsyncIterable<Uint8Array | string> | null | undefined,
    maxBytes: number,
    abort: () => void
): Promise<Uint8Array<ArrayBuffer>[]> {
    const blocks: Uint8Array<ArrayBuffer>[] = [];
    let block = new Uint8Array(0);
    let filled = 0;
    let total = 0;
    for await (const chunk of body ?? []) {
        let bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
        total += bytes.byteLength;
        if (total > maxBytes) {
            blocks.length = 0;
            abort();
            throw new BodyTooLargeError(maxBytes);
        }
        while (bytes.byteLength > 0) {
            if (filled === block.byteLength) {
                block = new Uint8Array(BODY_BLOCK_BYTES);
                blocks.push(block);
                filled = 0;
            }
            const taken = Math.min(bytes.byteLength, block.byteLength - filled);
            block.set(bytes.subarray(0, taken), filled);
            filled += taken;
            bytes = bytes.subarray(taken);
        }
    }
    if (blocks.length > 0) {
        // The last block, cut to what it holds (a view: the whole buffer is handed over).
        blocks[blocks.length - 1] = block.subarray(0, filled);
    }
    return blocks;
}

export function formatBytes(bytes: number): string {
    const MB = 1024 * 1024;
    if (bytes >= MB && bytes % MB === 0) {
        return `${bytes / MB} MB`;
    }
    if (bytes >= 1024 && bytes % 1024 === 0) {
        return `${bytes / 1024} KB`;
    }
    return `${bytes} bytes`;
}
