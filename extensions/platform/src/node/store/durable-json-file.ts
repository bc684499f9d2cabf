import * as fs from 'node:fs/promises';
import { openSync, closeSync, fstatSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Adapter } from 'lowdb';
import { MAX_DOCUMENT_BYTES, describeBytes } from '../../common/document-limits';

/** A write refused before it touched the disk: the document is bigger than a read would accept. */
export class OversizeDocumentError extends Error {
    constructor(readonly bytes: number) {
        super(`it would be ${describeBytes(bytes)} stored, more than the ${describeBytes(MAX_DOCUMENT_BYTES)} a document may have`);
    }
}

/** The suffix of a write in progress; such files are incomplete by definition and removed at open. */
export const TEMPORARY_SUFFIX = '.tmp';

/**
 * A lowdb adapter that never leaves a torn file: each write goes to a temporary file in the same
 * folder, is flushed to the disk (fsync), renamed over the document, and the folder itself is
 * flushed so that the rename survives a power cut. A crash at any instant leaves either the old or
 * the new document.
 */
export class DurableJsonFile<T> implements Adapter<T> {

    constructor(readonly file: string) { }

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
        const folder = path.dirname(this.file);
        const temporary = `${this.file}.${randomBytes(6).toString('hex')}${TEMPORARY_SUFFIX}`;
        const handle = await fs.open(temporary, 'wx', 0o600);
        try {
            await handle.writeFile(text);
            await handle.sync();
        } catch (error) {
            await handle.close();
            await fs.rm(temporary, { force: true });
            throw error;
        }
        await handle.close();
        await fs.rename(temporary, this.file);
        await syncFolder(folder);
    }

    /** Removes the document durably. */
    async remove(): Promise<void> {
        await fs.rm(this.file, { force: true });
        await syncFolder(path.dirname(this.file));
    }
}

/** Flushes a folder's entries (creations, renames, removals) to the disk. */
export async function syncFolder(folder: string): Promise<void> {
    const handle = await fs.open(folder, 'r');
    try {
        await handle.sync();
    } finally {
        await handle.close();
    }
}
