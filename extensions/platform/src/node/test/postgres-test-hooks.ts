import { sharedPostgresTestServer } from './postgres-test-server';

/**
 * Mocha root hooks for a run against PostgreSQL (`npm run test:unit:postgresql` requires this):
 * the shared test cluster is started once before any test, so that no test's own time limit pays
 * for `initdb`.
 */
export const mochaHooks = {
    async beforeAll(this: { timeout(ms: number): void }): Promise<void> {
        this.timeout(120_000);
        await sharedPostgresTestServer();
    }
};
