import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { inject, injectable } from '@theia/core/shared/inversify';
import { DocumentIdSchema } from '@presswork/platform/lib/common/identifiers';
import type { Order } from '@presswork/platform/lib/common/order-schema';
import { PressworkConfig } from '@presswork/platform/lib/node/presswork-config';
import { writeFileDurably } from '@presswork/platform/lib/node/files/durable-file';
import { DocumentStore } from '@presswork/platform/lib/node/store/document-store';
import { OrdersCollection, ShopIdentityCollection } from '@presswork/platform/lib/node/store/platform-collections';
import { SHOP_IDENTITY_ID } from '@presswork/platform/lib/common/shop-identity';
import { CloseoutsCollection } from './closeout-collections';
import { CloseoutDocumentKind, CloseoutInput, DOCUMENT_KINDS } from '../common/closeout-protocol';
import { renderCloseoutPdf } from './closeout-pdf';

export const CLOSEOUT_DOCUMENTS_FOLDER = 'closeout-documents';

/**
 * Packing slips and invoices as PDF, kept with the order in `<data>/closeout-documents/<orderId>/`.
 * Every path is built from a checked document id and a fixed kind, so no input reaches outside.
 */
@injectable()
export class CloseoutDocuments {
    @inject(PressworkConfig) protected readonly config: PressworkConfig;
    @inject(DocumentStore) protected readonly store: DocumentStore;
    /** Documents being written now, so two requests for one render it once. */
    protected readonly writing = new Map<string, Promise<string>>();

    fileOf(orderId: string, kind: CloseoutDocumentKind): string {
        const id = DocumentIdSchema.parse(orderId);
        if (!DOCUMENT_KINDS.includes(kind)) {
            throw new RangeError(`Unknown closeout document kind: ${String(kind)}`);
        }
        return path.join(this.config.dataFolder, CLOSEOUT_DOCUMENTS_FOLDER, id, `${kind}.pdf`);
    }

    async exists(orderId: string, kind: CloseoutDocumentKind): Promise<boolean> {
        try {
            return (await fs.stat(this.fileOf(orderId, kind))).isFile();
        } catch {
            return false;
        }
    }

    /** A document exists once its part is done in the store (it is rendered then, or when first asked for). */
    availability(orderId: string): { packingSlip: boolean; invoice: boolean } {
        const parts = this.store.get(CloseoutsCollection, orderId)?.parts;
        return { packingSlip: parts?.packingSlip.status === 'done', invoice: parts?.invoice.status === 'done' };
    }

    /**
     * The document's file, rendered from the order and the closeout's numbers if it is not there
     * yet; undefined while its part is not done.
     */
    async ensure(orderId: string, kind: CloseoutDocumentKind): Promise<string | undefined> {
        const file = this.fileOf(orderId, kind);
        if (await this.exists(orderId, kind)) {
            return file;
        }
        const closeout = this.store.get(CloseoutsCollection, orderId);
        const order = this.store.get(OrdersCollection, orderId);
        const done = closeout?.parts[kind === 'packing-slip' ? 'packingSlip' : 'invoice'].status === 'done';
        if (!done || !closeout?.input || !order) {
            return undefined;
        }
        let writing = this.writing.get(file);
        if (!writing) {
            writing = this.write(kind, order, closeout.input).finally(() => this.writing.delete(file));
            this.writing.set(file, writing);
        }
        return writing;
    }

    /** Renders and stores the document, headed by the shop identity of the moment: written whole and durably, or not at all. */
    async write(kind: CloseoutDocumentKind, order: Order, input: CloseoutInput): Promise<string> {
        const file = this.fileOf(order.id, kind);
        const shop = this.store.get(ShopIdentityCollection, SHOP_IDENTITY_ID);
        await writeFileDurably(file, await renderCloseoutPdf(kind, order, input, shop));
        return file;
    }

    read(orderId: string, kind: CloseoutDocumentKind): Promise<Buffer> {
        return fs.readFile(this.fileOf(orderId, kind));
    }
}
