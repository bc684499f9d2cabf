import { PDFDocument, degrees } from 'pdf-lib';

export interface SamplePdfOptions {
    readonly pages?: number;
    /** Media box in points; A4 by default. */
    readonly size?: readonly [number, number];
    readonly rotate?: number;
    /** A trim box inside the media box: [x, y, width, height]. */
    readonly trim?: readonly [number, number, number, number];
}

/** A real PDF made with pdf-lib: blank pages of one size. */
export async function samplePdf(options: SamplePdfOptions = {}): Promise<Uint8Array> {
    const document = await PDFDocument.create();
    for (let index = 0; index < (options.pages ?? 1); index++) {
        const page = document.addPage([...options.size ?? [595.28, 841.89]] as [number, number]);
        if (options.rotate) {
            page.setRotation(degrees(options.rotate));
        }
        if (options.trim) {
            page.setTrimBox(...options.trim);
        }
    }
    return document.save();
}
