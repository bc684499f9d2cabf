import { fork } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { nextMessage } from './child-process';

/**
 * The workflow engine end to end: 10,000 jobs (one an order, each with a 4 KB print file) wait as
 * Received in workflow "Bench" (Create Job → Copy to Folder → Print to a hot folder → Remove).
 * In a fresh process built like the backend (an inversify container with the supplied activities),
 * the engine starts and the clock runs until every job is removed. Memory is sampled throughout.
 * The baseline, measured in the same process after the engine, is the store alone: `modify` of
 * the same order documents, as many writes a job as the engine made, 8 orders at a time.
 */

export const ENGINE_JOBS = 10_000;
export const ENGINE_CONCURRENCY = 8;
export const PRINT_FILE_BYTES = 4 * 1024;
/** Gives up if the engine has not removed every job by then. */
const ENGINE_TIMEOUT_MS = 5 * 60_000;
const MEMORY_SAMPLE_MS = 200;

const TARGETS = {
    jobsPerSecond: 300,
    /** Heap after gc at the end minus at the start, per finished job: flat means no growth. */
    heapGrowthBytesPerJob: 0
};

// ---- what the child is asked and answers ----

export interface EngineChildRequest {
    readonly folder: string;
    readonly jobs: number;
    readonly concurrency: number;
    readonly printFileBytes: number;
    readonly timeoutMs: number;
    readonly memorySampleMs: number;
}

export interface MemorySample {
    /** Milliseconds since the engine started. */
    readonly millis: number;
    readonly rss: number;
    readonly heapUsed: number;
}

/** Taken when a quarter, half, … of the jobs were removed: the heap after a full gc. */
export interface ProgressMark {
    readonly removedJobs: number;
    readonly millis: number;
    readonly heapUsedAfterGc: number;
}

/** Time spent in one kind of call while the engine ran, summed over all calls. */
export interface TimeSpent {
    readonly name: string;
    readonly calls: number;
    readonly millis: number;
}

/** What the child counted at the end: every job removed, with its files where they belong. */
const OUTCOME_FIELDS = ['removedJobs', 'auditFiles', 'hotFolderFiles', 'hotFolderTickets', 'copiedFiles', 'jobFoldersLeft', 'ordersWithJobsLeft', 'loggedErrors'] as const;
type OutcomeField = typeof OUTCOME_FIELDS[number];

export interface EngineChildResult {
    readonly jobs: number;
    readonly fixtureMillis: number;
    readonly openMillis: number;
    /** From `engine.start()` until the last job was removed. */
    readonly engineMillis: number;
    readonly firstRemovalMillis: number;
    /** Durable writes of order documents the engine made (store.onDidChange). */
    readonly orderWrites: number;
    readonly removedJobs: number;
    readonly auditFiles: number;
    readonly hotFolderFiles: number;
    /** The JDF ticket the hot folder device writes beside each print file. */
    readonly hotFolderTickets: number;
    readonly copiedFiles: number;
    readonly jobFoldersLeft: number;
    readonly ordersWithJobsLeft: number;
    readonly loggedErrors: number;
    readonly heapUsedAfterGcStart: number;
    readonly heapUsedAfterGcEnd: number;
    readonly rssStart: number;
    readonly rssEnd: number;
    readonly peakRss: number;
    readonly peakHeapUsed: number;
    readonly marks: readonly ProgressMark[];
    readonly samples: readonly MemorySample[];
    readonly timeSpent: readonly TimeSpent[];
    /** CPU time of the whole process (main thread and libuv's thread pool) while the engine ran. */
    readonly cpu: CpuTime;
    readonly baseline: {
        readonly millis: number;
        readonly writes: number;
        readonly orders: number;
        readonly concurrency: number;
        readonly cpu: CpuTime;
    };
}

export interface CpuTime {
    readonly userMillis: number;
    readonly systemMillis: number;
}

// ---- results ----

export interface EngineCheck {
    readonly name: string;
    readonly target: string;
    readonly actual: number;
    readonly unit: string;
    readonly met: boolean;
}

export interface EngineResults {
    readonly startedAt: string;
    readonly environment: { readonly node: string; readonly platform: string; readonly cpus: number };
    readonly workflow: string;
    readonly jobs: number;
    readonly concurrency: number;
    readonly printFileBytes: number;
    readonly fixtureMillis: number;
    readonly openMillis: number;
    readonly engine: {
        readonly millis: number;
        readonly jobsPerSecond: number;
        readonly firstRemovalMillis: number;
        readonly orderWrites: number;
        readonly writesPerJob: number;
        readonly writesPerSecond: number;
        readonly cpu: CpuTime;
    };
    readonly baseline: {
        readonly millis: number;
        readonly jobsPerSecond: number;
        readonly writes: number;
        readonly writesPerSecond: number;
        readonly cpu: CpuTime;
    };
    readonly ratios: { readonly engineToBaseline: number };
    /** Slot time a job took (concurrency × engine time ÷ jobs), and what in it was timed. */
    readonly slotTime: {
        readonly millisPerJob: number;
        readonly parts: readonly TimeSpent[];
    };
    readonly outcome: Pick<EngineChildResult, OutcomeField>;
    readonly memory: {
        readonly heapUsedAfterGcStartMB: number;
        readonly heapUsedAfterGcEndMB: number;
        readonly heapGrowthBytesPerJob: number;
        readonly rssStartMB: number;
        readonly rssEndMB: number;
        readonly peakRssMB: number;
        readonly peakHeapUsedMB: number;
        readonly marks: readonly ProgressMark[];
        readonly samples: readonly MemorySample[];
    };
    readonly profile?: string;
    readonly checks: readonly EngineCheck[];
}

export interface EngineBenchmarkOptions {
    /** Runs the child with `--cpu-prof`, writing the profile into this folder. */
    readonly profileFolder?: string;
    /** Slots of the engine and writers of the baseline; default ENGINE_CONCURRENCY. */
    readonly concurrency?: number;
}

export async function runEngineBenchmark(workFolder: string, progress: (message: string) => void, options: EngineBenchmarkOptions = {}): Promise<EngineResults> {
    const startedAt = new Date().toISOString();
    const concurrency = options.concurrency ?? ENGINE_CONCURRENCY;
    progress(`engine: ${ENGINE_JOBS.toLocaleString('en-US')} jobs through Create Job → Copy to Folder → Print (hot folder) → Remove, ${concurrency} at a time`);
    const request: EngineChildRequest = {
        folder: path.join(workFolder, 'engine'), jobs: ENGINE_JOBS, concurrency,
        printFileBytes: PRINT_FILE_BYTES, timeoutMs: ENGINE_TIMEOUT_MS, memorySampleMs: MEMORY_SAMPLE_MS
    };
    const execArgv = ['--expose-gc'];
    if (options.profileFolder) {
        await fs.mkdir(options.profileFolder, { recursive: true });
        execArgv.push('--cpu-prof', `--cpu-prof-dir=${options.profileFolder}`);
    }
    const child = fork(path.join(__dirname, 'engine-child.js'), [JSON.stringify(request)], { execArgv });
    const exited = new Promise<void>(resolve => child.once('exit', () => resolve()));
    const measured = await nextMessage<EngineChildResult>(child, 'engine-child.js');
    await exited;
    return summarize(startedAt, measured, options.profileFolder);
}

function summarize(startedAt: string, measured: EngineChildResult, profileFolder: string | undefined): EngineResults {
    const { jobs } = measured;
    const perSecond = (count: number, millis: number): number => count / (millis / 1000);
    const engine = {
        millis: measured.engineMillis,
        jobsPerSecond: perSecond(measured.removedJobs, measured.engineMillis),
        firstRemovalMillis: measured.firstRemovalMillis,
        orderWrites: measured.orderWrites,
        writesPerJob: measured.orderWrites / jobs,
        writesPerSecond: perSecond(measured.orderWrites, measured.engineMillis),
        cpu: measured.cpu
    };
    const baseline = {
        millis: measured.baseline.millis,
        jobsPerSecond: perSecond(measured.baseline.orders, measured.baseline.millis),
        writes: measured.baseline.writes,
        writesPerSecond: perSecond(measured.baseline.writes, measured.baseline.millis),
        cpu: measured.baseline.cpu
    };
    const heapGrowthBytesPerJob = (measured.heapUsedAfterGcEnd - measured.heapUsedAfterGcStart) / jobs;
    const allDone = measured.removedJobs === jobs && measured.auditFiles === jobs && measured.hotFolderFiles === jobs && measured.hotFolderTickets === jobs
        && measured.copiedFiles === jobs && measured.jobFoldersLeft === 0 && measured.ordersWithJobsLeft === 0;
    return {
        startedAt,
        environment: { node: process.version, platform: `${os.platform()} ${os.release()}`, cpus: os.cpus().length },
        workflow: 'Bench: Receive [Create Job], Prepare [Copy to Folder], Print [Print → hot folder], Complete [Remove]',
        jobs,
        concurrency: measured.baseline.concurrency,
        printFileBytes: PRINT_FILE_BYTES,
        fixtureMillis: measured.fixtureMillis,
        openMillis: measured.openMillis,
        engine,
        baseline,
        ratios: { engineToBaseline: engine.jobsPerSecond / baseline.jobsPerSecond },
        slotTime: { millisPerJob: measured.baseline.concurrency * measured.engineMillis / jobs, parts: measured.timeSpent },
        outcome: Object.fromEntries(OUTCOME_FIELDS.map(field => [field, measured[field]])) as Pick<EngineChildResult, OutcomeField>,
        memory: {
            heapUsedAfterGcStartMB: megabytes(measured.heapUsedAfterGcStart),
            heapUsedAfterGcEndMB: megabytes(measured.heapUsedAfterGcEnd),
            heapGrowthBytesPerJob,
            rssStartMB: megabytes(measured.rssStart),
            rssEndMB: megabytes(measured.rssEnd),
            peakRssMB: megabytes(measured.peakRss),
            peakHeapUsedMB: megabytes(measured.peakHeapUsed),
            marks: measured.marks,
            samples: measured.samples
        },
        profile: profileFolder,
        checks: [
            {
                name: 'every job removed (audit record, hot folder file and its JDF ticket, copy; no job folder left)', target: `${number(jobs, 0)} jobs`,
                actual: measured.removedJobs, unit: 'jobs', met: allDone && measured.loggedErrors === 0
            },
            {
                name: 'engine throughput', target: `≥ ${number(TARGETS.jobsPerSecond, 0)} jobs/s`,
                actual: engine.jobsPerSecond, unit: 'jobs/s', met: engine.jobsPerSecond >= TARGETS.jobsPerSecond
            },
            {
                name: 'heap after gc, end − start, per finished job (flat memory)', target: `≤ ${number(TARGETS.heapGrowthBytesPerJob, 0)} bytes`,
                actual: heapGrowthBytesPerJob, unit: 'bytes', met: heapGrowthBytesPerJob <= TARGETS.heapGrowthBytesPerJob
            }
        ]
    };
}

function cpuPerJob(cpu: CpuTime, jobs: number): string {
    return `${number((cpu.userMillis + cpu.systemMillis) / jobs)} (${number(cpu.userMillis / jobs)} + ${number(cpu.systemMillis / jobs)})`;
}

function megabytes(bytes: number): number {
    return bytes / (1024 * 1024);
}

// ---- report ----

const number = (value: number, digits = 2): string => value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

export function formatEngineReport(results: EngineResults): string {
    const { engine, baseline, memory, outcome } = results;
    const marks = memory.marks.map(mark => [
        `${number(mark.removedJobs, 0)} jobs removed`, number(mark.millis / 1000, 1), number(mark.heapUsedAfterGc / 1048576, 1)
    ]);
    return [
        `Workflow engine: ${number(results.jobs, 0)} Received jobs (one an order, ${number(results.printFileBytes / 1024, 0)} KB print file each), `
        + `${results.concurrency} at a time, until every job is removed`,
        `  ${results.workflow}`,
        table(['part', 'seconds', 'writes', 'writes/job', 'CPU ms/job (user + sys)', 'jobs/s'], [
            ['engine: start → last job removed', number(engine.millis / 1000, 1), number(engine.orderWrites, 0), number(engine.writesPerJob),
                cpuPerJob(engine.cpu, results.jobs), number(engine.jobsPerSecond, 0)],
            [`baseline: store.modify of the same orders, ${results.concurrency} at a time`, number(baseline.millis / 1000, 1), number(baseline.writes, 0),
                number(baseline.writes / results.jobs), cpuPerJob(baseline.cpu, results.jobs), number(baseline.jobsPerSecond, 0)]
        ]),
        `  CPU while the engine ran: ${number((engine.cpu.userMillis + engine.cpu.systemMillis) / engine.millis, 2)} cores busy `
        + `(of ${results.environment.cpus}); baseline ${number((baseline.cpu.userMillis + baseline.cpu.systemMillis) / baseline.millis, 2)}`,
        `  engine / baseline: ${number(results.ratios.engineToBaseline)} × (durable order writes/s: engine ${number(engine.writesPerSecond, 0)}, baseline ${number(baseline.writesPerSecond, 0)})`,
        `  first job removed after ${number(engine.firstRemovalMillis / 1000, 2)} s; fixtures written in ${number(results.fixtureMillis / 1000, 1)} s; `
        + `store opened (${number(results.jobs, 0)} orders) in ${number(results.openMillis / 1000, 1)} s`,
        '',
        `Where a job's slot time goes (${results.concurrency} slots; mean per job)`,
        table(['part', 'calls/job', 'ms/call', 'ms/job', 'share'], [
            ...results.slotTime.parts.map(part => [
                part.name, number(part.calls / results.jobs), number(part.millis / part.calls), number(part.millis / results.jobs),
                `${number(100 * part.millis / results.jobs / results.slotTime.millisPerJob, 0)} %`
            ]),
            ['slot time per job (slots × engine time ÷ jobs)', '', '', number(results.slotTime.millisPerJob), '100 %']
        ]),
        '  (the Printing state is written while the hot folder copy runs, and a modify that writes nothing mostly waits for the',
        '  write before it outside the slot, so the parts add up to more than the slot time)',
        `  outcome: ${number(outcome.removedJobs, 0)} removed, ${number(outcome.auditFiles, 0)} audit files, ${number(outcome.hotFolderFiles, 0)} print files and ${number(outcome.hotFolderTickets, 0)} JDF tickets in the hot folder, `
        + `${number(outcome.copiedFiles, 0)} copies, ${number(outcome.jobFoldersLeft, 0)} job folders left, ${number(outcome.ordersWithJobsLeft, 0)} orders with jobs left, `
        + `${number(outcome.loggedErrors, 0)} errors logged`,
        '',
        `Memory (sampled every ${MEMORY_SAMPLE_MS} ms; heap after a full gc)`,
        table(['', 'MB'], [
            ['heap after gc, before start', number(memory.heapUsedAfterGcStartMB, 1)],
            ['heap after gc, all jobs removed', number(memory.heapUsedAfterGcEndMB, 1)],
            ['heap used, peak', number(memory.peakHeapUsedMB, 1)],
            ['RSS before start', number(memory.rssStartMB, 1)],
            ['RSS, peak', number(memory.peakRssMB, 1)],
            ['RSS at the end', number(memory.rssEndMB, 1)]
        ]),
        table(['heap after gc as jobs finish', 'second', 'MB'], marks),
        `  heap growth per finished job: ${number(memory.heapGrowthBytesPerJob, 0)} bytes (negative: the removed jobs' documents were freed)`,
        ...(results.profile ? [`  CPU profile written to ${results.profile}`] : []),
        '',
        'Targets',
        table(['check', 'target', 'actual', ''], results.checks.map(check => [
            check.name, check.target, `${number(check.actual, 0)} ${check.unit}`, check.met ? 'met' : 'MISSED'
        ])),
        ''
    ].join('\n');
}

/** Left-aligns the first column and right-aligns the others. */
function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
    const widths = header.map((title, column) => Math.max(title.length, ...rows.map(row => row[column].length)));
    const line = (cells: readonly string[]): string =>
        '  ' + cells.map((cell, column) => column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column])).join('   ');
    return [line(header), line(widths.map(width => '-'.repeat(width))), ...rows.map(line)].join('\n');
}
