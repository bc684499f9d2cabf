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
