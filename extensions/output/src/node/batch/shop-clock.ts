import { inject, injectable } from '@theia/core/shared/inversify';
import { DocumentStore } from '@presswork/platform/lib/node/store/document-store';
import { ConnectionsCollection } from '@presswork/platform/lib/node/store/platform-collections';
import { isTimeZone } from './shop-time';

/** Asked once: the server's own zone, for a shop without a connection. */
const SERVER_TIME_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

/**
 * The batches' clock: now, and the shop's time zone (the first connection's, as notifications
 * and closeout read it; else the server's), in which times of day and due days are read. Tests
 * set the time.
 */
@injectable()
export class ShopClock {
    @inject(DocumentStore) protected readonly store: DocumentStore;

    now(): number {
        return Date.now();
    }

    timeZone(): string {
        const zone = this.store.all(ConnectionsCollection).next().value?.timeZone;
        return zone && isTimeZone(zone) ? zone : SERVER_TIME_ZONE;
    }
}
