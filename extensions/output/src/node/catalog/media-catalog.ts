import { inject, injectable } from '@theia/core/shared/inversify';
import { MediumInputSchema, type MediumInput } from '../../common/tickets/media-catalog';
import type { Medium } from '../../common/tickets/media-catalog';
import { MediaCollection } from '../output-collections';
import { StepReferences } from '../step-references';
import { NamedDocuments } from './named-documents';

/** The shop's media catalog as administrators manage it: names unique. */
@injectable()
export class MediaCatalog extends NamedDocuments<Medium, MediumInput> {
    @inject(StepReferences) protected readonly references: StepReferences;

    protected readonly collection = MediaCollection;
    protected readonly what = 'a medium';
    protected readonly inputSchema = MediumInputSchema;

    protected usersOf(medium: Medium): string[] {
        return this.references.referencesTo('mediumId', medium.id);
    }
}
