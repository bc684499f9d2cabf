import { randomUUID } from 'node:crypto';
import { inject, injectable } from '@theia/core/shared/inversify';
import { ActivityRegistry } from '@presswork/platform/lib/common/activity-registry';
import { PressworkError } from '@presswork/platform/lib/common';
import { describeZodError } from '@presswork/platform/lib/common/validation-message';
import type { StepReferenceContribution } from '@presswork/platform/lib/common/step-reference-contribution';
import { DocumentStore } from '@presswork/platform/lib/node/store/document-store';
import { WorkflowsCollection } from '@presswork/platform/lib/node/store/platform-collections';
import { CustomActivity, customActivityType } from '../../common/custom-activity-schema';
import { CustomActivityInput, CustomActivityInputSchema } from '../../common/workflow-protocol';
import { CustomActivitiesCollection } from '../workflow-collections';

/**
 * Copies of unprotected supplied activities with defaults of their own (the palette's Custom
 * section). As a StepReferenceContribution it tells output which custom activities name a printer
 * (pool, medium) in their defaults, so output refuses to delete it.
 */
@injectable()
export class CustomActivities implements StepReferenceContribution {
    @inject(DocumentStore) protected readonly store: DocumentStore;
    @inject(ActivityRegistry) protected readonly activities: ActivityRegistry;

    referencesTo(key: string, value: string): string[] {
        return this.list().filter(custom => custom.defaults[key] === value).map(custom => `custom activity ${custom.label}`);
    }

    list(): CustomActivity[] {
        return [...this.store.all(CustomActivitiesCollection)].sort((a, b) => a.label.localeCompare(b.label));
    }

    async create(input: CustomActivityInput): Promise<CustomActivity> {
        return this.store.create(CustomActivitiesCollection, { id: randomUUID(), ...this.checked(input), updatedAt: new Date().toISOString() });
    }

    async update(id: string, version: number, input: CustomActivityInput): Promise<CustomActivity> {
        const current = this.store.get(CustomActivitiesCollection, id);
        if (!current) {
            throw PressworkError.NotFound('That custom activity no longer exists');
        }
        const users = this.workflowsUsing(id);
        if (input.baseType !== current.baseType && users.length) {
            throw PressworkError.Refused(`Its base activity cannot change while ${users.join(', ')} use it`);
        }
        return this.store.update(CustomActivitiesCollection, { id, version, ...this.checked(input), updatedAt: new Date().toISOString() });
    }

    /** Refused while a workflow uses it: its steps would lose their activity. */
    async delete(id: string, version: number): Promise<void> {
        const users = this.workflowsUsing(id);
        if (users.length) {
            throw PressworkError.Refused(`This custom activity is used by ${users.join(', ')}`);
        }
        await this.store.delete(CustomActivitiesCollection, id, version);
    }

    protected workflowsUsing(id: string): string[] {
        const type = customActivityType(id);
        return [...this.store.all(WorkflowsCollection)]
            .filter(workflow => Object.values(workflow.phases).some(steps => steps.some(step => step.activity === type)))
            .map(workflow => workflow.name);
    }

    protected checked(input: CustomActivityInput): Omit<CustomActivity, 'id' | 'version' | 'updatedAt'> {
        const valid = CustomActivityInputSchema.parse(input);
        const base = this.activities.get(valid.baseType);
        if (!base) {
            throw PressworkError.InvalidInput(`There is no activity ${valid.baseType} to copy`);
        }
        if (base.protected) {
            throw PressworkError.Refused(`${base.label} is protected: only its defaults in a workflow can change, it cannot be copied`);
        }
        const defaults = base.propertiesSchema.safeParse(valid.defaults);
        if (!defaults.success) {
            throw PressworkError.InvalidInput(`The defaults do not suit ${base.label}: ${describeZodError(defaults.error)}`);
        }
        return valid;
    }
}
