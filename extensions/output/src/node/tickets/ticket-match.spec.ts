import * as assert from 'node:assert/strict';
import { COLOR_MODES, Finishing, SIDES } from '@presswork/platform/lib/common/job-ticket';
import { FINISHINGS } from '../../common/tickets/ticket-properties';
import { ticketMismatches } from './ticket-match';
import { basicPrinter, capablePrinter, coverA4, sampleTicket } from './test/sample-tickets';

const A = 'A';

const EXPECTED_ON_BASIC_PRINTER: Readonly<Record<Finishing, string>> = {
    'staple': 'Printer A cannot staple',
    'punch': 'Printer A cannot punch holes',
    'fold': 'Printer A cannot fold',
    'bind': 'Printer A cannot bind',
    'trim': 'Printer A cannot trim',
    'saddle-stitch': 'Printer A cannot saddle-stitch',
    'staple-top-left': 'Printer A cannot staple top left',
    'punch-dual-left': 'Printer A cannot punch two holes on the left'
};

describe('matching a ticket to a printer', () => {

    describe('every combination the UI offers', () => {
        for (const sides of SIDES) {
            for (const colorMode of [undefined, ...COLOR_MODES]) {
                for (const finishings of [[], ...FINISHINGS.map(finishing => [finishing]), [...FINISHINGS]] as Finishing[][]) {
                    const name = `${sides}, colour ${colorMode ?? 'unset'}, finishings ${finishings.join('+') || 'none'}`;
                    const ticket = sampleTicket({ sides, colorMode, finishings, copies: 10 });

                    it(`${name}: a capable printer honours it`, () => {
                        assert.deepEqual(ticketMismatches(ticket, capablePrinter(), A), []);
                    });

                    it(`${name}: a basic printer names exactly what it cannot do`, () => {
                        const expected = [
                            ...sides === 'one-sided' ? [] : [`Printer A cannot print two-sided (${sides === 'two-sided-long-edge' ? 'long' : 'short'} edge)`],
                            ...colorMode === 'color' ? ['Printer A cannot print in colour'] : [],
                            ...finishings.map(finishing => EXPECTED_ON_BASIC_PRINTER[finishing])
                        ];
                        assert.deepEqual(ticketMismatches(ticket, basicPrinter(), A), expected);
                    });
                }
            }
        }
    });

    describe('document and copies', () => {
        it('refuses a printer that does not take PDF', () => {
            assert.deepEqual(ticketMismatches(sampleTicket(), capablePrinter({ documentFormats: ['image/pwg-raster', 'image/urf'] }), A), ['Printer A does not take PDF']);
        });

        it('refuses more copies than copies-supported allows, and allows exactly as many', () => {
            assert.deepEqual(ticketMismatches(sampleTicket({ copies: 1000 }), basicPrinter(), A), ['Printer A prints at most 999 copies of a job; this job asks for 1000']);
            assert.deepEqual(ticketMismatches(sampleTicket({ copies: 999 }), basicPrinter(), A), []);
            assert.deepEqual(ticketMismatches(sampleTicket({ copies: 2 }), basicPrinter({ copiesMax: 1 }), A), ['Printer A prints at most 1 copy of a job; this job asks for 2']);
        });

        it('prints one-sided on a printer that reports no sides at all, but never two-sided', () => {
            assert.deepEqual(ticketMismatches(sampleTicket(), basicPrinter({ sidesSupported: [] }), A), []);
            assert.deepEqual(ticketMismatches(sampleTicket({ sides: 'two-sided-long-edge' }), basicPrinter({ sidesSupported: [] }), A), ['Printer A cannot print two-sided (long edge)']);
        });

        it('cannot ask a printer that reports no colour modes for black and white', () => {
            assert.deepEqual(ticketMismatches(sampleTicket({ colorMode: 'monochrome' }), basicPrinter({ colorModesSupported: [] }), A), ['Printer A cannot be asked to print in black and white']);
            assert.deepEqual(ticketMismatches(sampleTicket({ colorMode: 'auto' }), basicPrinter({ colorModesSupported: [] }), A), []);
        });
    });

    describe('media loaded', () => {
        const trays = (...media: object[]) => capablePrinter({ mediaReady: media });

        it('finds the medium in a tray of its size, type and weight', () => {
            assert.deepEqual(ticketMismatches(sampleTicket({ media: coverA4 }), trays(
                { sizeName: 'na_letter_8.5x11in', type: 'stationery', source: 'tray-1' },
                { sizeName: 'iso_a4_210x297mm', widthHmm: 21000, heightHmm: 29700, type: 'cardstock', weightGsm: 300, source: 'tray-2' }
            ), A), []);
        });

        it('names what is missing when the size is loaded only as another type', () => {
            assert.deepEqual(ticketMismatches(sampleTicket({ media: { sizeName: 'iso_a4_210x297mm', type: 'cardstock' } }),
                trays({ sizeName: 'iso_a4_210x297mm', type: 'stationery' }), A),
            ['Printer A has no iso_a4_210x297mm cardstock loaded']);
        });

        it('names the weight and the catalog medium when another weight is loaded', () => {
            assert.deepEqual(ticketMismatches(sampleTicket({ media: coverA4 }), trays({ sizeName: 'iso_a4_210x297mm', type: 'cardstock', weightGsm: 250 }), A),
                ['Printer A has no iso_a4_210x297mm cardstock 300 g/m² loaded (Cover 300)']);
        });

        it('accepts a tray that does not state what the catalog states', () => {
            assert.deepEqual(ticketMismatches(sampleTicket({ media: coverA4 }), trays({ sizeName: 'iso_a4_210x297mm' }), A), []);
        });

        it('compares the colour when both state it', () => {
            const media = { sizeName: 'na_letter_8.5x11in', color: 'blue' };
            assert.deepEqual(ticketMismatches(sampleTicket({ media }), trays({ sizeName: 'na_letter_8.5x11in', color: 'white' }), A), ['Printer A has no na_letter_8.5x11in blue loaded']);
            assert.deepEqual(ticketMismatches(sampleTicket({ media }), trays({ sizeName: 'na_letter_8.5x11in', color: 'blue' }), A), []);
        });

        it('matches sizes by dimensions within a millimetre, in either orientation', () => {
            const letterByMm = { sizeName: 'custom_letter_216x279mm' };
            assert.deepEqual(ticketMismatches(sampleTicket({ media: letterByMm }), trays({ widthHmm: 21590, heightHmm: 27940 }), A), []);
            assert.deepEqual(ticketMismatches(sampleTicket({ media: letterByMm }), trays({ widthHmm: 27940, heightHmm: 21590 }), A), []);
            assert.deepEqual(ticketMismatches(sampleTicket({ media: { sizeName: 'iso_a4_210x297mm' } }), trays({ sizeName: 'na_letter_8.5x11in' }), A),
                ['Printer A has no iso_a4_210x297mm loaded']);
            assert.deepEqual(ticketMismatches(sampleTicket({ media: { sizeName: 'custom_a_210x297mm' } }), trays({ widthHmm: 21150, heightHmm: 29700 }), A),
                ['Printer A has no custom_a_210x297mm loaded']);
        });

        it('finds a medium by its media-key in a tray', () => {
            const media = { ...coverA4, key: 'Cover 300g' };
            assert.deepEqual(ticketMismatches(sampleTicket({ media }), trays({ key: 'Cover 300g', type: 'stationery' }), A), []);
            assert.deepEqual(ticketMismatches(sampleTicket({ media }), trays({ sizeName: 'Cover 300g' }), A), []);
        });
    });

    describe('media supported (nothing reported as loaded)', () => {
        it('accepts a supported size and type', () => {
            assert.deepEqual(ticketMismatches(sampleTicket({ media: coverA4 }), capablePrinter(), A), []);
        });

        it('refuses a size the printer does not take', () => {
            assert.deepEqual(ticketMismatches(sampleTicket({ media: { sizeName: 'iso_a3_297x420mm' } }), basicPrinter(), A), ['Printer A does not take iso_a3_297x420mm media']);
        });

        it('accepts a custom size within the printer\'s custom range', () => {
            assert.deepEqual(ticketMismatches(sampleTicket({ media: { sizeName: 'om_business-card_55x85mm' } }), capablePrinter(), A), []);
            assert.deepEqual(ticketMismatches(sampleTicket({ media: { sizeName: 'custom_banner_330x1200mm' } }), capablePrinter(), A),
                ['Printer A does not take custom_banner_330x1200mm media']);
        });

        it('refuses a type the printer does not take', () => {
            assert.deepEqual(ticketMismatches(sampleTicket({ media: { sizeName: 'iso_a4_210x297mm', type: 'transparency' } }), capablePrinter(), A),
                ['Printer A does not take transparency media']);
        });

        it('refuses to ask by size alone for a typed medium when the printer takes no media-col and knows no key for it', () => {
            const printer = basicPrinter({ mediaTypesSupported: ['stationery', 'cardstock'] });
            assert.deepEqual(ticketMismatches(sampleTicket({ media: coverA4 }), printer, A), [
                'Printer A takes no media-col, so it cannot be asked for iso_a4_210x297mm cardstock 300 g/m² by more than its size; '
                + 'give the catalog medium a media key the printer knows'
            ]);
            const withKey = basicPrinter({ mediaSupported: ['iso_a4_210x297mm', 'Cover 300g'] });
            assert.deepEqual(ticketMismatches(sampleTicket({ media: { ...coverA4, key: 'Cover 300g' } }), withKey, A), []);
        });
    });

    it('lists every mismatch, not only the first', () => {
        const ticket = sampleTicket({ copies: 5000, sides: 'two-sided-long-edge', colorMode: 'color', finishings: ['staple'], media: { sizeName: 'iso_a3_297x420mm' } });
        assert.deepEqual(ticketMismatches(ticket, basicPrinter({ documentFormats: ['image/urf'] }), 'Office 2'), [
            'Printer Office 2 does not take PDF',
            'Printer Office 2 prints at most 999 copies of a job; this job asks for 5000',
            'Printer Office 2 cannot print two-sided (long edge)',
            'Printer Office 2 cannot print in colour',
            'Printer Office 2 cannot staple',
            'Printer Office 2 does not take iso_a3_297x420mm media'
        ]);
    });
});
