import * as assert from 'node:assert/strict';
import { millimetres, paperSizeName, printFileSummaryOf, printFileUrl } from './print-file';

describe('print file facts', () => {
    it('names paper sizes in either orientation, within what producers round to', () => {
        assert.equal(paperSizeName(595.28, 841.89), 'A4');
        assert.equal(paperSizeName(842, 595), 'A4');
        assert.equal(paperSizeName(612, 792), 'Letter');
        assert.equal(paperSizeName(1008, 612), 'Legal');
        assert.equal(paperSizeName(419.5, 595.3), 'A5');
        assert.equal(paperSizeName(630, 810), undefined, 'Letter with bleed is no named size');
        assert.equal(millimetres(595.28), 210);
        assert.equal(millimetres(841.89), 297);
    });

    it('tells a row about the print file only once it has arrived', () => {
        assert.equal(printFileSummaryOf({ files: [] }), undefined);
        assert.equal(printFileSummaryOf({ files: [{ name: 'a.pdf' }] }), undefined);
        assert.deepEqual(printFileSummaryOf({ files: [{ name: 'a.pdf', size: 10 }] }), {});
        assert.deepEqual(printFileSummaryOf({ files: [{ name: 'a.pdf', size: 10, pages: { count: 4, width: 612, height: 792 } }] }), { pageCount: 4, width: 612, height: 792 });
        assert.deepEqual(printFileSummaryOf({ files: [{ name: 'a.pdf', size: 10, pages: { unreadable: 'The print file is not a PDF' } }] }), { unreadable: 'The print file is not a PDF' });
    });

    it('addresses a print file by its job id, encoded', () => {
        assert.equal(printFileUrl('o1-job-1'), '/jobs/print-files/o1-job-1.pdf');
    });
});
