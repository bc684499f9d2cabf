import type { Connection } from '@presswork/platform/lib/common/connection-schema';
import type { TemplateInput } from '../../common/connections-protocol';
import type { ProductionTemplates } from '../templates/production-templates';
import { DefaultWorkflowIds } from '@presswork/platform/lib/common/well-known';

/** Printable MarcomCentral product types go to the print workflow, stocked ones to the stock workflow. */
export function productTypeTemplates(connectionId: string, connectionName: string): TemplateInput[] {
    const printable = ['Versioned', 'Variable', 'JobDirect'].map((productType): TemplateInput => ({
        name: `${connectionName}: ${productType} products`,
        description: `Printable ${productType} products of ${connectionName}`,
        connectionId,
        match: { productType },
        workflowId: DefaultWorkflowIds.print,
        defaults: { dueInHours: 48, properties: {} }
    }));
    return [...printable, {
        name: `${connectionName}: stocked products`,
        description: `Static (stocked) products of ${connectionName}: nothing to print`,
        connectionId,
        match: { productType: 'Static' },
        workflowId: DefaultWorkflowIds.stockItem,
        defaults: { dueInHours: 24, properties: {} }
    }];
}

/** Creates a new connection's templates: the same for a shop's own store and for the demo store. */
export async function createProductTypeTemplates(templates: ProductionTemplates, connection: Connection): Promise<void> {
    for (const template of productTypeTemplates(connection.id, connection.name)) {
        await templates.create(template);
    }
}
