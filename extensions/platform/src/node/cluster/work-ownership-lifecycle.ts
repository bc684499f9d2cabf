import { inject, injectable, named } from '@theia/core/shared/inversify';
import { ILogger } from '@theia/core/lib/common/logger';
import { BackendApplicationContribution } from '@theia/core/lib/node/backend-application';
import { DocumentStore } from '../store/document-store';
import { PostgresWorkOwnership } from './postgres-work-ownership';
import { WorkOwnership } from './work-ownership';

/**
 * Starts the PostgreSQL servers' share of work once the store is open (its connections are the
 * leases to share), and gives the work up on a clean stop so the other servers take it at once
 * instead of after the lease time. The embedded server owns everything from the start.
 */
@injectable()
export class WorkOwnershipLifecycle implements BackendApplicationContribution {
    @inject(WorkOwnership) protected readonly ownership: WorkOwnership;
    @inject(DocumentStore) protected readonly store: DocumentStore;
    @inject(ILogger) @named('platform:WorkOwnership') protected readonly logger: ILogger;

    initialize(): void {
        if (this.ownership instanceof PostgresWorkOwnership) {
            const ownership = this.ownership;
            // Not awaited: the store's own start reports a database out of reach; checks retry until it answers.
            this.store.ready.then(() => ownership.start()).catch(error =>
                this.logger.error('the share of work among servers could not start', error));
        }
    }

    async onStop(): Promise<void> {
        if (this.ownership instanceof PostgresWorkOwnership) {
            await this.ownership.stop();
        }
    }
}
