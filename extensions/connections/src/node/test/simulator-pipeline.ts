import { MAX_WINDOW_MS } from '../polling/poll-schedule';
import * as path from 'node:path';
import type { Connection, Order } from '@presswork/platform/lib/common';
import { SecretBox } from '@presswork/platform/lib/node/secrets/secret-box';
import type { DocumentStore } from '@presswork/platform/lib/node/store/document-store';
import { ConnectionsCollection, OrdersCollection } from '@presswork/platform/lib/node/store/platform-collections';
import type { RunningSimulator } from '@presswork/marcomcentral-simulator';
import { ConnectionLogEntry } from '../../common/connection-runtime';
import { ConnectionLogsCollection, ConnectionState, ConnectionStatesCollection, RejectedOrder, RejectedOrdersCollection } from '../connection-collections';
import { OrderIntake } from '../intake/order-intake';
import { RejectedOrders } from '../intake/rejected-orders';
import { MarcomCentralClient } from '../marcomcentral';
import { MarcomCentralConnectionType } from '../marcomcentral-connection-type';
import { OrderPoller } from '../polling/order-poller';
import { connectionTypesOf } from './received-orders';
import { inject } from '@presswork/platform/lib/node/test/inject';
import { RecordingLogger, recordingLogger } from '@presswork/platform/lib/node/test/recording-logger';
import { openStore } from '@presswork/platform/lib/node/test/temp-store';
import { CONNECTIONS_COLLECTIONS } from '../connection-collections';
import { connectionDocument } from './connection-documents';

export interface SimulatorPipelineOptions {
    /** The data folder: the store lives in `<folder>/data`, the secret key in `<folder>/data/keys`. */
    readonly folder: string;
    readonly simulator: RunningSimulator;
    /** The poll clock. */
    readonly clock: () => Date;
    readonly connectionId?: string;
    /** Connection fields, e.g. firstLookBackHours; tokens are sealed from the simulator's own. */
    readonly connection?: Partial<Connection>;
    /** Deadline of every MarcomCentral call (default 5 s). */
    readonly timeoutMs?: number;
}

/**
 * The intake pipeline as the backend wires it, over a real file store and a real simulator:
 * OrderPoller → MarcomCentralConnectionType (real client, tokens sealed with a real SecretBox) →
 * OrderIntake. Opening a second pipeline over the same folder is a restart.
 */
export class SimulatorPipeline {
    protected constructor(
        readonly store: DocumentStore,
        readonly secrets: SecretBox,
        readonly connectionType: MarcomCentralConnectionType,
        readonly intake: OrderIntake,
        readonly poller: OrderPoller,
        readonly logger: RecordingLogger,
        readonly connectionId: string
    ) { }

    static async open(options: SimulatorPipelineOptions): Promise<SimulatorPipeline> {
        const dataFolder = path.join(options.folder, 'data');
        const store = await openStore(dataFolder, CONNECTIONS_COLLECTIONS);
        const secrets = new SecretBox(path.join(dataFolder, 'keys', 'secrets.key'));
        const client = new MarcomCentralClient({ timeoutMs: options.timeoutMs ?? 5_000 });
        const connectionType = inject(new MarcomCentralConnectionType(), { secrets, client });
        const rejectedOrders = inject(new RejectedOrders(), { store });
        const intake = inject(new OrderIntake(), { store, rejectedOrders });
        const logger = recordingLogger();
        const poller = inject(new OrderPoller(), {
            store, platform: { whenReady: Promise.resolve() }, types: connectionTypesOf(connectionType), intake, now: options.clock, logger,
            options: { maxWindowMs: MAX_WINDOW_MS }
        });
        const connectionId = options.connectionId ?? 'conn-sim';
        if (!store.get(ConnectionsCollection, connectionId)) {
            await store.create(ConnectionsCollection, connectionDocument(connectionId, {
                endpointUrl: options.simulator.url,
                orderToken: secrets.seal(options.simulator.orderToken),
                timeZone: options.simulator.timeZone,
                firstLookBackHours: 1,
                ...options.connection
            }));
        }
        return new SimulatorPipeline(store, secrets, connectionType, intake, poller, logger, connectionId);
    }

    get connection(): Connection {
        return this.store.get(ConnectionsCollection, this.connectionId)!;
    }

    /** One poll, now, by the poll clock. */
    poll(): Promise<void> {
        return this.poller.pollNow(this.connectionId);
    }

    orders(): Order[] {
        return [...this.store.all(OrdersCollection)].filter(order => order.connectionId === this.connectionId);
    }

    ordersByMarcomId(): Map<string, Order[]> {
        const byId = new Map<string, Order[]>();
        for (const order of this.orders()) {
            byId.set(order.marcomOrderId, [...byId.get(order.marcomOrderId) ?? [], order]);
        }
        return byId;
    }

    jobCount(): number {
        return this.orders().reduce((sum, order) => sum + order.jobs.length, 0);
    }

    lineItemCount(): number {
        return this.orders().reduce((sum, order) => sum + order.lineItems.length, 0);
    }

    state(): ConnectionState | undefined {
        return this.store.get(ConnectionStatesCollection, this.connectionId);
    }

    /** The poll log, oldest first. */
    log(): ConnectionLogEntry[] {
        return [...this.store.get(ConnectionLogsCollection, this.connectionId)?.entries ?? []].reverse();
    }

    rejected(): RejectedOrder[] {
        return this.store.findBy(RejectedOrdersCollection, 'connection', this.connectionId);
    }

    async close(): Promise<void> {
        this.poller.onStop();
        await this.poller.idle();
        await this.store.close();
    }
}
