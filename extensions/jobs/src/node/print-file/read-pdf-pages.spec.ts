import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import { TempFolder } from '@presswork/platform/lib/node/test/temp-store';
import { DEFAULT_PDF_PAGES_LIMITS, PdfPagesLimits, PdfPagesReading, readPdfPages } from './read-pdf-pages';
import { samplePdf } from './test/sample-pdf';

describe('reading a print file\'s pages', function (): void {
    this.timeout(90_000);
    let folder: TempFolder;
    const readers: PdfPagesReading[] = [];

    beforeEach(async () => folder = await TempFolder.create('presswork-pdf-pages-'));
    afterEach(async () => {
        await Promise.all(readers.splice(0).map(reader => reader.close()));
        await folder.remove();
    });

    function reader(limits: PdfPagesLimits): PdfPagesReading {
        const made = new PdfPagesReading(limits);
        readers.push(made);
        return made;
    }

    async function file(name: string, content: Uint8Array | string): Promise<string> {
        await fs.writeFile(folder.join(name), content);
        return folder.join(name);
    }

    it('counts the pages and tells the first page\'s size in points', async () => {
        assert.deepEqual(await readPdfPages(await file('a4.pdf', await samplePdf({ pages: 3 }))), { count: 3, width: 595.28, height: 841.89 });
    });

    it('tells the finished size: the trim box, turned for a page rotated a quarter', async () => {
        const bleed = await samplePdf({ size: [612.0 + 18, 792 + 18], trim: [9, 9, 612, 792] });
        assert.deepEqual(await readPdfPages(await file('bleed.pdf', bleed)), { count: 1, width: 612, height: 792 });
        const turned = await samplePdf({ size: [612, 792], rotate: 90, pages: 2 });
        assert.deepEqual(await readPdfPages(await file('turned.pdf', turned)), { count: 2, width: 792, height: 612 });
    });

    it('says why a file that is not a readable PDF has no page count, and never rejects', async () => {
        assert.deepEqual(await readPdfPages(await file('page.pdf', '<html><script>alert(1)</script></html>')), { unreadable: 'The print file is not a PDF' });
        const notReadable = { unreadable: 'The print file is not a readable PDF' };
        assert.deepEqual(await readPdfPages(await file('garbage.pdf', `%PDF-1.7\n${'\u0000\u00ff<<>>obj'.repeat(1000)}`)), notReadable);
        assert.deepEqual(await readPdfPages(await file('cut.pdf', (await samplePdf({ pages: 4 })).subarray(0, 300))), notReadable);
    });

    it('does not read a file larger than the limit, nor wait longer than the time limit', async () => {
        const path = await file('big.pdf', await samplePdf({ pages: 2 }));
        const tooBig = await reader({ ...DEFAULT_PDF_PAGES_LIMITS, maxBytes: 100 }).read(path);
        assert.match((tooBig as { unreadable: string }).unreadable, /larger than 0 MB/);
        const slowReader = reader({ ...DEFAULT_PDF_PAGES_LIMITS, timeoutMs: 1 });
        assert.deepEqual(await slowReader.read(path), { unreadable: 'Reading the PDF took longer than 0 seconds' });
        assert.equal(slowReader.workerCount, 0, 'the worker of the read too slow was ended');
    });

    it('ends only its worker when a PDF needs more memory than the worker may take', async () => {
        const path = await file('many.pdf', await samplePdf({ pages: 2_000 }));
        const small = reader({ ...DEFAULT_PDF_PAGES_LIMITS, maxHeapMb: 2 });
        assert.deepEqual(await small.read(path), { unreadable: 'The PDF is too complex to read here' });
        assert.deepEqual(await readPdfPages(path), { count: 2_000, width: 595.28, height: 841.89 }, 'the server reads it within the usual limit');
    });

    it('reads file after file, good and bad, in one worker', async () => {
        const reading = reader(DEFAULT_PDF_PAGES_LIMITS);
        const garbage = await file('garbage.pdf', `%PDF-1.7\n${'obj'.repeat(100)}`);
        for (let pages = 1; pages <= 6; pages++) {
            const path = await file(`${pages}.pdf`, await samplePdf({ pages }));
            assert.deepEqual(await reading.read(path), { count: pages, width: 595.28, height: 841.89 });
            assert.deepEqual(await reading.read(garbage), { unreadable: 'The print file is not a readable PDF' });
        }
        assert.equal(reading.workerCount, 1, 'one worker read them all');
    });
});
