import * as assert from 'node:assert/strict';
import { ippJobTemplateOf } from './ipp-template';
import { basicPrinter, capablePrinter, coverA4, sampleTicket } from './test/sample-tickets';

describe('IPP job template from a ticket', () => {

    it('sends copies and sides, and asks for no finishing when none is wanted', () => {
        assert.deepEqual(ippJobTemplateOf(sampleTicket({ sides: 'two-sided-short-edge' }), capablePrinter()), {
            copies: 250, sides: 'two-sided-short-edge', finishings: [3]
        });
    });

    it('leaves finishings out for a printer that has no finisher', () => {
        assert.deepEqual(ippJobTemplateOf(sampleTicket(), basicPrinter()), { copies: 250, sides: 'one-sided' });
    });

    it('describes a typed medium in media-col to a printer that takes it', () => {
        const template = ippJobTemplateOf(sampleTicket({ media: { ...coverA4, color: 'white', key: 'cover-300' } }), capablePrinter());
        assert.deepEqual(template.mediaCol, { size: { xDimension: 21000, yDimension: 29700 }, type: 'cardstock', weightMetric: 300, color: 'white' });
        assert.equal(template.media, undefined);
    });

    it('reads the size from the size name when the ticket carries no dimensions', () => {
        const template = ippJobTemplateOf(sampleTicket({ media: { sizeName: 'na_letter_8.5x11in', type: 'labels' } }), capablePrinter());
        assert.deepEqual(template.mediaCol, { size: { xDimension: 21590, yDimension: 27940 }, type: 'labels' });
    });

    it('names a medium of a size alone by its size name', () => {
        const template = ippJobTemplateOf(sampleTicket({ media: { sizeName: 'iso_a3_297x420mm', widthHmm: 29700, heightHmm: 42000 } }), capablePrinter());
        assert.equal(template.media, 'iso_a3_297x420mm');
        assert.equal(template.mediaCol, undefined);
    });

    it('names the medium by its key to a printer without media-col that knows the key', () => {
        const printer = basicPrinter({ mediaSupported: ['iso_a4_210x297mm', 'Cover 300g'] });
        assert.equal(ippJobTemplateOf(sampleTicket({ media: { ...coverA4, key: 'Cover 300g' } }), printer).media, 'Cover 300g');
        assert.equal(ippJobTemplateOf(sampleTicket({ media: { ...coverA4, key: 'Unknown key' } }), printer).media, 'iso_a4_210x297mm');
    });

    it('sends the colour mode, and leaves auto to a printer that does not list it', () => {
        assert.equal(ippJobTemplateOf(sampleTicket({ colorMode: 'monochrome' }), capablePrinter()).printColorMode, 'monochrome');
        assert.equal(ippJobTemplateOf(sampleTicket({ colorMode: 'auto' }), capablePrinter()).printColorMode, 'auto');
        assert.equal('printColorMode' in ippJobTemplateOf(sampleTicket({ colorMode: 'auto' }), basicPrinter()), false);
        assert.equal('printColorMode' in ippJobTemplateOf(sampleTicket(), capablePrinter()), false);
    });

    it('sends finishings as their IPP enum values', () => {
        const template = ippJobTemplateOf(sampleTicket({ finishings: ['staple', 'punch', 'fold', 'bind', 'trim', 'saddle-stitch', 'staple-top-left', 'punch-dual-left'] }), capablePrinter());
        assert.deepEqual(template.finishings, [4, 5, 10, 7, 11, 8, 20, 74]);
    });
});
