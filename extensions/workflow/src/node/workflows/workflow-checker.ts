import { inject, injectable } from '@theia/core/shared/inversify';
import { ActivityRegistry } from '@presswork/platform/lib/common/activity-registry';
import { ActivityDefinition, Workflow } from '@presswork/platform/lib/common';
import { DocumentStore } from '@presswork/platform/lib/node/store/document-store';
import { validateWorkflow } from '../../common/workflow-validation';
import { resolveCustomActivities } from '../../common/custom-activity-schema';
import { CustomActivitiesCollection } from '../workflow-collections';
import { printerTargets } from './printer-targets';

/**
 * The designer's own validation, run again on the server before every save: the browser is never
 * trusted to have checked. Warnings pass; errors are refused.
 */
@injectable()
export class WorkflowChecker {
    @inject(DocumentStore) protected readonly store: DocumentStore;
    @inject(ActivityRegistry) protected readonly activities: ActivityRegistry;

    errors(content: Pick<Workflow, 'phases'>): string[] {
        const supplied: readonly ActivityDefinition[] = this.activities.all();
        const activities = [...supplied, ...resolveCustomActivities([...this.store.all(CustomActivitiesCollection)], supplied)];
        const printers = printerTargets(this.store);
        return validateWorkflow(content, { activities, printers, knownProperties: [] })
            .filter(problem => problem.severity === 'error')
            .map(problem => problem.message);
    }
}
