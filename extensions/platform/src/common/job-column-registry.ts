import { inject, injectable, named } from '@theia/core/shared/inversify';
import { ContributionProvider } from '@theia/core/lib/common/contribution-provider';
import { ContributionRegistry } from './contribution-registry';
import { JobColumnContribution } from './job-column-contribution';

/** The All Jobs pod's columns (frontend), by id, in contribution order: the pod's default column order. */
@injectable()
export class JobColumnRegistry extends ContributionRegistry<JobColumnContribution> {
    @inject(ContributionProvider) @named(JobColumnContribution)
    protected readonly provider: ContributionProvider<JobColumnContribution>;
    protected readonly pointName = 'JobColumnContribution';

    protected idOf(column: JobColumnContribution): string {
        return column.id;
    }
}
