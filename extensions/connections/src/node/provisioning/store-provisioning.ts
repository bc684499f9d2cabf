import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { inject, injectable, named } from '@theia/core/shared/inversify';
import { ILogger } from '@theia/core/lib/common/logger';
import { BackendApplicationContribution } from '@theia/core/lib/node/backend-application';
import type { Connection } from '@presswork/platform/lib/common';
import { DocumentStore } from '@presswork/platform/lib/node/store/document-store';
import { PlatformReady } from '@presswork/platform/lib/node/platform-startup';
import { ConnectionsCollection } from '@presswork/platform/lib/node/store/platform-collections';
import { PressworkConfig } from '@presswork/platform/lib/node/presswork-config';
import { SecretBox } from '@presswork/platform/lib/node/secrets/secret-box';
import { RunningSimulator, startSimulator } from '@presswork/marcomcentral-simulator';
import { ConnectionRegistry } from '../connection-registry';
import { ProductionTemplates } from '../templates/production-templates';
import { productTypeTemplates } from './product-type-templates';
import { StoreEnvironment, demoOrderSeconds, readStoreEnvironment } from './store-environment';

/** The demo store polls often, so a new user sees orders arrive within a minute. */
const DEMO_POLL_SECONDS = 10;

/**
 * First start: a shop's own MarcomCentral store from the environment, or else the built-in demo
 * store (a simulator embedded on a free loopback port) with its connection and templates. The demo
 * store keeps its orders in the data folder and starts again with Presswork.
 */
@injectable()
export class StoreProvisioning implements BackendApplicationContribution {
    @inject(DocumentStore) protected readonly store: DocumentStore;
    @inject(PlatformReady) protected readonly platform: PlatformReady;
    @inject(PressworkConfig) protected readonly config: PressworkConfig;
    @inject(SecretBox) protected readonly secrets: SecretBox;
    @inject(ConnectionRegistry) protected readonly registry: ConnectionRegistry;
    @inject(ProductionTemplates) protected readonly templates: ProductionTemplates;
    @inject(ILogger) @named('connections:StoreProvisioning') protected readonly logger: ILogger;

    protected demoStore: RunningSimulator | undefined;

    async initialize(): Promise<void> {
        await this.platform.whenReady;
        let environment: StoreEnvironment | undefined;
        try {
            environment = readStoreEnvironment(process.env);
            if (environment) {
                await this.provisionFromEnvironment(environment);
            }
        } catch (error) {
            // A shop that configured its store must not start as if it had none.
            console.error('Presswork cannot start: the MarcomCentral store of the environment could not be set up.', error);
            process.exit(1);
        }
        if (!environment && this.config.demo) {
            await this.startDemoStore().catch(error => this.logger.error('the demo store could not be started; Presswork runs without it', error));
        }
    }

    async onStop(): Promise<void> {
        await this.demoStore?.close();
    }

    protected async provisionFromEnvironment(environment: StoreEnvironment): Promise<void> {
        if (this.store.count(ConnectionsCollection) > 0) {
            return;
        }
        const connection = await this.registry.create({
            name: 'MarcomCentral',
            description: 'Provisioned at first start from PRESSWORK_MARCOM_URL',
            endpointUrl: environment.url,
            orderToken: environment.token,
            closeoutToken: environment.closeoutToken,
            timeZone: environment.timeZone,
            pollingIntervalSeconds: environment.pollSeconds,
            enabled: true
        });
        await this.createTemplates(connection);
        this.logger.info(`connection MarcomCentral to ${environment.url} provisioned from the environment`);
    }

    protected async startDemoStore(): Promise<void> {
        const folder = path.join(this.config.dataFolder, 'demo-store');
        const marker = path.join(folder, 'provisioned');
        const existing = [...this.store.all(ConnectionsCollection)].find(connection => connection.demo);
        const firstStart = !existing && !await exists(marker) && this.store.count(ConnectionsCollection) === 0;
        if (!existing && !firstStart) {
            return; // the demo connection was deleted: the shop does not want the demo store
        }
        await fs.mkdir(folder, { recursive: true, mode: 0o700 });
        this.demoStore = await startSimulator({
            host: '127.0.0.1',
            port: 0,
            stateFile: path.join(folder, 'state.json'),
            orderToken: existing?.orderToken ? this.secrets.open(existing.orderToken) : undefined,
            demoOrderIntervalMs: demoOrderSeconds(process.env) * 1000
        });
        if (existing) {
            await this.store.modify(ConnectionsCollection, existing.id, connection => ({ ...connection, endpointUrl: this.demoStore!.url }));
        } else {
            const connection = await this.registry.create({
                name: 'Demo store',
                description: 'The built-in demo MarcomCentral store (PRESSWORK_DEMO=0 turns it off)',
                endpointUrl: this.demoStore.url,
                orderToken: this.demoStore.orderToken,
                pollingIntervalSeconds: DEMO_POLL_SECONDS,
                firstLookBackHours: 24,
                enabled: true
            }, { demo: true });
            await this.createTemplates(connection);
            await fs.writeFile(marker, new Date().toISOString(), { mode: 0o600 });
        }
        this.logger.info(`demo MarcomCentral store running at ${this.demoStore.url}`);
    }

    protected async createTemplates(connection: Connection): Promise<void> {
        for (const template of productTypeTemplates(connection.id, connection.name)) {
            await this.templates.create(template);
        }
    }
}

async function exists(file: string): Promise<boolean> {
    return fs.access(file).then(() => true, () => false);
}
