import type { JobTicket, Sides } from '@presswork/platform/lib/common/job-ticket';
import { FINISHING_LABELS } from '../../common/tickets/ticket-properties';
import { describeMedia } from '../tickets/ticket-match';

export const SIDES_WORDS: Readonly<Record<Sides, string>> = {
    'one-sided': 'one-sided',
    'two-sided-long-edge': 'two-sided long edge',
    'two-sided-short-edge': 'two-sided short edge'
};

/** The ticket for the job log: "250 copies, two-sided long edge, Business card 350 g, colour, staple". */
export function ticketSummary(ticket: JobTicket): string {
    const parts = [
        `${ticket.copies} ${ticket.copies === 1 ? 'copy' : 'copies'}`,
        SIDES_WORDS[ticket.sides],
        ticket.media ? ticket.media.label ?? describeMedia(ticket.media) : undefined,
        ticket.colorMode === 'color' ? 'colour' : ticket.colorMode === 'monochrome' ? 'black and white' : undefined,
        ...ticket.finishings.map(finishing => FINISHING_LABELS[finishing].toLowerCase())
    ];
    return parts.filter(part => part !== undefined).join(', ');
}
