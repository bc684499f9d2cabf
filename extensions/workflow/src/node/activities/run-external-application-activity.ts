import * as fs from 'node:fs/promises';
import { inject, injectable } from '@theia/core/shared/inversify';
import type { z } from 'zod';
import type { ActivityContext, ActivityOutcome } from '@presswork/platform/lib/common';
import { RunExternalApplicationActivity, RunExternalApplicationPropertiesSchema } from '../../common/supplied-activities';
import { printFileOf } from '@presswork/platform/lib/node/files/job-files';
import { OutputTail, splitForLog } from './output-tail';
import { jobPlaceholders, substitutePlaceholders, usesPlaceholder } from './placeholders';
import { ProcessEnd, ProcessRunner } from './process-runner';
import { DefinedActivity, failure } from '@presswork/platform/lib/common/defined-activity';
import { LOG_MESSAGE_LIMIT } from '@presswork/platform/lib/common/document-limits';
import { clip } from '@presswork/platform/lib/common/job-log';

type RunExternalApplicationProperties = z.infer<typeof RunExternalApplicationPropertiesSchema>;

/**
 * The environment a program gets: enough to run, nothing of the server's own settings (the
 * first administrator's password may be among them).
 */
const PASSED_ENVIRONMENT = ['PATH', 'HOME', 'LANG', 'LC_ALL', 'LC_CTYPE', 'TZ', 'TMPDIR', 'USER', 'LOGNAME'];

/**
 * Run External Application: starts the program directly (never through a shell) in the job's
 * folder, each argument with its placeholders replaced and passed as one argument, whatever it
 * contains. The last bytes of its output go into the job log; a return code not listed as success,
 * a signal or the timeout fails the job. Running it again runs the program again: programs used
 * here are expected to be repeatable, as TFPM's are.
 */
@injectable()
export class RunExternalApplicationActivityContribution extends DefinedActivity<RunExternalApplicationProperties> {
    @inject(ProcessRunner) protected readonly runner: ProcessRunner;

    /** Kept of each of stdout and stderr: 64 KB in all, as every later write of the order carries the log. */
    outputLimitBytes = 32 * 1024;

    constructor() {
        super(RunExternalApplicationActivity);
    }

    async execute(context: ActivityContext<RunExternalApplicationProperties>): Promise<ActivityOutcome> {
        const { program, arguments: templates, successCodes, timeoutSeconds } = context.properties;
        const printFile = printFileOf(context.job, context.jobFolder);
        if (!printFile && templates.some(template => usesPlaceholder(template, 'file'))) {
            return failure(`${program} is given {file}, but the job has no file`);
        }
        const values = { ...jobPlaceholders(context.job, context.order), file: printFile?.path ?? '', folder: context.jobFolder };
        const args = templates.map(template => substitutePlaceholders(template, values));
        await fs.mkdir(context.jobFolder, { recursive: true, mode: 0o700 });
        await context.log(clip(`Running ${program} with arguments ${JSON.stringify(args)} in ${context.jobFolder}`, LOG_MESSAGE_LIMIT));
        const result = await this.runner.run({
            program, args, cwd: context.jobFolder, env: passedEnvironment(), timeoutMs: timeoutSeconds * 1000,
            outputLimitBytes: this.outputLimitBytes, signal: context.signal
        });
        await logOutput(context, 'stdout', result.stdout, 'info');
        await logOutput(context, 'stderr', result.stderr, 'warning');
        return outcomeOf(program, result.end, successCodes, timeoutSeconds, context);
    }
}

async function outcomeOf(program: string, end: ProcessEnd, successCodes: readonly number[], timeoutSeconds: number,
    context: ActivityContext<RunExternalApplicationProperties>): Promise<ActivityOutcome> {
    switch (end.kind) {
        case 'exited':
            if (successCodes.includes(end.code)) {
                await context.log(`${program} ended with return code ${end.code}`);
                return { kind: 'continue' };
            }
            return failure(`${program} ended with return code ${end.code}, which is not a success code (${successCodes.join(', ')})`);
        case 'signalled':
            return failure(`${program} was ended by signal ${end.signal}`);
        case 'timed-out':
            return failure(`${program} timed out after ${timeoutSeconds} s and was stopped`);
        case 'not-started':
            return failure(`${program} could not be started: ${end.message}`);
    }
}

async function logOutput(context: ActivityContext<unknown>, stream: 'stdout' | 'stderr', tail: OutputTail, level: 'info' | 'warning'): Promise<void> {
    const heading = tail.droppedBytes ? `Output (${stream}, its first ${tail.droppedBytes} bytes left out):` : `Output (${stream}):`;
    for (const piece of splitForLog(tail.text(), LOG_MESSAGE_LIMIT - heading.length - 1)) {
        await context.log(`${heading}\n${piece}`, level);
    }
}

function passedEnvironment(): NodeJS.ProcessEnv {
    const environment: NodeJS.ProcessEnv = {};
    for (const name of PASSED_ENVIRONMENT) {
        if (process.env[name] !== undefined) {
            environment[name] = process.env[name];
        }
    }
    return environment;
}
