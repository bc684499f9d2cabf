import { nls } from '@theia/core/lib/common/nls';
import { FormDialog } from '@presswork/platform/lib/browser/form-dialog';
import { MARCOMCENTRAL_PRODUCT_TYPES, PRODUCT_TYPE_LABELS, isMarcomCentralProductType } from '@presswork/platform/lib/common/connection-schema';
import { TemplateInput, TemplateView, WorkflowChoice } from '../common/connections-protocol';
import { TemplateFormSchema } from './template-form-schema';
import type { ConnectionView } from '../common/connections-protocol';

/**
 * MarcomCentral's product types to choose from; a stored template's type MarcomCentral does not
 * define (typed before the list) is offered as it is, marked, so that opening the form loses nothing.
 */
function productTypeChoices(current: string | undefined): { value: string; label: string }[] {
    const choices = [
        { value: '', label: nls.localize('presswork/connections/anyProductType', 'Any product type') },
        ...MARCOMCENTRAL_PRODUCT_TYPES.map(type => ({ value: type, label: PRODUCT_TYPE_LABELS[type] }))
    ];
    if (current && !isMarcomCentralProductType(current)) {
        choices.push({ value: current, label: nls.localize('presswork/connections/unknownProductType', '{0} (not a MarcomCentral product type)', current) });
    }
    return choices;
}

export function templateDialog(existing: TemplateView | undefined, workflows: readonly WorkflowChoice[], connections: readonly ConnectionView[],
    submit: (input: TemplateInput) => Promise<unknown>): FormDialog<TemplateInput> {
    return new FormDialog<TemplateInput>({
        title: existing ? `Edit production template ${existing.name}` : 'New production template',
        acceptLabel: existing ? 'Save' : 'Create',
        fields: [
            { name: 'name', label: 'Name', kind: 'text', initial: existing?.name },
            { name: 'description', label: 'Description', kind: 'text', initial: existing?.description },
            {
                name: 'connectionId', label: 'Connection', kind: 'choice', initial: existing?.connectionId ?? '',
                choices: [{ value: '', label: 'Any connection' }, ...connections.map(connection => ({ value: connection.id, label: connection.name }))]
            },
            { name: 'skuId', label: 'Match SKU ID', kind: 'text', initial: existing?.match.skuId, help: 'The most specific match wins: SKU, then product, then product type.' },
            { name: 'productId', label: 'Match product ID', kind: 'text', initial: existing?.match.productId },
            { name: 'productType', label: 'Match product type', kind: 'choice', initial: existing?.match.productType ?? '', choices: productTypeChoices(existing?.match.productType) },
            {
                name: 'workflowId', label: 'Workflow', kind: 'choice', initial: existing?.workflowId,
                choices: workflows.map(workflow => ({ value: workflow.id, label: workflow.enabled ? workflow.name : `${workflow.name} (disabled)` }))
            },
            { name: 'media', label: 'Media', kind: 'text', initial: existing?.defaults.media },
            {
                name: 'duplex', label: 'Duplex', kind: 'choice', initial: existing?.defaults.duplex === undefined ? '' : String(existing.defaults.duplex),
                choices: [{ value: '', label: 'As the workflow says' }, { value: 'true', label: 'Duplex' }, { value: 'false', label: 'Simplex' }]
            },
            {
                name: 'priority', label: 'Priority (1 = first, 10 = last)', kind: 'number', initial: existing?.defaults.priority?.toString(),
                help: 'Jobs are taken by priority, then by due date. Empty: 5.'
            },
            { name: 'dueInHours', label: 'Due in hours', kind: 'number', initial: existing?.defaults.dueInHours?.toString(), help: 'Unless the line item has its own ship date.' },
            {
                name: 'atRiskHours', label: 'At risk (hours before due)', kind: 'number', initial: existing?.defaults.atRiskHours?.toString(),
                help: 'A job not printed this many hours before it is due is marked at risk. Empty: never.'
            },
            { name: 'enabled', label: 'Enabled', kind: 'checkbox', initial: String(existing?.enabled ?? true) }
        ],
        schema: TemplateFormSchema,
        submit
    });
}
