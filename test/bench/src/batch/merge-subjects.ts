import * as fs from 'node:fs/promises';
import { PDFDocument } from 'pdf-lib';

/** One merge of the same files: the pages the merged document holds, and how long it took. */
export interface MergeRun {
    readonly pages: number;
    readonly millis: number;
}

/**
 * The baseline: pdf-lib alone, as a plain program merges PDFs: read and load each file, copy all
 * its pages into one new document, save it to bytes (written nowhere: the file system is not
 * what is compared).
 */
export async function mergeWithPdfLib(files: readonly string[]): Promise<MergeRun> {
    const started = performance.now();
    const merged = await PDFDocument.create();
    for (const file of files) {
        const source = await PDFDocument.load(await fs.readFile(file));
        for (const page of await merged.copyPages(source, source.getPageIndices())) {
            merged.addPage(page);
        }
    }
    await merged.save();
    return { pages: merged.getPageCount(), millis: performance.now() - started };
}
