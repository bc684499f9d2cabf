import { inject, injectable } from '@theia/core/shared/inversify';
import type { RejectedOrderSource } from '@presswork/platform/lib/common';
import { DocumentStore } from '@presswork/platform/lib/node/store/document-store';
import { DocumentConflictError } from '@presswork/platform/lib/node/store/store-errors';
import { RejectedOrder, RejectedOrdersCollection } from '../connection-collections';
import { rejectedOrderId } from './intake-ids';

/** Source documents bigger than this are cut down to their summary: a quarantine must not fill the disk. */
const MAX_SOURCE_CHARACTERS = 200_000;

/** The quarantine: orders that could not be taken in, kept with the reason until they can. */
@injectable()
export class RejectedOrders {
    @inject(DocumentStore) protected readonly store: DocumentStore;

    list(connectionId: string): RejectedOrder[] {
        return this.store.findBy(RejectedOrdersCollection, 'connection', connectionId)
            .sort((a, b) => b.lastSeenAt.localeCompare(a.lastSeenAt));
    }

    get(id: string): RejectedOrder | undefined {
        return this.store.get(RejectedOrdersCollection, id);
    }

    async quarantine(connectionId: string, rejected: RejectedOrderSource, now: Date): Promise<void> {
        const id = rejectedOrderId(connectionId, rejected.marcomOrderId, rejected.source);
        const at = now.toISOString();
        const details = {
            path: rejected.path.slice(0, 500),
            reason: rejected.reason.slice(0, 2000),
            source: boundedSource(rejected.source),
            lastSeenAt: at
        };
        const bump = (): Promise<RejectedOrder> => this.store.modify(RejectedOrdersCollection, id, current => ({ ...current, ...details, attempts: current.attempts + 1 }));
        if (this.store.get(RejectedOrdersCollection, id)) {
            await bump();
            return;
        }
        try {
            await this.store.create(RejectedOrdersCollection, {
                id, connectionId, marcomOrderId: rejected.marcomOrderId?.slice(0, 64), orderNumber: rejected.orderNumber?.slice(0, 64),
                firstSeenAt: at, attempts: 1, ...details
            });
        } catch (error) {
            if (!(error instanceof DocumentConflictError)) {
                throw error;
            }
            await bump(); // another intake quarantined it a moment ago
        }
    }

    /** The order was taken in after all: it leaves the quarantine. */
    async release(connectionId: string, marcomOrderId: string): Promise<void> {
        await this.remove(rejectedOrderId(connectionId, marcomOrderId, undefined));
    }

    /** Removes every rejected order of a connection (the connection is gone). */
    async forget(connectionId: string): Promise<void> {
        for (const rejected of this.store.findBy(RejectedOrdersCollection, 'connection', connectionId)) {
            await this.remove(rejected.id);
        }
    }

    /** Deletes at the current version, reading it again if something changed it meanwhile. */
    protected async remove(id: string): Promise<void> {
        for (let attempt = 0; attempt < 3; attempt++) {
            const current = this.store.get(RejectedOrdersCollection, id);
            if (!current) {
                return;
            }
            try {
                await this.store.delete(RejectedOrdersCollection, id, current.version);
                return;
            } catch (error) {
                if (!(error instanceof DocumentConflictError)) {
                    throw error;
                }
            }
        }
    }
}

function boundedSource(source: unknown): unknown {
    const text = JSON.stringify(source) ?? 'null';
    return text.length <= MAX_SOURCE_CHARACTERS ? source : { truncated: true, characters: text.length, start: text.slice(0, 10_000) };
}
