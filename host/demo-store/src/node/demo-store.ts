import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { inject, injectable, named } from '@theia/core/shared/inversify';
import { ILogger } from '@theia/core/lib/common/logger';
import { BackendApplicationContribution } from '@theia/core/lib/node/backend-application';
import { DocumentStore } from '@presswork/platform/lib/node/store/document-store';
import { PlatformReady } from '@presswork/platform/lib/node/platform-startup';
import { ConnectionsCollection } from '@presswork/platform/lib/node/store/platform-collections';
import { PressworkConfig } from '@presswork/platform/lib/node/presswork-config';
import { SecretBox } from '@presswork/platform/lib/node/secrets/secret-box';
import { ConnectionRegistry } from '@presswork/connections/lib/node/connection-registry';
import { ProductionTemplates } from '@presswork/connections/lib/node/templates/production-templates';
import { createProductTypeTemplates } from '@presswork/connections/lib/node/provisioning/product-type-templates';
import { readStoreEnvironment } from '@presswork/connections/lib/node/provisioning/store-environment';
import { whileLeader } from '@presswork/platform/lib/node/cluster/while-leader';
import { WorkOwnership } from '@presswork/platform/lib/node/cluster/work-ownership';
import { RunningSimulator, startSimulator } from '@presswork/marcomcentral-simulator';
import { demoOrderSeconds } from './demo-order-seconds';

/** The demo store polls often, so a new user sees orders arrive within a minute. */
const DEMO_POLL_SECONDS = 10;

/**
 * The built-in demo MarcomCentral store: on first start without a store of the shop's own (see
 * connections' StoreProvisioning), a simulator embedded on a free loopback port with its connection
 * and templates. It keeps its orders in the data folder and starts again with Presswork, until
 * the "Demo store" connection is deleted or PRESSWORK_DEMO=0.
 */
@injectable()
export class DemoStore implements BackendApplicationContribution {
    @inject(DocumentStore) protected readonly store: DocumentStore;
    @inject(PlatformReady) protected readonly platform: PlatformReady;
    @inject(PressworkConfig) protected readonly config: PressworkConfig;
    @inject(SecretBox) protected readonly secrets: SecretBox;
    @inject(ConnectionRegistry) protected readonly registry: ConnectionRegistry;
    @inject(ProductionTemplates) protected readonly templates: ProductionTemplates;
    @inject(WorkOwnership) protected readonly ownership: WorkOwnership;
    @inject(ILogger) @named('demo-store:DemoStore') protected readonly logger: ILogger;

    protected simulator: RunningSimulator | undefined;

    async initialize(): Promise<void> {
        await this.platform.whenReady;
        if (!this.config.demo || shopStoreConfigured()) {
            return;
        }
        // One simulator for the shop, on the leader: two would both add demo orders to its state
        // file. With several servers the demo store moves with the leader, and its connection with it.
        let firstStart: Promise<void> | undefined;
        whileLeader(this.ownership, {
            start: () => firstStart = this.ownership.exclusive('provisioning', () => this.start()),
            stop: () => this.stop()
        }, error => this.logger.error('the demo store could not be started; Presswork runs without it', error));
        // The embedded server leads at once: it starts serving with its demo store running, as before.
        await firstStart?.catch(() => undefined);
    }

    async onStop(): Promise<void> {
        await this.stop();
    }

    protected async stop(): Promise<void> {
        const simulator = this.simulator;
        this.simulator = undefined;
        await simulator?.close();
    }

    protected async start(): Promise<void> {
        const folder = path.join(this.config.dataFolder, 'demo-store');
        const marker = path.join(folder, 'provisioned');
        const existing = [...this.store.all(ConnectionsCollection)].find(connection => connection.demo);
        const firstStart = !existing && !await exists(marker) && this.store.count(ConnectionsCollection) === 0;
        if (!existing && !firstStart) {
            return; // the demo connection was deleted: the shop does not want the demo store
        }
        await fs.mkdir(folder, { recursive: true, mode: 0o700 });
        const start = (port: number): Promise<RunningSimulator> => startSimulator({
            host: '127.0.0.1',
            port,
            stateFile: path.join(folder, 'state.json'),
            orderToken: existing?.orderToken ? this.secrets.open(existing.orderToken) : undefined,
            demoOrderIntervalMs: demoOrderSeconds(process.env) * 1000,
            log: this.logger
        });
        // The port of its last run, so that the file addresses of orders taken in before (a restart,
        // or another server that led) still answer; a free one when that port is taken.
        const portFile = path.join(folder, 'port');
        const lastPort = Number(await fs.readFile(portFile, 'utf8').catch(() => '')) || 0;
        const simulator = await start(lastPort).catch(error => lastPort ? start(0) : Promise.reject(error));
        this.simulator = simulator;
        await fs.writeFile(portFile, String(new URL(simulator.url).port), { mode: 0o600 });
        if (existing) {
            await this.store.modify(ConnectionsCollection, existing.id, connection => ({ ...connection, endpointUrl: simulator.url }));
        } else {
            const connection = await this.registry.create({
                name: 'Demo store',
                description: 'The built-in demo MarcomCentral store (PRESSWORK_DEMO=0 turns it off)',
                endpointUrl: simulator.url,
                orderToken: simulator.orderToken,
                pollingIntervalSeconds: DEMO_POLL_SECONDS,
                firstLookBackHours: 24,
                enabled: true
            }, { demo: true });
            await createProductTypeTemplates(this.templates, connection);
            await fs.writeFile(marker, new Date().toISOString(), { mode: 0o600 });
        }
        this.logger.info(`demo MarcomCentral store running at ${simulator.url}`);
    }
}

/** A shop store in the environment replaces the demo; a half-configured one fails the start elsewhere. */
function shopStoreConfigured(): boolean {
    try {
        return readStoreEnvironment(process.env) !== undefined;
    } catch {
        return true;
    }
}

async function exists(file: string): Promise<boolean> {
    return fs.access(file).then(() => true, () => false);
}
