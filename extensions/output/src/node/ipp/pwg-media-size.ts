/**
 * PWG 5101.1 self-describing media size names (`iso_a4_210x297mm`) ↔ dimensions in hundredths of
 * a millimetre (IPP `media-size`). Printers that report only `media-size` in `media-col-ready`
 * get a name from the common sizes below, so a ticket asking for A4 matches the tray holding it.
 */

const COMMON_SIZES = [
    'iso_a3_297x420mm', 'iso_a4_210x297mm', 'iso_a5_148x210mm', 'iso_a6_105x148mm', 'iso_sra3_320x450mm',
    'iso_b4_250x353mm', 'iso_b5_176x250mm', 'iso_c5_162x229mm', 'iso_c6_114x162mm', 'iso_dl_110x220mm',
    'na_letter_8.5x11in', 'na_legal_8.5x14in', 'na_ledger_11x17in', 'na_executive_7.25x10.5in',
    'na_invoice_5.5x8.5in', 'na_arch-b_12x18in', 'na_super-b_13x19in', 'na_govt-letter_8x10in',
    'na_number-10_4.125x9.5in', 'na_index-3x5_3x5in', 'na_index-4x6_4x6in', 'na_5x7_5x7in',
    'na_index-5x8_5x8in', 'oe_business-card_2x3.5in', 'om_business-card_55x91mm', 'om_card_54x86mm',
    'oe_photo-l_3.5x5in', 'jis_b4_257x364mm', 'jis_b5_182x257mm'
];

/** Tolerance for sizes given in inches and rounded to hundredths of a millimetre. */
const TOLERANCE_HMM = 2;

/** Width and height in hundredths of a millimetre, from a self-describing name; undefined if it is not one. */
export function mediaSizeFromName(sizeName: string): { widthHmm: number; heightHmm: number } | undefined {
    const match = /_(\d+(?:\.\d+)?)x(\d+(?:\.\d+)?)(mm|in)$/.exec(sizeName);
    if (!match) {
        return undefined;
    }
    const scale = match[3] === 'in' ? 2540 : 100;
    return { widthHmm: Math.round(Number(match[1]) * scale), heightHmm: Math.round(Number(match[2]) * scale) };
}

/** The common PWG name for these dimensions (either orientation), or undefined. */
export function mediaSizeName(widthHmm: number, heightHmm: number): string | undefined {
    const [short, long] = widthHmm <= heightHmm ? [widthHmm, heightHmm] : [heightHmm, widthHmm];
    return COMMON_SIZES.find(name => {
        const size = mediaSizeFromName(name)!;
        return Math.abs(size.widthHmm - short) <= TOLERANCE_HMM && Math.abs(size.heightHmm - long) <= TOLERANCE_HMM;
    });
}
