import { inject, injectable, named } from '@theia/core/shared/inversify';
import { ContributionProvider } from '@theia/core/lib/common/contribution-provider';
import type { Connection } from './connection-schema';
import { ConnectionTypeContribution } from './connection-type-contribution';
import { ContributionRegistry } from './contribution-registry';

/** The installed connection types (backend), by `type`: which contribution speaks a connection's store. */
@injectable()
export class ConnectionTypeRegistry extends ContributionRegistry<ConnectionTypeContribution> {
    @inject(ContributionProvider) @named(ConnectionTypeContribution)
    protected readonly provider: ContributionProvider<ConnectionTypeContribution>;
    protected readonly pointName = 'ConnectionTypeContribution';

    protected idOf(contribution: ConnectionTypeContribution): string {
        return contribution.type;
    }

    /** The type of this connection; throws when no installed extension speaks its store. */
    of(connection: Pick<Connection, 'type'>): ConnectionTypeContribution {
        const type = this.get(connection.type);
        if (!type) {
            throw new Error(`No connection type ${connection.type} is installed`);
        }
        return type;
    }
}
