import * as assert from 'node:assert/strict';
import {
    COMMON_MEDIA_SIZES, COMMON_MEDIA_TYPES, Medium, MediumInputSchema, MediumSchema, findMedium, ticketMediaOf
} from './media-catalog';
import { mediaSizeOf, sizeNameProblem } from './pwg-media-size';

function messagesOf(input: unknown): string {
    const parsed = MediumInputSchema.safeParse(input);
    assert.equal(parsed.success, false, `expected ${JSON.stringify(input)} to be refused`);
    return parsed.error!.issues.map(issue => `${issue.path.join('.')}: ${issue.message}`).join('; ');
}

const cover: Medium = { id: 'cover-300', version: 1, name: 'Cover 300', sizeName: 'iso_a4_210x297mm', type: 'cardstock', weightGsm: 300 };

describe('media catalog', () => {

    describe('mediaSizeOf', () => {
        it('reads millimetres as hundredths of a millimetre', () => {
            assert.deepEqual(mediaSizeOf('iso_a4_210x297mm'), { widthHmm: 21000, heightHmm: 29700 });
            assert.deepEqual(mediaSizeOf('om_business-card_55x85mm'), { widthHmm: 5500, heightHmm: 8500 });
            assert.deepEqual(mediaSizeOf('iso_a4-extra_235.5x322.3mm'), { widthHmm: 23550, heightHmm: 32230 });
        });

        it('converts inches at 25.4 mm, as IPP printers report them', () => {
            assert.deepEqual(mediaSizeOf('na_letter_8.5x11in'), { widthHmm: 21590, heightHmm: 27940 });
            assert.deepEqual(mediaSizeOf('na_number-10_4.125x9.5in'), { widthHmm: 10478, heightHmm: 24130 });
        });

        it('answers nothing for a name that is not self-describing', () => {
            assert.equal(mediaSizeOf('A4'), undefined);
            assert.equal(mediaSizeOf('iso_a4'), undefined);
            assert.equal(mediaSizeOf('na_letter_8.5x11mm'), undefined);
        });
    });

    describe('size names', () => {
        for (const valid of ['iso_a4_210x297mm', 'na_letter_8.5x11in', 'om_business-card_55x85mm', 'custom_poster_500x700mm', 'custom_banner_24x36in', 'jpn_hagaki_100x148mm']) {
            it(`accepts ${valid}`, () => assert.equal(sizeNameProblem(valid), undefined));
        }

        it('explains the form of a size name', () => {
            assert.match(sizeNameProblem('A4')!, /PWG size name such as iso_a4_210x297mm/);
            assert.match(sizeNameProblem('ISO_A4_210x297mm')!, /PWG size name/);
            assert.match(sizeNameProblem('iso_a4_210x297')!, /PWG size name/);
        });

        it('names the unit a class is measured in', () => {
            assert.match(sizeNameProblem('na_letter_216x279mm')!, /na_ sizes are measured in inches/);
            assert.match(sizeNameProblem('iso_a4_8.27x11.69in')!, /iso_ sizes are measured in millimetres/);
        });

        it('refuses an unknown class and a zero dimension', () => {
            assert.match(sizeNameProblem('xyz_a4_210x297mm')!, /xyz_ is not a PWG size class/);
            assert.match(sizeNameProblem('custom_none_0x297mm')!, /more than zero/);
        });
    });

    describe('medium input', () => {
        it('accepts a full medium and trims what was typed', () => {
            const parsed = MediumInputSchema.parse({ name: ' Cover 300 ', sizeName: 'iso_a4_210x297mm ', type: 'cardstock', weightGsm: 300, color: 'white', key: 'Cover 300g' });
            assert.deepEqual(parsed, { name: 'Cover 300', sizeName: 'iso_a4_210x297mm', type: 'cardstock', weightGsm: 300, color: 'white', key: 'Cover 300g' });
        });

        it('accepts a medium of a size alone', () => {
            assert.ok(MediumInputSchema.safeParse({ name: 'Letter', sizeName: 'na_letter_8.5x11in' }).success);
        });

        it('says in words what is wrong with each field', () => {
            assert.match(messagesOf({ name: '  ', sizeName: 'iso_a4_210x297mm' }), /name: Name is required/);
            assert.match(messagesOf({ name: 'A4', sizeName: 'A4' }), /sizeName: Size must be a PWG size name/);
            assert.match(messagesOf({ name: 'A4', sizeName: 'iso_a4_210x297mm', type: 'Card Stock' }), /type: Type must be a media-type keyword/);
            assert.match(messagesOf({ name: 'A4', sizeName: 'iso_a4_210x297mm', weightGsm: 80.5 }), /weightGsm: Weight must be a whole number of grams/);
            assert.match(messagesOf({ name: 'A4', sizeName: 'iso_a4_210x297mm', weightGsm: 0 }), /weightGsm: Weight must be at least 1/);
            assert.match(messagesOf({ name: 'A4', sizeName: 'iso_a4_210x297mm', color: 'Bright White' }), /color: Colour must be a media-color keyword/);
            assert.match(messagesOf({ name: 'A4', sizeName: 'iso_a4_210x297mm', key: 'tray\u00001' }), /key: Media key must be printable ASCII/);
        });

        it('stores id and version beside the input', () => {
            assert.ok(MediumSchema.safeParse(cover).success);
            assert.equal(MediumSchema.safeParse({ ...cover, id: '../cover' }).success, false);
        });
    });

    describe('findMedium', () => {
        const catalog: Medium[] = [cover, { id: 'letter', version: 2, name: 'Letter plain', sizeName: 'na_letter_8.5x11in', type: 'stationery' }];

        it('finds a medium by id, then by name ignoring case and spaces', () => {
            assert.equal(findMedium(catalog, 'cover-300'), cover);
            assert.equal(findMedium(catalog, '  cover 300 '), cover);
            assert.equal(findMedium(catalog, 'Gloss 170'), undefined);
        });

        it('refuses to guess between two media of one name', () => {
            assert.equal(findMedium([...catalog, { ...cover, id: 'cover-300-b' }], 'Cover 300'), 'ambiguous');
        });
    });

    it('gives a ticket the medium with the dimensions of its size', () => {
        assert.deepEqual(ticketMediaOf(cover), {
            label: 'Cover 300', sizeName: 'iso_a4_210x297mm', widthHmm: 21000, heightHmm: 29700, type: 'cardstock', weightGsm: 300
        });
    });

    it('offers only valid size names and keywords in the editor lists', () => {
        for (const size of COMMON_MEDIA_SIZES) {
            assert.equal(sizeNameProblem(size.value), undefined, size.value);
        }
        for (const wanted of ['iso_a3_297x420mm', 'iso_a4_210x297mm', 'iso_a5_148x210mm', 'na_letter_8.5x11in', 'na_legal_8.5x14in', 'na_ledger_11x17in',
            'om_business-card_55x85mm', 'oe_business-card_2x3.5in', 'iso_sra3_320x450mm', 'na_arch-b_12x18in']) {
            assert.ok(COMMON_MEDIA_SIZES.some(size => size.value === wanted), wanted);
        }
        for (const type of COMMON_MEDIA_TYPES) {
            assert.ok(MediumInputSchema.safeParse({ name: 'x', sizeName: 'iso_a4_210x297mm', type: type.value }).success, type.value);
        }
    });
});
