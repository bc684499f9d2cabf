import * as assert from 'node:assert/strict';
import { PJL_NAME_MAX, UEL, pjlEnvelopeOf, pjlQuotedText } from './pjl-header';
import { coverA4, sampleTicket } from './test/sample-tickets';

/** The prologue's PJL lines after the opening UEL, without line ends. */
function linesOf(prologue: Buffer): string[] {
    const text = prologue.toString('ascii');
    assert.ok(text.startsWith(`${UEL}@PJL\r\n`), 'the prologue starts with UEL and @PJL');
    assert.ok(text.endsWith('\r\n'), 'every line ends in CR LF');
    return text.slice(UEL.length).split('\r\n').slice(1, -1);
}

describe('PJL envelope', () => {

    it('names the job, sets the copies, one-sided, and enters PDF last', () => {
        const { prologue } = pjlEnvelopeOf(sampleTicket({ copies: 250 }));
        assert.deepEqual(linesOf(prologue), [
            '@PJL JOB NAME="MC-1001 Business cards"',
            '@PJL SET USERNAME="Anna Berg"',
            '@PJL SET COPIES=250',
            '@PJL SET DUPLEX=OFF',
            '@PJL ENTER LANGUAGE=PDF'
        ]);
    });

    it('ends the job and leaves the printer in PJL', () => {
        const { epilogue } = pjlEnvelopeOf(sampleTicket());
        assert.equal(epilogue.toString('ascii'), `${UEL}@PJL EOJ NAME="MC-1001 Business cards"\r\n${UEL}`);
        assert.equal(epilogue[0], 0x1b);
    });

    it('turns two-sided on the long or short edge into DUPLEX and BINDING', () => {
        assert.deepEqual(linesOf(pjlEnvelopeOf(sampleTicket({ sides: 'two-sided-long-edge' })).prologue).filter(line => /DUPLEX|BINDING/.test(line)),
            ['@PJL SET DUPLEX=ON', '@PJL SET BINDING=LONGEDGE']);
        assert.deepEqual(linesOf(pjlEnvelopeOf(sampleTicket({ sides: 'two-sided-short-edge' })).prologue).filter(line => /DUPLEX|BINDING/.test(line)),
            ['@PJL SET DUPLEX=ON', '@PJL SET BINDING=SHORTEDGE']);
    });

    it('renders black and white in grayscale, colour in colour, and leaves auto to the printer', () => {
        const renderMode = (colorMode?: 'auto' | 'color' | 'monochrome'): string[] =>
            linesOf(pjlEnvelopeOf(sampleTicket({ colorMode })).prologue).filter(line => line.includes('RENDERMODE'));
        assert.deepEqual(renderMode('monochrome'), ['@PJL SET RENDERMODE=GRAYSCALE']);
        assert.deepEqual(renderMode('color'), ['@PJL SET RENDERMODE=COLOR']);
        assert.deepEqual(renderMode('auto'), []);
        assert.deepEqual(renderMode(undefined), []);
    });

    it('sends collated sets as QTY instead of COPIES when asked, never both', () => {
        const lines = linesOf(pjlEnvelopeOf(sampleTicket({ copies: 3 }), { copies: 'QTY' }).prologue);
        assert.ok(lines.includes('@PJL SET QTY=3'));
        assert.ok(!lines.some(line => line.startsWith('@PJL SET COPIES')));
    });

    it('sets PAPER and MEDIATYPE where PJL has a word for them', () => {
        const lines = linesOf(pjlEnvelopeOf(sampleTicket({ media: coverA4 })).prologue);
        assert.ok(lines.includes('@PJL SET PAPER=A4'));
        assert.ok(lines.includes('@PJL SET MEDIATYPE=CARDSTOCK'));
        const letter = linesOf(pjlEnvelopeOf(sampleTicket({ media: { sizeName: 'na_letter_8.5x11in', type: 'stationery' } })).prologue);
        assert.ok(letter.includes('@PJL SET PAPER=LETTER') && letter.includes('@PJL SET MEDIATYPE=PLAIN'));
    });

    it('leaves sizes and types without a PJL word to the device', () => {
        const lines = linesOf(pjlEnvelopeOf(sampleTicket({ media: { sizeName: 'iso_sra3_320x450mm', type: 'photographic-glossy' } })).prologue);
        assert.ok(!lines.some(line => /PAPER|MEDIATYPE/.test(line)));
    });

    it('puts ENTER LANGUAGE last, right before the PDF', () => {
        const lines = linesOf(pjlEnvelopeOf(sampleTicket({ sides: 'two-sided-long-edge', colorMode: 'monochrome', media: coverA4 })).prologue);
        assert.equal(lines.at(-1), '@PJL ENTER LANGUAGE=PDF');
    });

    describe('quoted names', () => {
        it('keeps a hostile job name inside its quotes and on its line', () => {
            const hostile = 'MC-1 "x"\r\n@PJL SET COPIES=9999\u001B%-12345X\u0000 end';
            const { prologue, epilogue } = pjlEnvelopeOf(sampleTicket({ jobName: hostile, userName: 'Eve"\n@PJL' }));
            const lines = linesOf(prologue);
            assert.equal(lines[0], '@PJL JOB NAME="MC-1 x@PJL SET COPIES=9999%-12345X end"');
            assert.equal(lines[1], '@PJL SET USERNAME="Eve@PJL"');
            assert.equal(lines.filter(line => line.startsWith('@PJL SET COPIES')).length, 1);
            assert.equal(prologue.toString('ascii').split(UEL).length, 2, 'only the opening UEL');
            assert.equal(epilogue.toString('ascii').split(UEL).length, 3, 'only the two UELs of the epilogue');
        });

        it('is printable ASCII without quotes, accents folded, at most 80 characters', () => {
            assert.equal(pjlQuotedText('Müller Visitenkarten Café 名刺'), 'Muller Visitenkarten Cafe');
            const long = pjlQuotedText('x'.repeat(200));
            assert.equal(long.length, PJL_NAME_MAX);
            assert.match(pjlQuotedText('a"b\tc\u007fd\u00a0e'), /^[\x20-\x21\x23-\x7e]*$/);
        });
    });
});
