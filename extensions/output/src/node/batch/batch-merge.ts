import { readFile } from 'node:fs/promises';
import { PDFDocument, PDFPage, ParseSpeeds } from 'pdf-lib';
import { BatchSlip, BatchSlipRow, DEFAULT_SLIP_SIZE, PageSize, drawBatchSlip } from './batch-slip';

/** One job of the merge: its print file, repeated to its copies. */
export interface MergeMember {
    readonly file: string;
    readonly copies: number;
    readonly orderNumber: string;
    readonly jobName: string;
}

/** What the merged document is made of: the slip's words (its rows come from the members) and the jobs in order. */
export interface MergeRequest {
    readonly slip: Omit<BatchSlip, 'rows'>;
    readonly members: readonly MergeMember[];
}

/** How long each part of a merge took, in milliseconds: for the benchmark. */
export interface MergeTimings {
    readonly loadMs: number;
    readonly copyMs: number;
    readonly saveMs: number;
}

export interface MergedDocument {
    readonly bytes: Uint8Array;
    /** All pages: slip pages, then each job's pages × copies. */
    readonly pages: number;
    readonly slipPages: number;
    /** Each member's own page count (one copy), in order. */
    readonly memberPages: readonly number[];
    readonly timings: MergeTimings;
}

/**
 * The batch's one document: the slip, then each member's pages repeated to its copies, in order.
 * Each member's pages are copied into the document once; every further copy is a new page object
 * that shares the copied content streams and resources, so 250 copies cost 250 small page
 * dictionaries, not 250 deep copies. Blocks while it parses and writes: call it in the worker.
 */
export async function mergeBatchPdf(request: MergeRequest): Promise<MergedDocument> {
    const started = performance.now();
    // The files are read side by side (the disk's time overlaps), then parsed one after another.
    const files = await Promise.all(request.members.map(member => readFile(member.file)));
    const sources: PDFDocument[] = [];
    for (const bytes of files) {
        sources.push(await PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false, parseSpeed: ParseSpeeds.Fastest }));
    }
    const loaded = performance.now();

    const merged = await PDFDocument.create({ updateMetadata: false });
    const memberPages: number[] = [];
    for (const [index, source] of sources.entries()) {
        const copied = await merged.copyPages(source, source.getPageIndices());
        memberPages.push(copied.length);
        for (let copy = 0; copy < request.members[index].copies; copy++) {
            for (const page of copied) {
                merged.addPage(copy === 0 ? page : sharedCopy(merged, page));
            }
        }
    }
    const rows: BatchSlipRow[] = request.members.map((member, index) => ({
        orderNumber: member.orderNumber, jobName: member.jobName, copies: member.copies, pages: memberPages[index]
    }));
    const slipPages = await drawBatchSlip(merged, { ...request.slip, rows }, firstPageSize(sources));
    const copiedAll = performance.now();

    const bytes = await merged.save({ useObjectStreams: false, addDefaultPage: false });
    const saved = performance.now();
    return {
        bytes, pages: merged.getPageCount(), slipPages, memberPages,
        timings: { loadMs: loaded - started, copyMs: copiedAll - loaded, saveMs: saved - copiedAll }
    };
}

/** Another page showing `page`: its own dictionary (a page tree needs one per page), the same contents and resources. */
function sharedCopy(document: PDFDocument, page: PDFPage): PDFPage {
    const leaf = page.node.clone(document.context);
    return PDFPage.of(leaf, document.context.register(leaf), document);
}

/** The first job's page size (its media box, turned when the page is rotated a quarter): the slip feeds from the same tray. */
function firstPageSize(sources: readonly PDFDocument[]): PageSize {
    const first = sources.find(source => source.getPageCount() > 0)?.getPage(0);
    if (!first) {
        return DEFAULT_SLIP_SIZE;
    }
    const { width, height } = first.getMediaBox();
    return Math.abs(first.getRotation().angle) % 180 === 90 ? { width: Math.abs(height), height: Math.abs(width) } : { width: Math.abs(width), height: Math.abs(height) };
}
