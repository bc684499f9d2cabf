import { z } from 'zod';
import type { Job, JobPropertyValue } from '@presswork/platform/lib/common/job-schema';
import type { Order } from '@presswork/platform/lib/common/order-schema';
import { COLOR_MODES, ColorMode, FINISHING_ENUMS, Finishing, JobTicket, SIDES, Sides, TicketMedia } from '@presswork/platform/lib/common/job-ticket';
import { Medium, findMedium, ticketMediaOf } from './media-catalog';
import { clipToUtf8Bytes, plainTicketText } from './ticket-text';

/**
 * The job properties that carry a ticket, and the Print step's defaults of the same names. A job
 * property wins over the step's default, so one workflow serves jobs of different paper and sides.
 */
export const TicketPropertyNames = {
    sides: 'sides',
    media: 'media',
    colorMode: 'colorMode',
    finishings: 'finishings'
} as const;

export const FINISHINGS = Object.keys(FINISHING_ENUMS) as readonly Finishing[];

/** Labels for the property form and the designer; the UI localizes them under `presswork/output/ticket/<value>`. */
export const SIDES_LABELS: Readonly<Record<Sides, string>> = {
    'one-sided': 'One-sided',
    'two-sided-long-edge': 'Two-sided, long edge (book)',
    'two-sided-short-edge': 'Two-sided, short edge (calendar)'
};
export const COLOR_MODE_LABELS: Readonly<Record<ColorMode, string>> = {
    auto: 'As the printer decides',
    color: 'Colour',
    monochrome: 'Black and white'
};
export const FINISHING_LABELS: Readonly<Record<Finishing, string>> = {
    'staple': 'Staple',
    'punch': 'Punch holes',
    'fold': 'Fold',
    'bind': 'Bind',
    'trim': 'Trim',
    'saddle-stitch': 'Saddle stitch',
    'staple-top-left': 'Staple top left',
    'punch-dual-left': 'Punch two holes on the left'
};

/**
 * The Print step's own defaults, as the designer stores them: canonical values only, since the
 * form offers choices (a medium is chosen from the catalog and kept by id).
 */
export const TicketDefaultsSchema = z.object({
    sides: z.enum(SIDES as [Sides, ...Sides[]]).optional(),
    media: z.string().trim().max(128, 'Media may be at most 128 characters').optional(),
    colorMode: z.enum(COLOR_MODES as [ColorMode, ...ColorMode[]]).optional(),
    finishings: z.array(z.enum(FINISHINGS as [Finishing, ...Finishing[]])).max(FINISHINGS.length).optional()
});
export type TicketDefaults = z.infer<typeof TicketDefaultsSchema>;

/** A value as people type it: lower case, spaces and underscores as hyphens. */
function normalized(value: string): string {
    return value.trim().toLowerCase().replace(/[\s_]+/g, '-');
}

const SIDES_ALIASES: Readonly<Record<string, Sides>> = {
    'one-sided': 'one-sided', 'simplex': 'one-sided', 'single-sided': 'one-sided', 'single': 'one-sided', '1': 'one-sided', '1-sided': 'one-sided',
    'two-sided-long-edge': 'two-sided-long-edge', 'duplex': 'two-sided-long-edge', 'two-sided': 'two-sided-long-edge', 'double-sided': 'two-sided-long-edge',
    '2': 'two-sided-long-edge', '2-sided': 'two-sided-long-edge', 'long-edge': 'two-sided-long-edge', 'duplex-long-edge': 'two-sided-long-edge',
    // "Tumble" is PostScript's name for turning on the short edge.
    'two-sided-short-edge': 'two-sided-short-edge', 'short-edge': 'two-sided-short-edge', 'duplex-short-edge': 'two-sided-short-edge', 'tumble': 'two-sided-short-edge'
};

const COLOR_MODE_ALIASES: Readonly<Record<string, ColorMode>> = {
    'auto': 'auto', 'automatic': 'auto',
    'color': 'color', 'colour': 'color', 'full-color': 'color', 'full-colour': 'color', 'cmyk': 'color',
    'monochrome': 'monochrome', 'mono': 'monochrome', 'black-and-white': 'monochrome', 'b&w': 'monochrome', 'bw': 'monochrome',
    'grayscale': 'monochrome', 'greyscale': 'monochrome', 'gray': 'monochrome', 'grey': 'monochrome'
};

const FINISHING_ALIASES: Readonly<Record<string, Finishing>> = {
    ...Object.fromEntries(FINISHINGS.map(finishing => [finishing, finishing])),
    'stapled': 'staple', 'hole-punch': 'punch', 'punched': 'punch', 'folded': 'fold', 'binding': 'bind', 'bound': 'bind',
    'trimmed': 'trim', 'saddle-stitched': 'saddle-stitch', 'saddlestitch': 'saddle-stitch'
};

export type Parsed<T> = { readonly value: T } | { readonly problem: string };

/** `sides` as a job property: the IPP keyword or a friendly alias ("duplex", "simplex", 2), any case. */
export function parseSides(value: JobPropertyValue): Parsed<Sides> {
    const sides = typeof value === 'boolean' ? undefined : SIDES_ALIASES[normalized(String(value))];
    return sides ? { value: sides } : { problem: `sides ${JSON.stringify(value)} is not one of ${SIDES.join(', ')} (or duplex, simplex, 1, 2)` };
}

/** `colorMode` as a job property: auto, color, monochrome or a friendly alias ("colour", "b&w", "grayscale"). */
export function parseColorMode(value: JobPropertyValue): Parsed<ColorMode> {
    const mode = typeof value === 'string' ? COLOR_MODE_ALIASES[normalized(value)] : undefined;
    return mode ? { value: mode } : { problem: `colorMode ${JSON.stringify(value)} is not one of ${COLOR_MODES.join(', ')}` };
}

/** `finishings` as a job property: Finishing names separated by commas; "none" or nothing is none. */
export function parseFinishings(value: JobPropertyValue): Parsed<Finishing[]> {
    if (typeof value !== 'string') {
        return { problem: `finishings ${JSON.stringify(value)} must be finishing names separated by commas` };
    }
    const names = value.split(',').map(normalized).filter(name => name && name !== 'none');
    const finishings: Finishing[] = [];
    for (const name of names) {
        const finishing = FINISHING_ALIASES[name];
        if (!finishing) {
            return { problem: `finishing ${JSON.stringify(name)} is not one of ${FINISHINGS.join(', ')}` };
        }
        if (!finishings.includes(finishing)) {
            finishings.push(finishing);
        }
    }
    return { value: finishings };
}

/** IPP `job-name` and `job-originating-user-name` are name(MAX): 255 octets. */
export const IPP_NAME_MAX_BYTES = 255;
/** Shown when an order has no customer name at all, so the printer still sees who asked. */
export const UNKNOWN_USER_NAME = 'Presswork';

export interface TicketSources {
    readonly job: Pick<Job, 'name' | 'orderNumber' | 'copies' | 'properties'>;
    readonly order: Pick<Order, 'customer'>;
    readonly stepDefaults: TicketDefaults;
    readonly catalog: readonly Medium[];
    /** Who prints, when it is not the order's customer (for example the operator who reprints). */
    readonly userName?: string;
}

export type TicketResult = { readonly ticket: JobTicket } | { readonly problem: string };

/**
 * The job's ticket, or the reason there can be none in words (a medium not in the catalog, a sides
 * value no printer knows): a ticket is never guessed, since printing the wrong one wastes stock.
 */
export function buildTicket({ job, order, stepDefaults, catalog, userName }: TicketSources): TicketResult {
    const property = (name: string): JobPropertyValue | undefined => {
        const value = job.properties[name];
        // An empty property is an unset one, so the step's default still applies.
        return typeof value === 'string' && !value.trim() ? undefined : value;
    };
    const fromJob = <T>(name: string, parse: (value: JobPropertyValue) => Parsed<T>): Parsed<T> | undefined => {
        const value = property(name);
        if (value === undefined) {
            return undefined;
        }
        const parsed = parse(value);
        return 'problem' in parsed ? { problem: `The job's ${parsed.problem}` } : parsed;
    };

    const sides = fromJob(TicketPropertyNames.sides, parseSides) ?? { value: stepDefaults.sides ?? 'one-sided' };
    const colorMode = fromJob(TicketPropertyNames.colorMode, parseColorMode) ?? { value: stepDefaults.colorMode };
    const finishings = fromJob(TicketPropertyNames.finishings, parseFinishings) ?? { value: [...stepDefaults.finishings ?? []] };
    const media = mediaOf(property(TicketPropertyNames.media), stepDefaults.media, catalog);
    if ('problem' in sides) {
        return sides;
    }
    if ('problem' in colorMode) {
        return colorMode;
    }
    if ('problem' in finishings) {
        return finishings;
    }
    if ('problem' in media) {
        return media;
    }
    return {
        ticket: {
            jobName: ticketJobName(job.orderNumber, job.name),
            userName: ticketUserName(userName, order.customer),
            copies: job.copies,
            sides: sides.value,
            ...optional('media', media.value),
            ...optional('colorMode', colorMode.value),
            finishings: finishings.value,
            documentFormat: 'application/pdf'
        }
    };
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
    return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

function mediaOf(jobValue: JobPropertyValue | undefined, stepValue: string | undefined, catalog: readonly Medium[]): Parsed<TicketMedia | undefined> {
    const [wanted, whose] = jobValue !== undefined ? [String(jobValue), 'The job\'s'] : [stepValue?.trim(), 'The Print step\'s'];
    if (!wanted) {
        return { value: undefined };
    }
    const medium = findMedium(catalog, wanted);
    if (medium === 'ambiguous') {
        return { problem: `${whose} media ${JSON.stringify(wanted)} names more than one medium in the media catalog` };
    }
    return medium ? { value: ticketMediaOf(medium) } : { problem: `${whose} media ${JSON.stringify(wanted)} is not in the media catalog` };
}

/** `<order number> <job name>`, as the operator finds the job at the printer; bounded to an IPP name. */
export function ticketJobName(orderNumber: string, jobName: string): string {
    return clipToUtf8Bytes(plainTicketText(`${orderNumber} ${jobName}`), IPP_NAME_MAX_BYTES);
}

/** The given user, else the customer's name, login or e-mail; bounded to an IPP name. */
export function ticketUserName(userName: string | undefined, customer: Order['customer']): string {
    const candidates = [userName, [customer.firstName, customer.lastName].filter(Boolean).join(' '), customer.loginId, customer.email];
    for (const candidate of candidates) {
        const name = clipToUtf8Bytes(plainTicketText(candidate ?? ''), IPP_NAME_MAX_BYTES);
        if (name) {
            return name;
        }
    }
    return UNKNOWN_USER_NAME;
}
