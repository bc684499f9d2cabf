/** The jobs extension's own collections, by name: folders on disk and change feed keys. */
export const JobsCollectionNames = {
    savedViews: 'saved-views',
    viewDefaults: 'saved-view-defaults'
} as const;
