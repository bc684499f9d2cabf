import { ContainerModule } from '@theia/core/shared/inversify';
import { bindRootContributionProvider } from '@theia/core/lib/common/contribution-provider';
import { ActivityUiContribution } from '../common/activity-ui-contribution';
import { JobActionContribution } from '../common/job-action-contribution';
import { JobColumnContribution } from '../common/job-column-contribution';

export default new ContainerModule(bind => {
    bindRootContributionProvider(bind, ActivityUiContribution);
    bindRootContributionProvider(bind, JobActionContribution);
    bindRootContributionProvider(bind, JobColumnContribution);
});
