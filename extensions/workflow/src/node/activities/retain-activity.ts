import { inject, injectable } from '@theia/core/shared/inversify';
import type { z } from 'zod';
import type { ActivityContext, ActivityOutcome, Job } from '@presswork/platform/lib/common';
import { RetainActivity, RetainPropertiesSchema } from '../../common/supplied-activities';
import { JobDisposal, removeJob } from './job-disposal';
import { DefinedActivity } from '@presswork/platform/lib/common/defined-activity';

type RetainProperties = z.infer<typeof RetainPropertiesSchema>;

const HOUR_MS = 3_600_000;
const MARKER = /^Retained from (\S+) \(step ([^)]+)\)$/;

/**
 * Retain: keeps the finished job (state Retained) for its period, then removes it as Remove does
 * (audit record, folder, job). Indefinitely means it waits with no end.
 *
 * The period counts from a start stored in the job itself: the first run writes the log entry
 * "Retained from <time> (step <id>)", and every later run (the engine waking the job at `until`,
 * a restart, Process again) reads it back. So the end never moves: a restart does not extend the
 * period, and an edited period applies from the original start. A job that comes back to the same
 * step later (moved back through the workflow) keeps its first start.
 */
@injectable()
export class RetainActivityContribution extends DefinedActivity<RetainProperties> {
    @inject(JobDisposal) protected readonly disposal: JobDisposal;

    constructor() {
        super(RetainActivity);
    }

    async execute(context: ActivityContext<RetainProperties>, now = new Date()): Promise<ActivityOutcome> {
        let start = retentionStartOf(context.job, context.step.id);
        if (!start) {
            start = now;
            await context.log(retentionMarker(start, context.step.id));
        }
        const { indefinitely, days, hours } = context.properties;
        if (indefinitely) {
            return { kind: 'wait', state: 'Retained', reason: 'Retained indefinitely' };
        }
        const until = new Date(start.getTime() + (days * 24 + hours) * HOUR_MS);
        if (now.getTime() >= until.getTime()) {
            return removeJob(this.disposal, context);
        }
        return { kind: 'wait', state: 'Retained', reason: `Retained until ${readableUtc(until)}`, until: until.toISOString() };
    }
}

export function retentionMarker(start: Date, stepId: string): string {
    return `Retained from ${start.toISOString()} (step ${stepId})`;
}

/** The start the step recorded in the job's log: the latest such entry, if any. */
export function retentionStartOf(job: Readonly<Job>, stepId: string): Date | undefined {
    for (let index = job.log.length - 1; index >= 0; index--) {
        const entry = job.log[index];
        const match = entry.level === 'info' && entry.by === undefined ? MARKER.exec(entry.message) : null;
        if (match && match[2] === stepId) {
            const start = new Date(match[1]);
            if (!Number.isNaN(start.getTime())) {
                return start;
            }
        }
    }
    return undefined;
}

function readableUtc(date: Date): string {
    return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
