import { expect } from 'chai';
import type { Job } from '@presswork/platform/lib/common/job-schema';
import { sampleOrder } from '@presswork/platform/lib/node/store/test/sample-documents';
import { batchKeyValues, jobSheets, NO_VALUE } from './batch-keys';

function job(change: Partial<Job> = {}): Job {
    return { ...sampleOrder('o1').jobs[0], ...change };
}

describe('batch keys', () => {
    it('reads media, SKU and the connection from the job', () => {
        const values = batchKeyValues(job({ properties: { media: ' Cougar 100 ', sku: 'BC-1' } }), ['media', 'sku', 'connection'], 'UTC');
        expect(values).to.deep.equal({ media: 'Cougar 100', sku: 'BC-1', connection: 'connection-1' });
    });

    it('gives jobs lacking a fact the same value, so they batch with each other only', () => {
        expect(batchKeyValues(job(), ['media', 'sku'], 'UTC')).to.deep.equal({ media: NO_VALUE, sku: NO_VALUE });
    });

    it('reads sides as the Print step does: aliases and the duplex flag are one value', () => {
        const sides = (properties: Job['properties']) => batchKeyValues(job({ properties }), ['sides'], 'UTC').sides;
        expect(sides({ sides: 'duplex' })).to.equal('two-sided-long-edge');
        expect(sides({ sides: 'two-sided-long-edge' })).to.equal('two-sided-long-edge');
        expect(sides({ duplex: true })).to.equal('two-sided-long-edge');
        expect(sides({})).to.equal('one-sided');
        expect(sides({ sides: 'simplex' })).to.equal('one-sided');
    });

    it('reads the colour mode with its aliases', () => {
        expect(batchKeyValues(job({ properties: { colorMode: 'colour' } }), ['colorMode'], 'UTC').colorMode).to.equal('color');
    });

    it('takes the product id, else the job name', () => {
        expect(batchKeyValues(job({ properties: { productId: 'p-42' } }), ['product'], 'UTC').product).to.equal('p-42');
        expect(batchKeyValues(job({ name: 'Flyer' }), ['product'], 'UTC').product).to.equal('Flyer');
    });

    it('reads the page size in whole millimetres from the print file', () => {
        const letter = job({ files: [{ name: 'a.pdf', size: 10, pages: { count: 2, width: 612, height: 792 } }] });
        expect(batchKeyValues(letter, ['size'], 'UTC').size).to.equal('216 × 279 mm');
        expect(batchKeyValues(job({ files: [{ name: 'a.pdf' }] }), ['size'], 'UTC').size).to.equal(NO_VALUE);
    });

    it('reads the due day in the shop\'s time zone', () => {
        // 02:00 UTC on the 3rd is still the 2nd in New York.
        const late = job({ due: '2026-03-03T02:00:00.000Z' });
        expect(batchKeyValues(late, ['dueDay'], 'America/New_York').dueDay).to.equal('2026-03-02');
        expect(batchKeyValues(late, ['dueDay'], 'UTC').dueDay).to.equal('2026-03-03');
    });

    it('counts sheets: pages × copies, half the pages two-sided', () => {
        const files = [{ name: 'a.pdf', size: 10, pages: { count: 3, width: 612, height: 792 } }];
        expect(jobSheets(job({ files, copies: 10, properties: {} }))).to.equal(30);
        expect(jobSheets(job({ files, copies: 10, properties: { sides: 'duplex' } }))).to.equal(20);
        expect(jobSheets(job({ files: [{ name: 'a.pdf' }] }))).to.equal(undefined);
    });
});
