/** The output extension's own collections, by name: folders on disk and change feed keys. Printers are platform's. */
export const OutputCollectionNames = {
    /** Printer pools: ordered printers a job can be handed over between. */
    printerPools: 'printer-pools',
    /** The media catalog: the stock the shop prints on. */
    media: 'media',
    /** The printer monitor's live view of each printer (state, reasons, media, supplies, queue); one document per printer, by its id. */
    printerStates: 'printer-states'
} as const;
