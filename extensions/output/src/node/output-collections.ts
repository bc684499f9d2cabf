import type { DocumentCollection } from '@presswork/platform/lib/node/store/document-store';
import { OutputCollectionNames } from '../common/output-collections';
import { MediumSchema, type Medium } from '../common/tickets/media-catalog';
import { PrinterStateSchema, type PrinterState } from '../common/printer-state';
import { BatchesCollection } from './batch/batch-collection';

export const MediaCollection: DocumentCollection<Medium> = { name: OutputCollectionNames.media, schema: MediumSchema };

/** What the printer monitor last saw of each printer; written only when something a user sees changed. */
export const PrinterStatesCollection: DocumentCollection<PrinterState> = { name: OutputCollectionNames.printerStates, schema: PrinterStateSchema };

/** Output's own collections; printers and printer pools are platform's (platform-collections.ts). */
export const OUTPUT_COLLECTIONS: readonly DocumentCollection[] = [MediaCollection, PrinterStatesCollection, BatchesCollection] as readonly DocumentCollection[];
