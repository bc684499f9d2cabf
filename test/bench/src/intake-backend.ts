import * as path from 'node:path';
import { SecretBox } from '@presswork/platform/lib/node/secrets/secret-box';
import {
    ConnectionsCollection, DocumentStore, FileDocumentStore, PLATFORM_COLLECTIONS, ProductionTemplatesCollection
} from '@presswork/platform/lib/node/store';
import { CONNECTIONS_COLLECTIONS } from '@presswork/connections/lib/node/connection-collections';
import connectionsBackendModule from '@presswork/connections/lib/node/connections-backend-module';
import { OrderIntake } from '@presswork/connections/lib/node/intake/order-intake';
import { MarcomCentralClient } from '@presswork/connections/lib/node/marcomcentral';
import { MarcomCentralConnectionType } from '@presswork/connections/lib/node/marcomcentral-connection-type';
import { OrderPoller, PollClock, PollerOptions } from '@presswork/connections/lib/node/polling/order-poller';
import { productTypeTemplates } from '@presswork/connections/lib/node/provisioning/product-type-templates';
import { backendContainer } from './backend-container';

export const INTAKE_CONNECTION_ID = 'bench-connection';

/** Where the simulator listens and how Presswork reaches it. */
export interface IntakeEndpoint {
    readonly url: string;
    readonly orderToken: string;
    readonly timeZone: string;
    readonly firstLookBackHours: number;
}

/** The backend's intake pieces over one data folder, wired as the connections module wires them. */
export interface IntakeBackend {
    readonly store: FileDocumentStore;
    readonly poller: OrderPoller;
    readonly client: MarcomCentralClient;
    readonly connectionType: MarcomCentralConnectionType;
    readonly intake: OrderIntake;
}

/** The store of the data folder `folder`, where the backend module puts it (`<folder>/store`). */
export async function openIntakeStore(folder: string): Promise<FileDocumentStore> {
    const store = new FileDocumentStore({ folder: path.join(folder, 'store'), collections: [...PLATFORM_COLLECTIONS, ...CONNECTIONS_COLLECTIONS] });
    await store.ready;
    return store;
}

/** Poll warnings and errors on stderr; the rest is quiet. */
const pollLogger = {
    warn: (message: string) => console.error(`[bench] poll: ${message}`), error: console.error,
    info: () => undefined, debug: () => undefined, trace: () => undefined, fatal: console.error
};

/**
 * The data folder `folder` with the real poller, connection type, SOAP client and intake, from
 * platform's and connections' backend modules; the clock and the poll window are the benchmark's.
 * The connection and the templates a new connection gets (every line matches one, as in a
 * configured shop) are created on the first open only, so a restart over the same folder carries on.
 */
export async function openIntakeBackend(folder: string, endpoint: IntakeEndpoint, now: () => Date, maxWindowMs: number): Promise<IntakeBackend> {
    const container = backendContainer({ dataFolder: folder, logger: pollLogger, modules: [connectionsBackendModule] });
    container.rebind(PollClock).toConstantValue(now);
    container.rebind(PollerOptions).toConstantValue({ maxWindowMs });
    const store = container.get<FileDocumentStore>(DocumentStore);
    await store.ready;
    if (!store.get(ConnectionsCollection, INTAKE_CONNECTION_ID)) {
        await createConnection(store, container.get(SecretBox), endpoint);
    }
    return {
        store,
        poller: container.get(OrderPoller),
        client: container.get(MarcomCentralClient),
        connectionType: container.get(MarcomCentralConnectionType),
        intake: container.get(OrderIntake)
    };
}

async function createConnection(store: FileDocumentStore, secrets: SecretBox, endpoint: IntakeEndpoint): Promise<void> {
    // Templates first: a connection without them would be a half-made set-up after a crash.
    const templates = productTypeTemplates(INTAKE_CONNECTION_ID, 'Bench store');
    for (const [index, template] of templates.entries()) {
        const id = `bench-template-${index + 1}`;
        if (!store.get(ProductionTemplatesCollection, id)) {
            await store.create(ProductionTemplatesCollection, {
                id, name: template.name, description: template.description ?? '', connectionId: template.connectionId,
                match: template.match, workflowId: template.workflowId, defaults: { properties: {}, ...template.defaults }, enabled: true
            });
        }
    }
    await store.create(ConnectionsCollection, {
        id: INTAKE_CONNECTION_ID, name: 'Bench store', description: '', type: 'MarcomCentral', endpointUrl: endpoint.url,
        orderToken: secrets.seal(endpoint.orderToken), timeZone: endpoint.timeZone, pollingIntervalSeconds: 300,
        firstLookBackHours: endpoint.firstLookBackHours, enabled: true, demo: false
    });
}
