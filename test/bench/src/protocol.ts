/** What the benchmark asks of its child processes, and what they send back. */

/** Update randomly chosen existing orders of the store in `folder`. */
export interface StoreUpdateTarget {
    readonly kind: 'store-update';
    readonly folder: string;
}

/** Append one order's bytes to `file` and flush them with fdatasync. */
export interface AppendTarget {
    readonly kind: 'append';
    readonly file: string;
}

export type WriteTarget = StoreUpdateTarget | AppendTarget;

export type WriterRequest = WriteTarget & {
    /** Picks which documents are updated, the same ones on every run. */
    readonly seed: number;
};

/** Parent to writer: time this many writes, or close and end. */
export type WriterCommand = { readonly kind: 'measure'; readonly writes: number } | { readonly kind: 'stop' };

/** Writer to parent: ready once its target is open; then milliseconds per write for each `measure`. */
export type WriterReply = { readonly kind: 'ready' } | { readonly kind: 'samples'; readonly millis: number[] };

/** What opening a store cost in a fresh process. Memory in bytes. */
export interface OpenMeasurement {
    readonly openMillis: number;
    readonly documents: number;
    readonly problems: number;
    readonly rssBefore: number;
    readonly rssAfter: number;
    readonly heapUsedAfter: number;
}
