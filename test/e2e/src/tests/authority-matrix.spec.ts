import * as fs from 'node:fs';
import * as path from 'node:path';
import { test, expect } from '@playwright/test';
import { ApplicationError } from '@theia/core/lib/common/application-error';
import { PERMISSION_HOLDERS, AUTHORITIES, type AccessRule, type Authority } from '@presswork/platform/lib/common/authority';
import type { RpcMethodContract } from '@presswork/platform/lib/common/rpc-contract';
import { ACCOUNT_SERVICE_PATH, AccountServiceContract } from '@presswork/platform/lib/common/account-protocol';
import { CHANGE_FEED_PATH, ChangeFeedServerContract } from '@presswork/platform/lib/common/change-feed-protocol';
import { WORKFLOW_SERVICE_PATH, WorkflowServiceContract } from '@presswork/workflow/lib/common/workflow-protocol';
import { CONNECTIONS_SERVICE_PATH, ConnectionsServiceContract } from '@presswork/connections/lib/common/connections-protocol';
import {
    JOB_ACTION_SERVICE_PATH, JOB_QUERY_SERVICE_PATH, SAVED_VIEW_SERVICE_PATH, JobActionServiceContract, JobQueryServiceContract, SavedViewServiceContract
} from '@presswork/jobs/lib/common/jobs-protocol';
import { CLOSEOUT_SERVICE_PATH, CloseoutServiceContract } from '@presswork/closeout/lib/common/closeout-protocol';
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

interface ServiceRows {
    readonly contractName: string;
    readonly path: string;
    readonly contract: Readonly<Record<string, RpcMethodContract>>;
    /** authorities.md's row for each method, written independently of the contract. */
    readonly rows: Rows;
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
        revokeApiToken: 'users.manage'
    }
}, {
    contractName: 'ChangeFeedServerContract', path: CHANGE_FEED_PATH, contract: ChangeFeedServerContract, rows: {
        // Each projection then filters by its own permission.
        subscribe: 'signed-in'
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
        // Operators choose printers when they enable them and read them in workflows.
        listPrinters: 'workflows.view',
        createPrinter: 'printers.manage',
        updatePrinter: 'printers.manage',
        deletePrinter: 'printers.manage',
        setPrinterEnabled: 'printers.toggle'
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
        orderSummary: 'operations.view'
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
}];

type Caller = Authority | 'anonymous';
const CALLERS: readonly Caller[] = ['anonymous', 'Monitor', 'Operator', 'Administrator'];

function allows(rule: AccessRule | 'public', caller: Caller): boolean {
    if (rule === 'public') {
        return true;
    }
    if (caller === 'anonymous') {
        return false;
    }
    return rule === 'signed-in' || PERMISSION_HOLDERS[rule].includes(caller);
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
    {
        declarations: [`${DOCUMENTS}: app.get(\`\${CLOSEOUT_DOCUMENT_ROUTE}/:orderId/:file\``], method: 'GET', url: '/closeout/documents/no-such-order/invoice.pdf',
        rule: 'jobs.inspect', allowed: 404, denied: [401, 403]
    }
];

/** Middleware that is not a route: checked by the rows above through the routes it guards. */
const MIDDLEWARE = [
    `${SIGN_IN}: router.use(this.refuseForeignOrigins`,
    `${SIGN_IN}: router.use(shellSecurityHeaders()`,
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
        expect(bound.size).toBeGreaterThanOrEqual(SERVICES.length);
        expect([...bound].sort()).toEqual(SERVICES.map(service => service.contractName).sort());
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
                    for (const [method, rule] of Object.entries(service.rows)) {
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
                await expect(session.call('/services/remote-filesystem', 'readFile', [file, {}]), file).rejects.toThrow(/not allowed/);
            }
            expect(await session.call('/services/envs', 'getVariables', [])).toEqual([]);
            expect(await session.call('/services/envs', 'getValue', ['PRESSWORK_ADMIN_PASSWORD'])).toBeUndefined();
            await expect(session.call('/services/request-service', 'request', [{ url: `${server.url}/api/v1/jobs` }])).rejects.toThrow(/not allowed/);
        } finally {
            session.close();
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
