import * as path from 'node:path';
import { DocumentStore, FileDocumentStore, OrdersCollection } from '@presswork/platform/lib/node/store';
import { ReferencePrinter } from '@presswork/output/lib/node/test/reference-printer';
import { CountingLogger, ENGINE_COLLECTIONS, engineFolders } from '../engine-backend';
import { pressworkContainer } from '../print/print-backend';
import { createIppPrinterAndWorkflow, writePrintJobs } from '../print/print-fixture';
import { printEndOf } from '../print/print-outcome';
import type { PrintWork } from './crash-protocol';
import type { CrashScenario, RoundOutcome } from './crash-rounds';

/** How long the reference printer's print command takes a job: kills land while jobs are sent and followed. */
const PRINT_COMMAND_MS = 150;
const PRINT_TIMEOUT_MS = 3 * 60_000;

interface PrintPlan {
    readonly folder: string;
    readonly storeFolder: string;
    /** The job names the printer is sent, `<order number> <job name>`. */
    readonly jobNames: ReadonlyMap<string, string>;
}

/**
 * (d) Print (issue 11): CUPS's reference printer (ippeveprinter, in this process's care, so it
 * outlives every kill) records every job it runs. Each round, a fresh folder holds jobs Received in
 * Create Job → Print (IPP, to that printer) → Retain; the backend, started as `npm start` composes
 * it (engine, printer follower), is killed while jobs are sent or followed, and started again on
 * the same folder. After every kill and at the end, no job's name was run twice by the printer;
 * at the end every job printed (Retained), or waits for an operator with the printer's uncertainty
 * in words, and none is Retained that the printer never ran.
 */
export class PrintScenario implements CrashScenario<PrintPlan> {
    readonly name = 'print';

    protected constructor(protected readonly workFolder: string, protected readonly jobs: number, protected readonly printer: ReferencePrinter) { }

    static async start(workFolder: string, jobs: number): Promise<PrintScenario> {
        const printer = await ReferencePrinter.start();
        await printer.behave({ delayMs: PRINT_COMMAND_MS });
        return new PrintScenario(workFolder, jobs, printer);
    }

    async prepare(round: number): Promise<{ request: PrintWork; plan: PrintPlan }> {
        const folder = path.join(this.workFolder, 'print', `round-${round}`);
        const folders = engineFolders(folder);
        const container = pressworkContainer(folders.data, new CountingLogger());
        const { workflowId } = await createIppPrinterAndWorkflow(container, this.printer.uri);
        await container.get<DocumentStore>(DocumentStore).close();
        const fixture = await writePrintJobs(folders, this.jobs, workflowId, `crash-r${round}`);
        return {
            request: { kind: 'print', folder, jobs: this.jobs, timeoutMs: PRINT_TIMEOUT_MS },
            plan: { folder, storeFolder: folders.store, jobNames: new Map(fixture.map(job => [job.jobId, job.ticket.jobName])) }
        };
    }

    async afterKill(plan: PrintPlan): Promise<string[]> {
        return (await this.printedTwice(plan)).map(([name, times]) => `the printer ran ${name} ${times} times`);
    }

    async verify(plan: PrintPlan): Promise<RoundOutcome> {
        const store = new FileDocumentStore({ folder: plan.storeFolder, collections: ENGINE_COLLECTIONS });
        await store.ready;
        try {
            const runs = await this.runsByName();
            const violations = store.problems.map(problem => `the store reported a problem: ${problem.collection}/${problem.id}: ${problem.reason}`);
            const twice = await this.printedTwice(plan);
            violations.push(...twice.map(([name, times]) => `the printer ran ${name} ${times} times`));
            let jobs = 0;
            let stuck = 0;
            let lost = 0;
            const seen = new Set<string>();
            for (const order of store.all(OrdersCollection)) {
                for (const job of order.jobs) {
                    jobs++;
                    seen.add(job.id);
                    const name = plan.jobNames.get(job.id) ?? `${job.orderNumber} ${job.name}`;
                    const end = printEndOf(job);
                    if (!end) {
                        stuck++;
                        violations.push(`job ${job.id} ended ${job.phase}/${job.state} at ${job.stepId ?? 'no step'} (${job.waitReason ?? 'no reason'}), neither printed nor waiting for an operator`);
                    } else if (end === 'printed' && !runs.has(name)) {
                        violations.push(`job ${job.id} is Printed but the printer never ran ${name}`);
                    } else if (end === 'uncertain' && !/\w+ \w+/.test(job.printing?.uncertain ?? '')) {
                        violations.push(`job ${job.id} waits for an operator without the uncertainty in words`);
                    }
                }
            }
            for (const jobId of plan.jobNames.keys()) {
                if (!seen.has(jobId)) {
                    lost++;
                    violations.push(`job ${jobId} is missing from the store`);
                }
            }
            return { orders: jobs, jobs, duplicates: twice.length, lost, stuck, doubleCaptures: 0, violations };
        } finally {
            await store.close();
        }
    }

    /** Job names of this round the printer ran more than once, with how often. */
    protected async printedTwice(plan: PrintPlan): Promise<[string, number][]> {
        const runs = await this.runsByName();
        return [...plan.jobNames.values()].flatMap(name => (runs.get(name) ?? 0) > 1 ? [[name, runs.get(name)!] as [string, number]] : []);
    }

    protected async runsByName(): Promise<Map<string, number>> {
        const runs = new Map<string, number>();
        for (const ticket of await this.printer.tickets()) {
            const name = ticket.env.IPP_JOB_NAME ?? '';
            runs.set(name, (runs.get(name) ?? 0) + 1);
        }
        return runs;
    }

    dispose(): Promise<void> {
        return this.printer.stop();
    }
}
