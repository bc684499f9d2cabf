import * as bwipjs from 'bwip-js';
import { PDFDocument, PDFFont, PDFPage, StandardFonts, rgb } from 'pdf-lib';

/** One job of the batch, as its slip lists it. */
export interface BatchSlipRow {
    readonly orderNumber: string;
    readonly jobName: string;
    readonly copies: number;
    readonly pages: number;
}

/** What the batch slip says: the batch, how it prints, why it was released, and the jobs it holds. */
export interface BatchSlip {
    readonly batchId: string;
    readonly media?: string;
    readonly sides?: string;
    readonly printer?: string;
    readonly releaseReason?: string;
    readonly rows: readonly BatchSlipRow[];
}

/** A page's size in points. */
export interface PageSize {
    readonly width: number;
    readonly height: number;
}

/** The slip when the jobs' pages cannot say (US letter). */
export const DEFAULT_SLIP_SIZE: PageSize = { width: 612, height: 792 };

/** A page smaller than this (a business card) gets a letter-size slip: the table must stay readable. */
const SMALLEST_SLIP: PageSize = { width: 288, height: 360 };
const FONT_SIZE = 9;
const LINE = 12;
/** Code 128 at 1 pt a module reads at 200 dpi and on any printer. */
const MODULE_WIDTH = 1;
const BAR_HEIGHT = 40;
const QUIET_ZONE_MODULES = 10;

/**
 * Draws the batch slip at the front of `document`, on pages of the jobs' own size (so that it
 * feeds from the same tray): the batch id as a Code 128 barcode and in words, media, sides,
 * printer and release reason, then the table of its jobs (order number, job name, copies, pages),
 * on as many slip pages as the table needs. Resolves to the number of slip pages.
 */
export async function drawBatchSlip(document: PDFDocument, slip: BatchSlip, pageSize: PageSize = DEFAULT_SLIP_SIZE): Promise<number> {
    const size = pageSize.width < SMALLEST_SLIP.width || pageSize.height < SMALLEST_SLIP.height ? DEFAULT_SLIP_SIZE : pageSize;
    const [regular, bold] = await Promise.all([document.embedFont(StandardFonts.Helvetica), document.embedFont(StandardFonts.HelveticaBold)]);
    const margin = Math.min(36, size.width / 12);
    const writer = new SlipWriter(document, size, margin, regular, bold);
    writer.newPage();
    writer.barcode(slip.batchId);
    writer.line(`Batch ${slip.batchId}`, bold, 16);
    writer.gap();
    for (const [label, value] of [['Media', slip.media], ['Sides', slip.sides], ['Printer', slip.printer], ['Released', slip.releaseReason]] as const) {
        if (value) {
            writer.line(`${label}: ${value}`);
        }
    }
    const copies = slip.rows.reduce((sum, row) => sum + row.copies, 0);
    const pages = slip.rows.reduce((sum, row) => sum + row.pages * row.copies, 0);
    writer.line(`${slip.rows.length} ${slip.rows.length === 1 ? 'job' : 'jobs'}, ${copies} copies, ${pages} pages after this slip`);
    writer.gap();
    writer.table(slip.rows);
    return writer.pages;
}

/** Lays the slip's lines top-down, starting a new page (with the table's header again) when one is full. */
class SlipWriter {
    pages = 0;
    protected page: PDFPage;
    /** The page's current font: pdf-lib adds a font resource each time a page's font is set, so it is set only when it changes. */
    protected font: PDFFont | undefined;
    protected y = 0;
    protected readonly columns: readonly { readonly title: string; readonly x: number; readonly width: number; readonly right?: boolean }[];

    constructor(protected readonly document: PDFDocument, protected readonly size: PageSize, protected readonly margin: number,
        protected readonly regular: PDFFont, protected readonly bold: PDFFont) {
        const usable = size.width - 2 * margin;
        const number = Math.min(90, usable * 0.2);
        const count = 42;
        const name = usable - number - 2 * count;
        this.columns = [
            { title: 'Order', x: margin, width: number - 6 },
            { title: 'Job', x: margin + number, width: name - 6 },
            { title: 'Copies', x: margin + number + name, width: count - 6, right: true },
            { title: 'Pages', x: margin + number + name + count, width: count - 6, right: true }
        ];
    }

    newPage(): void {
        this.page = this.document.insertPage(this.pages, [this.size.width, this.size.height]);
        this.pages++;
        this.font = undefined;
        this.y = this.size.height - this.margin;
    }

    barcode(text: string): void {
        const [symbol] = bwipjs.raw('code128', text, {}) as { sbs: number[] }[];
        let x = this.margin + QUIET_ZONE_MODULES * MODULE_WIDTH;
        const bottom = this.y - BAR_HEIGHT;
        symbol.sbs.forEach((modules, index) => {
            const width = modules * MODULE_WIDTH;
            if (index % 2 === 0) {
                this.page.drawRectangle({ x, y: bottom, width, height: BAR_HEIGHT, color: rgb(0, 0, 0) });
            }
            x += width;
        });
        this.y = bottom - LINE;
    }

    line(text: string, font = this.regular, size = FONT_SIZE): void {
        this.room(size + 4);
        this.draw(fitted(text, font, size, this.size.width - 2 * this.margin), this.margin, size, font);
        this.y -= size + 4;
    }

    gap(): void {
        this.y -= LINE / 2;
    }

    table(rows: readonly BatchSlipRow[]): void {
        this.header();
        for (const row of rows) {
            if (!this.fits(LINE)) {
                this.newPage();
                this.header();
            }
            this.cells([row.orderNumber, row.jobName, String(row.copies), String(row.pages)], this.regular);
        }
    }

    protected header(): void {
        this.room(LINE * 2);
        this.cells(this.columns.map(column => column.title), this.bold);
    }

    protected cells(texts: readonly string[], font: PDFFont): void {
        this.columns.forEach((column, index) => {
            const text = fitted(texts[index], font, FONT_SIZE, column.width);
            const x = column.right ? column.x + column.width - font.widthOfTextAtSize(text, FONT_SIZE) : column.x;
            this.draw(text, x, FONT_SIZE, font);
        });
        this.y -= LINE;
    }

    protected draw(text: string, x: number, size: number, font: PDFFont): void {
        if (this.font !== font) {
            this.page.setFont(font);
            this.font = font;
        }
        this.page.drawText(text, { x, y: this.y - size, size });
    }

    protected fits(height: number): boolean {
        return this.y - height >= this.margin;
    }

    protected room(height: number): void {
        if (!this.fits(height)) {
            this.newPage();
        }
    }
}

/**
 * The text as the font can draw it (a character Helvetica has no glyph for becomes `?`), cut with
 * an ellipsis to the width: a long job name never runs into the next column.
 */
export function fitted(text: string, font: PDFFont, size: number, width: number): string {
    const drawable = drawableOf(font);
    let result = [...text.replace(/[\r\n\t]+/g, ' ')].map(character => drawable.has(character.codePointAt(0)!) ? character : '?').join('');
    if (font.widthOfTextAtSize(result, size) <= width) {
        return result;
    }
    while (result.length && font.widthOfTextAtSize(`${result}…`, size) > width) {
        result = result.slice(0, -1);
    }
    return `${result}…`;
}

/** The code points each font can draw, asked once per font: the slip asks for every cell. */
const drawableCharacters = new WeakMap<PDFFont, ReadonlySet<number>>();
function drawableOf(font: PDFFont): ReadonlySet<number> {
    let drawable = drawableCharacters.get(font);
    if (!drawable) {
        drawable = new Set(font.getCharacterSet());
        drawableCharacters.set(font, drawable);
    }
    return drawable;
}
