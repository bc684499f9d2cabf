import { fork } from 'node:child_process';
import * as path from 'node:path';
import type { CrashBackendMessage, CrashBackendRequest } from './crash-protocol';

/** How one start of the backend ended. */
export interface BackendRun {
    /** Killed by the test before it finished its work. */
    readonly killed: boolean;
    readonly millis: number;
    /** From the start until the backend reported its work done (it exits after); undefined if it did not. */
    readonly doneMillis?: number;
    /** From the start until the store was open and the work began. */
    readonly openedMillis?: number;
    /** What the store reported when this start opened it (undefined if killed before it opened). */
    readonly problems?: readonly string[];
    /** The work's own failures, or why the process ended on its own without finishing. */
    readonly failures: readonly string[];
}

/**
 * Starts the backend on its data folder and, with `killAfterMs`, sends it SIGKILL that long after
 * the start (kill -9: no handler runs, nothing is flushed). A backend that finishes first is not
 * killed, and the run says so.
 */
export function runBackend(request: CrashBackendRequest, killAfterMs?: number, onMessage?: (message: CrashBackendMessage) => void): Promise<BackendRun> {
    const started = performance.now();
    const child = fork(path.join(__dirname, 'crash-backend-child.js'), [JSON.stringify(request)], { stdio: ['ignore', 'inherit', 'pipe', 'ipc'] });
    let problems: readonly string[] | undefined;
    let openedMillis: number | undefined;
    let done: readonly string[] | undefined;
    let doneMillis: number | undefined;
    let killed = false;
    let stderr = '';
    child.stderr?.on('data', chunk => stderr = (stderr + String(chunk)).slice(-4000));
    child.on('message', (message: CrashBackendMessage) => {
        onMessage?.(message);
        if (message.kind === 'opened') {
            problems = message.problems;
            openedMillis = performance.now() - started;
        } else if (message.kind === 'done') {
            done = message.failures;
            doneMillis = performance.now() - started;
        }
    });
    const timer = killAfterMs === undefined ? undefined : setTimeout(() => {
        if (done === undefined && child.exitCode === null) {
            killed = child.kill('SIGKILL');
        }
    }, killAfterMs);
    return new Promise(resolve => child.once('exit', (code, signal) => {
        clearTimeout(timer);
        const failures = done ?? (killed ? [] : [`the backend ended (code ${code}, signal ${signal}) before it finished: ${stderr.trim()}`]);
        resolve({ killed: killed && done === undefined, millis: performance.now() - started, doneMillis, openedMillis, problems, failures });
    }));
}

/** What a scenario does in one round: prepare a fresh folder, then check the outcome once the work is done. */
export interface CrashScenario<P> {
    readonly name: string;
    /** Prepares the round's data folder; returns the backend's work and what the checks need. */
    prepare(round: number): Promise<{ request: CrashBackendRequest; plan: P }>;
    /** Checked after every kill, before the restart: what must hold at any instant (captures ≤ 1). */
    afterKill(plan: P): Promise<string[]>;
    /** What the backend reports while it works (the writes it had acknowledged), for `afterKill` and `verify`. */
    onMessage?(plan: P, message: CrashBackendMessage): void;
    /** The outcome once the backend finished its work after the kills. */
    verify(plan: P): Promise<RoundOutcome>;
    dispose(): Promise<void>;
}

export interface RoundOutcome {
    readonly orders: number;
    readonly jobs: number;
    readonly duplicates: number;
    readonly lost: number;
    readonly stuck: number;
    readonly doubleCaptures: number;
    /** Acknowledged writes checked against the store after the kills (group commit). */
    readonly acknowledgedWrites?: number;
    /** Deliveries received again under the same Idempotency-Key after a kill (notify): at-least-once, not a violation. */
    readonly atLeastOnceRepeats?: number;
    readonly violations: readonly string[];
}

export interface RoundResult extends RoundOutcome {
    readonly round: number;
    readonly kills: number;
    readonly killedAtMs: readonly number[];
    readonly restarts: number;
    readonly millis: number;
}

export interface ScenarioResult {
    readonly name: string;
    /** An uninterrupted run, until its work was done: its time sets the range of kill instants. */
    readonly calibrationMillis: number;
    readonly rounds: readonly RoundResult[];
}

/**
 * One uninterrupted run first (its times bound the kill instants, and its outcome must be clean),
 * then the rounds: each kills the backend once or twice at random instants of its work (after the
 * store opened), starts it again on the same folder until it finishes, and checks the outcome.
 */
export async function runScenario<P>(scenario: CrashScenario<P>, rounds: number, random: () => number, progress: (message: string) => void): Promise<ScenarioResult> {
    try {
        return await runRounds(scenario, rounds, random, progress);
    } finally {
        // Also when a round throws: a scenario's simulator left listening would keep the run from ever ending.
        await scenario.dispose();
    }
}

async function runRounds<P>(scenario: CrashScenario<P>, rounds: number, random: () => number, progress: (message: string) => void): Promise<ScenarioResult> {
    const calibration = await scenario.prepare(0);
    const clean = await runBackend(calibration.request, undefined, message => scenario.onMessage?.(calibration.plan, message));
    const cleanOutcome = await scenario.verify(calibration.plan);
    const cleanViolations = [...clean.failures, ...(clean.problems ?? []), ...cleanOutcome.violations];
    if (cleanViolations.length > 0) {
        throw new Error(`${scenario.name}: the uninterrupted run is not clean: ${cleanViolations.slice(0, 5).join('; ')}`);
    }
    const opening = clean.openedMillis ?? 0;
    progress(`${scenario.name}: uninterrupted run ${(workTime(clean) / 1000).toFixed(1)} s; ${rounds} rounds of kills`);
    const results: RoundResult[] = [];
    // The latest kill instant: when the uninterrupted run's work was done (not when its process ended), or a
    // round's shorter uninterrupted first run (a slow first run, on a busy machine, would otherwise draw
    // most instants after later rounds ended).
    let workMillis = workTime(clean);
    for (let round = 1; round <= rounds; round++) {
        const started = performance.now();
        const { request, plan } = await scenario.prepare(round);
        const violations: string[] = [];
        const killedAtMs: number[] = [];
        let finished: BackendRun | undefined;
        const wantedKills = random() < 0.5 ? 1 : 2;
        for (let kill = 0; kill < wantedKills && !finished; kill++) {
            // While the work runs: from the store's opening (as long as it took uninterrupted) to the end.
            const at = Math.round(opening + random() * (workMillis - opening));
            const run = await runBackend(request, at, message => scenario.onMessage?.(plan, message));
            if (kill === 0 && !run.killed) {
                workMillis = Math.max(opening + 1, Math.min(workMillis, workTime(run)));
            }
            violations.push(...storeProblems(run));
            if (run.killed) {
                killedAtMs.push(at);
                violations.push(...await scenario.afterKill(plan));
            } else {
                finished = run;
            }
        }
        if (!finished) {
            finished = await runBackend(request, undefined, message => scenario.onMessage?.(plan, message));
            violations.push(...storeProblems(finished));
        }
        violations.push(...finished.failures);
        const outcome = await scenario.verify(plan);
        const result: RoundResult = {
            round, kills: killedAtMs.length, killedAtMs, restarts: killedAtMs.length, millis: performance.now() - started,
            ...outcome, violations: [...violations, ...outcome.violations]
        };
        results.push(result);
        progress(`${scenario.name} round ${round}: killed at ${killedAtMs.map(ms => `${ms} ms`).join(', ') || '(finished before the kill)'}; `
            + `${result.violations.length === 0 ? 'ok' : `${result.violations.length} VIOLATIONS: ${result.violations.slice(0, 3).join('; ')}`}`);
    }
    return { name: scenario.name, calibrationMillis: workTime(clean), rounds: withKillsChecked(results) };
}

/**
 * Rounds of which none was killed proved nothing: every one finished before its kill instant (as
 * when a backend lingered a minute after its work, and that minute set the range of instants).
 */
function withKillsChecked(rounds: readonly RoundResult[]): RoundResult[] {
    if (rounds.length < 2 || rounds.some(round => round.kills > 0)) {
        return [...rounds];
    }
    const last = rounds[rounds.length - 1];
    const unkilled = `no kill landed in any of the ${rounds.length} rounds: each finished before its kill instant, so nothing was checked after a crash`;
    return [...rounds.slice(0, -1), { ...last, violations: [...last.violations, unkilled] }];
}

function workTime(run: BackendRun): number {
    return run.doneMillis ?? run.millis;
}

/** What the store reported when the backend opened it: after a kill, it must open clean. */
function storeProblems(run: BackendRun): string[] {
    return (run.problems ?? []).map(problem => `the store reported a problem at start: ${problem}`);
}
