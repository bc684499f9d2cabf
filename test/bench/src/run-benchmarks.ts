import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { sampleOrder } from '@presswork/platform/lib/node/store/test/sample-documents';
import { runChild } from './child-process';
import { formatCloseoutReport, runCloseoutBenchmark } from './closeout-benchmark';
import { formatEngineReport, runEngineBenchmark } from './engine-benchmark';
import { formatIntakeReport, runIntakeBenchmark } from './intake-benchmark';
import { formatNotifyReport, runNotifyBenchmark } from './notify/notify-benchmark';
import { formatPrintReport, runPrintBenchmark } from './print-benchmark';
import { formatBatchReport, runBatchBenchmark } from './batch-benchmark';
import { formatClusterReport, runClusterBenchmark } from './cluster/cluster-benchmark';
import { formatQueryReport, runQueryBenchmark } from './query-benchmark';
import { formatUiReport, runUiBenchmark } from './ui-benchmark';
import { JOBS_PER_ORDER, orderIdAt, writeOrderStore } from './order-store-fixture';
import type { OpenMeasurement, WriteTarget } from './protocol';
import { RemoteWriter } from './remote-writer';
import { formatReport } from './report';
import { BenchResults, check, megabytes, writeResults } from './results';
import { summarize } from './statistics';

/** Store sizes in jobs; the first and the last are compared. */
const STORE_JOB_COUNTS = [1_000, 10_000, 100_000] as const;
/** Writes measured per subject, taken in turns of a few so that disk hiccups spread over all subjects. */
const MEASURED_WRITES = 1_000;
const WRITES_PER_TURN = 10;
const WARM_UP_WRITES = 20;
const OPEN_RUNS = 3;

const TARGETS = {
    updateP99LargestToSmallest: 1.5,
    updateP99LargestToAppend: 10,
    openMillis: 3_000,
    rssMB: 600
};

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
const RESULTS_FILE = path.join(REPO_ROOT, 'bench-results', 'store.json');
const INTAKE_RESULTS_FILE = path.join(REPO_ROOT, 'bench-results', 'intake.json');
const ENGINE_RESULTS_FILE = path.join(REPO_ROOT, 'bench-results', 'engine.json');
const QUERY_RESULTS_FILE = path.join(REPO_ROOT, 'bench-results', 'query.json');
const CLOSEOUT_RESULTS_FILE = path.join(REPO_ROOT, 'bench-results', 'closeout.json');
const UI_RESULTS_FILE = path.join(REPO_ROOT, 'bench-results', 'ui.json');
const PRINT_RESULTS_FILE = path.join(REPO_ROOT, 'bench-results', 'print.json');
const NOTIFY_RESULTS_FILE = path.join(REPO_ROOT, 'bench-results', 'notify.json');
const BATCH_RESULTS_FILE = path.join(REPO_ROOT, 'bench-results', 'batch.json');
const CLUSTER_RESULTS_FILE = path.join(REPO_ROOT, 'bench-results', 'cluster.json');
const ENGINE_PROFILE_FOLDER = path.join(REPO_ROOT, 'bench-results', 'profiles');

interface StoreFixture {
    readonly jobs: number;
    readonly orders: number;
    readonly folder: string;
}

/** A kind of durable write to measure, under the name its samples are kept by. */
interface Subject {
    readonly name: string;
    readonly target: WriteTarget;
}

type Section = 'store' | 'intake' | 'engine' | 'query' | 'closeout' | 'ui' | 'print' | 'notify' | 'batch' | 'cluster';
const SECTIONS: readonly Section[] = ['store', 'intake', 'engine', 'query', 'closeout', 'ui', 'print', 'notify', 'batch', 'cluster'];

async function main(): Promise<void> {
    const args = process.argv.slice(2);
    const chosen = sectionArguments(args);
    const runs = (section: Section): boolean => chosen.size === 0 || chosen.has(section);
    const workFolder = await fs.mkdtemp(path.join(os.tmpdir(), 'presswork-bench-'));
    try {
        if (runs('store')) {
            const results = await runBenchmarks(workFolder);
            console.log(formatReport(results));
            await writeResults(RESULTS_FILE, results);
        }
        if (runs('intake')) {
            const intake = await runIntakeBenchmark(workFolder, progress);
            console.log(formatIntakeReport(intake));
            await writeResults(INTAKE_RESULTS_FILE, intake);
        }
        if (runs('engine')) {
            // `--profile` runs the engine's process with --cpu-prof, for when the target is missed;
            // `--concurrency=<slots>` tries other than the engine's default 8 slots.
            const concurrency = args.find(arg => arg.startsWith('--concurrency='))?.slice('--concurrency='.length);
            const engine = await runEngineBenchmark(workFolder, progress, {
                profileFolder: args.includes('--profile') ? ENGINE_PROFILE_FOLDER : undefined,
                concurrency: concurrency === undefined ? undefined : positiveInteger(concurrency, '--concurrency')
            });
            console.log(formatEngineReport(engine));
            await writeResults(ENGINE_RESULTS_FILE, engine);
        }
        if (runs('query')) {
            const query = await runQueryBenchmark(workFolder, progress);
            console.log(formatQueryReport(query));
            await writeResults(QUERY_RESULTS_FILE, query);
        }
        if (runs('closeout')) {
            const closeout = await runCloseoutBenchmark(workFolder, progress);
            console.log(formatCloseoutReport(closeout));
            await writeResults(CLOSEOUT_RESULTS_FILE, closeout);
        }
        if (runs('ui')) {
            const ui = await runUiBenchmark(progress);
            console.log(formatUiReport(ui));
            await writeResults(UI_RESULTS_FILE, ui);
        }
        if (runs('print')) {
            const print = await runPrintBenchmark(workFolder, progress);
            console.log(formatPrintReport(print));
            await writeResults(PRINT_RESULTS_FILE, print);
        }
        if (runs('notify')) {
            // `--notify-events=<count>` for a quicker look than the 10,000 events.
            const events = args.find(arg => arg.startsWith('--notify-events='))?.slice('--notify-events='.length);
            const notify = await runNotifyBenchmark(workFolder, progress, events === undefined ? undefined : positiveInteger(events, '--notify-events'));
            console.log(formatNotifyReport(notify));
            await writeResults(NOTIFY_RESULTS_FILE, notify);
        }
        if (runs('batch')) {
            const batch = await runBatchBenchmark(workFolder, progress);
            console.log(formatBatchReport(batch));
            await writeResults(BATCH_RESULTS_FILE, batch);
        }
        if (runs('cluster')) {
            // `--cluster-engine-jobs=<count>` for a quicker look than the 10,000 jobs of the engine run.
            const engineJobs = args.find(arg => arg.startsWith('--cluster-engine-jobs='))?.slice('--cluster-engine-jobs='.length);
            const cluster = await runClusterBenchmark(workFolder, progress, engineJobs === undefined ? undefined : positiveInteger(engineJobs, '--cluster-engine-jobs'));
            console.log(formatClusterReport(cluster));
            await writeResults(CLUSTER_RESULTS_FILE, cluster);
        }
    } finally {
        await fs.rm(workFolder, { recursive: true, force: true });
    }
}

function positiveInteger(text: string, what: string): number {
    const value = Number(text);
    if (!Number.isInteger(value) || value < 1) {
        throw new Error(`${what} must be a positive whole number, not ${text}`);
    }
    return value;
}

/**
 * The sections to run: `--only=<name>` or bare names, one or several (`npm run bench -- query
 * closeout`); every section when none is named. From the repository root npm takes `--only` for
 * its own option before the workspace's script sees it, so there the bare names are the way.
 */
function sectionArguments(args: readonly string[]): ReadonlySet<Section> {
    const named = args.map(arg => arg.startsWith('--only=') ? arg.slice('--only='.length) : arg).filter(arg => !arg.startsWith('-'));
    for (const name of named) {
        if (!SECTIONS.includes(name as Section)) {
            throw new Error(`a section must be one of ${SECTIONS.join(', ')}, not ${name}`);
        }
    }
    return new Set(named as Section[]);
}

async function runBenchmarks(workFolder: string): Promise<BenchResults> {
    const startedAt = new Date().toISOString();
    const fixtures = await writeFixtures(workFolder);
    const largest = fixtures[fixtures.length - 1];

    const opens: OpenMeasurement[] = [];
    for (let run = 1; run <= OPEN_RUNS; run++) {
        progress(`opening the ${largest.jobs.toLocaleString('en-US')}-job store in a fresh process (${run} of ${OPEN_RUNS})`);
        opens.push(await runChild<OpenMeasurement>('open-store-child.js', { folder: largest.folder }));
    }

    const subjects: Subject[] = [
        ...fixtures.map(fixture => ({ name: storeSubjectName(fixture.jobs), target: { kind: 'store-update' as const, folder: fixture.folder } })),
        { name: 'append', target: { kind: 'append' as const, file: path.join(workFolder, 'append.log') } }
    ];
    const samples = await measureWriteLatency(subjects);
    return summarizeRun(startedAt, fixtures, samples, opens);
}

async function writeFixtures(workFolder: string): Promise<StoreFixture[]> {
    const fixtures: StoreFixture[] = [];
    for (const jobs of STORE_JOB_COUNTS) {
        progress(`writing a store of ${jobs.toLocaleString('en-US')} jobs`);
        const folder = path.join(workFolder, `jobs-${jobs}`);
        const ids = await writeOrderStore(folder, jobs);
        fixtures.push({ jobs, orders: ids.length, folder });
    }
    flushToDisk(workFolder);
    return fixtures;
}

/** Fixture files are written without fsync; flushing them now keeps their write-back out of the measurements. */
function flushToDisk(folder: string): void {
    try {
        execFileSync('sync', ['--file-system', folder]);
    } catch (error) {
        progress(`could not flush the fixtures (${error}); the first measurements may be slower`);
    }
}

/** Each subject writes in its own process; one writes at a time, taking turns in small batches. */
async function measureWriteLatency(subjects: readonly Subject[]): Promise<Map<string, number[]>> {
    const writers: RemoteWriter[] = [];
    try {
        for (const [index, { name, target }] of subjects.entries()) {
            progress(`starting ${name}`);
            writers.push(await RemoteWriter.start(name, { ...target, seed: index + 1 }));
        }
        for (const writer of writers) {
            await writer.measure(WARM_UP_WRITES);
        }
        progress(`measuring ${MEASURED_WRITES} writes per subject`);
        const samples = new Map(writers.map(writer => [writer.name, [] as number[]]));
        for (let turn = 0; turn < MEASURED_WRITES / WRITES_PER_TURN; turn++) {
            // Rotating who goes first keeps any "first after a pause" effect from landing on one subject.
            for (const writer of rotate(writers, turn)) {
                samples.get(writer.name)!.push(...await writer.measure(WRITES_PER_TURN));
            }
        }
        return samples;
    } finally {
        await Promise.all(writers.map(writer => writer.stop()));
    }
}

function summarizeRun(startedAt: string, fixtures: readonly StoreFixture[], samples: Map<string, number[]>, opens: OpenMeasurement[]): BenchResults {
    const updates = fixtures.map(({ jobs, orders }) => ({ jobs, orders, latency: summarize(samples.get(storeSubjectName(jobs))!) }));
    const append = summarize(samples.get('append')!);
    const smallest = updates[0];
    const largest = updates[updates.length - 1];
    const ratios = {
        updateP99LargestToSmallest: largest.latency.p99 / smallest.latency.p99,
        updateP99LargestToAppend: largest.latency.p99 / append.p99
    };
    const open = {
        jobs: largest.jobs,
        runs: opens,
        medianMillis: summarize(opens.map(run => run.openMillis)).p50,
        maxRssAfterMB: megabytes(Math.max(...opens.map(run => run.rssAfter))),
        maxRssDeltaMB: megabytes(Math.max(...opens.map(run => run.rssAfter - run.rssBefore))),
        maxHeapUsedAfterMB: megabytes(Math.max(...opens.map(run => run.heapUsedAfter)))
    };
    const size = (jobs: number): string => `${jobs / 1000}k`;
    return {
        startedAt,
        environment: { node: process.version, platform: `${os.platform()} ${os.release()}`, cpus: os.cpus().length },
        documentBytes: Buffer.byteLength(JSON.stringify(sampleOrder(orderIdAt(1), JOBS_PER_ORDER))),
        updates,
        append,
        open,
        ratios,
        checks: [
            check(`update p99 @${size(largest.jobs)} / p99 @${size(smallest.jobs)} jobs`, ratios.updateP99LargestToSmallest, TARGETS.updateP99LargestToSmallest, '×'),
            check(`update p99 @${size(largest.jobs)} jobs / append p99`, ratios.updateP99LargestToAppend, TARGETS.updateP99LargestToAppend, '×'),
            check(`open time @${size(largest.jobs)} jobs (median)`, open.medianMillis, TARGETS.openMillis, 'ms'),
            check(`RSS after open @${size(largest.jobs)} jobs (max)`, open.maxRssAfterMB, TARGETS.rssMB, 'MB')
        ]
    };
}

function storeSubjectName(jobs: number): string {
    return `store-${jobs}`;
}

function rotate<T>(items: readonly T[], by: number): T[] {
    const start = by % items.length;
    return [...items.slice(start), ...items.slice(0, start)];
}

function progress(message: string): void {
    console.error(`[bench] ${message}`);
}

main().catch(error => {
    console.error(error);
    process.exitCode = 1;
});
