import type { DocumentCollection } from '@presswork/platform/lib/node/store/document-store';
import { OutputCollectionNames } from '../common/output-collections';
import { MediumSchema, type Medium } from '../common/tickets/media-catalog';
import { PrinterPoolSchema, type PrinterPool } from '../common/printer-pool-schema';
import { PrinterStateSchema, type PrinterState } from '../common/printer-state';

/** Printer pools; a pool names its printers, in the order a job tries them. */
export const PrinterPoolsCollection: DocumentCollection<PrinterPool> = {
    name: OutputCollectionNames.printerPools, schema: PrinterPoolSchema
};

export const MediaCollection: DocumentCollection<Medium> = { name: OutputCollectionNames.media, schema: MediumSchema };

/** What the printer monitor last saw of each printer; written only when something a user sees changed. */
export const PrinterStatesCollection: DocumentCollection<PrinterState> = { name: OutputCollectionNames.printerStates, schema: PrinterStateSchema };

export const OUTPUT_COLLECTIONS: readonly DocumentCollection[] = [PrinterPoolsCollection, MediaCollection, PrinterStatesCollection] as readonly DocumentCollection[];
