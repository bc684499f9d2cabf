import * as fs from 'node:fs';
import * as path from 'node:path';
import { ContainerModule } from '@theia/core/shared/inversify';
import { LoggerFactory } from '@theia/core/lib/common/logger';
import { RpcProxy } from '@theia/core/lib/common/messaging/proxy-factory';
import { bindRootContributionProvider } from '@theia/core/lib/common/contribution-provider';
import { BackendApplicationContribution } from '@theia/core/lib/node/backend-application';
import { QuietErrorPagesContribution } from './hardening/quiet-error-pages';
import { ConnectionContainerModule } from '@theia/core/lib/node/messaging/connection-container-module';
import { ReconnectableSocketChannel } from '@theia/core/lib/node/messaging/websocket-frontend-connection-service';
import { WsRequestValidatorContribution } from '@theia/core/lib/node/ws-request-validators';
import { ACCOUNT_SERVICE_PATH, AccountService, AccountServiceContract } from '../common/account-protocol';
import { ActivityContribution } from '../common/activity-contribution';
import { ActivityRegistry } from '../common/activity-registry';
import { CHANGE_FEED_PATH, ChangeFeedClient, ChangeFeedServer, ChangeFeedServerContract } from '../common/change-feed-protocol';
import { ConnectionTypeContribution } from '../common/connection-type-contribution';
import { ConnectionTypeRegistry } from '../common/connection-type-registry';
import { OutputDeviceContribution } from '../common/output-device-contribution';
import { OutputDeviceRegistry } from '../common/output-device-registry';
import { EventSourceContribution } from '../common/event-source-contribution';
import { EventSourceRegistry } from '../common/event-source-registry';
import { NotificationChannelContribution } from '../common/notification-channel-contribution';
import { NotificationChannelRegistry } from '../common/notification-channel-registry';
import { bindContributionPoint } from '../common/contribution-registry';
import { StepReferenceContribution } from '../common/step-reference-contribution';
import { WorkflowAssignmentContribution } from '../common/workflow-assignment-contribution';
import { STORE_PROBLEMS_PATH, StoreProblemsService, StoreProblemsServiceContract } from '../common/store-problems-protocol';
import { AccountServiceImpl } from './auth/account-service-impl';
import { StoreProblemsServiceImpl } from './store-problems/store-problems-service-impl';
import { bindApiTokens } from './auth/bind-api-tokens';
import { SessionStore } from './auth/session-store';
import { SignInEndpoint } from './auth/sign-in-endpoint';
import { SignInThrottle } from './auth/sign-in-throttle';
import { UserAccounts } from './auth/user-accounts';
import { GuidesRoute } from './guides/guides-route';
import { ChangeFeedHub } from './change-feed/change-feed-hub';
import { ChangeFeedProjection } from './change-feed/change-feed-projection';
import { ChangeFeedServerImpl } from './change-feed/change-feed-server-impl';
import { PlatformReady, PlatformStartup } from './platform-startup';
import { PressworkConfig, readPressworkConfig } from './presswork-config';
import { RequiredStartup, bindRequiredStartup } from './required-startup';
import { JobFolders } from './files/job-folders';
import { bindGuardedService } from './rpc/bind-guarded-service';
import { ChannelRpcCaller, RpcCaller } from './rpc/rpc-caller';
import { SessionAwareSocketChannel } from './rpc/session-aware-channel';
import { DocumentCollectionContribution, DocumentStore } from './store/document-store';
import { FileDocumentStore } from './store/file-document-store';
import { PostgresDocumentStore } from './store/postgres/postgres-document-store';
import { readDatabaseOptions } from './store/postgres/connection-settings';
import { PLATFORM_COLLECTIONS } from './store/platform-collections';
import { UsersChangeProjection } from './users-change-projection';
import { SecretBox } from './secrets/secret-box';
import { EnvVariablesServer } from '@theia/core/lib/common/env-variables';
import { DiskFileSystemProvider } from '@theia/filesystem/lib/node/disk-file-system-provider';
import { FileSystemProvider } from '@theia/filesystem/lib/common/files';
import { ConfidentialEnvVariablesServer } from './hardening/confidential-env-variables-server';
import { confineFileSystem } from './hardening/confined-file-system';
import { bindBackupPause } from './backup/backup-pause-contribution';
import { WriteGate } from './store/write-gate';
import { WorkOwnership } from './cluster/work-ownership';
import { EmbeddedWorkOwnership } from './cluster/embedded-work-ownership';
import { PostgresWorkOwnership } from './cluster/postgres-work-ownership';
import { WorkOwnershipLifecycle } from './cluster/work-ownership-lifecycle';
import { ApplicationPackage } from '@theia/core/shared/@theia/application-package';
import { ILogger } from '@theia/core/lib/common/logger';
import { bindServersView } from './cluster/bind-servers-view';
import { ServersServiceImpl } from './cluster/servers-service-impl';
import { SERVERS_SERVICE_PATH, ServersService, ServersServiceContract } from '../common/servers-protocol';
import { DefaultMessagingService } from '@theia/core/lib/node/messaging/default-messaging-service';
import { GuardedMessagingService } from './rpc/guarded-messaging-service';
import { SHOP_IDENTITY_SERVICE_PATH, ShopIdentityService, ShopIdentityServiceContract } from '../common/shop-identity';
import { ShopIdentityServiceImpl } from './shop/shop-identity-service-impl';
import { ShopIdentityStore } from './shop/shop-identity-store';
import { IntakeWindows } from './intake-windows';

/** Per browser connection: who is calling, and the platform's guarded services. */
const platformConnectionModule = ConnectionContainerModule.create(({ bind }) => {
    bind(RpcCaller).to(ChannelRpcCaller).inSingletonScope();
    bind(AccountServiceImpl).toSelf().inSingletonScope();
    bindGuardedService<AccountService>(bind, { path: ACCOUNT_SERVICE_PATH, service: AccountServiceImpl, contract: AccountServiceContract });
    bindGuardedService<StoreProblemsService>(bind, { path: STORE_PROBLEMS_PATH, service: StoreProblemsServiceImpl, contract: StoreProblemsServiceContract });
    bindGuardedService<ServersService>(bind, { path: SERVERS_SERVICE_PATH, service: ServersServiceImpl, contract: ServersServiceContract });
    bind(ShopIdentityServiceImpl).toSelf().inSingletonScope();
    bindGuardedService<ShopIdentityService>(bind, { path: SHOP_IDENTITY_SERVICE_PATH, service: ShopIdentityServiceImpl, contract: ShopIdentityServiceContract });
    bind(ChangeFeedServerImpl).toSelf().inSingletonScope();
    bindGuardedService<ChangeFeedServer, RpcProxy<ChangeFeedClient>, ChangeFeedServerImpl>(bind, {
        path: CHANGE_FEED_PATH,
        service: ChangeFeedServerImpl,
        contract: ChangeFeedServerContract,
        connectClient: (service, client) => {
            service.connect(client);
            client.onDidCloseConnection(() => service.dispose());
        }
    });
});

export default new ContainerModule((bind, _unbind, _isBound, rebind) => {
    bind(StoreProblemsServiceImpl).toSelf().inSingletonScope();
    // One for the whole server: intake marks its windows, background work waits for them.
    bind(IntakeWindows).toSelf().inSingletonScope();
    bind(PressworkConfig).toConstantValue(readPressworkConfig(process.env));
    bind(JobFolders).toDynamicValue(({ container }) => JobFolders.in(container.get<PressworkConfig>(PressworkConfig).dataFolder)).inSingletonScope();

    bindRootContributionProvider(bind, DocumentCollectionContribution);
    bind(DocumentCollectionContribution).toConstantValue({ collections: PLATFORM_COLLECTIONS });
    bind(DocumentStore).toDynamicValue(({ container }) => {
        const config = container.get<PressworkConfig>(PressworkConfig);
        fs.mkdirSync(config.dataFolder, { recursive: true, mode: 0o700 });
        const contributions = container.getAll<DocumentCollectionContribution>(DocumentCollectionContribution);
        if (config.databaseUrl) {
            const logger = container.get<LoggerFactory>(LoggerFactory)('platform:PostgresDocumentStore');
            return new PostgresDocumentStore({
                url: config.databaseUrl,
                ...readDatabaseOptions(process.env),
                collections: contributions.flatMap(contribution => contribution.collections),
                log: message => logger.warn(message)
            });
        }
        return new FileDocumentStore({
            folder: path.join(config.dataFolder, 'store'),
            collections: contributions.flatMap(contribution => contribution.collections),
            writeGate: container.get(WriteGate)
        });
    }).inSingletonScope();

    // Which server does which work: the one embedded server owns it all; with PostgreSQL, leases decide.
    bind(WorkOwnership).toDynamicValue(({ container }) => {
        const config = container.get<PressworkConfig>(PressworkConfig);
        return config.databaseUrl
            ? new PostgresWorkOwnership({
                databaseUrl: config.databaseUrl,
                leaseSeconds: config.leaseSeconds,
                store: container.get(DocumentStore),
                // The application's version where Theia's application package is bound (a benchmark's bare container has none).
                version: (container.isBound(ApplicationPackage) ? container.get(ApplicationPackage).pck.version : undefined) ?? 'unknown',
                logger: container.getNamed<ILogger>(ILogger, 'platform:WorkOwnership')
            })
            : new EmbeddedWorkOwnership();
    }).inSingletonScope();
    bind(BackendApplicationContribution).to(WorkOwnershipLifecycle).inSingletonScope();
    bindServersView(bind);

    bindBackupPause(bind);
    bind(ShopIdentityStore).toSelf().inSingletonScope();

    bind(SecretBox).toDynamicValue(({ container }) =>
        new SecretBox(path.join(container.get<PressworkConfig>(PressworkConfig).dataFolder, 'keys', 'secrets.key'))).inSingletonScope();

    bindContributionPoint(bind, ActivityContribution, ActivityRegistry);
    bindContributionPoint(bind, ConnectionTypeContribution, ConnectionTypeRegistry);
    bindContributionPoint(bind, OutputDeviceContribution, OutputDeviceRegistry);
    bindContributionPoint(bind, EventSourceContribution, EventSourceRegistry);
    bindContributionPoint(bind, NotificationChannelContribution, NotificationChannelRegistry);
    bindRootContributionProvider(bind, WorkflowAssignmentContribution);
    bindRootContributionProvider(bind, StepReferenceContribution);
    bindRootContributionProvider(bind, ChangeFeedProjection);

    bind(SessionStore).toSelf().inSingletonScope();
    bind(SignInThrottle).toSelf().inSingletonScope();
    bind(UserAccounts).toSelf().inSingletonScope();
    bindApiTokens(bind);
    bind(PlatformStartup).toSelf().inSingletonScope();
    bind(BackendApplicationContribution).toService(PlatformStartup);
    bind(PlatformReady).toService(PlatformStartup);
    bind(RequiredStartup).toService(PlatformStartup);
    bindRequiredStartup(bind, rebind);
    bind(SignInEndpoint).toSelf().inSingletonScope();
    bind(BackendApplicationContribution).toService(SignInEndpoint);
    bind(WsRequestValidatorContribution).toService(SignInEndpoint);

    rebind(ReconnectableSocketChannel).to(SessionAwareSocketChannel);
    // Every RPC path a browser reaches has a row: Theia's services behind the guard too, errors without stacks.
    rebind(DefaultMessagingService).to(GuardedMessagingService).inSingletonScope();
    bind(ConnectionContainerModule).toConstantValue(platformConnectionModule);

    // Theia's services would otherwise show browsers the server's files and environment.
    rebind(EnvVariablesServer).to(ConfidentialEnvVariablesServer).inSingletonScope();
    rebind(FileSystemProvider).toDynamicValue(({ container }) => {
        const theiaConfigFolder = process.env.THEIA_CONFIG_DIR ?? path.join(container.get<PressworkConfig>(PressworkConfig).dataFolder, 'theia');
        return confineFileSystem(container.get(DiskFileSystemProvider), [theiaConfigFolder]);
    });
    // Express's default error page would show a malformed request the server's stack.
    bind(QuietErrorPagesContribution).toSelf().inSingletonScope();
    bind(BackendApplicationContribution).toService(QuietErrorPagesContribution);

    bind(ChangeFeedHub).toSelf().inSingletonScope();
    bind(BackendApplicationContribution).toService(ChangeFeedHub);

    bind(BackendApplicationContribution).to(GuidesRoute).inSingletonScope();
    bind(ChangeFeedProjection).to(UsersChangeProjection).inSingletonScope();
});
