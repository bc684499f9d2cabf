import { inject, injectable, named } from '@theia/core/shared/inversify';
import { ContributionProvider } from '@theia/core/lib/common/contribution-provider';
import { ActivityContribution } from './activity-contribution';
import { ContributionRegistry } from './contribution-registry';

/** The installed activities the engine runs (backend), by activity type, in contribution order. */
@injectable()
export class ActivityRegistry extends ContributionRegistry<ActivityContribution> {
    @inject(ContributionProvider) @named(ActivityContribution)
    protected readonly provider: ContributionProvider<ActivityContribution>;
    protected readonly pointName = 'ActivityContribution';

    protected idOf(activity: ActivityContribution): string {
        return activity.type;
    }
}
