/**
 * PWG 5101.1 self-describing media size names (`iso_a4_210x297mm`) and their dimensions in
 * hundredths of a millimetre (IPP `media-size`), both ways: the catalog checks and reads names,
 * and a printer that reports only `media-size` for a tray gets a common name, so a ticket asking
 * for A4 matches the tray holding it.
 */

/**
 * PWG 5101.1 self-describing size name: `class_name_WxHunit`. Classes measured in inches are
 * North American and other English ones; the metric ones are ISO, Japanese, Chinese and other
 * metric; custom, roll and disc sizes may use either unit.
 */
const SIZE_NAME = /^([a-z]+)_([a-z0-9][a-z0-9.-]*)_(\d{1,5}(?:\.\d{1,4})?)x(\d{1,5}(?:\.\d{1,4})?)(mm|in)$/;
const INCH_CLASSES: ReadonlySet<string> = new Set(['na', 'asme', 'roc', 'oe']);
const METRIC_CLASSES: ReadonlySet<string> = new Set(['iso', 'jis', 'jpn', 'prc', 'om']);
const EITHER_UNIT_CLASSES: ReadonlySet<string> = new Set(['custom', 'roll', 'disc']);

/** Width and height in hundredths of a millimetre, as IPP's `media-size` gives them. */
export interface MediaSize {
    readonly widthHmm: number;
    readonly heightHmm: number;
}

/** Why a size name is not a PWG self-describing name, or undefined when it is one. */
export function sizeNameProblem(sizeName: string): string | undefined {
    const match = SIZE_NAME.exec(sizeName);
    if (!match) {
        return 'Size must be a PWG size name such as iso_a4_210x297mm or na_letter_8.5x11in (lower case: class_name_WIDTHxHEIGHTmm or …in)';
    }
    const [, sizeClass, , width, height, unit] = match;
    if (INCH_CLASSES.has(sizeClass) && unit !== 'in') {
        return `Size ${sizeName}: ${sizeClass}_ sizes are measured in inches (…in)`;
    }
    if (METRIC_CLASSES.has(sizeClass) && unit !== 'mm') {
        return `Size ${sizeName}: ${sizeClass}_ sizes are measured in millimetres (…mm)`;
    }
    if (!INCH_CLASSES.has(sizeClass) && !METRIC_CLASSES.has(sizeClass) && !EITHER_UNIT_CLASSES.has(sizeClass)) {
        return `Size ${sizeName}: ${sizeClass}_ is not a PWG size class (iso, na, jis, jpn, prc, om, oe, roc, asme, custom, roll, disc)`;
    }
    if (Number(width) <= 0 || Number(height) <= 0) {
        return `Size ${sizeName}: width and height must be more than zero`;
    }
    return undefined;
}

/** The dimensions a PWG self-describing size name states; undefined for a name that is not one. */
export function mediaSizeOf(sizeName: string): MediaSize | undefined {
    if (sizeNameProblem(sizeName)) {
        return undefined;
    }
    const [, , , width, height, unit] = SIZE_NAME.exec(sizeName)!;
    // IPP counts 2540 hundredths of a millimetre to the inch (as CUPS does).
    const scale = unit === 'in' ? 2540 : 100;
    return { widthHmm: Math.round(Number(width) * scale), heightHmm: Math.round(Number(height) * scale) };
}

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

/** The common PWG name for these dimensions (either orientation), or undefined. */
export function mediaSizeName(widthHmm: number, heightHmm: number): string | undefined {
    const [short, long] = widthHmm <= heightHmm ? [widthHmm, heightHmm] : [heightHmm, widthHmm];
    return COMMON_SIZES.find(name => {
        const size = mediaSizeOf(name)!;
        return Math.abs(size.widthHmm - short) <= TOLERANCE_HMM && Math.abs(size.heightHmm - long) <= TOLERANCE_HMM;
    });
}
