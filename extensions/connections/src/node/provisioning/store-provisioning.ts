import { inject, injectable, named } from '@theia/core/shared/inversify';
import { ILogger } from '@theia/core/lib/common/logger';
import { Deferred } from '@theia/core/lib/common/promise-util';
import { BackendApplicationContribution } from '@theia/core/lib/node/backend-application';
import { DocumentStore } from '@presswork/platform/lib/node/store/document-store';
import { PlatformReady } from '@presswork/platform/lib/node/platform-startup';
import { ConnectionsCollection } from '@presswork/platform/lib/node/store/platform-collections';
import { RequiredStartup } from '@presswork/platform/lib/node/required-startup';
import { WorkOwnership } from '@presswork/platform/lib/node/cluster/work-ownership';
import { ConnectionRegistry } from '../connection-registry';
import { ProductionTemplates } from '../templates/production-templates';
import { createProductTypeTemplates } from './product-type-templates';
import { StoreEnvironment, readStoreEnvironment } from './store-environment';

/**
 * First start: a shop's own MarcomCentral store from the environment, with its connection and
 * templates. A shop that configured its store must not start as if it had none, so a failure here
 * fails Presswork's start (RequiredStartup). Without one, the host's demo store takes its place.
 * With several servers, whichever starts first provisions (`exclusive('provisioning')`, which
 * has caught up with every server's writes): the others find the connection there.
 */
@injectable()
export class StoreProvisioning implements BackendApplicationContribution, RequiredStartup {
    @inject(DocumentStore) protected readonly store: DocumentStore;
    @inject(PlatformReady) protected readonly platform: PlatformReady;
    @inject(ConnectionRegistry) protected readonly registry: ConnectionRegistry;
    @inject(ProductionTemplates) protected readonly templates: ProductionTemplates;
    @inject(WorkOwnership) protected readonly ownership: WorkOwnership;
    @inject(ILogger) @named('connections:StoreProvisioning') protected readonly logger: ILogger;

    protected readonly done = new Deferred<void>();
    readonly whenDone = this.done.promise;

    constructor() {
        // Only the application awaits whenDone, after every initialize(): until then a rejection is expected.
        this.whenDone.catch(() => undefined);
    }

    async initialize(): Promise<void> {
        await this.platform.whenReady;
        try {
            const environment = readStoreEnvironment(process.env);
            if (environment) {
                await this.ownership.exclusive('provisioning', () => this.provisionFromEnvironment(environment));
            }
            this.done.resolve();
        } catch (error) {
            const what = 'the MarcomCentral store of the environment could not be set up';
            this.logger.error(`Presswork cannot start: ${what}.`, error);
            this.done.reject(new Error(`Presswork cannot start: ${what}: ${error instanceof Error ? error.message : String(error)}`, { cause: error }));
        }
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
        await createProductTypeTemplates(this.templates, connection);
        this.logger.info(`connection MarcomCentral to ${environment.url} provisioned from the environment`);
    }
}
