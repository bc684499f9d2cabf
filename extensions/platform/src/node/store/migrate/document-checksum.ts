import { createHash } from 'node:crypto';

/** JSON with every object's keys sorted: the same text for the same value, whatever order it was written in. */
export function canonicalJson(value: unknown): string {
    if (Array.isArray(value)) {
        return `[${value.map(canonicalJson).join(',')}]`;
    }
    if (value !== null && typeof value === 'object') {
        const entries = Object.entries(value).filter(([, item]) => item !== undefined).sort(([a], [b]) => compareIds(a, b));
        return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
    }
    return JSON.stringify(value);
}

/** Code-point order: what PostgreSQL's `COLLATE "C"` sorts by, for the ASCII ids documents have. */
export function compareIds(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}

export interface ChecksummedDocument {
    readonly id: string;
    readonly version: number;
    readonly body: unknown;
}

/**
 * A collection's fingerprint: the count, and a SHA-256 over (id, version, canonical body) of every
 * document, fed in id order. Two sides agree only if they hold the same documents at the same versions.
 */
export class CollectionChecksum {
    protected readonly hash = createHash('sha256');
    protected last: string | undefined;
    count = 0;

    add(document: ChecksummedDocument): void {
        if (this.last !== undefined && compareIds(this.last, document.id) >= 0) {
            throw new Error(`documents must be added in id order (${document.id} after ${this.last})`);
        }
        this.last = document.id;
        this.count++;
        this.hash.update(`${JSON.stringify(document.id)}\u0000${document.version}\u0000${canonicalJson(document.body)}\n`);
    }

    digest(): string {
        return this.hash.digest('hex');
    }
}
