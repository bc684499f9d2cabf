import type { DocumentStore } from '../../store';
import type { PressworkConfig } from '../../presswork-config';
import { SessionStore } from '../session-store';
import { UserAccounts } from '../user-accounts';
import { inject } from '../../test/inject';
import { RecordingLogger, recordingLogger } from '../../test/recording-logger';
import { openTempStore } from '../../test/temp-store';

export interface AccountsFixture {
    /** The data folder (config.dataFolder); the store lives in its `store` sub-folder. */
    readonly folder: string;
    readonly store: DocumentStore;
    readonly sessions: SessionStore;
    readonly accounts: UserAccounts;
    readonly logger: RecordingLogger;
    readonly config: PressworkConfig;
    /** Closes the store and removes the temporary folder. */
    dispose(): Promise<void>;
}

/**
 * A real `UserAccounts` over a real `DocumentStore` in a fresh temporary folder, its injected
 * fields assigned by hand.
 */
export async function createAccountsFixture(options: { initialAdminPassword?: string, prefix?: string } = {}): Promise<AccountsFixture> {
    const temp = await openTempStore([], options.prefix ?? 'presswork-accounts-');
    const { path: folder, store } = temp;
    const logger = recordingLogger();
    const sessions = inject(new SessionStore(), { store, logger });
    const config: PressworkConfig = { dataFolder: folder, initialAdminPassword: options.initialAdminPassword, demo: false, leaseSeconds: 10 };
    const accounts = inject(new UserAccounts(), { store, sessions, config, logger });
    return { folder, store, sessions, accounts, logger, config, dispose: () => temp.dispose() };
}
