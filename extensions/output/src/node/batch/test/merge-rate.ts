import * as fs from 'node:fs/promises';
import { PDFDocument } from 'pdf-lib';
import { mergeBatchDocument } from '../batch-merge-document';

/** Pages per second of the batch merge beside pdf-lib merging the same files alone (the target is a ratio of at least 0.7). */
export interface MergeRate {
    readonly pages: number;
    /** The merge itself (load, copy, slip, save), in the merge worker, beside pdf-lib's load, copy and save. */
    readonly mergePagesPerSecond: number;
    readonly pdfLibPagesPerSecond: number;
    readonly mergeRatio: number;
    /** With the worker hop and the durable write (fsync) of the batch's file, beside pdf-lib with a plain write. */
    readonly endToEndPagesPerSecond: number;
    readonly pdfLibWrittenPagesPerSecond: number;
    readonly endToEndRatio: number;
}

/**
 * Merges `files` (one copy each) both ways, `rounds` times in turn, and compares the median
 * times, counting the jobs' pages only (the slip is the batch merge's extra work). The baseline is
 * plain pdf-lib in this thread: load each file, copyPages, addPage, save (then write the file).
 */
export async function compareMergeRate(files: readonly string[], target: string, rounds = 5): Promise<MergeRate> {
    const times = { merge: [] as number[], endToEnd: [] as number[], pdfLib: [] as number[], pdfLibWritten: [] as number[] };
    let pages = 0;
    for (let round = 0; round < rounds; round++) {
        const started = performance.now();
        const document = await PDFDocument.create();
        for (const file of files) {
            const source = await PDFDocument.load(await fs.readFile(file));
            for (const page of await document.copyPages(source, source.getPageIndices())) {
                document.addPage(page);
            }
        }
        const bytes = await document.save();
        times.pdfLib.push(performance.now() - started);
        await fs.writeFile(`${target}.alone.pdf`, bytes);
        times.pdfLibWritten.push(performance.now() - started);
        pages = document.getPageCount();

        const sent = performance.now();
        const written = await mergeBatchDocument({
            slip: { batchId: 'B-0001', releaseReason: 'measured' },
            members: files.map((file, index) => ({ file, copies: 1, orderNumber: `PW-${index}`, jobName: `Job ${index}` }))
        }, target);
        times.endToEnd.push(performance.now() - sent);
        times.merge.push(written.timings.loadMs + written.timings.copyMs + written.timings.saveMs);
    }
    const rate = (values: number[]): number => pages / ([...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] / 1000);
    const [merge, pdfLib, endToEnd, pdfLibWritten] = [rate(times.merge), rate(times.pdfLib), rate(times.endToEnd), rate(times.pdfLibWritten)];
    return {
        pages, mergePagesPerSecond: merge, pdfLibPagesPerSecond: pdfLib, mergeRatio: merge / pdfLib,
        endToEndPagesPerSecond: endToEnd, pdfLibWrittenPagesPerSecond: pdfLibWritten, endToEndRatio: endToEnd / pdfLibWritten
    };
}
