import { inject, injectable } from '@theia/core/shared/inversify';
import type { ConnectionTestResult } from '@presswork/platform/lib/common';
import type { ConnectionInput } from '../common/connection-input';
import type { ConnectionLogEntry, RejectedOrderView } from '../common/connection-runtime';
import type { ConnectionSwitch, ConnectionView, ConnectionsService, TemplateInput, TemplateView, WorkflowChoice } from '../common/connections-protocol';
import { DocumentStore } from '@presswork/platform/lib/node/store/document-store';
import { ConnectionTypeRegistry } from '@presswork/platform/lib/common/connection-type-registry';
import { ConnectionLogsCollection, RejectedOrder } from './connection-collections';
import { ConnectionRegistry } from './connection-registry';
import { OrderIntake } from './intake/order-intake';
import { RejectedOrders } from './intake/rejected-orders';
import { OrderPoller } from './polling/order-poller';
import { ProductionTemplates } from './templates/production-templates';

/** The connections service of one browser connection; the guard has checked authority and input. */
@injectable()
export class ConnectionsServiceImpl implements ConnectionsService {
    @inject(ConnectionRegistry) protected readonly registry: ConnectionRegistry;
    @inject(ConnectionTypeRegistry) protected readonly types: ConnectionTypeRegistry;
    @inject(OrderPoller) protected readonly poller: OrderPoller;
    @inject(OrderIntake) protected readonly intake: OrderIntake;
    @inject(RejectedOrders) protected readonly rejectedOrders: RejectedOrders;
    @inject(ProductionTemplates) protected readonly templates: ProductionTemplates;
    @inject(DocumentStore) protected readonly store: DocumentStore;

    async listConnections(): Promise<ConnectionView[]> {
        return this.registry.views();
    }

    async listConnectionSwitches(): Promise<ConnectionSwitch[]> {
        return this.registry.switches();
    }

    async createConnection(input: ConnectionInput): Promise<ConnectionView> {
        return this.registry.view(await this.registry.create(input));
    }

    async updateConnection(id: string, version: number, input: ConnectionInput): Promise<ConnectionView> {
        return this.registry.view(await this.registry.update(id, version, input));
    }

    async copyConnection(id: string): Promise<ConnectionView> {
        return this.registry.view(await this.registry.copy(id));
    }

    deleteConnection(id: string, version: number): Promise<void> {
        return this.registry.delete(id, version);
    }

    async setConnectionEnabled(id: string, enabled: boolean): Promise<ConnectionSwitch> {
        const { name, status } = this.registry.view(await this.registry.setEnabled(id, enabled));
        return { id, name, enabled, status };
    }

    async exportConnections(ids: string[]): Promise<string> {
        return this.registry.exportJson(ids);
    }

    async importConnections(json: string): Promise<ConnectionView[]> {
        return (await this.registry.importJson(json)).map(connection => this.registry.view(connection));
    }

    testConnection(id: string): Promise<ConnectionTestResult> {
        const connection = this.registry.get(id);
        return this.types.of(connection).test(connection);
    }

    pollNow(id: string): Promise<void> {
        this.registry.get(id);
        return this.poller.pollNow(id);
    }

    async connectionLog(id: string): Promise<ConnectionLogEntry[]> {
        this.registry.get(id);
        return this.store.get(ConnectionLogsCollection, id)?.entries ?? [];
    }

    async listRejectedOrders(connectionId: string): Promise<RejectedOrderView[]> {
        return this.rejectedOrders.list(connectionId).map(withoutSource);
    }

    /** Asks the store for the order again and takes it in if it now passes; what is still wrong stays listed. */
    async retryRejectedOrder(id: string): Promise<RejectedOrderView | undefined> {
        const rejected = this.rejectedOrders.get(id);
        if (!rejected) {
            return undefined;
        }
        const connection = this.registry.get(rejected.connectionId);
        if (rejected.orderNumber) {
            const fetched = await this.types.of(connection).fetchOrder(connection, rejected.orderNumber);
            await this.intake.takeIn(connection, fetched);
        }
        const remaining = this.rejectedOrders.get(id);
        return remaining && withoutSource(remaining);
    }

    async listTemplates(): Promise<TemplateView[]> {
        return this.templates.list();
    }

    createTemplate(input: TemplateInput): Promise<TemplateView> {
        return this.templates.create(input);
    }

    updateTemplate(id: string, version: number, input: TemplateInput): Promise<TemplateView> {
        return this.templates.update(id, version, input);
    }

    deleteTemplate(id: string, version: number): Promise<void> {
        return this.templates.delete(id, version);
    }

    async listWorkflowChoices(): Promise<WorkflowChoice[]> {
        return this.templates.workflowChoices();
    }
}

function withoutSource({ source: _source, ...view }: RejectedOrder): RejectedOrderView {
    return view;
}
