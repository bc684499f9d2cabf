import { execFile } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { BarcodeFormat, BinaryBitmap, DecodeHintType, HybridBinarizer, MultiFormatReader, RGBLuminanceSource } from '@zxing/library';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { PNG } from 'pngjs';

/**
 * Job `job`'s page `page` is `pageWidth(job, page)` points wide: every page of a test batch has its
 * own width, so the merged document's order can be read back from its page sizes alone.
 */
export function pageWidth(job: number, page: number): number {
    return 300 + job * 10 + page;
}
export const PAGE_HEIGHT = 420;

/** A real PDF of `pages` pages for test job `job`, each page sized by `pageWidth` and saying "job J page P". */
export async function testPdf(job: number, pages: number): Promise<Uint8Array> {
    const document = await PDFDocument.create();
    const font = await document.embedFont(StandardFonts.Helvetica);
    for (let page = 0; page < pages; page++) {
        document.addPage([pageWidth(job, page), PAGE_HEIGHT]).drawText(`job ${job} page ${page}`, { x: 20, y: 200, size: 18, font });
    }
    return document.save();
}

/** Each page's width in the PDF, rounded: which job page it shows (pageWidth), or a slip page. */
export async function pageWidths(file: string): Promise<number[]> {
    const document = await PDFDocument.load(await fs.readFile(file));
    return document.getPages().map(page => Math.round(page.getWidth()));
}

/**
 * The Code 128 barcode on the PDF's first page: rendered by poppler's `pdftoppm` at 200 dpi (run
 * without a shell) and read with ZXing, as a scanner at the press would read the printed slip.
 */
export async function slipBarcode(file: string): Promise<string> {
    const prefix = path.join(path.dirname(file), `${path.basename(file, '.pdf')}-slip`);
    await promisify(execFile)('pdftoppm', ['-png', '-r', '200', '-f', '1', '-l', '1', '-singlefile', file, prefix]);
    const png = PNG.sync.read(await fs.readFile(`${prefix}.png`));
    const luminances = new Uint8ClampedArray(png.width * png.height);
    for (let pixel = 0; pixel < luminances.length; pixel++) {
        const [red, green, blue] = png.data.subarray(pixel * 4, pixel * 4 + 3);
        luminances[pixel] = (red * 299 + green * 587 + blue * 114) / 1000;
    }
    const hints = new Map<DecodeHintType, unknown>([[DecodeHintType.POSSIBLE_FORMATS, [BarcodeFormat.CODE_128]], [DecodeHintType.TRY_HARDER, true]]);
    const bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(luminances, png.width, png.height)));
    return new MultiFormatReader().decode(bitmap, hints).getText();
}
