import { inject, injectable } from '@theia/core/shared/inversify';
import { shopTimeZone } from '@presswork/platform/lib/node/shop/shop-time-zone';
import { DocumentStore } from '@presswork/platform/lib/node/store/document-store';

/**
 * The batches' clock: now, and the shop's time zone (platform's rule), in which times of day and
 * due days are read. Tests set the time.
 */
@injectable()
export class ShopClock {
    @inject(DocumentStore) protected readonly store: DocumentStore;

    now(): number {
        return Date.now();
    }

    timeZone(): string {
        return shopTimeZone(this.store);
    }
}
