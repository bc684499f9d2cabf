import { inject, injectable, named } from '@theia/core/shared/inversify';
import { ContributionProvider } from '@theia/core/lib/common/contribution-provider';
import { ActivityContribution, ActivityDefinition, Workflow } from '@presswork/platform/lib/common';
import { DocumentStore } from '@presswork/platform/lib/node/store/document-store';
import { PrintersCollection } from '@presswork/platform/lib/node/store/platform-collections';
import { validateWorkflow } from '../../common/workflow-validation';
import { resolveCustomActivities } from '../../common/custom-activity-schema';
import { CustomActivitiesCollection } from '../workflow-collections';

/**
 * The designer's own validation, run again on the server before every save: the browser is never
 * trusted to have checked. Warnings pass; errors are refused.
 */
@injectable()
export class WorkflowChecker {
    @inject(DocumentStore) protected readonly store: DocumentStore;
    @inject(ContributionProvider) @named(ActivityContribution)
    protected readonly activityProvider: ContributionProvider<ActivityContribution>;

    errors(content: Pick<Workflow, 'phases'>): string[] {
        const supplied: ActivityDefinition[] = this.activityProvider.getContributions();
        const activities = [...supplied, ...resolveCustomActivities([...this.store.all(CustomActivitiesCollection)], supplied)];
        const printers = [...this.store.all(PrintersCollection)].map(({ id, name, enabled }) => ({ id, name, enabled }));
        return validateWorkflow(content, { activities, printers, knownProperties: [] })
            .filter(problem => problem.severity === 'error')
            .map(problem => problem.message);
    }
}
