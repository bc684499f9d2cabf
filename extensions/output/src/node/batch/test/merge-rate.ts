import * as fs from 'node:fs/promises';
import { PDFDocument } from 'pdf-lib';
import { mergeBatchDocument } from '../batch-merge-document';

/** Pages per second of the batch merge (worker, slip, durable write) beside pdf-lib merging the same files alone. */
export interface MergeRate {
    readonly pages: number;
    readonly batchPagesPerSecond: number;
    readonly pdfLibPagesPerSecond: number;
    /** batch ÷ pdf-lib alone (the target is at least 0.7). */
    readonly ratio: number;
}

/**
 * Merges `files` (one copy each) both ways, `rounds` times in turn, and compares the median
 * rates, counting the jobs' pages only (the slip is the batch merge's extra work). The baseline is
 * plain pdf-lib: load each file, copyPages, addPage, save, in this thread.
 */
export async function compareMergeRate(files: readonly string[], target: string, rounds = 3): Promise<MergeRate> {
    const batch: number[] = [];
    const alone: number[] = [];
    let pages = 0;
    for (let round = 0; round < rounds; round++) {
        let started = performance.now();
        const merged = PDFDocument.create();
        const document = await merged;
        for (const file of files) {
            const source = await PDFDocument.load(await fs.readFile(file));
            for (const page of await document.copyPages(source, source.getPageIndices())) {
                document.addPage(page);
            }
        }
        await fs.writeFile(`${target}.alone.pdf`, await document.save());
        alone.push(performance.now() - started);
        pages = document.getPageCount();

        started = performance.now();
        await mergeBatchDocument({
            slip: { batchId: 'B-0001', releaseReason: 'measured' },
            members: files.map((file, index) => ({ file, copies: 1, orderNumber: `PW-${index}`, jobName: `Job ${index}` }))
        }, target);
        batch.push(performance.now() - started);
    }
    const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
    const batchPagesPerSecond = pages / (median(batch) / 1000);
    const pdfLibPagesPerSecond = pages / (median(alone) / 1000);
    return { pages, batchPagesPerSecond, pdfLibPagesPerSecond, ratio: batchPagesPerSecond / pdfLibPagesPerSecond };
}
