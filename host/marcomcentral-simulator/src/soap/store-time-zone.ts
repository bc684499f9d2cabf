import { DateTime, IANAZone } from 'luxon';

export const DEFAULT_TIME_ZONE = 'America/Los_Angeles';

// xs:dateTime: date, time, optional fraction, optional offset. Luxon alone would also accept
// week dates and partial times, which a .NET store refuses.
const XS_DATE_TIME = /^(-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?)(Z|[+-]\d{2}:\d{2})?$/;
const XS_DATE = /^(-?\d{4,}-\d{2}-\d{2})(Z|[+-]\d{2}:\d{2})?$/;

/**
 * Reads and writes dates the way the store does: with the offset of its own time zone, and
 * reading a date without an offset as wall-clock time in that zone.
 *
 * Wall-clock times that happen twice (autumn DST) are read as standard time (the later instant),
 * as .NET's TimeZoneInfo does; times that never happen (spring DST gap) are moved forward by the
 * gap (02:30 becomes 03:30 daylight time). Both are luxon's rules for IANA zones.
 */
export class StoreTimeZone {
    constructor(readonly zone: string = DEFAULT_TIME_ZONE) {
        if (!IANAZone.isValidZone(zone)) {
            throw new RangeError(`Unknown IANA time zone: ${zone}`);
        }
    }

    /** xs:dateTime with the store's offset at that instant; milliseconds only when not zero. */
    format(date: Date): string {
        const local = DateTime.fromJSDate(date, { zone: this.zone });
        const pattern = local.millisecond === 0 ? "yyyy-MM-dd'T'HH:mm:ssZZ" : "yyyy-MM-dd'T'HH:mm:ss.SSSZZ";
        return local.toFormat(pattern);
    }

    /** xs:dateTime → instant, or undefined when the text is not one. */
    parseDateTime(text: string): Date | undefined {
        const match = XS_DATE_TIME.exec(text.trim());
        if (!match) {
            return undefined;
        }
        const [, local, offset] = match;
        // Luxon keeps milliseconds only; .NET keeps ticks. Nobody polls at sub-millisecond precision.
        const parsed = offset
            ? DateTime.fromISO(local + offset, { setZone: true })
            : DateTime.fromISO(local, { zone: this.zone });
        return parsed.isValid ? parsed.toJSDate() : undefined;
    }

    /** xs:dateTime, or an xs:date read as the start of that day in the store's zone. */
    parseDateOrDateTime(text: string): Date | undefined {
        const dateTime = this.parseDateTime(text);
        if (dateTime) {
            return dateTime;
        }
        const match = XS_DATE.exec(text.trim());
        if (!match) {
            return undefined;
        }
        const [, day, offset] = match;
        const parsed = offset
            ? DateTime.fromISO(`${day}T00:00:00${offset}`, { setZone: true })
            : DateTime.fromISO(day, { zone: this.zone });
        return parsed.isValid ? parsed.toJSDate() : undefined;
    }
}
