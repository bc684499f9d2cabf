import { DateTime } from 'luxon';

/** Wall-clock times in the shop's time zone (luxon, as connections reads store times): the calendar day of an instant, and the instant of a day's HH:MM. */

export interface ZonedDay {
    readonly year: number;
    readonly month: number;
    readonly day: number;
}

/** The calendar day of `instant` (ms) in the zone. */
export function zonedDayOf(instant: number, timeZone: string): ZonedDay {
    const { year, month, day } = DateTime.fromMillis(instant, { zone: timeZone });
    return { year, month, day };
}

/** "2026-12-06" */
export function dayText(day: ZonedDay): string {
    return DateTime.fromObject(day, { zone: 'utc' }).toISODate()!;
}

/** The day after (or `days` after) in the calendar. */
export function addDays(day: ZonedDay, days: number): ZonedDay {
    const { year, month, day: date } = DateTime.fromObject(day, { zone: 'utc' }).plus({ days });
    return { year, month, day: date };
}

/**
 * The instant (ms) the zone's clocks read `HH:MM` on `day`. In a spring-forward gap (a time that
 * does not exist that day) luxon moves it forward past the gap, so a release there still fires.
 */
export function instantAt(day: ZonedDay, timeOfDay: string, timeZone: string): number {
    const [hour, minute] = timeOfDay.split(':').map(Number);
    return DateTime.fromObject({ ...day, hour, minute }, { zone: timeZone }).toMillis();
}

/** "14:00": the zone's clock at `instant` (ms). */
export function clockText(instant: number, timeZone: string): string {
    return DateTime.fromMillis(instant, { zone: timeZone }).toFormat('HH:mm');
}
