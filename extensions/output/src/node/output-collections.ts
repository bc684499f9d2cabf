import type { DocumentCollection } from '@presswork/platform/lib/node/store/document-store';
import { OutputCollectionNames } from '../common/output-collections';
import { MediumSchema, type Medium } from '../common/tickets/media-catalog';

export const MediaCollection: DocumentCollection<Medium> = { name: OutputCollectionNames.media, schema: MediumSchema };

/** Output's own collections; printers and printer pools are platform's (platform-collections.ts). */
export const OUTPUT_COLLECTIONS: readonly DocumentCollection[] = [MediaCollection] as readonly DocumentCollection[];
