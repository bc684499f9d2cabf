import { FINISHING_ENUMS, Finishing, JobTicket, Sides, TicketMedia } from '@presswork/platform/lib/common/job-ticket';
import type { PrinterCapabilities, ReadyMedia } from '@presswork/platform/lib/common/printer-capabilities';
import { MediaSize, mediaSizeOf } from '../../common/tickets/pwg-media-size';
import { describesMoreThanSize, printerKnowsKey } from './ipp-template';

/** Two sizes within a millimetre are one: printers round inch sizes to hundredths of a millimetre differently. */
const SIZE_TOLERANCE_HMM = 100;

const FINISHING_VERBS: Readonly<Record<Finishing, string>> = {
    'staple': 'staple',
    'punch': 'punch holes',
    'fold': 'fold',
    'bind': 'bind',
    'trim': 'trim',
    'saddle-stitch': 'saddle-stitch',
    'staple-top-left': 'staple top left',
    'punch-dual-left': 'punch two holes on the left'
};

const SIDES_PHRASES: Readonly<Record<Sides, string>> = {
    'one-sided': 'one-sided',
    'two-sided-long-edge': 'two-sided (long edge)',
    'two-sided-short-edge': 'two-sided (short edge)'
};

/**
 * What keeps the printer from printing the ticket as it is, one sentence each, in the order an
 * operator would fix them; empty when the printer can honour it all. A job with any mismatch waits
 * with these as its reason: the printer must never substitute a medium, drop a finishing or print
 * one-sided what was asked two-sided.
 */
export function ticketMismatches(ticket: JobTicket, capabilities: PrinterCapabilities, printerName: string): string[] {
    const printer = `Printer ${printerName}`;
    const mismatches: string[] = [];
    if (!capabilities.documentFormats.includes(ticket.documentFormat)) {
        mismatches.push(`${printer} does not take PDF`);
    }
    if (ticket.copies > capabilities.copiesMax) {
        mismatches.push(`${printer} prints at most ${capabilities.copiesMax} ${capabilities.copiesMax === 1 ? 'copy' : 'copies'} of a job; this job asks for ${ticket.copies}`);
    }
    if (!sidesPossible(ticket.sides, capabilities)) {
        mismatches.push(`${printer} cannot print ${SIDES_PHRASES[ticket.sides]}`);
    }
    if (ticket.colorMode === 'color' && !capabilities.colorModesSupported.includes('color')) {
        mismatches.push(`${printer} cannot print in colour`);
    }
    if (ticket.colorMode === 'monochrome' && !capabilities.colorModesSupported.includes('monochrome')) {
        mismatches.push(`${printer} cannot be asked to print in black and white`);
    }
    for (const finishing of ticket.finishings) {
        if (!capabilities.finishingsSupported.includes(FINISHING_ENUMS[finishing])) {
            mismatches.push(`${printer} cannot ${FINISHING_VERBS[finishing]}`);
        }
    }
    if (ticket.media) {
        mismatches.push(...mediaMismatches(ticket.media, capabilities, printer));
    }
    return mismatches;
}

/** One-sided needs no duplexer: only a printer that lists sides without it is taken at its word. */
function sidesPossible(sides: Sides, capabilities: PrinterCapabilities): boolean {
    if (sides === 'one-sided' && !capabilities.sidesSupported.length) {
        return true;
    }
    return capabilities.sidesSupported.includes(sides);
}

function mediaMismatches(media: TicketMedia, capabilities: PrinterCapabilities, printer: string): string[] {
    const mismatches: string[] = [];
    if (describesMoreThanSize(media) && !capabilities.mediaColSupported && !printerKnowsKey(media, capabilities)) {
        // Asked by size name alone, the printer would take whatever paper of that size it holds.
        mismatches.push(`${printer} takes no media-col, so it cannot be asked for ${describeMedia(media)} by more than its size; `
            + 'give the catalog medium a media key the printer knows');
    }
    if (capabilities.mediaReady.length) {
        if (!capabilities.mediaReady.some(ready => isLoaded(media, ready))) {
            mismatches.push(`${printer} has no ${describeMedia(media)} loaded${media.label ? ` (${media.label})` : ''}`);
        }
        return mismatches;
    }
    // Nothing reported as loaded: the printer must at least be able to take the medium.
    if (!sizeSupported(media, capabilities)) {
        mismatches.push(`${printer} does not take ${media.sizeName} media`);
    }
    if (media.type !== undefined && !capabilities.mediaTypesSupported.includes(media.type) && !printerKnowsKey(media, capabilities)) {
        mismatches.push(`${printer} does not take ${media.type} media`);
    }
    return mismatches;
}

/** How a medium is named in a reason: size, then colour, type and weight as far as the catalog states them. */
export function describeMedia(media: TicketMedia): string {
    return [media.sizeName, media.color, media.type, media.weightGsm !== undefined ? `${media.weightGsm} g/m²` : undefined]
        .filter(part => part !== undefined)
        .join(' ');
}

/**
 * A tray holds the medium when its key is the medium's, or its size is the medium's and its type,
 * weight and colour agree wherever both the tray and the catalog state them.
 */
function isLoaded(media: TicketMedia, ready: ReadyMedia): boolean {
    if (media.key !== undefined && (ready.key === media.key || ready.sizeName === media.key)) {
        return true;
    }
    return sameSize(media, ready)
        && agrees(media.type, ready.type)
        && agrees(media.weightGsm, ready.weightGsm)
        && agrees(media.color, ready.color);
}

function agrees<T>(wanted: T | undefined, loaded: T | undefined): boolean {
    return wanted === undefined || loaded === undefined || wanted === loaded;
}

function sizeSupported(media: TicketMedia, capabilities: PrinterCapabilities): boolean {
    if (printerKnowsKey(media, capabilities)) {
        return true;
    }
    if (capabilities.mediaSupported.some(supported => sameSize(media, { sizeName: supported }))) {
        return true;
    }
    return withinCustomRange(media, capabilities.mediaSupported);
}

type Sized = Pick<ReadyMedia, 'sizeName' | 'widthHmm' | 'heightHmm'>;

function sameSize(a: Sized, b: Sized): boolean {
    if (a.sizeName !== undefined && a.sizeName === b.sizeName) {
        return true;
    }
    const first = dimensionsOf(a);
    const second = dimensionsOf(b);
    if (!first || !second) {
        return false;
    }
    // A tray may report a sheet fed long edge first: the same sheet, turned.
    return (near(first.widthHmm, second.widthHmm) && near(first.heightHmm, second.heightHmm))
        || (near(first.widthHmm, second.heightHmm) && near(first.heightHmm, second.widthHmm));
}

function dimensionsOf(sized: Sized): MediaSize | undefined {
    if (sized.widthHmm !== undefined && sized.heightHmm !== undefined) {
        return { widthHmm: sized.widthHmm, heightHmm: sized.heightHmm };
    }
    return sized.sizeName !== undefined ? mediaSizeOf(sized.sizeName) : undefined;
}

function near(a: number, b: number): boolean {
    return Math.abs(a - b) <= SIZE_TOLERANCE_HMM;
}

/** `custom_min_…` and `custom_max_…` in `media-supported` bound the custom sizes a printer takes. */
function withinCustomRange(media: TicketMedia, mediaSupported: readonly string[]): boolean {
    const size = dimensionsOf(media);
    const min = mediaSupported.filter(name => name.startsWith('custom_min_')).map(mediaSizeOf).find(Boolean);
    const max = mediaSupported.filter(name => name.startsWith('custom_max_')).map(mediaSizeOf).find(Boolean);
    if (!size || !min || !max) {
        return false;
    }
    const fits = (width: number, height: number): boolean =>
        width >= min.widthHmm && width <= max.widthHmm && height >= min.heightHmm && height <= max.heightHmm;
    return fits(size.widthHmm, size.heightHmm) || fits(size.heightHmm, size.widthHmm);
}
