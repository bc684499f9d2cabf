import { DateTime, IANAZone } from 'luxon';

/**
 * Dates between Presswork (ISO instants) and a MarcomCentral store (its own IANA time zone).
 *
 * Offset-less dates from the store are read in the store's zone with this fixed rule:
 * - a wall time that happens twice (autumn, clocks go back) is read as STANDARD time, the way .NET
 *   (which MarcomCentral runs on) reads an ambiguous local time (2026-11-01T01:30 America/Los_Angeles
 *   → 01:30-08:00, the later of the two instants);
 * - a wall time that never happens (spring, clocks go forward) is shifted FORWARD by the size of the
 *   gap (2026-03-08T02:30 America/Los_Angeles → 03:30-07:00).
 * Luxon alone is not deterministic for the first case: it resolves an ambiguous time with the
 * zone's offset at the moment the process first parsed a date, so the answer changed with the
 * season the server started in. The rule is therefore implemented here.
 */

const DAY_MS = 24 * 60 * 60 * 1000;
const HAS_OFFSET = /T.*(?:Z|[+-]\d{2}(?::?\d{2})?)$/i;

export function isValidTimeZone(timeZone: string): boolean {
    return IANAZone.isValidZone(timeZone);
}

/** luxon caches zones by name; asking `isValidZone` instead would rebuild a formatter for every date read. */
function zoneOf(timeZone: string): IANAZone {
    const zone = IANAZone.create(timeZone);
    if (!zone.isValid) {
        throw new RangeError(`"${timeZone}" is not an IANA time zone`);
    }
    return zone;
}

/**
 * An instant written as xs:dateTime with the store's offset AT THAT INSTANT (tz database rules,
 * never a fixed offset): 2026-01-15T18:00:00Z in America/Los_Angeles → 2026-01-15T10:00:00-08:00.
 * @throws RangeError when the text is not an ISO instant with an offset or the zone is unknown.
 */
export function formatInstantInZone(instant: string, timeZone: string): string {
    const zone = zoneOf(timeZone);
    if (!HAS_OFFSET.test(instant.trim())) {
        throw new RangeError(`"${instant}" is not an ISO 8601 instant with an offset`);
    }
    const parsed = DateTime.fromISO(instant.trim(), { setZone: true });
    if (!parsed.isValid) {
        throw new RangeError(`"${instant}" is not an ISO 8601 instant with an offset`);
    }
    return parsed.setZone(zone).toISO({ suppressMilliseconds: true }) as string;
}

/**
 * Reads a date the store sent. With an offset it keeps that offset; without one it is read in the
 * store's zone by the rule above. Returns ISO 8601 with an offset, or `undefined` when unreadable.
 */
export function readStoreDateTime(text: string, timeZone: string): string | undefined {
    if (text.length > LONGEST_DATE_KEPT) {
        return readDateTime(text, zoneOf(timeZone));
    }
    const key = `${timeZone}\u0000${text}`;
    if (readDates.has(key)) {
        return readDates.get(key);
    }
    const read = readDateTime(text, zoneOf(timeZone));
    if (readDates.size >= READ_DATES_KEPT) {
        readDates.clear();
    }
    readDates.set(key, read);
    return read;
}

/**
 * Dates already read, by zone and text. An answer repeats its dates (an order's lines share their
 * ship date and status date: a third of the texts in a large answer are new), and reading one with
 * luxon costs several microseconds. Reading is a function of the text and the zone's rules alone.
 */
const READ_DATES_KEPT = 4096;
/** A date's text is about 30 characters; a longer one is not a date worth keeping. */
const LONGEST_DATE_KEPT = 64;
const readDates = new Map<string, string | undefined>();

function readDateTime(text: string, zone: IANAZone): string | undefined {
    const trimmed = text.trim();
    if (HAS_OFFSET.test(trimmed)) {
        const parsed = DateTime.fromISO(trimmed, { setZone: true });
        return parsed.isValid ? parsed.toISO({ suppressMilliseconds: true }) ?? undefined : undefined;
    }
    // The wall-clock reading, as if it were UTC: its epoch value is the "local timestamp".
    const wall = DateTime.fromISO(trimmed, { zone: 'UTC' });
    if (!wall.isValid) {
        return undefined;
    }
    const instant = resolveWallTime(wall.toMillis(), zone);
    return DateTime.fromMillis(instant, { zone }).toISO({ suppressMilliseconds: true }) ?? undefined;
}

/** The instant of a wall time in a zone, by the standard-time / shift-forward rule. */
export function resolveWallTime(localMillis: number, zone: IANAZone): number {
    // Real zones change offset at most once within two days, so the offsets a day either side cover every candidate.
    const offsetBefore = zone.offset(localMillis - DAY_MS);
    const offsetAfter = zone.offset(localMillis + DAY_MS);
    const candidates = [...new Set([offsetBefore, offsetAfter])]
        .map(offset => localMillis - offset * 60_000)
        .filter(instant => zone.offset(instant) === (localMillis - instant) / 60_000);
    if (candidates.length > 0) {
        return candidates.find(instant => !DateTime.fromMillis(instant, { zone }).isInDST) ?? Math.max(...candidates);
    }
    // A skipped wall time: read it with the offset before the gap, which lands after the gap.
    return localMillis - offsetBefore * 60_000;
}
