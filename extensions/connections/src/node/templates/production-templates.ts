import { randomUUID } from 'node:crypto';
import { inject, injectable } from '@theia/core/shared/inversify';
import { PressworkError, ProductionTemplate } from '@presswork/platform/lib/common';
import { describeZodError } from '@presswork/platform/lib/common/validation-message';
import { DocumentStore } from '@presswork/platform/lib/node/store/document-store';
import { ConnectionsCollection, ProductionTemplatesCollection, WorkflowsCollection } from '@presswork/platform/lib/node/store/platform-collections';
import { TemplateInput, TemplateInputSchema, TemplateView, WorkflowChoice } from '../../common/connections-protocol';

/** Production templates as administrators manage them; each must point at a workflow that exists. */
@injectable()
export class ProductionTemplates {
    @inject(DocumentStore) protected readonly store: DocumentStore;

    list(): TemplateView[] {
        return [...this.store.all(ProductionTemplatesCollection)].sort((a, b) => a.name.localeCompare(b.name));
    }

    async create(input: TemplateInput): Promise<ProductionTemplate> {
        return this.store.create(ProductionTemplatesCollection, { id: randomUUID(), ...this.checked(input) });
    }

    async update(id: string, version: number, input: TemplateInput): Promise<ProductionTemplate> {
        if (!this.store.get(ProductionTemplatesCollection, id)) {
            throw PressworkError.NotFound('That production template no longer exists');
        }
        return this.store.update(ProductionTemplatesCollection, { id, version, ...this.checked(input) });
    }

    async delete(id: string, version: number): Promise<void> {
        await this.store.delete(ProductionTemplatesCollection, id, version);
    }

    workflowChoices(): WorkflowChoice[] {
        return [...this.store.all(WorkflowsCollection)]
            .map(({ id, name, enabled }) => ({ id, name, enabled }))
            .sort((a, b) => a.name.localeCompare(b.name));
    }

    protected checked(input: TemplateInput): Omit<ProductionTemplate, 'id' | 'version'> {
        const parsed = TemplateInputSchema.safeParse(input);
        if (!parsed.success) {
            throw PressworkError.InvalidInput(`The production template is not valid: ${describeZodError(parsed.error)}`);
        }
        const valid = parsed.data;
        if (!this.store.get(WorkflowsCollection, valid.workflowId)) {
            throw PressworkError.InvalidInput('The chosen workflow does not exist');
        }
        if (valid.connectionId && !this.store.get(ConnectionsCollection, valid.connectionId)) {
            throw PressworkError.InvalidInput('The chosen connection does not exist');
        }
        return valid;
    }
}
