import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { DOCUMENT_ID_PATTERN } from '../../../common/identifiers';
import type { StoredDocument } from '../../../common/store-protocol';
import { DurableJsonFile } from '../durable-json-file';
import { compareIds } from './document-checksum';

/** A collection's folder name, as the embedded store names them. */
const COLLECTION_FOLDER = /^[a-z][a-z-]{0,62}$/;

/** The collections an embedded store folder holds: its sub-folders (`<store>/<collection>/<shard>/<id>.json`). */
export async function collectionsIn(storeFolder: string): Promise<string[]> {
    const entries = await fs.readdir(storeFolder, { withFileTypes: true });
    return entries.filter(entry => entry.isDirectory() && COLLECTION_FOLDER.test(entry.name)).map(entry => entry.name).sort(compareIds);
}

/**
 * Every document of a collection folder, in id order, read as the store reads them (no schema: a
 * copy moves what is there). A file that is not a readable document stops the copy: a migration
 * must be complete, so the message names the files to repair or remove first.
 */
export async function readCollection(storeFolder: string, collection: string): Promise<StoredDocument[]> {
    const folder = path.join(storeFolder, collection);
    const documents: StoredDocument[] = [];
    const problems: string[] = [];
    for (const shard of await fs.readdir(folder, { withFileTypes: true })) {
        if (!shard.isDirectory()) {
            continue;
        }
        for (const name of await fs.readdir(path.join(folder, shard.name))) {
            // Interrupted writes leave `.tmp` files, which the store removes at open: not documents.
            if (!name.endsWith('.json')) {
                continue;
            }
            const file = path.join(folder, shard.name, name);
            const problem = documentProblem(file, path.basename(name, '.json'), documents);
            if (problem) {
                problems.push(`${path.relative(storeFolder, file)}: ${problem}`);
            }
        }
    }
    if (problems.length) {
        throw new Error(`${problems.length} file(s) of ${collection} are not documents Presswork can read; repair or remove them first:\n  ` +
            problems.slice(0, 10).join('\n  ') + (problems.length > 10 ? '\n  …' : ''));
    }
    return documents.sort((a, b) => compareIds(a.id, b.id));
}

function documentProblem(file: string, id: string, into: StoredDocument[]): string | undefined {
    let document: unknown;
    try {
        document = new DurableJsonFile<unknown>(file).readSync();
    } catch (error) {
        return error instanceof Error ? error.message : String(error);
    }
    if (!isStoredDocument(document)) {
        return 'it is not a document with an id and a version';
    }
    if (document.id !== id || !DOCUMENT_ID_PATTERN.test(id)) {
        return `it holds the document ${JSON.stringify(document.id)}, not ${id}`;
    }
    into.push(document);
    return undefined;
}

function isStoredDocument(value: unknown): value is StoredDocument {
    const candidate = value as Partial<StoredDocument> | null;
    return typeof candidate === 'object' && candidate !== null && !Array.isArray(candidate)
        && typeof candidate.id === 'string' && Number.isSafeInteger(candidate.version) && candidate.version! > 0;
}
