import * as React from '@theia/core/shared/react';
import { SafeConfirmDialog } from '@presswork/platform/lib/browser/safe-confirm-dialog';
import { inject, injectable, postConstruct } from '@theia/core/shared/inversify';
import { nls } from '@theia/core/lib/common/nls';
import { CollectionNames } from '@presswork/platform/lib/common';
import { PressworkViewWidget } from '@presswork/platform/lib/browser/presswork-view-widget';
import { ConnectionView, ConnectionsService, TemplateView, WorkflowChoice } from '../common/connections-protocol';
import { templateDialog } from './template-form';

/** Production templates: which workflow and job defaults each MarcomCentral product gets. */
@injectable()
export class TemplatesWidget extends PressworkViewWidget {
    static readonly ID = 'presswork-production-templates';
    static readonly LABEL = nls.localize('presswork/connections/templates', 'Production Templates');

    @inject(ConnectionsService) protected readonly service: ConnectionsService;

    protected templates: TemplateView[] = [];
    protected workflows: WorkflowChoice[] = [];
    protected connections: ConnectionView[] = [];

    @postConstruct()
    protected init(): void {
        this.setUpView({
            id: TemplatesWidget.ID, label: TemplatesWidget.LABEL, icon: 'symbol-ruler',
            collections: [CollectionNames.productionTemplates, CollectionNames.workflows, CollectionNames.connections]
        });
    }

    protected async load(): Promise<void> {
        [this.templates, this.workflows, this.connections] = await Promise.all([
            this.service.listTemplates(), this.service.listWorkflowChoices(), this.service.listConnections()
        ]);
    }

    protected render(): React.ReactNode {
        return <div className='presswork-view'>
            <div className='presswork-toolbar'>
                <button className='theia-button' onClick={this.create}>New production template…</button>
            </div>
            {this.renderError()}
            <table className='presswork-table' aria-label={TemplatesWidget.LABEL}>
                <thead><tr><th>Name</th><th>Connection</th><th>Matches</th><th>Workflow</th><th>Defaults</th><th>Enabled</th><th></th></tr></thead>
                <tbody>{this.templates.map(template => <tr key={template.id} data-template={template.name}>
                    <td title={template.description}>{template.name}</td>
                    <td>{this.connections.find(connection => connection.id === template.connectionId)?.name ?? 'Any'}</td>
                    <td>{describeMatch(template)}</td>
                    <td>{this.workflows.find(workflow => workflow.id === template.workflowId)?.name ?? '(missing workflow)'}</td>
                    <td>{describeDefaults(template)}</td>
                    <td>{template.enabled ? 'yes' : 'no'}</td>
                    <td className='presswork-row-actions'>
                        <button className='theia-button secondary' onClick={() => this.edit(template)}>Edit…</button>
                        <button className='theia-button secondary' onClick={() => this.remove(template)}>Delete…</button>
                    </td>
                </tr>)}</tbody>
            </table>
        </div>;
    }

    protected create = async (): Promise<void> => {
        await templateDialog(undefined, this.workflows, this.connections, input => this.service.createTemplate(input)).open();
    };

    protected async edit(template: TemplateView): Promise<void> {
        await templateDialog(template, this.workflows, this.connections, input => this.service.updateTemplate(template.id, template.version, input)).open();
    }

    protected async remove(template: TemplateView): Promise<void> {
        const confirmed = await new SafeConfirmDialog({
            title: 'Delete production template',
            msg: `Delete ${template.name}? Jobs already created keep their workflow; new line items it matched will be held until another template matches them.`,
            ok: 'Delete'
        }).open();
        if (confirmed) {
            await this.act(() => this.service.deleteTemplate(template.id, template.version));
        }
    }
}

function describeMatch({ match }: TemplateView): string {
    return [match.skuId && `SKU ${match.skuId}`, match.productId && `product ${match.productId}`, match.productType && `type ${match.productType}`]
        .filter(Boolean).join(', ');
}

function describeDefaults({ defaults }: TemplateView): string {
    return [
        defaults.media && `media ${defaults.media}`,
        defaults.duplex !== undefined && (defaults.duplex ? 'duplex' : 'simplex'),
        defaults.priority && `priority ${defaults.priority}`,
        defaults.dueInHours && `due in ${defaults.dueInHours} h`,
        defaults.atRiskHours && `at risk ${defaults.atRiskHours} h before due`
    ].filter(Boolean).join(', ') || '—';
}
