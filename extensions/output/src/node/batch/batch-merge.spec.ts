import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import { PDFDocument, PDFName } from 'pdf-lib';
import { TempFolder } from '@presswork/platform/lib/node/test/temp-store';
import { MergeMember, mergeBatchPdf } from './batch-merge';
import { mergeBatchDocument } from './batch-merge-document';
import { DEFAULT_SLIP_SIZE } from './batch-slip';
import { PAGE_HEIGHT, pageWidth, pageWidths, slipBarcode, testPdf } from './test/test-pdfs';

describe('The batch document', function (): void {
    this.timeout(60_000);

    let temp: TempFolder;

    beforeEach(async () => {
        temp = await TempFolder.create('presswork-batch-merge-');
    });

    afterEach(async () => {
        await temp.remove();
    });

    /** Test job `index` with `pages` pages, `copies` copies. */
    async function member(index: number, pages: number, copies: number): Promise<MergeMember> {
        const file = temp.join(`job-${index}.pdf`);
        await fs.writeFile(file, await testPdf(index, pages));
        return { file, copies, orderNumber: `PW-${1000 + index}`, jobName: `Business cards ${index}` };
    }

    const slip = { batchId: 'B-0042', media: 'Business card 350 g', sides: 'one-sided', printer: 'A', releaseReason: '3 of 3 jobs' };

    it('is the slip, then each job\'s pages repeated to its copies, in the batch\'s order', async () => {
        const members = [await member(0, 2, 2), await member(1, 1, 1), await member(2, 3, 3)];
        const file = temp.join('B-0042.pdf');

        const written = await mergeBatchDocument({ slip, members }, file);

        const expected = [
            ...Array.from({ length: 2 }, () => [pageWidth(0, 0), pageWidth(0, 1)]).flat(),
            pageWidth(1, 0),
            ...Array.from({ length: 3 }, () => [pageWidth(2, 0), pageWidth(2, 1), pageWidth(2, 2)]).flat()
        ];
        const widths = await pageWidths(file);
        assert.equal(widths.length, 1 + 2 * 2 + 1 * 1 + 3 * 3, 'slip pages + Σ pages × copies');
        assert.deepEqual(widths.slice(1), expected);
        assert.equal(widths[0], pageWidth(0, 0), 'the slip has the first job\'s page size');
        assert.deepEqual([written.pages, written.slipPages, written.memberPages], [15, 1, [2, 1, 3]]);
        assert.deepEqual(await fs.readdir(temp.path).then(names => names.filter(name => name.includes('B-0042'))), ['B-0042.pdf'], 'no temporary file left');
        const document = await PDFDocument.load(await fs.readFile(file));
        assert.equal(Math.round(document.getPage(1).getHeight()), PAGE_HEIGHT);
    });

    it('shares each job\'s copied contents and resources among its copies rather than copying them again', async () => {
        const merged = await mergeBatchPdf({ slip, members: [await member(0, 2, 3)] });
        const document = await PDFDocument.load(merged.bytes);
        const pages = document.getPages().slice(merged.slipPages);
        const contents = pages.map(page => String(page.node.get(PDFName.of('Contents'))));
        assert.deepEqual(contents.slice(2), [...contents.slice(0, 2), ...contents.slice(0, 2)], 'copy 2 and 3 show copy 1\'s content streams');
        assert.notEqual(contents[0], contents[1]);
        const pageRefs = new Set(pages.map(page => page.ref.toString()));
        assert.equal(pageRefs.size, 6, 'each page its own page object');
        const fonts = pages.map(page => String(page.node.Resources()?.lookup(PDFName.of('Font'))));
        assert.equal(new Set(fonts.filter((_, index) => index % 2 === 0)).size, 1, 'one set of resources for the copies of a page');
    });

    it('has the batch id on its slip as a Code 128 barcode a scanner reads', async () => {
        const file = temp.join('B-0042.pdf');
        await mergeBatchDocument({ slip, members: [await member(0, 2, 1), await member(1, 2, 2)] }, file);
        assert.equal(await slipBarcode(file), 'B-0042');
    });

    it('continues the slip\'s table on more slip pages, and draws names the slip\'s font cannot', async () => {
        const one = await member(0, 1, 1);
        const members = Array.from({ length: 120 }, (_, index) => ({ ...one, orderNumber: `PW-${index}`, jobName: `名刺 ✓ Carte de visite n° ${index} ${'x'.repeat(200)}` }));

        const merged = await mergeBatchPdf({ slip, members });

        assert.ok(merged.slipPages > 1, `${merged.slipPages} slip pages`);
        assert.equal(merged.pages, merged.slipPages + 120);
        const document = await PDFDocument.load(merged.bytes);
        const slipWidths = document.getPages().slice(0, merged.slipPages).map(page => Math.round(page.getWidth()));
        assert.deepEqual(new Set(slipWidths), new Set([pageWidth(0, 0)]));
    });

    it('puts a letter-size slip before pages too small for its table', async () => {
        const file = temp.join('small.pdf');
        const small = await PDFDocument.create();
        small.addPage([252, 144]);
        await fs.writeFile(file, await small.save());
        const merged = await mergeBatchPdf({ slip, members: [{ file, copies: 2, orderNumber: 'PW-1', jobName: 'Cards' }] });
        const page = (await PDFDocument.load(merged.bytes)).getPage(0);
        assert.deepEqual([page.getWidth(), page.getHeight()], [DEFAULT_SLIP_SIZE.width, DEFAULT_SLIP_SIZE.height]);
    });

    it('says in words when a print file is not a PDF, and writes nothing', async () => {
        const bad = temp.join('bad.pdf');
        await fs.writeFile(bad, 'not a PDF at all');
        const file = temp.join('B-0042.pdf');
        await assert.rejects(mergeBatchDocument({ slip, members: [{ file: bad, copies: 1, orderNumber: 'PW-1', jobName: 'Cards' }] }, file),
            /^Error: The batch's document could not be made: /);
        await assert.rejects(fs.stat(file), { code: 'ENOENT' });
    });
});
