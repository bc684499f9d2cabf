/**
 * Wall-clock times in the shop's time zone, with Intl alone (output has no date library): the
 * calendar day of an instant, and the instant of a day's HH:MM.
 */

export interface ZonedDay {
    readonly year: number;
    readonly month: number;
    readonly day: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterOf(timeZone: string): Intl.DateTimeFormat {
    let formatter = formatters.get(timeZone);
    if (!formatter) {
        formatter = new Intl.DateTimeFormat('en-US', {
            timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric'
        });
        formatters.set(timeZone, formatter);
    }
    return formatter;
}

/** The wall-clock reading of `instant` (ms) in the zone, as if it were UTC (ms). */
function wallClockOf(instant: number, timeZone: string): number {
    const parts: Record<string, number> = {};
    for (const part of formatterOf(timeZone).formatToParts(new Date(instant))) {
        if (part.type !== 'literal') {
            parts[part.type] = Number(part.value);
        }
    }
    return Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour % 24, parts.minute, parts.second);
}

/** Whether the zone is one Intl knows. */
export function isTimeZone(timeZone: string): boolean {
    try {
        formatterOf(timeZone);
        return true;
    } catch {
        return false;
    }
}

/** The calendar day of `instant` (ms) in the zone. */
export function zonedDayOf(instant: number, timeZone: string): ZonedDay {
    const wall = new Date(wallClockOf(instant, timeZone));
    return { year: wall.getUTCFullYear(), month: wall.getUTCMonth() + 1, day: wall.getUTCDate() };
}

/** "2026-12-06" */
export function dayText(day: ZonedDay): string {
    return `${day.year}-${String(day.month).padStart(2, '0')}-${String(day.day).padStart(2, '0')}`;
}

/** The day after (or `days` after) in the calendar. */
export function addDays(day: ZonedDay, days: number): ZonedDay {
    const date = new Date(Date.UTC(day.year, day.month - 1, day.day + days));
    return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

/**
 * The instant (ms) the zone's clocks read `HH:MM` on `day`. In a spring-forward gap (a time that
 * does not exist that day) it is the instant just after the gap, so a release there still fires.
 */
export function instantAt(day: ZonedDay, timeOfDay: string, timeZone: string): number {
    const [hours, minutes] = timeOfDay.split(':').map(Number);
    const wall = Date.UTC(day.year, day.month - 1, day.day, hours, minutes);
    let instant = wall - (wallClockOf(wall, timeZone) - wall);
    // A second pass settles an offset that changed between the guess and the answer.
    instant = wall - (wallClockOf(instant, timeZone) - instant);
    return instant;
}

/** "14:00": the zone's clock at `instant` (ms). */
export function clockText(instant: number, timeZone: string): string {
    const wall = new Date(wallClockOf(instant, timeZone));
    return `${String(wall.getUTCHours()).padStart(2, '0')}:${String(wall.getUTCMinutes()).padStart(2, '0')}`;
}
