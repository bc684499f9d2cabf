import { inject, injectable, named } from '@theia/core/shared/inversify';
import { ContributionProvider } from '@theia/core/lib/common/contribution-provider';
import { ContributionRegistry } from './contribution-registry';
import { EventSourceContribution } from './event-source-contribution';

/** The installed event sources (backend), by id; `forCollection` lists those reading one collection. */
@injectable()
export class EventSourceRegistry extends ContributionRegistry<EventSourceContribution> {
    @inject(ContributionProvider) @named(EventSourceContribution)
    protected readonly provider: ContributionProvider<EventSourceContribution>;
    protected readonly pointName = 'EventSourceContribution';

    protected idOf(contribution: EventSourceContribution): string {
        return contribution.id;
    }

    forCollection(collection: string): readonly EventSourceContribution[] {
        return this.all().filter(source => source.collection === collection);
    }
}
