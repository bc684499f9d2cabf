import { FINISHING_ENUMS, JobTicket, TicketMedia } from '@presswork/platform/lib/common/job-ticket';
import type { PrinterCapabilities } from '@presswork/platform/lib/common/printer-capabilities';

/** A4 cardstock 300 g/m², as the catalog's "Cover 300" gives it to a ticket. */
export const coverA4: TicketMedia = {
    label: 'Cover 300', sizeName: 'iso_a4_210x297mm', widthHmm: 21000, heightHmm: 29700, type: 'cardstock', weightGsm: 300
};

export function sampleTicket(fields: Partial<JobTicket> = {}): JobTicket {
    return {
        jobName: 'MC-1001 Business cards',
        userName: 'Anna Berg',
        copies: 250,
        sides: 'one-sided',
        finishings: [],
        documentFormat: 'application/pdf',
        ...fields
    };
}

/** A production printer that can do everything the UI offers, with nothing reported as loaded. */
export function capablePrinter(fields: Partial<PrinterCapabilities> = {}): PrinterCapabilities {
    return {
        makeAndModel: 'Example Press 9000',
        documentFormats: ['application/octet-stream', 'application/pdf', 'image/pwg-raster'],
        copiesMax: 9999,
        sidesSupported: ['one-sided', 'two-sided-long-edge', 'two-sided-short-edge'],
        mediaSupported: ['iso_a4_210x297mm', 'iso_a3_297x420mm', 'na_letter_8.5x11in', 'iso_sra3_320x450mm', 'custom_min_50x50mm', 'custom_max_330x488mm'],
        mediaReady: [],
        mediaTypesSupported: ['stationery', 'cardstock', 'labels', 'photographic-glossy'],
        colorModesSupported: ['auto', 'color', 'monochrome'],
        finishingsSupported: [3, ...Object.values(FINISHING_ENUMS)],
        mediaColSupported: true,
        identifyActionsSupported: [],
        operationsSupported: [],
        ...fields
    };
}

/** An office printer: one-sided, monochrome, no finisher, no media-col, letter and A4 only. */
export function basicPrinter(fields: Partial<PrinterCapabilities> = {}): PrinterCapabilities {
    return capablePrinter({
        documentFormats: ['application/pdf'],
        copiesMax: 999,
        sidesSupported: ['one-sided'],
        mediaSupported: ['iso_a4_210x297mm', 'na_letter_8.5x11in'],
        mediaTypesSupported: ['stationery'],
        colorModesSupported: ['monochrome'],
        finishingsSupported: [],
        mediaColSupported: false,
        ...fields
    });
}
