/**
 * Ids that several extensions agree on without importing each other: the supplied activity types
 * and the default workflows that first start creates.
 */
export const ActivityTypes = {
    createJob: 'create-job',
    approve: 'approve',
    prepressCheck: 'prepress-check',
    runExternalApplication: 'run-external-application',
    copyToFolder: 'copy-to-folder',
    print: 'print',
    batch: 'batch',
    retain: 'retain',
    remove: 'remove',
    closeoutOrder: 'closeout-order'
} as const;

export const DefaultWorkflowIds = {
    /** Printable products: prepress check, print, then retain. */
    print: 'marcomcentral-print',
    /** Stocked products: picked from stock, nothing to print. */
    stockItem: 'marcomcentral-stock-item'
} as const;

/** The printer first start creates: a hot folder in the data folder, so the demo prints somewhere real. */
export const DEMO_PRINTER_ID = 'demo-hot-folder';
