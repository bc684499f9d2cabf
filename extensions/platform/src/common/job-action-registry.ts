import { inject, injectable, named } from '@theia/core/shared/inversify';
import { ContributionProvider } from '@theia/core/lib/common/contribution-provider';
import { ContributionRegistry } from './contribution-registry';
import { JobActionContribution } from './job-action-contribution';

/** Every extension's job actions (frontend), by command id, in menu order: group, then order, then label. */
@injectable()
export class JobActionRegistry extends ContributionRegistry<JobActionContribution> {
    @inject(ContributionProvider) @named(JobActionContribution)
    protected readonly provider: ContributionProvider<JobActionContribution>;
    protected readonly pointName = 'JobActionContribution';

    protected idOf(action: JobActionContribution): string {
        return action.id;
    }

    protected override compare(a: JobActionContribution, b: JobActionContribution): number {
        return menuKey(a).localeCompare(menuKey(b));
    }
}

function menuKey(action: JobActionContribution): string {
    return `${action.group}\u0000${action.order ?? ''}\u0000${action.label}`;
}
