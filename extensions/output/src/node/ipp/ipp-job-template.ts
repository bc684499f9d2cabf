import type { ColorMode, Sides } from '@presswork/platform/lib/common/job-ticket';

/** `media-col` (PWG 5100.3): the medium described by its members rather than named. */
export interface IppMediaCol {
    /** `media-size`: hundredths of a millimetre. */
    readonly size?: { readonly xDimension: number; readonly yDimension: number };
    readonly type?: string;
    readonly weightMetric?: number;
    readonly color?: string;
    readonly key?: string;
    readonly source?: string;
}

/**
 * The job template attributes Presswork sends with Print-Job (RFC 8011 5.2), as plain values:
 * the IPP client gives each its value tag. Built from the job ticket for one printer.
 */
export interface IppJobTemplate {
    readonly copies: number;
    readonly sides: Sides;
    /** A PWG size name or `media-key`, when the printer is asked by name. */
    readonly media?: string;
    /** Sent instead of `media` when the printer takes `media-col`. */
    readonly mediaCol?: IppMediaCol;
    readonly printColorMode?: ColorMode;
    /** `finishings` enum values. */
    readonly finishings?: readonly number[];
}

/** The operation attributes of Print-Job that name the job and its document. */
export interface IppJobDescription {
    readonly jobName: string;
    readonly userName: string;
    readonly documentFormat: string;
    readonly documentName?: string;
}
