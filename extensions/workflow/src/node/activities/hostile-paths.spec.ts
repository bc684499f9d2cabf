import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as fc from 'fast-check';
import type { z } from 'zod';
import { CopyToFolderPropertiesSchema, RunExternalApplicationPropertiesSchema } from '../../common/supplied-activities';
import { CopyToFolderActivityContribution } from './copy-to-folder-activity';
import { placeFile } from '@presswork/platform/lib/node/files/file-placement';
import { isDirectlyInside } from '@presswork/platform/lib/node/files/path-containment';
import { MAX_FILE_NAME_BYTES, finishFileName, sanitiseFileNameComponent } from '@presswork/platform/lib/node/files/safe-file-name';
import { locateJobFiles } from '@presswork/platform/lib/node/files/job-files';
import { ProcessRunner } from './process-runner';
import { RunExternalApplicationActivityContribution } from './run-external-application-activity';
import { inject } from '@presswork/platform/lib/node/test/inject';
import { TempFolder } from '@presswork/platform/lib/node/test/temp-store';
import { activityContext, logText, orderWithJob, writeJobFiles } from '@presswork/platform/lib/node/test/activity-context';

/*
 * Hostile names and arguments (issue 7, item 3): whatever job data, file names and folders bring,
 * files land only inside their folder, and a program gets its arguments literally.
 */

/** Text that tries to leave a folder or talk to a shell, plus arbitrary Unicode. */
const hostileName = fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 60 }),
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.constantFrom(
        '..', '.', '../../etc/passwd', '..\\..\\windows\\win.ini', '/etc/passwd', 'a/../../b', '....//....//x', '.hidden', '~/.ssh/id_rsa',
        '%2e%2e%2f', 'con', 'nul.pdf', 'x\u0000y', '\u202Egpj.exe', 'a\u200Bb', '\uFEFF', 'e\u0301', '\uD800', 'name\nwith\nlines', ' ', '',
        '$(touch pwned)', '`touch pwned`', '; touch pwned', '| touch pwned', '&& touch pwned', '> pwned', "'\"", '*', '{folder}', '{job.name}',
        'x'.repeat(300), '🧾'.repeat(200)
    ),
    fc.array(fc.constantFrom('..', '/', '\\', '.', 'a', '\u0000', '%', '~'), { maxLength: 12 }).map(parts => parts.join(''))
);

describe('hostile names and arguments', function () {
    this.timeout(60_000);

    let temp: TempFolder;

    beforeEach(async () => {
        temp = await TempFolder.create();
    });

    afterEach(async () => {
        await temp.remove();
    });

    it('a file name built from any job data is one plain, visible, bounded name inside its folder', () => {
        fc.assert(fc.property(hostileName, hostileName, (first, second) => {
            let name: string;
            try {
                name = finishFileName(`${sanitiseFileNameComponent(first)}-${sanitiseFileNameComponent(second)}.pdf`);
            } catch (error) {
                assert.match((error as Error).message, /file name/);
                return;
            }
            const folder = '/srv/presswork/out';
            assert.ok(isDirectlyInside(folder, path.join(folder, name)), JSON.stringify(name));
            assert.ok(!name.startsWith('.'), 'not hidden');
            assert.ok(Buffer.byteLength(name) <= MAX_FILE_NAME_BYTES);
            // eslint-disable-next-line no-control-regex
            assert.doesNotMatch(name, /[/\\\u0000-\u001F]/);
        }), { numRuns: 500 });
    });

    it('a job file name that is not plain is refused before any path is built from it', () => {
        const jobFolder = '/srv/presswork/jobs/job-1';
        fc.assert(fc.property(hostileName, name => {
            const { job } = orderWithJob({ files: [{ name }] });
            try {
                const [located] = locateJobFiles(job, jobFolder);
                assert.ok(isDirectlyInside(jobFolder, located.path), located.path);
            } catch (error) {
                assert.match((error as Error).message, /is not a plain file name/);
            }
        }), { numRuns: 300 });
    });

    it('placing a file (hot folders, copies) under any name writes nothing outside the folder', async () => {
        const source = temp.join('source.pdf');
        await fs.writeFile(source, 'the print file');
        const folder = temp.join('hot', 'in');
        await fc.assert(fc.asyncProperty(hostileName, fc.constantFrom('keep-both', 'overwrite', 'fail') as fc.Arbitrary<'keep-both' | 'overwrite' | 'fail'>,
            async (name, onCollision) => {
                try {
                    const placed = await placeFile({ source, folder, name, onCollision, owner: 'job-1:print' });
                    assert.ok(isDirectlyInside(folder, placed.path), placed.path);
                } catch (error) {
                    assert.ok(error instanceof Error, String(error));
                }
            }), { numRuns: 120 });
        assert.deepEqual((await fs.readdir(temp.path)).sort(), ['hot', 'source.pdf'], 'nothing beside the hot folder');
        assert.deepEqual(await fs.readdir(temp.join('hot')), ['in'], 'nothing beside the input folder');
        for (const entry of await fs.readdir(folder, { withFileTypes: true })) {
            assert.ok(entry.isFile(), `${entry.name} is a file, not a folder`);
        }
    });

    it('Copy to Folder with any job name and order number copies into the folder and nowhere else', async () => {
        const activity = new CopyToFolderActivityContribution();
        const target = temp.join('out', 'copies');
        let index = 0;
        await fc.assert(fc.asyncProperty(hostileName, hostileName, async (jobName, orderNumber) => {
            const { order, job } = orderWithJob({ name: jobName });
            const properties = CopyToFolderPropertiesSchema.parse({ folder: target, fileNamePattern: '{order.number}-{job.name}{ext}' });
            const context = activityContext(properties, { order: { ...order, orderNumber }, job, jobFolder: temp.join('jobs', `job-${index++}`) });
            await writeJobFiles(context.jobFolder, Object.fromEntries(job.files.map(file => [file.name, 'the print file'])));
            const outcome = await activity.execute(context);
            assert.ok(outcome.kind === 'continue' || outcome.kind === 'fail', JSON.stringify(outcome));
        }), { numRuns: 40 });
        assert.deepEqual((await fs.readdir(temp.path)).sort(), ['jobs', 'out']);
        assert.deepEqual(await fs.readdir(temp.join('out')), ['copies'], 'nothing beside the folder');
        for (const entry of await fs.readdir(target, { withFileTypes: true })) {
            assert.ok(entry.isFile() && !entry.name.startsWith('.'), entry.name);
        }
    });

    describe('Run External Application', () => {
        type Properties = z.infer<typeof RunExternalApplicationPropertiesSchema>;
        /** A script that prints the arguments it was given, as JSON; node reads no options after a script's path. */
        async function echoArgvScript(): Promise<string> {
            const script = temp.join('echo-argv.js');
            await fs.writeFile(script, 'process.stdout.write(JSON.stringify(process.argv.slice(2)));\n');
            return script;
        }

        async function argvOf(jobName: string, literal: readonly string[]): Promise<{ outcome: string, argv?: unknown }> {
            const activity = inject(new RunExternalApplicationActivityContribution(), { runner: new ProcessRunner() });
            const properties: Properties = RunExternalApplicationPropertiesSchema.parse({
                program: process.execPath, arguments: [await echoArgvScript(), '{job.name}', 'name={job.name};', ...literal]
            });
            const { order, job } = orderWithJob({ name: jobName });
            const context = activityContext(properties, { order, job, jobFolder: temp.join('jobs', job.id) });
            const outcome = await activity.execute(context);
            const output = context.logged.find(line => line.message.startsWith('Output (stdout):\n'));
            const message = outcome.kind === 'fail' ? outcome.message : logText(context);
            return { outcome: outcome.kind, argv: output ? JSON.parse(output.message.slice('Output (stdout):\n'.length)) : message };
        }

        // Well-formed Unicode without NUL: what an operating system can carry in an argument at all.
        const argumentText = fc.oneof(
            fc.string({ unit: 'grapheme', maxLength: 30 }).filter(text => !text.includes('\u0000')),
            fc.constantFrom('$(touch pwned)', '`touch pwned`', '; touch pwned', '| touch pwned', '&& touch pwned', '> pwned', "'\"", '*', '~', '$HOME',
                '\\', '\n', ' two words ', '--help', '-e', '%PATH%', '\u202Eevil')
        );

        // Placeholders in the configured arguments are replaced by design; job data never adds one (see the job name '{folder}').
        it('passes job data and literal arguments full of shell syntax to the program exactly, one argument each', async () => {
            await fc.assert(fc.asyncProperty(argumentText, fc.array(argumentText, { maxLength: 4 }), async (jobName, literal) => {
                const { outcome, argv } = await argvOf(jobName, literal);
                assert.equal(outcome, 'continue', String(argv));
                assert.deepEqual(argv, [jobName, `name=${jobName};`, ...literal]);
            }), { numRuns: 25 });
            assert.deepEqual((await fs.readdir(temp.path)).sort(), ['echo-argv.js', 'jobs'], 'nothing created by the arguments');
        });

        it('a NUL in job data (an operator may type one into the job name) fails the step with a message instead of throwing', async () => {
            const { outcome, argv } = await argvOf('a\u0000b', []);
            assert.equal(outcome, 'fail');
            assert.match(String(argv), /could not be started: .*null bytes/);
        });
    });
});
