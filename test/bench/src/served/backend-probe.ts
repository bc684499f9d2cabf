import * as fs from 'node:fs';
import * as path from 'node:path';
import { Session } from 'node:inspector';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { BroadcastChannel, isMainThread } from 'node:worker_threads';

/**
 * Loaded into a real Presswork backend with `NODE_OPTIONS=--require <this file>` and
 * `PRESSWORK_BENCH_PROBE_FILE=<file>`: what the server itself feels, without a line of product code
 * for it. Each SIGUSR2 appends one JSON line to the file covering the time since the previous one
 * (the first signal only starts the count, and writes nothing): the event loop's delay (`monitorEventLoopDelay`), the
 * main thread's busy time (event loop utilization) and the store's durable writes by collection
 * (each one ends with a rename into `<data>/store/<collection>/`), and, on Linux, how much of the
 * interval the main thread ran on a CPU and how much it was ready to run but waited for one
 * (`/proc/thread-self/schedstat`): on a shared machine the second is what makes runs scatter.
 *
 * Only the backend's main thread is probed (start.js and worker threads load this file too), but
 * renames are counted on every thread: the group commit writes its batches on a worker thread,
 * which reports each rename to the main thread's probe on a broadcast channel.
 *
 * With `PRESSWORK_BENCH_PROFILE=<folder>` the main thread is also CPU-profiled from the first signal
 * to the second (`intake.cpuprofile`, for Chrome DevTools), to find where the time goes.
 */

export interface ProbeFigures {
    readonly at: number;
    readonly loopDelay: { readonly p50: number; readonly p99: number; readonly max: number; readonly samples: number };
    /** Milliseconds the main thread was busy, and idle, in the interval. */
    readonly busyMillis: number;
    readonly idleMillis: number;
    /** Milliseconds the main thread ran on a CPU, and waited ready to run for one (Linux only). */
    readonly scheduling?: { readonly onCpuMillis: number; readonly runQueueMillis: number };
    /** Store writes (documents made durable) by collection. */
    readonly writes: Readonly<Record<string, number>>;
}

const PROBE_FILE = process.env.PRESSWORK_BENCH_PROBE_FILE;
const PROFILE_FOLDER = process.env.PRESSWORK_BENCH_PROFILE;
const BACKEND_MAIN = path.join('backend', 'main.js');
const RENAMES_CHANNEL = 'presswork-bench-probe-renames';

if (PROBE_FILE) {
    const storeFolder = path.join(path.resolve(process.env.PRESSWORK_DATA ?? '.presswork'), 'store') + path.sep;
    if (isMainThread && process.argv[1]?.endsWith(BACKEND_MAIN)) {
        startProbe(PROBE_FILE, storeFolder);
    } else if (!isMainThread) {
        reportRenames(storeFolder);
    }
}

/** In a worker thread: each rename into the store goes to the main thread's probe. */
function reportRenames(storeFolder: string): void {
    const channel = new BroadcastChannel(RENAMES_CHANNEL);
    channel.unref();
    countRenames(storeFolder, collection => channel.postMessage(collection));
}

function startProbe(file: string, storeFolder: string): void {
    let writes: Record<string, number> = {};
    const count = (collection: string) => writes[collection] = (writes[collection] ?? 0) + 1;
    countRenames(storeFolder, count);
    const fromWorkers = new BroadcastChannel(RENAMES_CHANNEL);
    fromWorkers.unref();
    fromWorkers.onmessage = (event: unknown) => count(String((event as { data: unknown }).data));
    const delay = monitorEventLoopDelay({ resolution: 10 });
    let utilization = performance.eventLoopUtilization();
    let scheduled = mainThreadScheduling();
    let started = false;
    let signals = 0;
    const profiler = PROFILE_FOLDER ? new Session() : undefined;
    process.on('SIGUSR2', () => {
        const used = performance.eventLoopUtilization(utilization);
        const scheduledNow = mainThreadScheduling();
        if (profiler && !started) {
            profiler.connect();
            profiler.post('Profiler.enable', () => profiler.post('Profiler.start'));
        }
        if (profiler && started && signals++ === 0) {
            profiler.post('Profiler.stop', (error, result) => {
                if (!error) {
                    fs.writeFileSync(path.join(PROFILE_FOLDER!, 'intake.cpuprofile'), JSON.stringify(result.profile));
                }
            });
        }
        if (started) {
            const figures: ProbeFigures = {
                at: Date.now(),
                loopDelay: { p50: delay.percentile(50) / 1e6, p99: delay.percentile(99) / 1e6, max: delay.max / 1e6, samples: delay.count },
                busyMillis: used.active,
                idleMillis: used.idle,
                scheduling: scheduled && scheduledNow && {
                    onCpuMillis: scheduledNow.onCpuMillis - scheduled.onCpuMillis,
                    runQueueMillis: scheduledNow.runQueueMillis - scheduled.runQueueMillis
                },
                writes
            };
            fs.appendFileSync(file, JSON.stringify(figures) + '\n');
        }
        started = true;
        delay.disable();
        delay.reset();
        delay.enable();
        utilization = performance.eventLoopUtilization();
        scheduled = scheduledNow;
        writes = {};
    });
}

/** The calling thread's time on a CPU and ready in the run queue so far (ms), where Linux tells it. */
function mainThreadScheduling(): { onCpuMillis: number; runQueueMillis: number } | undefined {
    try {
        const [onCpu, runQueue] = fs.readFileSync('/proc/thread-self/schedstat', 'utf8').trim().split(' ').map(Number);
        return { onCpuMillis: onCpu / 1e6, runQueueMillis: runQueue / 1e6 };
    } catch {
        return undefined;
    }
}

/** Counts each rename into the store's folder: the last step of every durable write of a document. */
function countRenames(storeFolder: string, count: (collection: string) => void): void {
    const promises = fs.promises as { rename: typeof fs.promises.rename };
    const rename = promises.rename;
    promises.rename = async (from, to) => {
        await rename(from, to);
        const target = String(to);
        if (target.startsWith(storeFolder)) {
            count(target.slice(storeFolder.length).split(path.sep)[0]);
        }
    };
}
