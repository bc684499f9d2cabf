import { inject, injectable } from '@theia/core/shared/inversify';
import { PressworkError } from '@presswork/platform/lib/common/errors';
import { PrinterPoolsCollection, PrintersCollection } from '@presswork/platform/lib/node/store/platform-collections';
import { PrinterPoolInputSchema, type PrinterPoolInput } from '../../common/output-protocol';
import type { PrinterPool } from '@presswork/platform/lib/common/printer-pool-schema';
import { StepReferences } from '../step-references';
import { NamedDocuments } from './named-documents';

/** Printer pools as administrators manage them: names unique, printers that exist, each once. */
@injectable()
export class PrinterPools extends NamedDocuments<PrinterPool, PrinterPoolInput> {
    @inject(StepReferences) protected readonly references: StepReferences;

    protected readonly collection = PrinterPoolsCollection;
    protected readonly what = 'a pool';
    protected readonly inputSchema = PrinterPoolInputSchema;

    /** The pools a printer stands in, by name. */
    poolsWith(printerId: string): PrinterPool[] {
        return this.list().filter(pool => pool.printerIds.includes(printerId));
    }

    /** A Print step names a pool as its printer (`printerId`); `poolId` is kept for other activities. */
    protected usersOf(pool: PrinterPool): string[] {
        return [...this.references.referencesTo('printerId', pool.id), ...this.references.referencesTo('poolId', pool.id)];
    }

    protected override checkFields(fields: Omit<PrinterPool, 'id' | 'version'>): void {
        const missing = fields.printerIds.filter(id => !this.store.get(PrintersCollection, id));
        if (missing.length) {
            throw PressworkError.InvalidInput(`printerIds: There is no printer ${missing.join(', ')} (any more)`);
        }
    }
}
