import { Locator, Page } from '@playwright/test';

/** The administrators' Servers view: the servers sharing the store and the work each holds. */
export class ServersView {
    constructor(readonly page: Page) { }

    get root(): Locator {
        return this.page.locator('#presswork-servers');
    }

    get summary(): Locator {
        return this.root.locator('.presswork-servers-summary');
    }

    rows(): Locator {
        return this.root.locator('tbody tr');
    }

    /** A cell of a row by its column heading's position: Server, State, Version, Started, Last heartbeat, Work it holds. */
    cell(row: Locator, column: 'server' | 'state' | 'version' | 'started' | 'heartbeat' | 'work'): Locator {
        const index = ['server', 'state', 'version', 'started', 'heartbeat', 'work'].indexOf(column);
        return row.locator('td').nth(index);
    }

    async refresh(): Promise<void> {
        await this.root.getByRole('button', { name: 'Refresh' }).click();
    }
}
