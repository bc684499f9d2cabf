import { z } from 'zod';
import { describeZodError } from '@presswork/platform/lib/common/validation-message';

/** When time-based events fire and how long the journal keeps events; read once from the environment (README). */
export interface EventsConfig {
    /** `job.stalled`: no change for this many minutes in a state other than waiting. */
    readonly stalledMinutes: number;
    /** `job.waiting-for-operator`: Held or Waiting for this many minutes. */
    readonly waitingMinutes: number;
    /** `order.card-authorization-expiring`: an open order's card authorization expires within this many hours. */
    readonly cardExpiryHours: number;
    /** How often jobs and orders are looked at for those (seconds). */
    readonly scanSeconds: number;
    /** Days the journal keeps events (longer where a reader has not read them yet). */
    readonly retentionDays: number;
}
export const EventsConfig = Symbol('EventsConfig');

const whole = (min: number, max: number, fallback: number) => z.coerce.number().int().min(min).max(max).default(fallback);

const EnvironmentSchema = z.object({
    PRESSWORK_EVENTS_STALLED_MINUTES: whole(1, 7 * 24 * 60, 60),
    PRESSWORK_EVENTS_WAITING_MINUTES: whole(1, 7 * 24 * 60, 30),
    PRESSWORK_EVENTS_CARD_EXPIRY_HOURS: whole(1, 24 * 30, 24),
    PRESSWORK_EVENTS_SCAN_SECONDS: whole(5, 3600, 45),
    PRESSWORK_EVENTS_RETENTION_DAYS: whole(1, 3650, 30)
});

export function readEventsConfig(environment: NodeJS.ProcessEnv): EventsConfig {
    const parsed = EnvironmentSchema.safeParse(environment);
    if (!parsed.success) {
        throw new Error(`Invalid Presswork environment: ${describeZodError(parsed.error)}`);
    }
    const settings = parsed.data;
    return {
        stalledMinutes: settings.PRESSWORK_EVENTS_STALLED_MINUTES,
        waitingMinutes: settings.PRESSWORK_EVENTS_WAITING_MINUTES,
        cardExpiryHours: settings.PRESSWORK_EVENTS_CARD_EXPIRY_HOURS,
        scanSeconds: settings.PRESSWORK_EVENTS_SCAN_SECONDS,
        retentionDays: settings.PRESSWORK_EVENTS_RETENTION_DAYS
    };
}
