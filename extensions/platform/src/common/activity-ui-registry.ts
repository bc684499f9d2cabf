import { inject, injectable, named } from '@theia/core/shared/inversify';
import { ContributionProvider } from '@theia/core/lib/common/contribution-provider';
import { ActivityUiContribution } from './activity-ui-contribution';
import { ContributionRegistry } from './contribution-registry';

/** The designer's palette entries and property forms (frontend), by activity type, in contribution order. */
@injectable()
export class ActivityUiRegistry extends ContributionRegistry<ActivityUiContribution> {
    @inject(ContributionProvider) @named(ActivityUiContribution)
    protected readonly provider: ContributionProvider<ActivityUiContribution>;
    protected readonly pointName = 'ActivityUiContribution';

    protected idOf(activity: ActivityUiContribution): string {
        return activity.type;
    }
}
