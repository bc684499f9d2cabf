import type { DocumentCollection } from '@presswork/platform/lib/node/store/document-store';
import { OutputCollectionNames } from '../common/output-collections';
import { MediumSchema, type Medium } from '../common/tickets/media-catalog';
import { PrinterPoolSchema, type PrinterPool } from '../common/printer-pool-schema';

/** Printer pools; a pool names its printers, in the order a job tries them. */
export const PrinterPoolsCollection: DocumentCollection<PrinterPool> = {
    name: OutputCollectionNames.printerPools, schema: PrinterPoolSchema
};

export const MediaCollection: DocumentCollection<Medium> = { name: OutputCollectionNames.media, schema: MediumSchema };

export const OUTPUT_COLLECTIONS: readonly DocumentCollection[] = [PrinterPoolsCollection, MediaCollection] as readonly DocumentCollection[];
