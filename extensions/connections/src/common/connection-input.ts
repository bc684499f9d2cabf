import { z } from 'zod';
import { shortText } from '@presswork/platform/lib/common/identifiers';
import { MAX_PRINT_FILE_HOSTS, PrintFileHostSchema } from '@presswork/platform/lib/common/connection-schema';

/** IANA time-zone names only: DST follows the tz database, never a fixed offset. */
export const TimeZoneSchema = z.string().max(64).refine(zone => {
    try {
        new Intl.DateTimeFormat('en-US', { timeZone: zone });
        return /\//.test(zone) || zone === 'UTC';
    } catch {
        return false;
    }
}, 'must be an IANA time zone such as America/Los_Angeles');

/** Below this, MarcomCentral's terms are exceeded: accepted for simulators and tests, with a warning. */
export const RECOMMENDED_MIN_POLL_SECONDS = 300;

const token = z.string().trim().min(1, 'a token may not be empty').max(512);

/** What an administrator types for a connection. Tokens are write-only: absent keeps the stored one. */
export const ConnectionInputSchema = z.object({
    name: shortText(100).trim().min(1, 'Name is required'),
    description: shortText(2000).default(''),
    type: z.literal('MarcomCentral').default('MarcomCentral'),
    endpointUrl: z.url({ protocol: /^https?$/, error: 'must be an http or https URL' }).max(2000),
    orderToken: token.optional(),
    closeoutToken: token.optional(),
    /** Removes a separate closeout token, so the order token serves closeout again. */
    clearCloseoutToken: z.boolean().default(false),
    timeZone: TimeZoneSchema.default('America/Los_Angeles'),
    pollingIntervalSeconds: z.number().int().min(1).max(86_400).default(300),
    firstLookBackHours: z.number().int().min(0).max(24 * 31).default(24),
    printFileHosts: z.array(PrintFileHostSchema).max(MAX_PRINT_FILE_HOSTS, `at most ${MAX_PRINT_FILE_HOSTS} hosts`).default([]),
    enabled: z.boolean().default(false)
});
export type ConnectionInput = z.input<typeof ConnectionInputSchema>;
export type ValidConnectionInput = z.output<typeof ConnectionInputSchema>;

export function pollingIntervalWarning(seconds: number): string | undefined {
    return seconds < RECOMMENDED_MIN_POLL_SECONDS
        ? `Polling more often than every ${RECOMMENDED_MIN_POLL_SECONDS} s exceeds MarcomCentral's terms; use it only with simulators and tests.`
        : undefined;
}
