import { inject, injectable, interfaces, named } from '@theia/core/shared/inversify';
import { ILogger } from '@theia/core/lib/common/logger';
import { BackendApplicationContribution } from '@theia/core/lib/node/backend-application';
import { PressworkConfig } from '../presswork-config';
import { DocumentStore } from '../store/document-store';
import { WriteGate } from '../store/write-gate';
import { PauseResponder } from './pause-responder';

/**
 * Runs the backend's side of the backup pause protocol for as long as the backend runs: for the
 * embedded store only, whose files the backup copies. A PostgreSQL store is backed up with
 * pg_dump, which needs no pause, and its servers share one data folder they must not all answer in.
 */
@injectable()
export class BackupPauseContribution implements BackendApplicationContribution {
    @inject(PressworkConfig) protected readonly config: PressworkConfig;
    @inject(WriteGate) protected readonly gate: WriteGate;
    @inject(DocumentStore) protected readonly store: DocumentStore;
    @inject(ILogger) @named('platform:BackupPause') protected readonly logger: ILogger;

    protected responder: PauseResponder | undefined;

    async initialize(): Promise<void> {
        if (this.store.kind !== 'embedded') {
            return;
        }
        this.responder = new PauseResponder(this.config.dataFolder, this.gate, this.logger);
        await this.responder.start();
    }

    onStop(): void {
        this.responder?.stop();
    }
}

/** The store's write gate (give it to the store) and the pause responder (root bindings). */
export function bindBackupPause(bind: interfaces.Bind): void {
    bind(WriteGate).toSelf().inSingletonScope();
    bind(BackupPauseContribution).toSelf().inSingletonScope();
    bind(BackendApplicationContribution).toService(BackupPauseContribution);
}
