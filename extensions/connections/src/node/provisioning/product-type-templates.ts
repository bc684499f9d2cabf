import type { TemplateInput } from '../../common/connections-protocol';
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
