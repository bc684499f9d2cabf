import { open } from 'node:fs/promises';
import { PDFDocument, ParseSpeeds } from 'pdf-lib';
import type { PrintFilePages } from '@presswork/platform/lib/common/job-schema';

/** The PDF header may start anywhere in the first 1024 bytes (ISO 32000-1, annex H). */
const HEADER_WINDOW = 1024;

/**
 * Reads a PDF whole and tells its page count and its first page's finished size: the trim box
 * (else crop box, else media box), turned when the page is rotated a quarter. Blocks while it
 * parses: call it only inside the worker.
 */
export async function pagesOfPdf(path: string): Promise<PrintFilePages> {
    const handle = await open(path, 'r');
    let bytes: Buffer;
    try {
        bytes = await handle.readFile();
    } finally {
        await handle.close();
    }
    if (!bytes.subarray(0, HEADER_WINDOW).includes('%PDF-')) {
        return { unreadable: 'The print file is not a PDF' };
    }
    const document = await PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false, throwOnInvalidObject: false, parseSpeed: ParseSpeeds.Fastest });
    const count = document.getPageCount();
    if (count === 0) {
        return { unreadable: 'The PDF has no pages' };
    }
    const page = document.getPage(0);
    const box = page.getTrimBox();
    const quarterTurned = Math.abs(page.getRotation().angle) % 180 === 90;
    const [width, height] = quarterTurned ? [box.height, box.width] : [box.width, box.height];
    return { count, width: round(Math.abs(width)), height: round(Math.abs(height)) };
}

/** Hundredths of a point: more than any printer resolves, and stable on record. */
function round(points: number): number {
    return Math.round(points * 100) / 100;
}
