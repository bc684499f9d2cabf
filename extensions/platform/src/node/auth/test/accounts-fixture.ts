import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import * as sinon from 'sinon';
import type { ILogger } from '@theia/core/lib/common/logger';
import { FileDocumentStore, PLATFORM_COLLECTIONS } from '../../store';
import type { PressworkConfig } from '../../presswork-config';
import { SessionStore } from '../session-store';
import { UserAccounts } from '../user-accounts';

/** A logger whose methods are sinon stubs, for tests. */
export interface StubLogger {
    readonly info: sinon.SinonStub;
    readonly warn: sinon.SinonStub;
    readonly error: sinon.SinonStub;
    readonly debug: sinon.SinonStub;
}

export function stubLogger(): StubLogger & ILogger {
    return { info: sinon.stub(), warn: sinon.stub(), error: sinon.stub(), debug: sinon.stub() } as unknown as StubLogger & ILogger;
}

export interface AccountsFixture {
    /** The data folder (config.dataFolder); the store lives in its `store` sub-folder. */
    readonly folder: string;
    readonly store: FileDocumentStore;
    readonly sessions: SessionStore;
    readonly accounts: UserAccounts;
    readonly logger: StubLogger & ILogger;
    readonly config: PressworkConfig;
    /** Closes the store and removes the temporary folder. */
    dispose(): Promise<void>;
}

/**
 * A real `UserAccounts` over a real `FileDocumentStore` in a fresh temporary folder, its injected
 * fields assigned by hand.
 */
export async function createAccountsFixture(options: { initialAdminPassword?: string, prefix?: string } = {}): Promise<AccountsFixture> {
    const folder = await fs.mkdtemp(path.join(os.tmpdir(), options.prefix ?? 'presswork-accounts-'));
    const store = new FileDocumentStore({ folder: path.join(folder, 'store'), collections: PLATFORM_COLLECTIONS });
    await store.ready;
    const sessions = new SessionStore();
    const logger = stubLogger();
    const config: PressworkConfig = { dataFolder: folder, initialAdminPassword: options.initialAdminPassword, demo: false };
    const accounts = new UserAccounts();
    Object.assign(accounts, { store, sessions, config, logger });
    return {
        folder, store, sessions, accounts, logger, config,
        dispose: async () => {
            await store.close();
            await fs.rm(folder, { recursive: true, force: true });
        }
    };
}
