import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { freePort } from '@presswork/platform/lib/node/test/free-port';
import { ClusterDatabase, clusterEnvironment } from '../cluster/cluster-servers';
import { LoadServer } from '../load/load-server';
import type { RoundResult, ScenarioResult } from './crash-rounds';

/** How long a server may take to end once it stopped trying to answer (after giving up on its database). */
const GIVE_UP_MS = 10_000;
/** What start.js itself creates in the data folder before the backend runs. */
const CREATED_BY_START_SCRIPT = new Set(['theia']);
const PASSWORD = 'not-to-be-shown-7Q';

/**
 * The database unreachable at start (issue 14): a server given a PostgreSQL URL where nothing
 * listens, and one given a database whose server is stopped, must each end with a message that
 * names the database (host:port/name) and not the password, and leave nothing behind: no table in
 * the database (checked once it is up again), nothing provisioned in the data folder.
 */
export async function runUnreachableDatabase(workFolder: string, progress: (message: string) => void): Promise<ScenarioResult> {
    const rounds: RoundResult[] = [];
    const nothingListens = `postgres://presswork:${PASSWORD}@127.0.0.1:${await freePort()}/presswork_absent`;
    rounds.push(await startWithout(1, nothingListens, path.join(workFolder, 'unreachable-1'), async () => []));

    const database = await ClusterDatabase.start();
    try {
        await database.server.stopServer();
        const stoppedUrl = database.url.replace('postgres://postgres@', `postgres://postgres:${PASSWORD}@`);
        rounds.push(await startWithout(2, stoppedUrl, path.join(workFolder, 'unreachable-2'), async () => {
            await database.server.startServer();
            const tables = await database.query<{ name: string }>("SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'");
            return tables.map(table => `the database holds the table ${table.name} after a start that could not reach it`);
        }));
    } finally {
        await database.stop();
    }
    for (const round of rounds) {
        progress(`database unreachable at start, case ${round.round}: ${round.violations.length === 0 ? 'ok' : `VIOLATIONS: ${round.violations.join('; ')}`}`);
    }
    return { name: 'cluster (database unreachable at start)', calibrationMillis: 0, rounds };
}

async function startWithout(round: number, databaseUrl: string, dataFolder: string, databaseLeftovers: () => Promise<string[]>): Promise<RoundResult> {
    const started = performance.now();
    await fs.mkdir(dataFolder, { recursive: true });
    const server = await LoadServer.spawn(dataFolder, clusterEnvironment({ dataFolder, databaseUrl }));
    // Answering /health is a start without the database; ending is what is wanted.
    const answered = await server.waitUntilHealthy().then(() => true, () => false);
    const code = answered ? undefined : await server.exitCode(GIVE_UP_MS);
    const output = server.recentOutput;
    const violations: string[] = [];
    const { host, port, pathname } = new URL(databaseUrl);
    const named = `${host.split(':')[0]}:${port}${pathname}`;
    if (answered || code === undefined) {
        violations.push(answered ? 'the server started (answered /health) without its database' : `the server still runs ${GIVE_UP_MS / 1000} s after its start`);
        await server.stop();
    } else if (code === 0) {
        violations.push('the server ended with exit code 0');
    }
    if (!/cannot reach its database/i.test(output) || !output.includes(named)) {
        violations.push(`the output does not say that it cannot reach the database ${named}: ${output.slice(-600).trim()}`);
    }
    if (output.includes(PASSWORD)) {
        violations.push('the output shows the database password');
    }
    const left = (await fs.readdir(dataFolder)).filter(name => !CREATED_BY_START_SCRIPT.has(name));
    if (left.length > 0) {
        violations.push(`the data folder holds ${left.join(', ')} after a start that could not reach its database`);
    }
    violations.push(...await databaseLeftovers());
    return {
        round, kills: 0, killedAtMs: [], restarts: 0, millis: performance.now() - started,
        orders: 0, jobs: 0, duplicates: 0, lost: 0, stuck: 0, doubleCaptures: 0, violations
    };
}
