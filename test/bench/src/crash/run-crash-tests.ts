import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { RESULTS_FOLDER, writeResults } from '../results';
import { seededRandom } from '../statistics';
import { CrashScenario, RoundOutcome, ScenarioResult, runScenario } from './crash-rounds';
import { CloseoutScenario, CrashSizes, EngineScenario, GroupCommitScenario, IntakeScenario } from './crash-scenarios';
import { NotifyScenario } from './notify-scenario';
import { PrintScenario } from './print-scenario';
import { BatchScenario } from './batch-scenario';
import { ClusterCrashScenario } from './cluster-scenario';
import { runUnreachableDatabase } from './cluster-unreachable';

/**
 * Crash tests (issue 7): a real backend is killed with SIGKILL at random instants while it takes
 * in orders (also from a store that sends orders too large to read or to store), runs the engine, closes orders out, and prints to an IPP
 * printer; it is started again on the same data folder until it finishes, and then nothing may be lost, duplicated, captured or printed twice.
 * Another scenario kills 64 concurrent writers of one store (its group commit): every acknowledged write must survive.
 * The batch scenario kills it while orders arrive, jobs wait in batches (3 or 5 a batch) and batches print as one IPP job each:
 * no job lost, every job printed once, no batch printed twice.
 * The notify scenario kills the notifications backend while it journals events and sends them to a webhook receiver
 * (in this process): every journaled event must reach it, none under two Idempotency-Keys (its events count as jobs).
 * The cluster scenarios (issue 14) run two real servers on one PostgreSQL and one data folder and kill one of them each round
 * during intake, engine runs, printing or closeout (then restart PostgreSQL under load, and start a server without its database):
 * every line item taken in once, none stuck, each job handed to the printer once, each card captured once.
 * `--only cluster-embedded` runs the same rounds on the embedded store with one server (the harness's own check).
 *
 *   npm run test:crash                  20 rounds each: 2,000 orders, 2,000 jobs, 50 closeouts, 10 print jobs, 30 batched jobs, 2,000 events
 *   npm run test:crash -- --short       4 rounds each, smaller counts (CI)
 *   options: --rounds N, --seed N, --only intake|hostile|engine|closeout|group-commit|print|batch|notify|cluster|cluster-unreachable|cluster-embedded
 */

const FULL: RunSizes = {
    rounds: 20, intakeOrders: 2_000, hostileIntakeOrders: 200, engineJobs: 2_000, closeoutOrders: 50, groupCommitDocuments: 1_024, groupCommitVersions: 10, printJobs: 10, batchJobs: 30, notifyEvents: 2_000,
    clusterOrders: 20, clusterDatabaseRounds: 3
};
const SHORT: RunSizes = {
    rounds: 4, intakeOrders: 300, hostileIntakeOrders: 60, engineJobs: 300, closeoutOrders: 12, groupCommitDocuments: 256, groupCommitVersions: 8, printJobs: 5, batchJobs: 15, notifyEvents: 300,
    clusterOrders: 8, clusterDatabaseRounds: 1
};
/** The sizes of a run: each scenario's, and the cluster's orders a round and PostgreSQL restarts. */
interface RunSizes extends CrashSizes {
    readonly rounds: number;
    readonly clusterOrders: number;
    readonly clusterDatabaseRounds: number;
}
const RESULTS_FILE = path.join(RESULTS_FOLDER, 'crash.json');

interface Options {
    readonly short: boolean;
    readonly rounds: number;
    readonly seed: number;
    readonly sizes: RunSizes;
    readonly only?: string;
}

function options(args: readonly string[]): Options {
    const value = (name: string): number | undefined => {
        const index = args.indexOf(name);
        if (index < 0) {
            return undefined;
        }
        const parsed = Number(args[index + 1]);
        if (!Number.isInteger(parsed) || parsed < 0) {
            throw new Error(`${name} needs a whole number`);
        }
        return parsed;
    };
    const short = args.includes('--short');
    const base = short ? SHORT : FULL;
    const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
    return { short, rounds: value('--rounds') ?? base.rounds, seed: value('--seed') ?? Date.now() % 1_000_000, sizes: base, only };
}

async function main(): Promise<void> {
    const chosen = options(process.argv.slice(2));
    const random = seededRandom(chosen.seed);
    const workFolder = await fs.mkdtemp(path.join(os.tmpdir(), 'presswork-crash-'));
    progress(`${chosen.short ? 'short' : 'full'} run, ${chosen.rounds} rounds a scenario, seed ${chosen.seed}; data under ${workFolder}`);
    const startedAt = new Date().toISOString();
    const started = performance.now();
    const scenarios: Record<string, () => Promise<CrashScenario<unknown>>> = {
        intake: async () => await IntakeScenario.start(workFolder, chosen.sizes.intakeOrders) as CrashScenario<unknown>,
        hostile: async () => await IntakeScenario.startHostile(workFolder, chosen.sizes.hostileIntakeOrders) as CrashScenario<unknown>,
        engine: async () => new EngineScenario(workFolder, chosen.sizes.engineJobs) as CrashScenario<unknown>,
        closeout: async () => await CloseoutScenario.start(workFolder, chosen.sizes.closeoutOrders) as CrashScenario<unknown>,
        'group-commit': async () => new GroupCommitScenario(workFolder, chosen.sizes.groupCommitDocuments, chosen.sizes.groupCommitVersions) as CrashScenario<unknown>,
        print: async () => await PrintScenario.start(workFolder, chosen.sizes.printJobs) as CrashScenario<unknown>,
        batch: async () => new BatchScenario(workFolder, chosen.sizes.batchJobs) as CrashScenario<unknown>,
        notify: async () => await NotifyScenario.start(workFolder, chosen.sizes.notifyEvents) as CrashScenario<unknown>
    };
    const results: ScenarioResult[] = [];
    for (const [name, start] of Object.entries(scenarios)) {
        if (!chosen.only || chosen.only === name) {
            results.push(await runScenario(await start(), chosen.rounds, random, progress));
        }
    }
    if (!chosen.only || chosen.only === 'cluster') {
        results.push(...await runCluster(workFolder, true, chosen, random));
    }
    if (!chosen.only || chosen.only === 'cluster-unreachable') {
        results.push(await runUnreachableDatabase(workFolder, progress));
    }
    if (chosen.only === 'cluster-embedded') {
        results.push(...await runCluster(workFolder, false, chosen, random));
    }
    const summary = results.map(summarize);
    const violations = results.flatMap(result => result.rounds.flatMap(round => round.violations.map(violation => `${result.name} round ${round.round}: ${violation}`)));
    console.info(formatTable(summary));
    if (violations.length > 0) {
        console.info(`\n${violations.length} violations:\n${violations.slice(0, 50).map(violation => `  ${violation}`).join('\n')}`);
    }
    await writeResults(RESULTS_FILE, {
        startedAt, mode: chosen.short ? 'short' : 'full', seed: chosen.seed, sizes: chosen.sizes, seconds: (performance.now() - started) / 1000,
        environment: { node: process.version, platform: `${os.platform()} ${os.release()}`, cpus: os.cpus().length },
        summary, violations, scenarios: results
    });
    if (violations.length === 0) {
        await fs.rm(workFolder, { recursive: true, force: true });
    } else {
        progress(`the failing rounds' data folders are kept under ${workFolder}`);
        process.exitCode = 1;
    }
}

/** The cluster rounds (PostgreSQL and two servers, or the embedded store and one), their simulator and servers removed after. */
async function runCluster(workFolder: string, postgres: boolean, chosen: Options, random: () => number): Promise<ScenarioResult[]> {
    const scenario = await ClusterCrashScenario.start({ workFolder, ordersPerRound: chosen.sizes.clusterOrders, postgres });
    try {
        return await scenario.run(chosen.rounds, chosen.sizes.clusterDatabaseRounds, random, progress);
    } finally {
        await scenario.dispose();
    }
}

/** A scenario's rounds added up; `violations` counts them. */
interface SummaryRow extends Omit<RoundOutcome, 'violations'> {
    readonly scenario: string;
    readonly rounds: number;
    readonly kills: number;
    readonly violations: number;
    readonly uninterruptedSeconds: number;
}

function summarize(result: ScenarioResult): SummaryRow {
    const sum = (pick: (round: ScenarioResult['rounds'][number]) => number): number => result.rounds.reduce((total, round) => total + pick(round), 0);
    return {
        scenario: result.name, rounds: result.rounds.length, kills: sum(round => round.kills),
        orders: sum(round => round.orders), jobs: sum(round => round.jobs), duplicates: sum(round => round.duplicates), lost: sum(round => round.lost),
        stuck: sum(round => round.stuck), doubleCaptures: sum(round => round.doubleCaptures), violations: sum(round => round.violations.length),
        acknowledgedWrites: result.rounds.some(round => round.acknowledgedWrites !== undefined) ? sum(round => round.acknowledgedWrites ?? 0) : undefined,
        atLeastOnceRepeats: result.rounds.some(round => round.atLeastOnceRepeats !== undefined) ? sum(round => round.atLeastOnceRepeats ?? 0) : undefined,
        uninterruptedSeconds: result.calibrationMillis / 1000
    };
}

function formatTable(rows: readonly SummaryRow[]): string {
    const header = ['scenario', 'rounds', 'kills', 'orders', 'jobs', 'duplicates', 'lost', 'stuck', 'double captures', 'acked writes checked', 'same key again', 'violations'];
    const cells = rows.map(row => [row.scenario, ...[row.rounds, row.kills, row.orders, row.jobs, row.duplicates, row.lost, row.stuck, row.doubleCaptures,
        row.acknowledgedWrites, row.atLeastOnceRepeats, row.violations]
        .map(value => value === undefined ? '–' : value.toLocaleString('en-US'))]);
    const widths = header.map((title, column) => Math.max(title.length, ...cells.map(row => row[column].length)));
    const line = (row: readonly string[]): string => '  ' + row.map((cell, column) => column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column])).join('   ');
    return ['Crash tests: kill -9 at random instants, restart on the same data folder, check (orders and jobs summed over the rounds)',
        line(header), line(widths.map(width => '-'.repeat(width))), ...cells.map(line)].join('\n');
}

function progress(message: string): void {
    console.error(`[crash] ${message}`);
}

main().catch(error => {
    console.error(error);
    process.exitCode = 1;
});
