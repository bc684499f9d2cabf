import { inject, injectable } from '@theia/core/shared/inversify';
import { DocumentStore } from '@presswork/platform/lib/node/store/document-store';
import { ConnectionsCollection } from '@presswork/platform/lib/node/store/platform-collections';

/**
 * The time zone a message shows times in: the store connection's the event comes through, or
 * else the first connection's (a shop usually has one), or else the server's.
 */
@injectable()
export class ShopTimeZone {
    @inject(DocumentStore) protected readonly store: DocumentStore;

    of(payload: object): string {
        const connectionId = (payload as { connectionId?: unknown }).connectionId;
        const own = typeof connectionId === 'string' ? this.store.get(ConnectionsCollection, connectionId) : undefined;
        const zone = own?.timeZone ?? this.store.all(ConnectionsCollection).next().value?.timeZone;
        return zone && isTimeZone(zone) ? zone : SERVER_TIME_ZONE;
    }
}

/** Asked once: building an Intl formatter for every event cost more than rendering the message. */
const SERVER_TIME_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;
const knownZones = new Map<string, boolean>();

function isTimeZone(zone: string): boolean {
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
