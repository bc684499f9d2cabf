/**
 * The job ticket: what a printer is told about a job, whatever the device. Built once from the
 * job (its copies and properties), its Print step and the media catalog, then spoken in each
 * device's language: IPP job template attributes, a JDF file beside a hot folder's PDF, a PJL
 * header before a raw-socket job.
 */

/** IPP `sides` keywords (RFC 8011 5.2.8). */
export type Sides = 'one-sided' | 'two-sided-long-edge' | 'two-sided-short-edge';
export const SIDES: readonly Sides[] = ['one-sided', 'two-sided-long-edge', 'two-sided-short-edge'];

/** IPP `print-color-mode` keywords (PWG 5100.13) that the UI offers. */
export type ColorMode = 'auto' | 'color' | 'monochrome';
export const COLOR_MODES: readonly ColorMode[] = ['auto', 'color', 'monochrome'];

/** The finishings the UI offers, by their IPP `finishings` enum names (PWG 5100.1). */
export type Finishing = 'staple' | 'punch' | 'fold' | 'bind' | 'trim' | 'saddle-stitch' | 'staple-top-left' | 'punch-dual-left';
/** IPP `finishings` enum values (RFC 8011 5.2.6, PWG 5100.1). */
export const FINISHING_ENUMS: Readonly<Record<Finishing, number>> = {
    'staple': 4,
    'punch': 5,
    'bind': 7,
    'saddle-stitch': 8,
    'fold': 10,
    'trim': 11,
    'staple-top-left': 20,
    'punch-dual-left': 74
};

/** A medium as a printer understands it: PWG 5101.1 size name plus, where known, type and weight. */
export interface TicketMedia {
    /** The catalog's name for it, for messages ("Business card 350 g"). */
    readonly label?: string;
    /** PWG self-describing size name, e.g. `iso_a4_210x297mm`, `na_letter_8.5x11in`. */
    readonly sizeName: string;
    /** Width and height in hundredths of a millimetre (IPP `media-size`), derived from the size name. */
    readonly widthHmm?: number;
    readonly heightHmm?: number;
    /** PWG `media-type` keyword, e.g. `stationery`, `cardstock`, `labels`. */
    readonly type?: string;
    /** Grams per square metre (IPP `media-weight-metric`). */
    readonly weightGsm?: number;
    /** PWG `media-color` keyword, e.g. `white`. */
    readonly color?: string;
    /** IPP `media-key`, when the printer's media database names this medium. */
    readonly key?: string;
}

export interface JobTicket {
    /** `<order number> <job name>`: how the job is known at the printer. */
    readonly jobName: string;
    /** Who asked for it: the order's customer or the shop user, as `job-originating-user-name`. */
    readonly userName: string;
    readonly copies: number;
    readonly sides: Sides;
    readonly media?: TicketMedia;
    readonly colorMode?: ColorMode;
    readonly finishings: readonly Finishing[];
    /** Always PDF today: the print file MarcomCentral hands over. */
    readonly documentFormat: 'application/pdf';
}
