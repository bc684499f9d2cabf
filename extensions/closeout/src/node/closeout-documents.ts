import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { randomUUID } from 'node:crypto';
import { inject, injectable } from '@theia/core/shared/inversify';
import { DocumentIdSchema } from '@presswork/platform/lib/common/identifiers';
import type { Order } from '@presswork/platform/lib/common/order-schema';
import { PressworkConfig } from '@presswork/platform/lib/node/presswork-config';
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

    async availability(orderId: string): Promise<{ packingSlip: boolean; invoice: boolean }> {
        const [packingSlip, invoice] = await Promise.all([this.exists(orderId, 'packing-slip'), this.exists(orderId, 'invoice')]);
        return { packingSlip, invoice };
    }

    /** Renders and stores the document: written whole (temporary file, then rename) or not at all. */
    async write(kind: CloseoutDocumentKind, order: Order, input: CloseoutInput): Promise<string> {
        const file = this.fileOf(order.id, kind);
        const bytes = await renderCloseoutPdf(kind, order, input);
        await fs.mkdir(path.dirname(file), { recursive: true });
        const temporary = `${file}.${randomUUID()}.tmp`;
        try {
            await fs.writeFile(temporary, bytes);
            await fs.rename(temporary, file);
        } catch (error) {
            await fs.rm(temporary, { force: true });
            throw error;
        }
        return file;
    }

    read(orderId: string, kind: CloseoutDocumentKind): Promise<Buffer> {
        return fs.readFile(this.fileOf(orderId, kind));
    }
}
