import { inject, injectable, named } from '@theia/core/shared/inversify';
import { ContributionProvider } from '@theia/core/lib/common/contribution-provider';
import { Connection, ConnectionTypeContribution } from '@presswork/platform/lib/common';

/** Finds the contribution that speaks a connection's kind of store. */
@injectable()
export class ConnectionTypes {
    @inject(ContributionProvider) @named(ConnectionTypeContribution)
    protected readonly contributions: ContributionProvider<ConnectionTypeContribution>;

    of(connection: Connection): ConnectionTypeContribution {
        const type = this.contributions.getContributions().find(contribution => contribution.type === connection.type);
        if (!type) {
            throw new Error(`No connection type ${connection.type} is installed`);
        }
        return type;
    }
}
