import { SoapFaultError } from '../soap/soap-envelope';
import { StoreTimeZone } from '../soap/store-time-zone';
import { XmlElement, textAt } from '../soap/xml-tree';

export const INVALID_DATE_RANGE = 'Invalid date range';

export interface DateRange {
    readonly start: Date;
    readonly end: Date;
}

/** `DateRange/Start` and `DateRange/End`; missing, unreadable or End before Start is a Fault. */
export function readDateRange(request: XmlElement | undefined, timeZone: StoreTimeZone): DateRange {
    const startText = textAt(request, 'DateRange', 'Start');
    const endText = textAt(request, 'DateRange', 'End');
    const start = startText ? timeZone.parseDateTime(startText) : undefined;
    const end = endText ? timeZone.parseDateTime(endText) : undefined;
    if (!start || !end || end.getTime() < start.getTime()) {
        throw new SoapFaultError('soap:Server', INVALID_DATE_RANGE);
    }
    return { start, end };
}

/** [Start, End): an instant on End belongs to the next window. */
export function inRange(iso: string, range: DateRange): boolean {
    const time = new Date(iso).getTime();
    return time >= range.start.getTime() && time < range.end.getTime();
}
