import type { Workflow } from '../../common/workflow-schema';
import { ActivityTypes, DefaultWorkflowIds } from '../../common/well-known';

type NewWorkflow = Omit<Workflow, 'version'>;

/** The workflows a new Presswork starts with, so that orders have somewhere to go on day one. */
export function defaultWorkflows(now: string): NewWorkflow[] {
    return [
        {
            id: DefaultWorkflowIds.print,
            name: 'MarcomCentral print',
            description: 'Printable MarcomCentral products: check the file, print it, keep the job for a week.',
            enabled: true,
            jobDefaults: {},
            jobOverrides: {},
            phases: {
                Receive: [{ id: 'receive-create-job', activity: ActivityTypes.createJob, properties: {} }],
                Prepare: [{ id: 'prepare-prepress-check', activity: ActivityTypes.prepressCheck, properties: {} }],
                Print: [{ id: 'print-print', activity: ActivityTypes.print, properties: {} }],
                Complete: [{ id: 'complete-retain', activity: ActivityTypes.retain, properties: { days: 7 } }]
            },
            updatedAt: now
        },
        {
            id: DefaultWorkflowIds.stockItem,
            name: 'MarcomCentral stock item',
            description: 'Stocked MarcomCentral products: nothing to print; picked, packed and kept for a week.',
            enabled: true,
            jobDefaults: {},
            jobOverrides: {},
            phases: {
                Receive: [{ id: 'receive-create-job', activity: ActivityTypes.createJob, properties: {} }],
                Prepare: [],
                Print: [],
                Complete: [{ id: 'complete-retain', activity: ActivityTypes.retain, properties: { days: 7 } }]
            },
            updatedAt: now
        }
    ];
}
