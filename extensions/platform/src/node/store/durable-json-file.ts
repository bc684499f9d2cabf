import { openSync, closeSync, fstatSync, readFileSync } from 'node:fs';
import type { Adapter } from 'lowdb';
import { MAX_DOCUMENT_BYTES, describeBytes } from '../../common/document-limits';
import { removeFileDurably, writeFileDurably } from '../files/durable-file';

/** A write refused before it touched the disk: the document is bigger than a read would accept. */
export class OversizeDocumentError extends Error {
    constructor(readonly bytes: number) {
        super(`it would be ${describeBytes(bytes)} stored, more than the ${describeBytes(MAX_DOCUMENT_BYTES)} a document may have`);
    }
}

/** Writes a file whole and durably (a temporary file, fsynced, renamed, its folder fsynced). */
export type DurableWrite = (file: string, content: Uint8Array) => Promise<void>;

/** Platform's durable write of one file on its own; the store's folder exists already. */
const writeAlone: DurableWrite = (file, content) => writeFileDurably(file, content, { createFolder: false });

/**
 * A lowdb adapter that never leaves a torn file: each write is a durable write, platform's own
 * (files/durable-file.ts) or the store's group commit (group-commit.ts), so a crash at any instant
 * leaves either the old or the new document.
 */
export class DurableJsonFile<T> implements Adapter<T> {

    constructor(readonly file: string, protected readonly durableWrite: DurableWrite = writeAlone) { }

    async read(): Promise<T | null> {
        return this.readSync();
    }

    /**
     * Reads without the thread-pool round trip of the async API: the store opens tens of thousands
     * of small files before anything else runs, where that round trip dominates.
     */
    readSync(): T | null {
        let descriptor: number;
        try {
            descriptor = openSync(this.file, 'r');
        } catch (error) {
            if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
                return null;
            }
            throw error;
        }
        try {
            const { size } = fstatSync(descriptor);
            if (size > MAX_DOCUMENT_BYTES) {
                throw new Error(`file is ${describeBytes(size)}, more than the ${describeBytes(MAX_DOCUMENT_BYTES)} a document may have`);
            }
            return JSON.parse(readFileSync(descriptor, 'utf8')) as T;
        } finally {
            closeSync(descriptor);
        }
    }

    /** Refuses, before anything is written, a document that `readSync` would refuse to read back. */
    async write(data: T): Promise<void> {
        const text = Buffer.from(JSON.stringify(data), 'utf8');
        if (text.byteLength > MAX_DOCUMENT_BYTES) {
            throw new OversizeDocumentError(text.byteLength);
        }
        // The store makes a shard's folder when it creates a document there.
        await this.durableWrite(this.file, text);
    }

    /** Removes the document durably. */
    async remove(): Promise<void> {
        await removeFileDurably(this.file);
    }
}
