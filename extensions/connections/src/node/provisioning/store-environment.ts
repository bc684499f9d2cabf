import { z } from 'zod';
import { describeZodError } from '@presswork/platform/lib/common/validation-message';
import { TimeZoneSchema } from '../../common/connection-input';

/** A shop's own MarcomCentral store, provisioned at first start from the environment (see README). */
export interface StoreEnvironment {
    readonly url: string;
    readonly token: string;
    readonly closeoutToken?: string;
    readonly timeZone: string;
    readonly pollSeconds: number;
}

const EnvironmentSchema = z.object({
    PRESSWORK_MARCOM_URL: z.url({ protocol: /^https?$/ }).optional(),
    PRESSWORK_MARCOM_TOKEN: z.string().min(1).optional(),
    PRESSWORK_MARCOM_CLOSEOUT_TOKEN: z.string().min(1).optional(),
    PRESSWORK_MARCOM_TIMEZONE: TimeZoneSchema.default('America/Los_Angeles'),
    PRESSWORK_MARCOM_POLL_SECONDS: z.coerce.number().int().min(1).max(86_400).default(300)
});

/** The configured store, or undefined when none is configured; a half-configured one is an error. */
export function readStoreEnvironment(environment: NodeJS.ProcessEnv): StoreEnvironment | undefined {
    const parsed = EnvironmentSchema.safeParse(environment);
    if (!parsed.success) {
        throw new Error(`Invalid MarcomCentral settings in the environment: ${describeZodError(parsed.error)}`);
    }
    const settings = parsed.data;
    if (!settings.PRESSWORK_MARCOM_URL && !settings.PRESSWORK_MARCOM_TOKEN) {
        return undefined;
    }
    if (!settings.PRESSWORK_MARCOM_URL || !settings.PRESSWORK_MARCOM_TOKEN) {
        throw new Error('PRESSWORK_MARCOM_URL and PRESSWORK_MARCOM_TOKEN go together: set both or neither');
    }
    return {
        url: settings.PRESSWORK_MARCOM_URL,
        token: settings.PRESSWORK_MARCOM_TOKEN,
        closeoutToken: settings.PRESSWORK_MARCOM_CLOSEOUT_TOKEN,
        timeZone: settings.PRESSWORK_MARCOM_TIMEZONE,
        pollSeconds: settings.PRESSWORK_MARCOM_POLL_SECONDS
    };
}
