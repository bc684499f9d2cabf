import * as fs from 'node:fs';
import * as path from 'node:path';
import { setTimeout } from 'node:timers/promises';
import { test, expect } from '@playwright/test';
import { ApplicationError } from '@theia/core/lib/common/application-error';
import { PERMISSION_HOLDERS, AUTHORITIES, type AccessRule, type Authority } from '@presswork/platform/lib/common/authority';
import type { RpcMethodContract } from '@presswork/platform/lib/common/rpc-contract';
import { ACCOUNT_SERVICE_PATH, AccountServiceContract } from '@presswork/platform/lib/common/account-protocol';
import { CHANGE_FEED_PATH, ChangeFeedServerContract } from '@presswork/platform/lib/common/change-feed-protocol';
import { STORE_PROBLEMS_PATH, StoreProblemsServiceContract } from '@presswork/platform/lib/common/store-problems-protocol';
import { SERVERS_SERVICE_PATH, ServersServiceContract } from '@presswork/platform/lib/common/servers-protocol';
import { SHOP_IDENTITY_SERVICE_PATH, ShopIdentityServiceContract } from '@presswork/platform/lib/common/shop-identity';
import { WORKFLOW_SERVICE_PATH, WorkflowServiceContract } from '@presswork/workflow/lib/common/workflow-protocol';
import { CONNECTIONS_SERVICE_PATH, ConnectionsServiceContract } from '@presswork/connections/lib/common/connections-protocol';
import {
    JOB_ACTION_SERVICE_PATH, JOB_QUERY_SERVICE_PATH, LIVE_JOB_WINDOW_PATH, SAVED_VIEW_SERVICE_PATH, JobActionServiceContract, JobQueryServiceContract,
    LiveJobWindowServiceContract, SavedViewServiceContract
} from '@presswork/jobs/lib/common/jobs-protocol';
import { CLOSEOUT_SERVICE_PATH, CloseoutServiceContract } from '@presswork/closeout/lib/common/closeout-protocol';
import { OUTPUT_SERVICE_PATH, OutputServiceContract } from '@presswork/output/lib/common/output-protocol';
import { BATCH_SERVICE_PATH, BatchServiceContract } from '@presswork/output/lib/common/batch/batch-protocol';
import { NOTIFICATIONS_SERVICE_PATH, NotificationsServiceContract } from '@presswork/notifications/lib/common/notifications-protocol';
import {
    ApplicationServerContract, BackendStopwatchContract, CliPreferencesContract, ConnectionCloseServiceContract, EnvVariablesServerContract, LocalizationProviderContract, LocalizationServerContract,
    LoggerServerContract, OSBackendProviderContract, RemoteFileSystemContract, RequestServiceContract, WorkspaceServerContract
} from '@presswork/platform/lib/common/theia-service-contracts';
import { boundRpcPaths } from '@presswork/platform/lib/node/rpc/rpc-path-policy';
import { Container, type interfaces } from '@theia/core/shared/inversify';
import { PressworkServer } from '../fixtures/presswork-server';
import { RpcSession, signInCookies } from '@presswork/platform/lib/node/rpc/test/rpc-session';

/*
 * The authority matrix (issue 7, item 2). Each RPC method and HTTP route has a row here naming the
 * row of authorities.md it falls under (a permission of `PERMISSION_HOLDERS`, the one table in the
 * code that mirrors authorities.md, or "signed-in" / "public"). Every row is called over the real
 * websocket or HTTP as anonymous, Monitor, Operator and Administrator; a method or route without a
 * row fails the test, and so does a service bound with `bindGuardedService` that is not listed.
 */

const REPOSITORY = path.resolve(__dirname, '..', '..', '..', '..');
const ADMIN_PASSWORD = 'Admin#Matrix1';
const ACCESS_DENIED = -32010;
const INVALID_INPUT = -32011;

type Rows = Readonly<Record<string, AccessRule>>;

/** A row of Theia's own services: set by the server for itself, refused to every browser. */
const SERVER_ONLY = { setClient: 'nobody', dispose: 'nobody' } as const;

interface ServiceRows {
    readonly contractName: string;
    readonly path: string;
    readonly contract: Readonly<Record<string, RpcMethodContract>>;
    /** authorities.md's row for each method, written independently of the contract. */
    readonly rows: Rows;
    /** One of Theia's own services, guarded by platform rather than bound with bindGuardedService. */
    readonly theia?: true;
}

const SERVICES: readonly ServiceRows[] = [{
    contractName: 'AccountServiceContract', path: ACCOUNT_SERVICE_PATH, contract: AccountServiceContract, rows: {
        currentUser: 'signed-in',
        changeOwnPassword: 'account.password',
        listUsers: 'users.manage',
        createUser: 'users.manage',
        deleteUser: 'users.manage',
        setAuthority: 'users.manage',
        resetPassword: 'users.manage',
        listApiTokens: 'users.manage',
        issueApiToken: 'users.manage',
        revokeApiToken: 'users.manage',
        // A user's e-mail address (where notifications go): administrators set anyone's, everyone their own.
        setEmail: 'users.manage',
        ownEmail: 'signed-in',
        setOwnEmail: 'signed-in'
    }
}, {
    contractName: 'ChangeFeedServerContract', path: CHANGE_FEED_PATH, contract: ChangeFeedServerContract, rows: {
        // Each projection then filters by its own permission.
        subscribe: 'signed-in'
    }
}, {
    contractName: 'StoreProblemsServiceContract', path: STORE_PROBLEMS_PATH, contract: StoreProblemsServiceContract, rows: {
        // authorities.md: "servers view" — the state of the system itself, for administrators.
        list: 'system.inspect'
    }
}, {
    contractName: 'ServersServiceContract', path: SERVERS_SERVICE_PATH, contract: ServersServiceContract, rows: {
        // authorities.md: "servers view" — the servers sharing the store and their leases, for administrators.
        list: 'system.inspect'
    }
}, {
    contractName: 'ShopIdentityServiceContract', path: SHOP_IDENTITY_SERVICE_PATH, contract: ShopIdentityServiceContract, rows: {
        // authorities.md: settings every user shares — administrators (the PDFs read it in the backend).
        get: 'settings.manage',
        save: 'settings.manage'
    }
}, {
    contractName: 'WorkflowServiceContract', path: WORKFLOW_SERVICE_PATH, contract: WorkflowServiceContract, rows: {
        listWorkflows: 'workflows.view',
        getWorkflow: 'workflows.view',
        createWorkflow: 'workflows.manage',
        saveWorkflow: 'workflows.manage',
        copyWorkflow: 'workflows.manage',
        renameWorkflow: 'workflows.manage',
        deleteWorkflow: 'workflows.manage',
        setWorkflowEnabled: 'workflows.operate',
        setJobDefaults: 'workflows.operate',
        exportWorkflows: 'workflows.manage',
        importWorkflows: 'workflows.manage',
        listVersions: 'workflows.view',
        getVersion: 'workflows.view',
        restoreVersion: 'workflows.manage',
        listCustomActivities: 'workflows.view',
        createCustomActivity: 'workflows.manage',
        updateCustomActivity: 'workflows.manage',
        deleteCustomActivity: 'workflows.manage',
        // The designer's printer choice, read-only (output manages printers).
        listPrinterChoices: 'workflows.view'
    }
}, {
    contractName: 'OutputServiceContract', path: OUTPUT_SERVICE_PATH, contract: OutputServiceContract, rows: {
        // authorities.md: "printers: see state and queue" — all three authorities.
        listPrinters: 'signed-in',
        createPrinter: 'printers.manage',
        updatePrinter: 'printers.manage',
        deletePrinter: 'printers.manage',
        setPrinterEnabled: 'printers.toggle',
        // "media catalog, printer pools: create, edit, delete" — administrators; everyone signed in sees them.
        listPools: 'signed-in',
        createPool: 'output.manage',
        updatePool: 'output.manage',
        deletePool: 'output.manage',
        listMedia: 'signed-in',
        createMedium: 'output.manage',
        updateMedium: 'output.manage',
        deleteMedium: 'output.manage',
        // "printers: see state and queue" — all three; Test and Identify act on the printer, like enable or disable.
        listPrinterStates: 'signed-in',
        testPrinter: 'printers.toggle',
        identifyPrinter: 'printers.toggle',
        // Job actions of output's (Print again, Mark printed): as Process again.
        printAgain: 'jobs.act',
        markPrinted: 'jobs.act'
    }
}, {
    contractName: 'BatchServiceContract', path: BATCH_SERVICE_PATH, contract: BatchServiceContract, rows: {
        // Batches are part of the Operations workspace: everyone signed in sees them.
        listBatches: 'operations.view',
        // Release, remove from and split a batch act on its jobs, like Continue.
        releaseNow: 'jobs.act',
        releaseBatchesOf: 'jobs.act',
        removeFromBatch: 'jobs.act',
        splitBatch: 'jobs.act'
    }
}, {
    // authorities.md: "notifications: rules, SMTP settings, webhooks, delivery log" — administrators only.
    contractName: 'NotificationsServiceContract', path: NOTIFICATIONS_SERVICE_PATH, contract: NotificationsServiceContract, rows: {
        listRules: 'notifications.manage',
        createRule: 'notifications.manage',
        updateRule: 'notifications.manage',
        deleteRule: 'notifications.manage',
        previewRule: 'notifications.manage',
        getEmailSettings: 'notifications.manage',
        saveEmailSettings: 'notifications.manage',
        sendTestEmail: 'notifications.manage',
        listRecipientUsers: 'notifications.manage',
        listEndpoints: 'notifications.manage',
        createEndpoint: 'notifications.manage',
        updateEndpoint: 'notifications.manage',
        rollEndpointSecret: 'notifications.manage',
        deleteEndpoint: 'notifications.manage',
        listDeliveries: 'notifications.manage',
        redeliver: 'notifications.manage'
    }
}, {
    contractName: 'ConnectionsServiceContract', path: CONNECTIONS_SERVICE_PATH, contract: ConnectionsServiceContract, rows: {
        listConnections: 'connections.view',
        // Operators enable and disable connections without seeing their properties.
        listConnectionSwitches: 'connections.toggle',
        createConnection: 'connections.manage',
        updateConnection: 'connections.manage',
        copyConnection: 'connections.manage',
        deleteConnection: 'connections.manage',
        setConnectionEnabled: 'connections.toggle',
        exportConnections: 'connections.manage',
        importConnections: 'connections.manage',
        testConnection: 'connections.view',
        pollNow: 'connections.toggle',
        connectionLog: 'connections.view',
        listRejectedOrders: 'connections.view',
        retryRejectedOrder: 'connections.manage',
        listTemplates: 'connections.view',
        createTemplate: 'connections.manage',
        updateTemplate: 'connections.manage',
        deleteTemplate: 'connections.manage',
        listWorkflowChoices: 'connections.view'
    }
}, {
    contractName: 'JobQueryServiceContract', path: JOB_QUERY_SERVICE_PATH, contract: JobQueryServiceContract, rows: {
        window: 'operations.view',
        facetChoices: 'operations.view',
        counts: 'operations.view',
        orderSummary: 'operations.view',
        matchingJobIds: 'operations.view'
    }
}, {
    contractName: 'LiveJobWindowServiceContract', path: LIVE_JOB_WINDOW_PATH, contract: LiveJobWindowServiceContract, rows: {
        watch: 'operations.view',
        unwatch: 'operations.view'
    }
}, {
    contractName: 'JobActionServiceContract', path: JOB_ACTION_SERVICE_PATH, contract: JobActionServiceContract, rows: {
        hold: 'jobs.act',
        resume: 'jobs.act',
        approve: 'jobs.act',
        reject: 'jobs.act',
        prepressDone: 'jobs.act',
        processAgain: 'jobs.act',
        moveToWorkflow: 'jobs.act',
        complete: 'jobs.act',
        retain: 'jobs.act',
        delete: 'jobs.act',
        workflowChoices: 'jobs.act',
        details: 'jobs.inspect',
        log: 'jobs.inspect',
        editJob: 'jobs.act'
    }
}, {
    contractName: 'SavedViewServiceContract', path: SAVED_VIEW_SERVICE_PATH, contract: SavedViewServiceContract, rows: {
        // Own views: every user; each view's owner is checked by the service.
        list: 'operations.view',
        create: 'operations.view',
        update: 'operations.view',
        delete: 'operations.view',
        setShared: 'views.share',
        setShopDefault: 'views.share',
        setMyDefault: 'operations.view'
    }
}, {
    contractName: 'CloseoutServiceContract', path: CLOSEOUT_SERVICE_PATH, contract: CloseoutServiceContract, rows: {
        orderDetails: 'jobs.inspect',
        refreshOrder: 'jobs.inspect',
        prepareCloseout: 'orders.closeout',
        closeOut: 'orders.closeout',
        progress: 'orders.closeout'
    }
}, {
    // Theia's own services (issue 18, fault 5): guarded like Presswork's.
    contractName: 'LoggerServerContract', theia: true, path: '/services/logger', contract: LoggerServerContract, rows: {
        // Sanitised to one line and tagged with the user.
        log: 'signed-in',
        getLogLevel: 'signed-in',
        child: 'signed-in',
        // Set to FATAL, it hid failed sign-ins and refused calls from the log.
        setLogLevel: 'nobody',
        ...SERVER_ONLY
    }
}, {
    contractName: 'RemoteFileSystemContract', theia: true, path: '/services/remote-filesystem', contract: RemoteFileSystemContract, rows: {
        getCapabilities: 'signed-in', getReadOnlyMessage: 'signed-in', stat: 'signed-in', access: 'signed-in', readFile: 'signed-in', readFileStream: 'signed-in',
        readdir: 'signed-in', watch: 'signed-in', unwatch: 'signed-in',
        fsPath: 'nobody',
        // settings.json is shared by every user: only administrators change it.
        open: 'settings.manage', read: 'settings.manage', write: 'settings.manage', close: 'settings.manage', writeFile: 'settings.manage',
        updateFile: 'settings.manage', delete: 'settings.manage', mkdir: 'settings.manage', rename: 'settings.manage', copy: 'settings.manage',
        ...SERVER_ONLY
    }
}, {
    contractName: 'WorkspaceServerContract', theia: true, path: '/services/workspace', contract: WorkspaceServerContract, rows: {
        getMostRecentlyUsedWorkspace: 'signed-in', getRecentWorkspaces: 'signed-in', setMostRecentlyUsedWorkspace: 'signed-in', removeRecentWorkspace: 'nobody'
    }
}, {
    contractName: 'ApplicationServerContract', theia: true, path: '/services/application', contract: ApplicationServerContract, rows: {
        getExtensionsInfos: 'signed-in', getApplicationInfo: 'signed-in', getApplicationPlatform: 'signed-in', getBackendOS: 'signed-in', getApplicationRoot: 'nobody'
    }
}, {
    contractName: 'EnvVariablesServerContract', theia: true, path: '/services/envs', contract: EnvVariablesServerContract, rows: {
        getVariables: 'signed-in', getValue: 'signed-in', getConfigDirUri: 'signed-in', getExecPath: 'nobody', getHomeDirUri: 'nobody', getDrives: 'nobody'
    }
}, {
    contractName: 'OSBackendProviderContract', theia: true, path: '/os', contract: OSBackendProviderContract, rows: { getBackendOS: 'signed-in' }
}, {
    contractName: 'BackendStopwatchContract', theia: true, path: '/services/stopwatch', contract: BackendStopwatchContract, rows: { start: 'signed-in', stop: 'signed-in' }
}, {
    contractName: 'RequestServiceContract', theia: true, path: '/services/request-service', contract: RequestServiceContract, rows: {
        request: 'nobody', resolveProxy: 'nobody', configure: 'signed-in'
    }
}, {
    contractName: 'LocalizationProviderContract', theia: true, path: '/services/i18n', contract: LocalizationProviderContract, rows: {
        getCurrentLanguage: 'signed-in', getAvailableLanguages: 'signed-in', loadLocalization: 'signed-in', setCurrentLanguage: 'nobody'
    }
}, {
    contractName: 'LocalizationServerContract', theia: true, path: '/localization-server', contract: LocalizationServerContract, rows: { loadLocalization: 'signed-in' }
}, {
    contractName: 'CliPreferencesContract', theia: true, path: '/services/cli-preferences', contract: CliPreferencesContract, rows: { getPreferences: 'signed-in', getSessionPreferences: 'signed-in' }
}, {
    contractName: 'ConnectionCloseServiceContract', theia: true, path: '/services/ChannelCloseService', contract: ConnectionCloseServiceContract, rows: { markForClose: 'signed-in' }
}];

/** Theia's proxy answers these itself, without sending them: the guard's refusal is checked in platform's unit tests. */
const SET_LOCALLY = new Set(['setClient', 'getClient']);

/** Services the browser serves and the backend calls: the backend has nothing behind them for a browser to call. */
const BROWSER_SERVED = ['/services/commands', '/services/messageService', '/services/quickInput', '/services/quickPick'];
/** Paths Theia binds that the backend does not serve at all. */
const NOT_SERVED = ['/services/keyStore'];

/**
 * The RPC paths the app's backend binds, read from its own modules: the generated server loads them
 * in this order, and each browser connection gets the handlers of the container and of every
 * connection module (what Theia's messaging service routes).
 */
function appBoundRpcPaths(): string[] {
    const server = fs.readFileSync(path.join(REPOSITORY, 'host', 'browser-app', 'src-gen', 'backend', 'server.js'), 'utf8');
    const container = new Container();
    for (const [, exported, module] of server.matchAll(/const \{ (\w+Module) \} = require\('([^']+)'\);/g)) {
        container.load(require(module)[exported] as interfaces.ContainerModule);
    }
    for (const [, module] of server.matchAll(/await load\(require\('([^']+)'\)\)/g)) {
        container.load(require(module).default as interfaces.ContainerModule);
    }
    return boundRpcPaths(container);
}

type Caller = Authority | 'anonymous';
const CALLERS: readonly Caller[] = ['anonymous', 'Monitor', 'Operator', 'Administrator'];

function allows(rule: AccessRule | 'public', caller: Caller): boolean {
    if (rule === 'public') {
        return true;
    }
    if (caller === 'anonymous') {
        return false;
    }
    return rule === 'signed-in' || (rule !== 'nobody' && PERMISSION_HOLDERS[rule].includes(caller));
}

/** Source files of the extensions, without specs, for the discovery checks. */
function extensionSources(): { file: string, text: string }[] {
    const found: { file: string, text: string }[] = [];
    const walk = (folder: string): void => {
        for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
            const full = path.join(folder, entry.name);
            if (entry.isDirectory()) {
                // Test helpers (for example an express app around the sign-in gate) serve nothing in Presswork.
                if (entry.name !== 'test') {
                    walk(full);
                }
            } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') && !entry.name.endsWith('.d.ts')) {
                found.push({ file: path.relative(REPOSITORY, full), text: fs.readFileSync(full, 'utf8') });
            }
        }
    };
    const extensions = path.join(REPOSITORY, 'extensions');
    for (const extension of fs.readdirSync(extensions)) {
        const source = path.join(extensions, extension, 'src');
        if (fs.existsSync(source)) {
            walk(source);
        }
    }
    return found;
}

/** An argument list no contract accepts: more arguments than any method takes, of no valid shape. */
const PROBE_ARGUMENTS = Array.from({ length: 8 }, () => ({ authorityMatrixProbe: true }));

interface HttpRow {
    /** The route declaration(s) in the source this row covers: `<file>: <declaration>`. */
    readonly declarations: readonly string[];
    readonly method: 'GET' | 'POST';
    readonly url: string;
    readonly rule: AccessRule | 'public';
    /** The status of an allowed call (arguments may still be wrong: what matters is not 401/403). */
    readonly allowed: number | readonly number[];
    /** The status of a refused call: 401/403, or a redirect to the sign-in page for a browser page. */
    readonly denied?: number | readonly number[];
    readonly body?: URLSearchParams;
    readonly accept?: string;
}

const SIGN_IN = 'extensions/platform/src/node/auth/sign-in-endpoint.ts';
const READ_API = 'extensions/jobs/src/node/api/jobs-read-api.ts';
const DOCUMENTS = 'extensions/closeout/src/node/closeout-document-route.ts';
const EVENTS_API = 'extensions/notifications/src/node/api/events-read-api.ts';
const BATCHES_API = 'extensions/output/src/node/batch/batch-api-route.ts';
const GUIDES = 'extensions/platform/src/node/guides/guides-route.ts';
const PRINT_FILES = 'extensions/jobs/src/node/print-file/print-file-route.ts';

const HTTP_ROWS: readonly HttpRow[] = [
    { declarations: [`${SIGN_IN}: router.get('/health'`], method: 'GET', url: '/health', rule: 'public', allowed: 200 },
    {
        declarations: [`${SIGN_IN}: router.get('/login/assets/sign-in.css'`, `${SIGN_IN}: router.get('/login/assets/presswork.svg'`],
        method: 'GET', url: '/login/assets/sign-in.css', rule: 'public', allowed: 200
    },
    { declarations: [`${SIGN_IN}: router.get('/login'`], method: 'GET', url: '/login', rule: 'public', allowed: 200 },
    {
        declarations: [`${SIGN_IN}: router.post('/login'`], method: 'POST', url: '/login', rule: 'public', allowed: 401,
        body: new URLSearchParams({ name: 'nobody', password: 'Wrong#pass1' })
    },
    { declarations: [`${SIGN_IN}: router.get('/login/password'`], method: 'GET', url: '/login/password', rule: 'signed-in', allowed: 200, denied: 303 },
    {
        declarations: [`${SIGN_IN}: router.post('/login/password'`], method: 'POST', url: '/login/password', rule: 'signed-in', allowed: 400, denied: 303,
        body: new URLSearchParams({ current: 'not-mine', password: 'x', confirm: 'y' })
    },
    { declarations: [`${SIGN_IN}: router.post('/logout'`], method: 'POST', url: '/logout', rule: 'public', allowed: 303 },
    {
        declarations: [`${SIGN_IN}: router.use(['/files', '/file', '/file-upload']`], method: 'GET', url: '/files/?uri=file:///etc/passwd',
        rule: 'signed-in', allowed: 404, denied: 401
    },
    { declarations: [], method: 'GET', url: '/', rule: 'signed-in', allowed: 200, denied: 302, accept: 'text/html' },
    { declarations: [], method: 'GET', url: '/bundle.js', rule: 'signed-in', allowed: 200, denied: 401 },
    { declarations: [`${READ_API}: app.get(JOBS_API_PATH`], method: 'GET', url: '/api/v1/jobs?limit=5', rule: 'operations.view', allowed: 200, denied: 401 },
    {
        declarations: [`${READ_API}: app.get(\`\${ORDERS_API_PATH}/:orderId\``], method: 'GET', url: '/api/v1/orders/no-such-order', rule: 'jobs.inspect',
        allowed: 404, denied: [401, 403]
    },
    { declarations: [`${READ_API}: app.use(API_PATH`], method: 'GET', url: '/api/v1/nothing-here', rule: 'signed-in', allowed: 404, denied: 401 },
    // The operator and administrator guides (Help menu): for everyone signed in.
    { declarations: [`${GUIDES}: app.get(\`\${GUIDES_ROUTE}/:name\``], method: 'GET', url: '/guides/operator', rule: 'signed-in', allowed: 200, denied: 401 },
    {
        declarations: [`${GUIDES}: app.get(\`\${GUIDES_ROUTE}/images/:file\``], method: 'GET', url: '/guides/images/no-such-picture.png',
        rule: 'signed-in', allowed: 404, denied: 401
    },
    { declarations: [`${EVENTS_API}: app.get(EVENTS_API_PATH`], method: 'GET', url: '/api/v1/events?limit=5', rule: 'operations.view', allowed: 200, denied: 401 },
    { declarations: [`${BATCHES_API}: app.get(BATCHES_API_PATH`], method: 'GET', url: '/api/v1/batches?limit=5', rule: 'operations.view', allowed: 200, denied: 401 },
    {
        declarations: [`${DOCUMENTS}: app.get(\`\${CLOSEOUT_DOCUMENT_ROUTE}/:orderId/:file\``], method: 'GET', url: '/closeout/documents/no-such-order/invoice.pdf',
        rule: 'jobs.inspect', allowed: 404, denied: [401, 403]
    },
    {
        declarations: [`${PRINT_FILES}: app.get(\`\${PRINT_FILE_ROUTE}/:file\``], method: 'GET', url: '/jobs/print-files/no-such-job.pdf',
        rule: 'jobs.inspect', allowed: 404, denied: [401, 403]
    }
];

/** Middleware that is not a route: checked by the rows above through the routes it guards. */
const MIDDLEWARE = [
    `${SIGN_IN}: router.use(this.refuseForeignOrigins`,
    `${SIGN_IN}: router.use(shellSecurityHeaders()`,
    `${SIGN_IN}: router.use(refuseAmbiguousPaths`,
    `${SIGN_IN}: router.use(refuseUnreadableForms(refuseForm)`,
    `${SIGN_IN}: router.use((request, response, next) => this.requireSession(request, response, next)`
];

function statusesOf(value: number | readonly number[] | undefined): readonly number[] {
    return value === undefined ? [] : typeof value === 'number' ? [value] : value;
}

test.describe('the authority matrix', () => {
    let server: PressworkServer;
    const cookies = new Map<Caller, string>();
    const credentials: Record<Authority, { name: string, password: string }> = {
        Administrator: { name: 'admin', password: ADMIN_PASSWORD },
        Operator: { name: 'matrix-operator', password: 'Operat0r#Matrix' },
        Monitor: { name: 'matrix-monitor', password: 'Monit0r#Matrix' }
    };

    test.beforeAll(async () => {
        server = await PressworkServer.start({ adminPassword: ADMIN_PASSWORD });
        cookies.set('Administrator', await signInCookies(server.url, 'admin', ADMIN_PASSWORD));
        const admin = await RpcSession.connect(server.url, cookies.get('Administrator')!);
        try {
            for (const authority of ['Operator', 'Monitor'] as const) {
                const { name, password } = credentials[authority];
                await admin.call(ACCOUNT_SERVICE_PATH, 'createUser', [{ name, authority, password: `${password}-first` }]);
                cookies.set(authority, await signInCookies(server.url, name, `${password}-first`, password));
            }
        } finally {
            admin.close();
        }
        cookies.set('anonymous', (await fetch(`${server.url}/health`)).headers.getSetCookie().map(cookie => cookie.split(';')[0]).join('; '));
    });

    test.afterAll(async () => {
        await server?.stop();
    });

    test('every method of every contract has a row, and the row is the contract\'s access', () => {
        for (const service of SERVICES) {
            expect(Object.keys(service.rows).sort(), `rows of ${service.contractName}`).toEqual(Object.keys(service.contract).sort());
            for (const [method, row] of Object.entries(service.contract)) {
                expect(`${service.contractName}.${method}: ${row.access}`).toBe(`${service.contractName}.${method}: ${service.rows[method]}`);
            }
        }
        expect(new Set(SERVICES.map(service => service.path)).size, 'one row set per service path').toBe(SERVICES.length);
    });

    test('every service bound with bindGuardedService is in the matrix', () => {
        const bound = new Set<string>();
        for (const { text } of extensionSources()) {
            for (const match of text.matchAll(/bindGuardedService\b[^(;]*\(\s*bind\s*,[\s\S]{0,600}?contract:\s*(\w+)/g)) {
                bound.add(match[1]);
            }
        }
        expect(bound.size).toBeGreaterThanOrEqual(SERVICES.filter(service => !service.theia).length);
        expect([...bound].sort()).toEqual(SERVICES.filter(service => !service.theia).map(service => service.contractName).sort());
    });

    test('every RPC path the backend binds has a row: a guarded contract, a service of the browser, or not served', () => {
        const bound = appBoundRpcPaths();
        expect(bound).toContain(ACCOUNT_SERVICE_PATH);
        expect(bound).toContain('/services/logger');
        const listed = [...SERVICES.map(service => service.path), ...BROWSER_SERVED, ...NOT_SERVED];
        expect([...new Set(bound)].sort(), 'bound RPC paths and the rows of the matrix').toEqual([...listed].sort());
        // The server itself names any bound path it refuses to serve for want of a row: only those listed as not served.
        const unserved = [...server.log.matchAll(/not serving the RPC path (\S+)/g)].map(match => match[1]);
        expect([...new Set(unserved)].sort()).toEqual([...NOT_SERVED].sort());
    });

    test('a path that is not served answers nothing: the keychain service is out of reach', async () => {
        const session = await RpcSession.connect(server.url, cookies.get('Administrator')!);
        try {
            const outcome = await Promise.race([
                session.call('/services/keyStore', 'keys', ['presswork']).then(() => 'answered', () => 'answered'),
                setTimeout(1_500, 'no answer')
            ]);
            expect(outcome).toBe('no answer');
        } finally {
            session.close();
        }
    });

    test('every HTTP route declared in the extensions has a row', () => {
        const covered = new Set([...HTTP_ROWS.flatMap(row => row.declarations), ...MIDDLEWARE]);
        const declared: string[] = [];
        for (const { file, text } of extensionSources()) {
            for (const match of text.matchAll(/\b(?:app|router)\.(?:get|post|put|patch|delete|all|use)\([^\n]*/g)) {
                const declaration = `${file}: ${match[0]}`;
                const row = [...covered].find(known => declaration.startsWith(known));
                expect(row, `a row in HTTP_ROWS or MIDDLEWARE for ${declaration}`).toBeDefined();
                declared.push(row!);
            }
        }
        expect([...new Set(declared)].sort(), 'no row for a route that no longer exists').toEqual([...covered].sort());
    });

    test('anonymous callers, forged sessions and users who must change their password get no websocket', async () => {
        await expect(RpcSession.connect(server.url, '')).rejects.toThrow(/refused/);
        await expect(RpcSession.connect(server.url, cookies.get('anonymous')!)).rejects.toThrow(/refused/);
        await expect(RpcSession.connect(server.url, `${cookies.get('anonymous')}; presswork-session=${'A'.repeat(43)}`)).rejects.toThrow(/refused/);

        const admin = await RpcSession.connect(server.url, cookies.get('Administrator')!);
        await admin.call(ACCOUNT_SERVICE_PATH, 'createUser', [{ name: 'matrix-new', authority: 'Monitor', password: 'Monit0r#New1' }]);
        admin.close();
        const mustChange = await signInWithoutChange(server.url, 'matrix-new', 'Monit0r#New1');
        await expect(RpcSession.connect(server.url, mustChange)).rejects.toThrow(/refused/);
    });

    for (const authority of ['Monitor', 'Operator', 'Administrator'] as const) {
        test(`every RPC method as ${authority} over the websocket: allowed gets past the guard, denied is refused`, async () => {
            const session = await RpcSession.connect(server.url, cookies.get(authority)!);
            const outcomes: string[] = [];
            const expected: string[] = [];
            try {
                for (const service of SERVICES) {
                    for (const [method, rule] of Object.entries(service.rows).filter(([name]) => !SET_LOCALLY.has(name))) {
                        const error = await session.call(service.path, method, PROBE_ARGUMENTS).then(() => undefined, caught => caught);
                        const code = ApplicationError.is(error) ? error.code : `not an application error: ${error}`;
                        outcomes.push(`${service.path} ${method}: ${code === ACCESS_DENIED ? 'denied' : code === INVALID_INPUT ? 'allowed' : code}`);
                        expected.push(`${service.path} ${method}: ${allows(rule, authority) ? 'allowed' : 'denied'}`);
                    }
                }
                // The session still works after all the refusals.
                const me = await session.call(ACCOUNT_SERVICE_PATH, 'currentUser', []) as { authority: string };
                expect(me.authority).toBe(authority);
            } finally {
                session.close();
            }
            expect(outcomes).toEqual(expected);
        });
    }

    test('a method outside the contract is refused to every authority, even one the service object has', async () => {
        for (const authority of ['Monitor', 'Administrator'] as const) {
            const session = await RpcSession.connect(server.url, cookies.get(authority)!);
            try {
                for (const method of ['constructor', 'toString', 'doInit', 'store', '__proto__']) {
                    const error = await session.call(WORKFLOW_SERVICE_PATH, method, []).then(() => undefined, caught => caught);
                    expect(ApplicationError.is(error) && error.code, `${method} as ${authority}`).toBe(ACCESS_DENIED);
                }
            } finally {
                session.close();
            }
        }
    });

    test('Theia\'s own services give a signed-in Monitor neither the disk, the environment nor the network', async () => {
        const session = await RpcSession.connect(server.url, cookies.get('Monitor')!);
        try {
            for (const file of ['file:///etc/passwd', `file://${server.dataFolder}`, `file://${path.join(server.dataFolder, 'users')}`]) {
                await expect(session.call('/services/remote-filesystem', 'stat', [file]), file).rejects.toThrow(/not allowed/);
                await expect(session.call('/services/remote-filesystem', 'readFile', [file]), file).rejects.toThrow(/not allowed/);
            }
            expect(await session.call('/services/envs', 'getVariables', [])).toEqual([]);
            expect(await session.call('/services/envs', 'getValue', ['PRESSWORK_ADMIN_PASSWORD'])).toBeUndefined();
            const fetched = await session.call('/services/request-service', 'request', [{ url: `${server.url}/api/v1/jobs` }]).then(() => undefined, caught => caught);
            expect(ApplicationError.is(fetched) && fetched.code).toBe(ACCESS_DENIED);
        } finally {
            session.close();
        }
    });

    test('a Monitor can neither silence the server log nor forge lines in it (issue 18, fault 5)', async () => {
        const forged = 'INFO admin signed in from 10.0.0.1';
        const monitor = await RpcSession.connect(server.url, cookies.get('Monitor')!);
        try {
            for (const logger of ['root', 'platform:SignInEndpoint']) {
                const refused = await monitor.call('/services/logger', 'setLogLevel', [logger, 60]).then(() => undefined, caught => caught);
                expect(ApplicationError.is(refused) && refused.code, `setLogLevel ${logger}`).toBe(ACCESS_DENIED);
            }
            await monitor.call('/services/logger', 'log', ['root', 30, `harmless\r\n${forged}\u2028${forged}`, ['\n', forged]]);
        } finally {
            monitor.close();
        }
        // Failed sign-ins are still logged: the levels did not change.
        await fetch(`${server.url}/login`, {
            method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url },
            body: new URLSearchParams({ name: 'nobody-at-all', password: 'Wrong#pass1' })
        });
        await expect.poll(() => server.log).toMatch(/failed sign-in for user name of 13 characters/);
        const lines = server.log.split(/\r?\n/);
        expect(lines.filter(line => line.includes(forged) && !line.includes('[from the browser of matrix-monitor (Monitor)]'))).toEqual([]);
        expect(lines.filter(line => line.includes('[from the browser of matrix-monitor (Monitor)] harmless\\u000d\\u000a'))).toHaveLength(1);
    });

    test('only an Administrator writes the shared settings.json; everyone reads it (issue 18, fault 5)', async () => {
        const admin = await RpcSession.connect(server.url, cookies.get('Administrator')!);
        const settings = `${await admin.call('/services/envs', 'getConfigDirUri', []) as string}/settings.json`;
        const hidden = new TextEncoder().encode(JSON.stringify({ 'window.menuBarVisibility': 'hidden' }));
        try {
            for (const authority of ['Monitor', 'Operator'] as const) {
                const session = await RpcSession.connect(server.url, cookies.get(authority)!);
                try {
                    const attempts: [string, unknown[]][] = [
                        ['writeFile', [settings, hidden, { create: true, overwrite: true }]],
                        ['open', [settings, { create: true }]],
                        ['delete', [settings, { recursive: false, useTrash: false }]],
                        ['rename', [settings, `${settings}.old`, { overwrite: true }]]
                    ];
                    for (const [method, args] of attempts) {
                        const refused = await session.call('/services/remote-filesystem', method, args).then(() => undefined, caught => caught);
                        expect(ApplicationError.is(refused) && refused.code, `${method} as ${authority}`).toBe(ACCESS_DENIED);
                    }
                } finally {
                    session.close();
                }
            }
            const preferences = new TextEncoder().encode(JSON.stringify({ 'window.menuBarVisibility': 'classic' }));
            await admin.call('/services/remote-filesystem', 'writeFile', [settings, preferences, { create: true, overwrite: true }]);
            const monitor = await RpcSession.connect(server.url, cookies.get('Monitor')!);
            try {
                const read = await monitor.call('/services/remote-filesystem', 'readFile', [settings]) as Uint8Array;
                expect(JSON.parse(new TextDecoder().decode(read))).toEqual({ 'window.menuBarVisibility': 'classic' });
                // No workspace can be planted for everyone's shell either.
                const planted = await monitor.call('/services/workspace', 'setMostRecentlyUsedWorkspace', ['file:///etc']).then(() => undefined, caught => caught);
                expect(ApplicationError.is(planted) && planted.code).toBe(INVALID_INPUT);
            } finally {
                monitor.close();
            }
        } finally {
            admin.close();
        }
    });

    test('RPC errors reach the browser as a message and a code, without the server\'s stack (issue 18, fault 9)', async () => {
        const admin = await RpcSession.connect(server.url, cookies.get('Administrator')!);
        const settingsFolder = await admin.call('/services/envs', 'getConfigDirUri', []) as string;
        const failures: [string, string, unknown[]][] = [
            [ACCOUNT_SERVICE_PATH, 'deleteUser', ['no-such-user', 1]],
            [ACCOUNT_SERVICE_PATH, 'createUser', [{ name: 'x', authority: 'Emperor', password: 'p' }]],
            ['/services/remote-filesystem', 'stat', [`${settingsFolder}/no-such-file.json`]],
            ['/services/remote-filesystem', 'stat', ['file:///etc/passwd']]
        ];
        try {
            for (const [servicePath, method, args] of failures) {
                const error = await admin.call(servicePath, method, args).then(() => undefined, caught => caught) as Error & { data?: unknown };
                expect(error, `${method} fails`).toBeInstanceOf(Error);
                // The client's proxy appends the server's stack after "Caused by:" when there is one.
                const fromServer = `${error.stack ?? ''}`.split('Caused by:').slice(1).join('');
                expect(fromServer.trim(), `${method}: the server's part of the stack`).toMatch(/^(undefined)?$/);
                expect(JSON.stringify(error.data ?? {}), `${method}: data`).not.toMatch(/stack|\/lib\/node\/|node_modules/);
                expect(error.message, `${method}: message`).not.toMatch(/\/lib\/node\/|node_modules|at .+:\d+:\d+/);
            }
        } finally {
            admin.close();
        }
    });

    for (const caller of CALLERS) {
        test(`every HTTP route as ${caller}`, async () => {
            const outcomes: string[] = [];
            const expected: string[] = [];
            for (const row of HTTP_ROWS) {
                // Signing out ends the session: use a session of its own.
                const cookie = row.url === '/logout' && caller !== 'anonymous'
                    ? await signInCookies(server.url, credentials[caller].name, credentials[caller].password)
                    : cookies.get(caller)!;
                const response = await fetch(`${server.url}${row.url}`, {
                    method: row.method, redirect: 'manual', body: row.body,
                    headers: { cookie, origin: server.url, accept: row.accept ?? '*/*', ...row.body ? { 'content-type': 'application/x-www-form-urlencoded' } : {} }
                });
                await response.arrayBuffer();
                const allowed = allows(row.rule, caller);
                const statuses = statusesOf(allowed ? row.allowed : row.denied);
                outcomes.push(`${row.method} ${row.url}: ${statuses.includes(response.status) ? (allowed ? 'allowed' : 'denied') : `status ${response.status}`}`);
                expected.push(`${row.method} ${row.url}: ${allowed ? 'allowed' : 'denied'}`);
            }
            expect(outcomes).toEqual(expected);
        });
    }

    test('the matrix covers every authority of authorities.md', () => {
        expect([...AUTHORITIES].sort()).toEqual(CALLERS.filter(caller => caller !== 'anonymous').sort());
    });
});

async function signInWithoutChange(url: string, name: string, password: string): Promise<string> {
    const token = (await fetch(`${url}/health`)).headers.getSetCookie().map(cookie => cookie.split(';')[0]);
    const response = await fetch(`${url}/login`, {
        method: 'POST', redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: token.join('; '), origin: url },
        body: new URLSearchParams({ name, password })
    });
    expect(response.headers.get('location')).toBe('/login/password');
    return [...token, ...response.headers.getSetCookie().map(cookie => cookie.split(';')[0])].join('; ');
}
