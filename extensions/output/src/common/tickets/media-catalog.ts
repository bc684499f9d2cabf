import { z } from 'zod';
import { DocumentIdSchema } from '@presswork/platform/lib/common/identifiers';
import type { TicketMedia } from '@presswork/platform/lib/common/job-ticket';
import { mediaSizeOf, sizeNameProblem } from './pwg-media-size';

/**
 * The media catalog: the named media a shop keeps (size, type, weight, colour, the printer's
 * media-key), kept by administrators and chosen by production templates and job properties. A
 * medium's size is a PWG 5101.1 self-describing name, so the size travels to every printer
 * unchanged and its dimensions can always be read back from the name.
 */

/** An IPP keyword (RFC 8011 5.1.4): what `media-type` and `media-color` values are. */
const KEYWORD = /^[a-z0-9][a-z0-9._-]*$/;

export const MediaSizeNameSchema = z.string().trim().max(255, 'Size may be at most 255 characters').superRefine((sizeName, context) => {
    const problem = sizeNameProblem(sizeName);
    if (problem) {
        context.addIssue({ code: 'custom', message: problem });
    }
});

/** What an administrator enters for a medium; the store adds id and version. */
export const MediumInputSchema = z.object({
    name: z.string().trim().min(1, 'Name is required').max(100, 'Name may be at most 100 characters'),
    sizeName: MediaSizeNameSchema,
    /** PWG `media-type` keyword; printers add their own, so any keyword is accepted. */
    type: z.string().trim().max(64, 'Type may be at most 64 characters')
        .regex(KEYWORD, 'Type must be a media-type keyword such as cardstock: lower case letters, digits, "-", "_" or "."').optional(),
    weightGsm: z.number().int('Weight must be a whole number of grams per square metre')
        .min(1, 'Weight must be at least 1 g/m²').max(2000, 'Weight may be at most 2000 g/m²').optional(),
    color: z.string().trim().max(64, 'Colour may be at most 64 characters')
        .regex(KEYWORD, 'Colour must be a media-color keyword such as white: lower case letters, digits, "-", "_" or "."').optional(),
    /** IPP `media-key`: the printer's own name for the medium in its media database. */
    key: z.string().trim().min(1, 'Media key may not be empty').max(255, 'Media key may be at most 255 characters')
        .regex(/^[\x21-\x7e][\x20-\x7e]*$/, 'Media key must be printable ASCII, as the printer reports it').optional()
});
export type MediumInput = z.infer<typeof MediumInputSchema>;

/** A catalog medium as stored. */
export const MediumSchema = MediumInputSchema.extend({
    id: DocumentIdSchema,
    version: z.number().int().positive()
});
export type Medium = z.infer<typeof MediumSchema>;

/**
 * The catalog medium a job or a Print step names: by id first, then by name (ignoring case and
 * surrounding spaces), as operators type names and templates store ids. Two media of one name
 * answer neither, as picking one would be a guess.
 */
export function findMedium(catalog: readonly Medium[], idOrName: string): Medium | 'ambiguous' | undefined {
    const wanted = idOrName.trim();
    const byId = catalog.find(medium => medium.id === wanted);
    if (byId) {
        return byId;
    }
    const byName = catalog.filter(medium => medium.name.trim().toLowerCase() === wanted.toLowerCase());
    return byName.length > 1 ? 'ambiguous' : byName[0];
}

/** The medium as a ticket carries it, dimensions read from its size name. */
export function ticketMediaOf(medium: Omit<Medium, 'id' | 'version'>): TicketMedia {
    const size = mediaSizeOf(medium.sizeName);
    return {
        label: medium.name,
        sizeName: medium.sizeName,
        ...(size ?? {}),
        ...(medium.type !== undefined ? { type: medium.type } : {}),
        ...(medium.weightGsm !== undefined ? { weightGsm: medium.weightGsm } : {}),
        ...(medium.color !== undefined ? { color: medium.color } : {}),
        ...(medium.key !== undefined ? { key: medium.key } : {})
    };
}

/** A size or type the media editor offers; the UI localizes `label` under `presswork/output/media/<value>`. */
export interface MediaChoice {
    readonly value: string;
    readonly label: string;
}

/** The sizes a print shop uses most, as the media editor offers them; any other PWG name may be typed. */
export const COMMON_MEDIA_SIZES: readonly MediaChoice[] = [
    { value: 'iso_a3_297x420mm', label: 'A3 (297 × 420 mm)' },
    { value: 'iso_a4_210x297mm', label: 'A4 (210 × 297 mm)' },
    { value: 'iso_a5_148x210mm', label: 'A5 (148 × 210 mm)' },
    { value: 'iso_a6_105x148mm', label: 'A6 postcard (105 × 148 mm)' },
    { value: 'iso_sra3_320x450mm', label: 'SRA3 (320 × 450 mm)' },
    { value: 'na_letter_8.5x11in', label: 'Letter (8.5 × 11 in)' },
    { value: 'na_legal_8.5x14in', label: 'Legal (8.5 × 14 in)' },
    { value: 'na_ledger_11x17in', label: 'Tabloid / Ledger (11 × 17 in)' },
    { value: 'na_arch-b_12x18in', label: '12 × 18 in' },
    { value: 'na_super-b_13x19in', label: 'Super B (13 × 19 in)' },
    { value: 'na_index-4x6_4x6in', label: 'Postcard (4 × 6 in)' },
    { value: 'om_business-card_55x85mm', label: 'Business card, European (55 × 85 mm)' },
    { value: 'oe_business-card_2x3.5in', label: 'Business card, US (2 × 3.5 in)' },
    { value: 'iso_dl_110x220mm', label: 'DL envelope (110 × 220 mm)' },
    { value: 'na_number-10_4.125x9.5in', label: '#10 envelope (4.125 × 9.5 in)' }
];

/** PWG 5100.7 / IANA IPP registry `media-type` keywords a print shop uses most. */
export const COMMON_MEDIA_TYPES: readonly MediaChoice[] = [
    { value: 'stationery', label: 'Plain paper' },
    { value: 'stationery-coated', label: 'Coated paper' },
    { value: 'stationery-heavyweight', label: 'Heavyweight paper' },
    { value: 'stationery-lightweight', label: 'Lightweight paper' },
    { value: 'stationery-letterhead', label: 'Letterhead' },
    { value: 'stationery-preprinted', label: 'Preprinted paper' },
    { value: 'stationery-prepunched', label: 'Prepunched paper' },
    { value: 'stationery-recycled', label: 'Recycled paper' },
    { value: 'cardstock', label: 'Cardstock' },
    { value: 'labels', label: 'Labels' },
    { value: 'envelope', label: 'Envelope' },
    { value: 'transparency', label: 'Transparency' },
    { value: 'tab-stock', label: 'Tab stock' },
    { value: 'photographic', label: 'Photo paper' },
    { value: 'photographic-glossy', label: 'Photo paper, glossy' },
    { value: 'photographic-matte', label: 'Photo paper, matte' },
    { value: 'photographic-satin', label: 'Photo paper, satin' }
];
