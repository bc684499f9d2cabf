import { inject, injectable } from '@theia/core/shared/inversify';
import type { Job, Order, WorkflowAssignment, WorkflowAssignmentContribution } from '@presswork/platform/lib/common';
import { DocumentStore } from '@presswork/platform/lib/node/store/document-store';
import { ProductionTemplatesCollection } from '@presswork/platform/lib/node/store/platform-collections';
import { templateProperties } from './job-builder';
import { matchTemplate } from './template-matcher';

/**
 * A job held because no production template matched: once an administrator has created one,
 * Process again matches the job's line item again and gives it the template's workflow.
 */
@injectable()
export class TemplateReassignment implements WorkflowAssignmentContribution {
    @inject(DocumentStore) protected readonly store: DocumentStore;

    assign(job: Readonly<Job>, order: Readonly<Order>): WorkflowAssignment | undefined {
        const line = order.lineItems.find(candidate => candidate.id === job.lineItemId);
        const template = line && matchTemplate(this.store.all(ProductionTemplatesCollection), order.connectionId, line);
        if (!template) {
            return undefined;
        }
        return { workflowId: template.workflowId, properties: templateProperties(template), note: `production template "${template.name}"` };
    }
}
