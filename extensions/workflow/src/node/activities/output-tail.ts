/**
 * Keeps the last `limitBytes` of a stream of output, whatever its length, so a chatty program
 * cannot fill the memory or the job log.
 */
export class OutputTail {
    protected readonly chunks: Buffer[] = [];
    protected size = 0;
    protected dropped = 0;

    constructor(readonly limitBytes: number) { }

    push(chunk: Buffer): void {
        this.chunks.push(chunk);
        this.size += chunk.length;
        while (this.size > this.limitBytes) {
            const first = this.chunks[0];
            const excess = this.size - this.limitBytes;
            if (first.length <= excess) {
                this.chunks.shift();
                this.size -= first.length;
                this.dropped += first.length;
            } else {
                this.chunks[0] = first.subarray(excess);
                this.size -= excess;
                this.dropped += excess;
            }
        }
    }

    /** Bytes that did not fit and were left out from the start. */
    get droppedBytes(): number {
        return this.dropped;
    }

    text(): string {
        return Buffer.concat(this.chunks).toString('utf8');
    }
}

/**
 * Splits text into pieces of at most `maxChars`, at line ends where possible, for log entries
 * that are bounded in size.
 */
export function splitForLog(text: string, maxChars: number): string[] {
    const pieces: string[] = [];
    let rest = text.replace(/\s+$/, '');
    while (rest.length > maxChars) {
        const lineEnd = rest.lastIndexOf('\n', maxChars);
        const cut = lineEnd > maxChars / 2 ? lineEnd : maxChars;
        pieces.push(rest.slice(0, cut));
        rest = rest.slice(cut).replace(/^\n/, '');
    }
    if (rest) {
        pieces.push(rest);
    }
    return pieces;
}
