import { FINISHING_ENUMS, JobTicket, TicketMedia } from '@presswork/platform/lib/common/job-ticket';
import type { PrinterCapabilities } from '@presswork/platform/lib/common/printer-capabilities';
import { mediaSizeOf } from '../../common/tickets/pwg-media-size';
import type { IppJobTemplate, IppMediaCol } from '../ipp/ipp-job-template';

/** IPP `finishings` value `none` (RFC 8011 5.2.6). */
export const FINISHINGS_NONE = 3;

/** Whether the medium says more than its size: a type, weight or colour only `media-col` can carry. */
export function describesMoreThanSize(media: TicketMedia): boolean {
    return media.type !== undefined || media.weightGsm !== undefined || media.color !== undefined;
}

/** Whether the printer names this medium's `media-key` (in `media-supported` or a loaded tray). */
export function printerKnowsKey(media: TicketMedia, capabilities: PrinterCapabilities): boolean {
    return media.key !== undefined
        && (capabilities.mediaSupported.includes(media.key) || capabilities.mediaReady.some(ready => ready.key === media.key));
}

/**
 * The ticket as Print-Job's job template attributes for one printer. Call it only for a ticket
 * that `ticketMismatches` found nothing against on this printer: what it cannot say (a type for a
 * printer without media-col) is refused there, never dropped silently here.
 */
export function ippJobTemplateOf(ticket: JobTicket, capabilities: PrinterCapabilities): IppJobTemplate {
    return {
        copies: ticket.copies,
        sides: ticket.sides,
        ...ippMediaOf(ticket.media, capabilities),
        ...ippColorModeOf(ticket, capabilities),
        ...ippFinishingsOf(ticket, capabilities)
    };
}

function ippMediaOf(media: TicketMedia | undefined, capabilities: PrinterCapabilities): Pick<IppJobTemplate, 'media' | 'mediaCol'> {
    if (!media) {
        return {};
    }
    if (capabilities.mediaColSupported && describesMoreThanSize(media)) {
        return { mediaCol: mediaColOf(media) };
    }
    // A key the printer knows names exactly this medium (type and weight included); else the size.
    return { media: printerKnowsKey(media, capabilities) ? media.key : media.sizeName };
}

/**
 * `media-col` by its members. The key is left out: members and a key that disagree make a printer
 * refuse the job or pick either, and the members are what the catalog states.
 */
function mediaColOf(media: TicketMedia): IppMediaCol {
    const size = media.widthHmm !== undefined && media.heightHmm !== undefined
        ? { widthHmm: media.widthHmm, heightHmm: media.heightHmm }
        : mediaSizeOf(media.sizeName);
    return {
        ...(size ? { size: { xDimension: size.widthHmm, yDimension: size.heightHmm } } : {}),
        ...(media.type !== undefined ? { type: media.type } : {}),
        ...(media.weightGsm !== undefined ? { weightMetric: media.weightGsm } : {}),
        ...(media.color !== undefined ? { color: media.color } : {})
    };
}

function ippColorModeOf(ticket: JobTicket, capabilities: PrinterCapabilities): Pick<IppJobTemplate, 'printColorMode'> {
    if (ticket.colorMode === undefined) {
        return {};
    }
    // `auto` is the printer's own choice: a printer that does not list it decides anyway when asked nothing.
    if (ticket.colorMode === 'auto' && !capabilities.colorModesSupported.includes('auto')) {
        return {};
    }
    return { printColorMode: ticket.colorMode };
}

function ippFinishingsOf(ticket: JobTicket, capabilities: PrinterCapabilities): Pick<IppJobTemplate, 'finishings'> {
    if (ticket.finishings.length) {
        return { finishings: ticket.finishings.map(finishing => FINISHING_ENUMS[finishing]) };
    }
    // No finishing asked means none: a finisher's default (a staple, say) must not be applied unasked.
    return capabilities.finishingsSupported.includes(FINISHINGS_NONE) ? { finishings: [FINISHINGS_NONE] } : {};
}
