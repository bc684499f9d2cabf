import { inject, injectable } from '@theia/core/shared/inversify';
import { shopTimeZone } from '@presswork/platform/lib/node/shop/shop-time-zone';
import { DocumentStore } from '@presswork/platform/lib/node/store/document-store';

/** The time zone a message shows times in: the shop's (platform's rule), by the connection the event comes through. */
@injectable()
export class ShopTimeZone {
    @inject(DocumentStore) protected readonly store: DocumentStore;

    of(payload: object): string {
        const connectionId = (payload as { connectionId?: unknown }).connectionId;
        return shopTimeZone(this.store, typeof connectionId === 'string' ? connectionId : undefined);
    }
}
