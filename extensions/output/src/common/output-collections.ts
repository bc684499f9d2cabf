import { CollectionNames } from '@presswork/platform/lib/common/collection-names';

/** The output extension's own collections, by name: folders on disk and change feed keys. Printers and pools are platform's. */
export const OutputCollectionNames = {
    /** Printer pools are platform's collection (the designer offers them); output manages them. */
    printerPools: CollectionNames.printerPools,
    /** The media catalog: the stock the shop prints on. */
    media: 'media',
    /** The printer monitor's live view of each printer (state, reasons, media, supplies, queue); one document per printer, by its id. */
    printerStates: 'printer-states',
    /** Batches of jobs across orders (batch/batch-schema.ts); one document per batch, by its id (B-0042). */
    batches: 'batches'
} as const;
