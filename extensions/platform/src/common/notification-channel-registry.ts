import { inject, injectable, named } from '@theia/core/shared/inversify';
import { ContributionProvider } from '@theia/core/lib/common/contribution-provider';
import { ContributionRegistry } from './contribution-registry';
import { NotificationChannelContribution } from './notification-channel-contribution';

/** The installed notification channels (backend), by kind. */
@injectable()
export class NotificationChannelRegistry extends ContributionRegistry<NotificationChannelContribution> {
    @inject(ContributionProvider) @named(NotificationChannelContribution)
    protected readonly provider: ContributionProvider<NotificationChannelContribution>;
    protected readonly pointName = 'NotificationChannelContribution';

    protected idOf(contribution: NotificationChannelContribution): string {
        return contribution.kind;
    }
}
