import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { z } from 'zod';
import { RunExternalApplicationPropertiesSchema } from '../../common/supplied-activities';
import { ProcessRunner } from './process-runner';
import { RunExternalApplicationActivityContribution } from './run-external-application-activity';
import { eventually } from '@presswork/platform/lib/node/test/eventually';
import { inject } from '@presswork/platform/lib/node/test/inject';
import { TempFolder } from '@presswork/platform/lib/node/test/temp-store';
import { RecordingContext, activityContext, logText, orderWithJob, writeJobFiles } from '@presswork/platform/lib/node/test/activity-context';

type Properties = z.infer<typeof RunExternalApplicationPropertiesSchema>;

describe('Run External Application activity', function (): void {
    this.timeout(20_000);

    let temp: TempFolder;
    let activity: RunExternalApplicationActivityContribution;

    beforeEach(async () => {
        temp = await TempFolder.create();
        activity = inject(new RunExternalApplicationActivityContribution(), { runner: new ProcessRunner() });
    });

    afterEach(async () => {
        await temp.remove();
    });

    function properties(input: z.input<typeof RunExternalApplicationPropertiesSchema>): Properties {
        return RunExternalApplicationPropertiesSchema.parse(input);
    }

    function contextFor(props: Properties, jobChange: Parameters<typeof orderWithJob>[0] = {}, signal?: AbortSignal): RecordingContext<Properties> {
        const { order, job } = orderWithJob(jobChange);
        return activityContext(props, { order, job, jobFolder: temp.join('jobs', job.id), signal });
    }

    it('passes a job name full of shell syntax as one literal argument: no shell reads it', async () => {
        const name = '; rm -rf / $(whoami) `x` && touch pwned | cat > out "q" \'s\' *';
        const context = contextFor(properties({ program: '/bin/sh', arguments: ['-c', 'echo "$1"', 'sh', '{job.name}'] }), { name });

        const outcome = await activity.execute(context);

        assert.deepEqual(outcome, { kind: 'continue' });
        assert.ok(context.logged.some(line => line.message === `Output (stdout):\n${name}`), logText(context));
        assert.deepEqual(await fs.readdir(context.jobFolder), [], 'nothing was created by the text in the name');
    });

    it('replaces the placeholders inside each argument without splitting it', async () => {
        const context = contextFor(properties({
            program: '/bin/sh',
            arguments: ['-c', 'printf "[%s]" "$@"', 'sh', 'id={job.id} order={order.number}', '{file}', '{folder}', 'two words', '{unknown} {folder}x']
        }));
        await writeJobFiles(context.jobFolder, { [context.job.files[0].name]: 'pdf' });

        const outcome = await activity.execute(context);

        assert.equal(outcome.kind, 'continue');
        const folder = context.jobFolder;
        const file = path.join(folder, context.job.files[0].name);
        assert.ok(logText(context).includes(
            `[id=${context.job.id} order=${context.order.orderNumber}][${file}][${folder}][two words][{unknown} ${folder}x]`), logText(context));
    });

    it('does not expand a placeholder that a job value brings in', async () => {
        const context = contextFor(properties({ program: '/bin/echo', arguments: ['{job.name}'] }), { name: '{folder}' });

        await activity.execute(context);

        assert.ok(context.logged.some(line => line.message === 'Output (stdout):\n{folder}'), logText(context));
    });

    it('runs in the job folder, creating it when missing', async () => {
        const context = contextFor(properties({ program: '/bin/pwd' }));
        await assert.rejects(fs.stat(context.jobFolder));

        const outcome = await activity.execute(context);

        assert.equal(outcome.kind, 'continue');
        assert.ok((await fs.stat(context.jobFolder)).isDirectory());
        const folder = await fs.realpath(context.jobFolder);
        assert.ok(context.logged.some(line => line.message === `Output (stdout):\n${folder}`), logText(context));
    });

    it('fails on a return code not listed as success, and continues on one that is', async () => {
        const failing = contextFor(properties({ program: '/bin/sh', arguments: ['-c', 'echo broken >&2; exit 3'] }));
        const failed = await activity.execute(failing);
        assert.deepEqual(failed, { kind: 'fail', message: '/bin/sh ended with return code 3, which is not a success code (0)' });
        assert.ok(failing.logged.some(line => line.level === 'warning' && line.message === 'Output (stderr):\nbroken'), logText(failing));

        const accepted = contextFor(properties({ program: '/bin/sh', arguments: ['-c', 'exit 3'], successCodes: [0, 3] }));
        assert.deepEqual(await activity.execute(accepted), { kind: 'continue' });
        assert.match(logText(accepted), /ended with return code 3/);
    });

    it('stops the program and everything it started at the timeout, and fails', async () => {
        const context = contextFor(properties({
            program: '/bin/sh', arguments: ['-c', 'sleep 30 & echo $! > child.pid; echo started; wait'], timeoutSeconds: 1
        }));
        const started = Date.now();

        const outcome = await activity.execute(context);

        assert.deepEqual(outcome, { kind: 'fail', message: '/bin/sh timed out after 1 s and was stopped' });
        assert.ok(Date.now() - started < 5000, 'it did not wait for the sleep');
        assert.match(logText(context), /started/);
        const child = Number(await fs.readFile(path.join(context.jobFolder, 'child.pid'), 'utf8'));
        await eventually(() => !isRunning(child), 5000, 'the background child to be killed');
    });

    it('keeps only the last bytes of a long output', async () => {
        const context = contextFor(properties({ program: '/bin/sh', arguments: ['-c', 'head -c 200000 /dev/zero | tr "\\000" a; echo; echo THE-END'] }));

        await activity.execute(context);

        const output = context.logged.filter(line => line.message.startsWith('Output (stdout'));
        const kept = output.map(line => line.message.slice(line.message.indexOf('\n') + 1)).join('');
        assert.ok(kept.length <= activity.outputLimitBytes && kept.length > activity.outputLimitBytes - 100, `${kept.length} characters kept`);
        assert.ok(kept.endsWith('THE-END'));
        assert.match(output[0].message, /^Output \(stdout, its first \d+ bytes left out\):/);
        assert.ok(output.every(line => line.message.length <= 4000));
    });

    it('does not hand the server\'s own environment to the program', async () => {
        const before = process.env.PRESSWORK_ADMIN_PASSWORD;
        process.env.PRESSWORK_ADMIN_PASSWORD = 'secret-admin-password';
        try {
            const context = contextFor(properties({ program: '/usr/bin/env' }));
            await activity.execute(context);
            assert.doesNotMatch(logText(context), /secret-admin-password/);
            assert.match(logText(context), /PATH=/);
        } finally {
            if (before === undefined) {
                delete process.env.PRESSWORK_ADMIN_PASSWORD;
            } else {
                process.env.PRESSWORK_ADMIN_PASSWORD = before;
            }
        }
    });

    it('fails with the reason when the program cannot be started', async () => {
        const context = contextFor(properties({ program: temp.join('no-such-program') }));

        const outcome = await activity.execute(context);

        assert.equal(outcome.kind, 'fail');
        assert.match((outcome as { message: string }).message, /could not be started: .*ENOENT/);
    });

    it('fails when an argument asks for {file} and the job has none', async () => {
        const context = contextFor(properties({ program: '/bin/echo', arguments: ['{file}'] }), { files: [] });

        assert.deepEqual(await activity.execute(context), { kind: 'fail', message: '/bin/echo is given {file}, but the job has no file' });
    });

    it('kills the program and rejects when the backend stops (the step runs again later)', async () => {
        const controller = new AbortController();
        const context = contextFor(properties({ program: '/bin/sh', arguments: ['-c', 'echo $$ > shell.pid; sleep 30'] }), {}, controller.signal);
        const running = activity.execute(context);
        const pidFile = path.join(context.jobFolder, 'shell.pid');
        await eventually(async () => (await fs.readFile(pidFile, 'utf8').catch(() => '')).trim() !== '', 5000, 'the program to start');
        const shell = Number(await fs.readFile(pidFile, 'utf8'));

        controller.abort(Object.assign(new Error('Presswork is stopping'), { name: 'AbortError' }));

        await assert.rejects(running, /Presswork is stopping/);
        await eventually(() => !isRunning(shell), 5000, 'the program to be killed');
    });
});

function isRunning(pid: number): boolean {
    try {
        process.kill(pid, 0);
        return true;
    } catch {
        return false;
    }
}
