import { inject, injectable, named, optional } from '@theia/core/shared/inversify';
import { ContributionProvider } from '@theia/core/lib/common/contribution-provider';
import { StepReferenceContribution } from '@presswork/platform/lib/common/step-reference-contribution';
import { DocumentStore } from '@presswork/platform/lib/node/store/document-store';
import { WorkflowsCollection } from '@presswork/platform/lib/node/store/platform-collections';

/**
 * Where an activity property names a document (a printer, pool or medium): the workflows' steps,
 * read from platform's collection, then whatever the contributions answer (workflow's custom
 * activities). Deleting a document something still names is refused with these words.
 */
@injectable()
export class StepReferences {
    @inject(DocumentStore) protected readonly store: DocumentStore;
    @inject(ContributionProvider) @named(StepReferenceContribution) @optional()
    protected readonly contributions: ContributionProvider<StepReferenceContribution> | undefined;

    referencesTo(key: string, value: string): string[] {
        const workflows = [...this.store.all(WorkflowsCollection)]
            .filter(workflow => Object.values(workflow.phases).some(steps => steps.some(step => step.properties[key] === value)))
            .map(workflow => `workflow ${workflow.name}`);
        const others = this.contributions?.getContributions().flatMap(contribution => contribution.referencesTo(key, value)) ?? [];
        return [...workflows, ...others];
    }
}
