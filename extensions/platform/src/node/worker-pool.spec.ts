import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { WorkerFailureError, WorkerPool } from './worker-pool';

const SCRIPTED_WORKER = join(__dirname, 'test', 'scripted-worker.js');
/** Small, so that exhausting it is quick; still room for the workers' own modules. */
const SMALL_HEAP_MB = 32;

describe('WorkerPool', function () {
    this.timeout(20_000);

    let pool: WorkerPool<string, string>;

    beforeEach(() => {
        pool = new WorkerPool({ file: SCRIPTED_WORKER, size: 1, maxOldGenerationSizeMb: SMALL_HEAP_MB });
    });

    afterEach(() => pool.close());

    it('fails only the task whose worker crashed, and runs the next task in a new worker', async () => {
        assert.equal(await pool.run('one'), 'echo one');
        const waiting = pool.run('after the crash');
        await assert.rejects(pool.run('crash').then(() => pool.run('unreached')), (error: WorkerFailureError) =>
            error instanceof WorkerFailureError && error.reason === 'crashed' && /scripted crash/.test(error.message));
        assert.equal(await waiting, 'echo after the crash');
        assert.equal(await pool.run('two'), 'echo two');
        assert.equal(pool.workerCount, 1, 'the dead worker was replaced, not added to');
    });

    it('ends a worker that exhausts its memory limit, with that reason, and lives on', async () => {
        await assert.rejects(pool.run('exhaust-memory'), (error: WorkerFailureError) =>
            error instanceof WorkerFailureError && error.reason === 'out-of-memory' && error.message.includes(`${SMALL_HEAP_MB} MB`));
        assert.equal(await pool.run('three'), 'echo three');
    });

    it('hands on the parts a worker sends before its answer, in order', async () => {
        const parts: string[] = [];
        const progressing = new WorkerPool<string, string, string>({ file: SCRIPTED_WORKER, size: 1, maxOldGenerationSizeMb: SMALL_HEAP_MB });
        try {
            assert.equal(await progressing.run('in parts', [], part => parts.push(part)), 'echo in parts');
            assert.deepEqual(parts, ['part 1', 'part 2', 'part 3']);
            assert.equal(await progressing.run('in parts'), 'echo in parts', 'without a listener the parts are dropped');
        } finally {
            await progressing.close();
        }
    });

    it('fails the task with what its part listener threw, once the worker is done with it, and runs the next', async () => {
        const progressing = new WorkerPool<string, string, string>({ file: SCRIPTED_WORKER, size: 1, maxOldGenerationSizeMb: SMALL_HEAP_MB });
        try {
            const seen: string[] = [];
            await assert.rejects(progressing.run('in parts', [], part => {
                seen.push(part);
                throw new Error(`cannot take ${part}`);
            }), /cannot take part 1/);
            assert.deepEqual(seen, ['part 1'], 'no part is handed on after a failure');
            assert.equal(await progressing.run('next'), 'echo next');
            assert.equal(progressing.workerCount, 1, 'the worker lives on');
        } finally {
            await progressing.close();
        }
    });

    it('runs tasks in order when they outnumber the workers', async () => {
        const answers = await Promise.all(['a', 'b', 'c', 'd'].map(task => pool.run(task)));
        assert.deepEqual(answers, ['echo a', 'echo b', 'echo c', 'echo d']);
    });

    it('starts one worker ahead of the first task when warmed, which that task then uses', async () => {
        pool.warm();
        pool.warm();
        assert.equal(pool.workerCount, 1, 'warmed once, whatever the calls');
        assert.equal(await pool.run('after warming'), 'echo after warming');
        assert.equal(pool.workerCount, 1, 'the task ran in the warmed worker');
    });

    it('warms nothing once closed', async () => {
        const closing = new WorkerPool<string, string>({ file: SCRIPTED_WORKER, size: 1, maxOldGenerationSizeMb: SMALL_HEAP_MB });
        await closing.close();
        closing.warm();
        assert.equal(closing.workerCount, 0);
    });

    it('keeps one worker for many tasks instead of starting one a task', async () => {
        for (let task = 0; task < 20; task++) {
            assert.equal(await pool.run(`task ${task}`), `echo task ${task}`);
        }
        assert.equal(pool.workerCount, 1);
    });

    it('ends the worker of a task that runs past the time limit, fails only that task, and runs the next', async () => {
        const timed = new WorkerPool<string, string>({ file: SCRIPTED_WORKER, size: 1, maxOldGenerationSizeMb: SMALL_HEAP_MB, taskTimeoutMs: 3_000 });
        try {
            assert.equal(await timed.run('quick'), 'echo quick', 'a task within the limit is answered');
            const hanging = timed.run('hang');
            const waiting = timed.run('after the hang');
            await assert.rejects(hanging, (error: WorkerFailureError) =>
                error instanceof WorkerFailureError && error.reason === 'timed-out' && /took longer than 3 seconds/.test(error.message));
            assert.equal(await waiting, 'echo after the hang');
            assert.equal(timed.workerCount, 1, 'the stuck worker was ended and replaced');
        } finally {
            await timed.close();
        }
    });

    it('ends a worker left idle past the idle limit, and starts one for the next task', async () => {
        const idling = new WorkerPool<string, string>({ file: SCRIPTED_WORKER, size: 1, maxOldGenerationSizeMb: SMALL_HEAP_MB, idleMs: 100 });
        try {
            assert.equal(await idling.run('first'), 'echo first');
            assert.equal(idling.workerCount, 1);
            await new Promise(resolve => setTimeout(resolve, 400));
            assert.equal(idling.workerCount, 0, 'the idle worker was ended');
            assert.equal(await idling.run('second'), 'echo second');
        } finally {
            await idling.close();
        }
    });

    it('drops what a quiet pool\'s workers print', async () => {
        const quiet = new WorkerPool<string, string>({ file: SCRIPTED_WORKER, size: 1, maxOldGenerationSizeMb: SMALL_HEAP_MB, quiet: true });
        const printed: string[] = [];
        const write = process.stdout.write;
        const writeError = process.stderr.write;
        process.stdout.write = ((chunk: string) => printed.push(String(chunk)) > 0) as typeof process.stdout.write;
        process.stderr.write = ((chunk: string) => printed.push(String(chunk)) > 0) as typeof process.stderr.write;
        try {
            assert.equal(await quiet.run('print'), 'echo print');
            await new Promise(resolve => setTimeout(resolve, 100));
        } finally {
            process.stdout.write = write;
            process.stderr.write = writeError;
            await quiet.close();
        }
        assert.deepEqual(printed.filter(line => /by the worker/.test(line)), []);
    });

    for (const quiet of [false, true]) {
        it(`lets the process end while its ${quiet ? 'quiet ' : ''}worker is idle`, async () => {
            // A process whose pool answered a task and keeps its worker idle for a minute, then has nothing else to do.
            const script = `
                const { WorkerPool } = require(${JSON.stringify(join(__dirname, 'worker-pool.js'))});
                const pool = new WorkerPool({ file: ${JSON.stringify(SCRIPTED_WORKER)}, size: 1, maxOldGenerationSizeMb: ${SMALL_HEAP_MB}, idleMs: 60000, quiet: ${quiet} });
                pool.run('print').then(answer => process.send(answer));`;
            const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
            const printed: string[] = [];
            child.stdout?.on('data', chunk => printed.push(String(chunk)));
            child.stderr?.on('data', chunk => printed.push(String(chunk)));
            const answer = await new Promise(resolve => child.once('message', resolve));
            child.disconnect();
            const exitCode = await new Promise(resolve => {
                const timer = setTimeout(() => {
                    child.kill('SIGKILL');
                    resolve('still running 5 s after its last task');
                }, 5_000);
                child.once('exit', code => {
                    clearTimeout(timer);
                    resolve(code);
                });
            });
            assert.equal(answer, 'echo print');
            assert.equal(exitCode, 0);
            assert.equal(printed.some(text => /by the worker/.test(text)), !quiet, printed.join(''));
        });
    }
});
