import { z } from 'zod';
import type { ApplicationServer } from '@theia/core/lib/common/application-protocol';
import { applicationPath } from '@theia/core/lib/common/application-protocol';
import type { EnvVariablesServer } from '@theia/core/lib/common/env-variables';
import { envVariablesPath } from '@theia/core/lib/common/env-variables';
import type { AsyncLocalizationProvider } from '@theia/core/lib/common/i18n/localization';
import { localizationPath } from '@theia/core/lib/common/i18n/localization';
import type { LocalizationServer } from '@theia/core/lib/common/i18n/localization-server';
import { LocalizationServerPath } from '@theia/core/lib/common/i18n/localization-server';
import type { ILoggerServer } from '@theia/core/lib/common/logger-protocol';
import { loggerPath } from '@theia/core/lib/common/logger-protocol';
import type { OSBackendProvider } from '@theia/core/lib/common/os';
import { OSBackendProviderPath } from '@theia/core/lib/common/os';
import type { BackendStopwatch } from '@theia/core/lib/common/performance/measurement-protocol';
import { stopwatchPath } from '@theia/core/lib/common/performance/measurement-protocol';
import type { RequestService } from '@theia/core/shared/@theia/request';
import { REQUEST_SERVICE_PATH } from '@theia/core/shared/@theia/request';
import { keyStoreServicePath } from '@theia/core/lib/common/key-store';
import type { ConnectionCloseService } from '@theia/core/lib/common/messaging/connection-management';
import { connectionCloseServicePath } from '@theia/core/lib/common/messaging/connection-management';
import { commandServicePath } from '@theia/core/lib/common/command';
import { messageServicePath } from '@theia/core/lib/common/message-service-protocol';
import { quickInputServicePath, quickPickServicePath } from '@theia/core/lib/common/quick-pick-service';
import type { RemoteFileSystemServer } from '@theia/filesystem/lib/common/remote-file-system-provider';
import { remoteFileSystemPath } from '@theia/filesystem/lib/common/remote-file-system-provider';
// Types only: the app bundles these packages; platform serves their paths, never their code.
import type { WorkspaceServer } from '@theia/workspace/lib/common/workspace-protocol';
import type { CliPreferences } from '@theia/preferences/lib/common/cli-preferences';
import type { RpcContract } from './rpc-contract';

/*
 * Theia's own RPC services, guarded like Presswork's (issue 18, fault 5): every method a browser may
 * call has a row, with the authority it needs and a schema for its arguments; the backend refuses
 * any other method, and serves no RPC path that has no row here or in a Presswork contract.
 */

const none = z.tuple([]);
const name = z.string().min(1).max(200);
/** A resource as Theia's file service sends it: a URI string. The provider confines it to the settings folder. */
const resource = z.string().min(1).max(4096);
const handle = z.number().int().min(0);
const bytes = z.instanceof(Uint8Array);
/** Theia appends a cancellation token to some calls; it is made by the RPC layer, not by the caller. */
const token = z.unknown().optional();
const flags = (...keys: string[]) => z.object(Object.fromEntries(keys.map(key => [key, z.boolean().optional()]))).partial();
const languageId = z.string().regex(/^[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*$/);

/** The server's own side of a Theia service: set by the server when it wires the connection, never by a browser. */
const serverOnly = { access: 'nobody', args: z.tuple([]).rest(z.unknown()) } as const;

/** Log lines from the browser are sanitised and tagged with the user (BrowserLogServer); log levels are the server's. */
export const LoggerServerContract: RpcContract<ILoggerServer> = {
    log: { access: 'signed-in', args: z.tuple([name, z.number().int().min(0).max(100), z.unknown(), z.array(z.unknown()).max(20)]) },
    getLogLevel: { access: 'signed-in', args: z.tuple([name]) },
    child: { access: 'signed-in', args: z.tuple([name]) },
    setLogLevel: { access: 'nobody', args: z.tuple([name, z.number().int()]) },
    setClient: serverOnly,
    dispose: serverOnly
};

/**
 * The file system, already confined to Theia's configuration folder. Reading it is what every shell
 * does at start (user preferences); writing changes settings.json, which every user shares.
 */
export const RemoteFileSystemContract: RpcContract<RemoteFileSystemServer> = {
    getCapabilities: { access: 'signed-in', args: none },
    getReadOnlyMessage: { access: 'signed-in', args: none },
    stat: { access: 'signed-in', args: z.tuple([resource]) },
    access: { access: 'signed-in', args: z.tuple([resource, z.number().int().min(0).max(7).optional()]) },
    fsPath: { access: 'nobody', args: z.tuple([resource]) },
    readFile: { access: 'signed-in', args: z.tuple([resource]) },
    readFileStream: { access: 'signed-in', args: z.tuple([resource, handle, z.object({ position: z.number().optional(), length: z.number().optional(), limits: z.unknown() }).partial(), token]) },
    readdir: { access: 'signed-in', args: z.tuple([resource]) },
    watch: { access: 'signed-in', args: z.tuple([handle, resource, z.object({ recursive: z.boolean(), excludes: z.array(z.string().max(1000)).max(100) }).partial()]) },
    unwatch: { access: 'signed-in', args: z.tuple([handle]) },
    // Theia's file service opens a file only to write it as a stream; reading goes through readFileStream.
    open: { access: 'settings.manage', args: z.tuple([resource, flags('create', 'unlock')]) },
    read: { access: 'settings.manage', args: z.tuple([handle, z.number().int().min(0), z.number().int().min(0).max(64 * 1024 * 1024)]) },
    write: { access: 'settings.manage', args: z.tuple([handle, z.number().int().min(0), bytes, z.number().int().min(0), z.number().int().min(0)]) },
    close: { access: 'settings.manage', args: z.tuple([handle]) },
    writeFile: { access: 'settings.manage', args: z.tuple([resource, bytes, flags('create', 'overwrite', 'unlock', 'atomic')]) },
    updateFile: { access: 'settings.manage', args: z.tuple([resource, z.array(z.unknown()).max(10_000), z.object({ readEncoding: z.string().max(50), writeEncoding: z.string().max(50), overwriteEncoding: z.boolean() }).partial()]) },
    delete: { access: 'settings.manage', args: z.tuple([resource, flags('recursive', 'useTrash')]) },
    mkdir: { access: 'settings.manage', args: z.tuple([resource]) },
    rename: { access: 'settings.manage', args: z.tuple([resource, resource, flags('overwrite')]) },
    copy: { access: 'settings.manage', args: z.tuple([resource, resource, flags('overwrite')]) },
    setClient: serverOnly,
    dispose: serverOnly
};

/** Presswork opens no workspace: the shell only records that it has none (an empty URI). */
export const WorkspaceServerContract: RpcContract<WorkspaceServer> = {
    getMostRecentlyUsedWorkspace: { access: 'signed-in', args: none },
    getRecentWorkspaces: { access: 'signed-in', args: none },
    setMostRecentlyUsedWorkspace: { access: 'signed-in', args: z.tuple([z.literal('')]) },
    removeRecentWorkspace: { access: 'nobody', args: z.tuple([resource]) }
};

export const ApplicationServerContract: RpcContract<ApplicationServer> = {
    getExtensionsInfos: { access: 'signed-in', args: none },
    getApplicationInfo: { access: 'signed-in', args: none },
    getApplicationPlatform: { access: 'signed-in', args: none },
    getBackendOS: { access: 'signed-in', args: none },
    // The folder the server runs from: nothing a browser needs to know.
    getApplicationRoot: { access: 'nobody', args: none }
};

/** Answers with nothing (ConfidentialEnvVariablesServer) but the configuration folder's URI the shell reads settings from. */
export const EnvVariablesServerContract: RpcContract<EnvVariablesServer> = {
    getExecPath: { access: 'nobody', args: none },
    getVariables: { access: 'signed-in', args: none },
    getValue: { access: 'signed-in', args: z.tuple([z.string().max(200)]) },
    getConfigDirUri: { access: 'signed-in', args: none },
    getHomeDirUri: { access: 'nobody', args: none },
    getDrives: { access: 'nobody', args: none }
};

export const OSBackendProviderContract: RpcContract<OSBackendProvider> = {
    getBackendOS: { access: 'signed-in', args: none }
};

/** The frontend measures its start against the server's clock; only that one fixed line reaches the log. */
export const BackendStopwatchContract: RpcContract<BackendStopwatch> = {
    start: { access: 'signed-in', args: z.tuple([z.literal('frontend'), z.object({}).optional()]) },
    stop: { access: 'signed-in', args: z.tuple([handle, z.literal('Frontend application startup sequence completed (async work may still be pending)'), z.array(z.never()).max(0)]) }
};

/**
 * No Presswork feature fetches through the server for a browser, so browsers may not either. The
 * shell sends its proxy preferences at start; the server applies them only when so configured
 * (`configureProxyFromPreferences`, off).
 */
export const RequestServiceContract: RpcContract<RequestService> = {
    request: { access: 'nobody', args: z.tuple([z.object({ url: z.string().max(4096) }).passthrough(), token]) },
    resolveProxy: { access: 'nobody', args: z.tuple([z.string().max(4096)]) },
    configure: { access: 'signed-in', args: z.tuple([z.object({ proxyUrl: z.string().max(2000), proxyAuthorization: z.string().max(2000), strictSSL: z.boolean() }).partial()]) }
};

export const LocalizationProviderContract: RpcContract<AsyncLocalizationProvider> = {
    getCurrentLanguage: { access: 'signed-in', args: none },
    getAvailableLanguages: { access: 'signed-in', args: none },
    loadLocalization: { access: 'signed-in', args: z.tuple([languageId]) },
    // The server's language for everyone; a browser chooses its own in local storage.
    setCurrentLanguage: { access: 'nobody', args: z.tuple([languageId]) }
};

export const LocalizationServerContract: RpcContract<LocalizationServer> = {
    loadLocalization: { access: 'signed-in', args: z.tuple([languageId]) }
};

export const CliPreferencesContract: RpcContract<CliPreferences> = {
    getPreferences: { access: 'signed-in', args: none },
    getSessionPreferences: { access: 'signed-in', args: none }
};

/**
 * A closing browser window asks the server to drop its connection at once rather than wait for it
 * to come back. The id is the window's own random one.
 */
export const ConnectionCloseServiceContract: RpcContract<ConnectionCloseService> = {
    markForClose: { access: 'signed-in', args: z.tuple([z.string().min(1).max(100)]) }
};

/** Paths of Theia's preferences package, which platform does not import. */
export const CLI_PREFERENCES_PATH = '/services/cli-preferences';
export const WORKSPACE_SERVER_PATH = '/services/workspace';

/** Each Theia RPC path the backend serves to browsers, with its contract. */
export const THEIA_SERVICE_CONTRACTS: Readonly<Record<string, RpcContract<object>>> = {
    [loggerPath]: LoggerServerContract,
    [remoteFileSystemPath]: RemoteFileSystemContract,
    [WORKSPACE_SERVER_PATH]: WorkspaceServerContract,
    [applicationPath]: ApplicationServerContract,
    [envVariablesPath]: EnvVariablesServerContract,
    [OSBackendProviderPath]: OSBackendProviderContract,
    [stopwatchPath]: BackendStopwatchContract,
    [REQUEST_SERVICE_PATH]: RequestServiceContract,
    [localizationPath]: LocalizationProviderContract,
    [LocalizationServerPath]: LocalizationServerContract,
    [CLI_PREFERENCES_PATH]: CliPreferencesContract,
    [connectionCloseServicePath]: ConnectionCloseServiceContract
};

/**
 * Services the browser serves and the backend calls (show a message, run a command); the backend
 * has no object behind these paths, so a browser's calls on them reach nothing.
 */
export const BROWSER_SERVED_PATHS: readonly string[] = [commandServicePath, messageServicePath, quickInputServicePath, quickPickServicePath];

/** Paths Theia binds that Presswork does not use: not served at all. */
export const UNSERVED_THEIA_PATHS: Readonly<Record<string, string>> = {
    [keyStoreServicePath]: 'the operating system\'s keychain (keytar): no Presswork feature stores secrets there'
};
