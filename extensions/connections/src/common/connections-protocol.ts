import { z } from 'zod';
import { DocumentIdSchema } from '@presswork/platform/lib/common/identifiers';
import { TemplateDefaultsSchema, TemplateMatchSchema, ConnectionTestResult } from '@presswork/platform/lib/common';
import { MARCOMCENTRAL_PRODUCT_TYPES, isMarcomCentralProductType } from '@presswork/platform/lib/common/connection-schema';
import type { RpcContract } from '@presswork/platform/lib/common/rpc-contract';
import { ConnectionInput, ConnectionInputSchema } from './connection-input';
import type { ConnectionLogEntry, ConnectionStatus, RejectedOrderView } from './connection-runtime';

export const CONNECTIONS_SERVICE_PATH = '/services/connections';

/** A connection as the browser sees it: tokens are only "set" or "not set". */
export interface ConnectionView {
    readonly id: string;
    readonly version: number;
    readonly name: string;
    readonly description: string;
    readonly type: 'MarcomCentral';
    readonly endpointUrl: string;
    readonly orderTokenSet: boolean;
    readonly closeoutTokenSet: boolean;
    readonly timeZone: string;
    readonly pollingIntervalSeconds: number;
    readonly firstLookBackHours: number;
    readonly printFileHosts: readonly string[];
    readonly enabled: boolean;
    readonly demo: boolean;
    readonly status: ConnectionStatus;
    readonly rejectedOrders: number;
    /** Shown beside the interval when it is shorter than MarcomCentral's terms allow. */
    readonly warning?: string;
}

/** What operators see: enough to switch a connection on or off, nothing of its properties. */
export interface ConnectionSwitch {
    readonly id: string;
    readonly name: string;
    readonly enabled: boolean;
    readonly status: ConnectionStatus;
}

export const TemplateInputSchema = z.object({
    name: z.string().trim().min(1, 'Name is required').max(100),
    description: z.string().max(2000).default(''),
    connectionId: DocumentIdSchema.optional(),
    // A typo in a product type would silently match nothing: new input names one MarcomCentral defines
    // (a stored template keeps what it has, ProductionTemplateSchema).
    match: TemplateMatchSchema.refine(match => match.productType === undefined || isMarcomCentralProductType(match.productType), {
        path: ['productType'], message: `Choose a product type MarcomCentral defines: ${MARCOMCENTRAL_PRODUCT_TYPES.join(', ')}`
    }),
    workflowId: DocumentIdSchema,
    // At-risk hours as long as the turnaround would flag every job at risk the moment it arrives.
    defaults: TemplateDefaultsSchema.refine(({ atRiskHours, dueInHours }) => atRiskHours === undefined || dueInHours === undefined || atRiskHours < dueInHours, {
        path: ['atRiskHours'], message: 'At risk must be fewer hours than Due in hours, or every job would be at risk as soon as it arrives'
    }).default({ properties: {} }),
    enabled: z.boolean().default(true)
});
export type TemplateInput = z.input<typeof TemplateInputSchema>;

export interface TemplateView extends z.output<typeof TemplateInputSchema> {
    readonly id: string;
    readonly version: number;
}

export interface WorkflowChoice {
    readonly id: string;
    readonly name: string;
    readonly enabled: boolean;
}

export const ConnectionsService = Symbol('ConnectionsService');
export interface ConnectionsService {
    listConnections(): Promise<ConnectionView[]>;
    listConnectionSwitches(): Promise<ConnectionSwitch[]>;
    createConnection(input: ConnectionInput): Promise<ConnectionView>;
    updateConnection(id: string, version: number, input: ConnectionInput): Promise<ConnectionView>;
    copyConnection(id: string): Promise<ConnectionView>;
    deleteConnection(id: string, version: number): Promise<void>;
    setConnectionEnabled(id: string, enabled: boolean): Promise<ConnectionSwitch>;
    /** A JSON document of the connections, without their tokens. */
    exportConnections(ids: string[]): Promise<string>;
    /** Creates the connections of an export, disabled and without tokens; returns them. */
    importConnections(json: string): Promise<ConnectionView[]>;
    /** A real call to the store with the stored settings. */
    testConnection(id: string): Promise<ConnectionTestResult>;
    pollNow(id: string): Promise<void>;
    connectionLog(id: string): Promise<ConnectionLogEntry[]>;
    listRejectedOrders(connectionId: string): Promise<RejectedOrderView[]>;
    retryRejectedOrder(id: string): Promise<RejectedOrderView | undefined>;

    listTemplates(): Promise<TemplateView[]>;
    createTemplate(input: TemplateInput): Promise<TemplateView>;
    updateTemplate(id: string, version: number, input: TemplateInput): Promise<TemplateView>;
    deleteTemplate(id: string, version: number): Promise<void>;
    listWorkflowChoices(): Promise<WorkflowChoice[]>;
}

const id = DocumentIdSchema;
const version = z.number().int().positive();

export const ConnectionsServiceContract: RpcContract<ConnectionsService> = {
    listConnections: { access: 'connections.view', args: z.tuple([]) },
    listConnectionSwitches: { access: 'connections.toggle', args: z.tuple([]) },
    createConnection: { access: 'connections.manage', args: z.tuple([ConnectionInputSchema]) },
    updateConnection: { access: 'connections.manage', args: z.tuple([id, version, ConnectionInputSchema]) },
    copyConnection: { access: 'connections.manage', args: z.tuple([id]) },
    deleteConnection: { access: 'connections.manage', args: z.tuple([id, version]) },
    setConnectionEnabled: { access: 'connections.toggle', args: z.tuple([id, z.boolean()]) },
    exportConnections: { access: 'connections.manage', args: z.tuple([z.array(id).max(1000)]) },
    importConnections: { access: 'connections.manage', args: z.tuple([z.string().max(1_000_000)]) },
    testConnection: { access: 'connections.view', args: z.tuple([id]) },
    pollNow: { access: 'connections.toggle', args: z.tuple([id]) },
    connectionLog: { access: 'connections.view', args: z.tuple([id]) },
    listRejectedOrders: { access: 'connections.view', args: z.tuple([id]) },
    retryRejectedOrder: { access: 'connections.manage', args: z.tuple([id]) },
    listTemplates: { access: 'connections.view', args: z.tuple([]) },
    createTemplate: { access: 'connections.manage', args: z.tuple([TemplateInputSchema]) },
    updateTemplate: { access: 'connections.manage', args: z.tuple([id, version, TemplateInputSchema]) },
    deleteTemplate: { access: 'connections.manage', args: z.tuple([id, version]) },
    listWorkflowChoices: { access: 'connections.view', args: z.tuple([]) }
};
