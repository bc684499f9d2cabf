import type { DocumentStore } from '../store/document-store';
import { ConnectionsCollection } from '../store/platform-collections';

/** Asked once: building an Intl formatter for every call cost more than the work it served. */
const SERVER_TIME_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;
const knownZones = new Map<string, boolean>();

/** Whether Intl knows the zone (remembered per zone). */
export function isTimeZone(zone: string): boolean {
    let known = knownZones.get(zone);
    if (known === undefined) {
        try {
            new Intl.DateTimeFormat('en-GB', { timeZone: zone });
            known = true;
        } catch {
            known = false;
        }
        knownZones.set(zone, known);
    }
    return known;
}

/**
 * The shop's time zone, one rule for every feature that reads wall-clock times (messages, batch
 * release times, due days): the given connection's zone, else the first connection's (a shop
 * usually has one), else the server's.
 */
export function shopTimeZone(store: DocumentStore, connectionId?: string): string {
    const own = connectionId !== undefined ? store.get(ConnectionsCollection, connectionId) : undefined;
    const zone = own?.timeZone ?? store.all(ConnectionsCollection).next().value?.timeZone;
    return zone && isTimeZone(zone) ? zone : SERVER_TIME_ZONE;
}
