import type { Workflow } from '../../common/workflow-schema';
import { ActivityTypes, DEMO_PRINTER_ID, DefaultWorkflowIds } from '../../common/well-known';
import type { Printer } from '../../common/printer-schema';
import type { EncryptedSecret } from '../../common/connection-schema';

type NewWorkflow = Omit<Workflow, 'version'>;

/**
 * The workflows a new Presswork starts with, so that orders have somewhere to go on day one; their
 * Print steps print on `printerId` (the demo hot folder, or the printer of the environment).
 */
export function defaultWorkflows(now: string, printerId: string = DEMO_PRINTER_ID): NewWorkflow[] {
    return [
        {
            id: DefaultWorkflowIds.print,
            name: 'MarcomCentral print',
            description: 'Printable MarcomCentral products: check the file, print it, wait for the order\'s closeout, keep the job for a week.',
            enabled: true,
            jobDefaults: {},
            jobOverrides: {},
            phases: {
                Receive: [{ id: 'receive-create-job', activity: ActivityTypes.createJob, properties: {} }],
                Prepare: [{ id: 'prepare-prepress-check', activity: ActivityTypes.prepressCheck, properties: {} }],
                Print: [{ id: 'print-print', activity: ActivityTypes.print, properties: { printerId } }],
                Complete: [closeoutStep(), { id: 'complete-retain', activity: ActivityTypes.retain, properties: { days: 7 } }]
            },
            updatedAt: now
        },
        {
            id: DefaultWorkflowIds.stockItem,
            name: 'MarcomCentral stock item',
            description: 'Stocked MarcomCentral products: nothing to print; an operator approves the pick; once the order is closed out the job is kept for a week.',
            enabled: true,
            jobDefaults: {},
            jobOverrides: {},
            phases: {
                Receive: [{ id: 'receive-create-job', activity: ActivityTypes.createJob, properties: {} }],
                Prepare: [{ id: 'prepare-approve', activity: ActivityTypes.approve, properties: { instructions: 'Pick the items from stock, then approve.' } }],
                Print: [],
                Complete: [closeoutStep(), { id: 'complete-retain', activity: ActivityTypes.retain, properties: { days: 7 } }]
            },
            updatedAt: now
        }
    ];
}

/** Jobs wait here until their order is closed out (packing slip, invoice, settlement); Retain follows. */
function closeoutStep(): NewWorkflow['phases']['Complete'][number] {
    return { id: 'complete-closeout-order', activity: ActivityTypes.closeoutOrder, properties: {} };
}

/** The id of the printer first start creates from `PRESSWORK_PRINTER_URL`. */
export const PROVISIONED_PRINTER_ID = 'printer';

/** The printer of the environment: an enabled IPP printer named "Printer", its password sealed by the caller. */
export function provisionedPrinter(uri: string, userName: string | undefined, password: EncryptedSecret | undefined): Omit<Extract<Printer, { kind: 'ipp' }>, 'version'> {
    return {
        id: PROVISIONED_PRINTER_ID,
        name: 'Printer',
        description: 'Provisioned at first start from PRESSWORK_PRINTER_URL.',
        enabled: true,
        kind: 'ipp',
        uri,
        ...(userName ? { userName } : {}),
        ...(password ? { password } : {})
    };
}

/** The demo printer: a hot folder a DFE would watch, here inside the data folder. */
export function defaultPrinter(folder: string): Omit<Extract<Printer, { kind: 'hot-folder' }>, 'version'> {
    return {
        id: DEMO_PRINTER_ID,
        name: 'Demo hot folder',
        description: 'A hot folder in the data folder, standing in for a DFE\'s input folder.',
        enabled: true,
        kind: 'hot-folder',
        folder
    };
}
