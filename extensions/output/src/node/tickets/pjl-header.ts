import type { JobTicket, TicketMedia } from '@presswork/platform/lib/common/job-ticket';

/**
 * The PJL envelope a raw-socket (JetDirect) printer gets around the PDF: the ticket as PJL
 * variables, then ENTER LANGUAGE=PDF; after the PDF, EOJ. Each part starts with the Universal Exit
 * Language sequence, so a printer left in another language by an earlier job reads PJL again.
 *
 * Printers ignore PJL variables they do not know, and PJL cannot report back what it ignored: a
 * raw-socket printer has no capabilities to match the ticket against, so what it does with a
 * variable is the administrator's to check once for each printer model.
 */

/** Universal Exit Language: ESC %-12345X. */
export const UEL = '\x1b%-12345X';
/** HP's PJL reference bounds a JOB NAME to 80 characters. */
export const PJL_NAME_MAX = 80;

/** PJL PAPER values for the sizes that have one; any other size is left to the PDF's own page size. */
const PJL_PAPER: Readonly<Record<string, string>> = {
    'iso_a3_297x420mm': 'A3',
    'iso_a4_210x297mm': 'A4',
    'iso_a5_148x210mm': 'A5',
    'iso_a6_105x148mm': 'A6',
    'na_letter_8.5x11in': 'LETTER',
    'na_legal_8.5x14in': 'LEGAL',
    'na_ledger_11x17in': 'LEDGER',
    'na_executive_7.25x10.5in': 'EXECUTIVE',
    'iso_dl_110x220mm': 'DL',
    'iso_c5_162x229mm': 'C5',
    'na_number-10_4.125x9.5in': 'COM10',
    'na_monarch_3.875x7.5in': 'MONARCH'
};

/**
 * PJL MEDIATYPE values for the PWG types that HP's PJL reference names; other types (envelope,
 * photographic, tab stock, …) have device-specific names, so they are left to the tray the printer
 * picks for the size.
 */
const PJL_MEDIA_TYPE: Readonly<Record<string, string>> = {
    'stationery': 'PLAIN',
    'stationery-letterhead': 'LETTERHEAD',
    'stationery-preprinted': 'PREPRINTED',
    'stationery-prepunched': 'PREPUNCHED',
    'stationery-recycled': 'RECYCLED',
    'cardstock': 'CARDSTOCK',
    'labels': 'LABELS',
    'transparency': 'TRANSPARENCY'
};

export interface PjlOptions {
    /**
     * PJL has two copy counts: COPIES repeats each page (uncollated), QTY repeats the whole
     * document (collated sets). Only one is ever sent, as printers that know both may multiply
     * them. COPIES is the default because every PJL printer knows it; QTY, for printers that
     * support it, keeps multi-page jobs in sets.
     */
    readonly copies?: 'COPIES' | 'QTY';
}

export interface PjlEnvelope {
    /** Sent before the PDF. */
    readonly prologue: Buffer;
    /** Sent after the PDF. */
    readonly epilogue: Buffer;
}

/** The bytes to send before and after the PDF, ASCII only, lines ending in CR LF. */
export function pjlEnvelopeOf(ticket: JobTicket, options: PjlOptions = {}): PjlEnvelope {
    const name = pjlQuotedText(ticket.jobName);
    const lines = [
        `@PJL JOB NAME="${name}"`,
        `@PJL SET USERNAME="${pjlQuotedText(ticket.userName)}"`,
        `@PJL SET ${options.copies ?? 'COPIES'}=${ticket.copies}`,
        ...duplexLinesOf(ticket),
        ...colorLinesOf(ticket),
        ...mediaLinesOf(ticket.media),
        '@PJL ENTER LANGUAGE=PDF'
    ];
    return {
        prologue: Buffer.from(`${UEL}@PJL\r\n${lines.map(line => `${line}\r\n`).join('')}`, 'ascii'),
        epilogue: Buffer.from(`${UEL}@PJL EOJ NAME="${name}"\r\n${UEL}`, 'ascii')
    };
}

function duplexLinesOf(ticket: JobTicket): string[] {
    if (ticket.sides === 'one-sided') {
        return ['@PJL SET DUPLEX=OFF'];
    }
    return ['@PJL SET DUPLEX=ON', `@PJL SET BINDING=${ticket.sides === 'two-sided-long-edge' ? 'LONGEDGE' : 'SHORTEDGE'}`];
}

function colorLinesOf(ticket: JobTicket): string[] {
    switch (ticket.colorMode) {
        case 'monochrome': return ['@PJL SET RENDERMODE=GRAYSCALE'];
        case 'color': return ['@PJL SET RENDERMODE=COLOR'];
        default: return [];
    }
}

function mediaLinesOf(media: TicketMedia | undefined): string[] {
    if (!media) {
        return [];
    }
    const paper = PJL_PAPER[media.sizeName];
    const type = media.type !== undefined ? PJL_MEDIA_TYPE[media.type] : undefined;
    return [
        ...paper ? [`@PJL SET PAPER=${paper}`] : [],
        ...type ? [`@PJL SET MEDIATYPE=${type}`] : []
    ];
}

/**
 * Text for a PJL quoted string: printable ASCII without the double quote, at most 80 characters.
 * Accented letters lose their accents (Müller → Muller); other characters are dropped, so a name
 * can neither end the string early nor start a new PJL command.
 */
export function pjlQuotedText(text: string): string {
    return text
        .normalize('NFKD')
        .replace(/[\u0300-\u036f]/g, '')
        .replace(/[^\x20-\x7e]|"/g, '')
        .replace(/ {2,}/g, ' ')
        .trim()
        .slice(0, PJL_NAME_MAX)
        .trimEnd();
}
