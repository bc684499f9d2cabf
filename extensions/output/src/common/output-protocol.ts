import { z } from 'zod';
import { DocumentIdSchema } from '@presswork/platform/lib/common/identifiers';
import { PrinterSchema, type PrinterView } from '@presswork/platform/lib/common/printer-schema';
import type { RpcContract } from '@presswork/platform/lib/common/rpc-contract';
import { MediumInputSchema, type Medium, type MediumInput } from './tickets/media-catalog';
import { MAX_POOL_PRINTERS, PrinterPoolSchema, type PrinterPool } from '@presswork/platform/lib/common/printer-pool-schema';
import type { PrinterState } from './printer-state';

export const OUTPUT_SERVICE_PATH = '/services/output';

const [hotFolder, rawSocket, ipp] = PrinterSchema.options;
const name = z.string().trim().min(1, 'Name is required').max(100);

/**
 * What an administrator types for a printer. An IPP printer's password is write-only: absent keeps
 * the sealed one, `clearPassword` removes it; the browser only ever learns whether one is set.
 */
export const PrinterInputSchema = z.discriminatedUnion('kind', [
    hotFolder.omit({ id: true, version: true }),
    rawSocket.omit({ id: true, version: true }),
    ipp.omit({ id: true, version: true, password: true }).extend({
        password: z.string().min(1, 'a password may not be empty').max(256).optional(),
        clearPassword: z.boolean().default(false)
    })
]);
export type PrinterInput = z.input<typeof PrinterInputSchema>;
export type ValidPrinterInput = z.output<typeof PrinterInputSchema>;

export const PrinterPoolInputSchema = PrinterPoolSchema.omit({ id: true, version: true }).extend({
    name,
    printerIds: z.array(DocumentIdSchema).max(MAX_POOL_PRINTERS)
        .refine(ids => new Set(ids).size === ids.length, 'a printer may stand in a pool only once')
});
export type PrinterPoolInput = z.input<typeof PrinterPoolInputSchema>;

/** What Test found: whether the printer answered (and printed a test page, when asked), in words. */
export interface PrinterTestResult {
    /** The printer answered (and took the test page, when one was asked for). */
    readonly ok: boolean;
    /** One sentence for the operator: "Printer A answers: idle, ready. It took the test page as job 12." */
    readonly summary: string;
    readonly makeAndModel?: string;
    readonly state?: PrinterState['state'];
    /** `printer-state-reasons` in words ("out of paper"), when it answered. */
    readonly reasonsInWords?: string;
    /** The document formats it takes, when it answered. */
    readonly documentFormats?: readonly string[];
    /** Whether Identify can work with this printer (it reports Identify-Printer). */
    readonly canIdentify?: boolean;
    /** The test page's job id at the printer, when one was sent. */
    readonly testPageJobId?: number;
    /** How long the printer took to answer Get-Printer-Attributes, in milliseconds. */
    readonly answeredInMs?: number;
}

/**
 * Output's service: printers, printer pools and the media catalog. Everyone signed in sees them
 * (authorities.md: printers' state for all three authorities); administrators manage them,
 * operators switch printers on and off.
 */
export const OutputService = Symbol('OutputService');
export interface OutputService {
    listPrinters(): Promise<PrinterView[]>;
    createPrinter(input: PrinterInput): Promise<PrinterView>;
    /** Refused as a conflict when `version` is no longer the current one. */
    updatePrinter(id: string, version: number, input: PrinterInput): Promise<PrinterView>;
    /** Refused, in words, while a workflow, custom activity or pool uses it. */
    deletePrinter(id: string, version: number): Promise<void>;
    setPrinterEnabled(id: string, enabled: boolean): Promise<PrinterView>;

    listPools(): Promise<PrinterPool[]>;
    createPool(input: PrinterPoolInput): Promise<PrinterPool>;
    updatePool(id: string, version: number, input: PrinterPoolInput): Promise<PrinterPool>;
    deletePool(id: string, version: number): Promise<void>;

    listMedia(): Promise<Medium[]>;
    createMedium(input: MediumInput): Promise<Medium>;
    updateMedium(id: string, version: number, input: MediumInput): Promise<Medium>;
    deleteMedium(id: string, version: number): Promise<void>;

    /**
     * Every printer's live state as the monitor last saw it (one document per monitored printer:
     * state, reasons in words, media ready, supplies, its queue of Presswork jobs). Changes arrive
     * on the change feed as `printer-states` (OutputCollectionNames.printerStates).
     */
    listPrinterStates(): Promise<PrinterState[]>;
    /**
     * Asks the printer what it is and how it is (Get-Printer-Attributes, through its device) and,
     * when `printTestPage`, prints a one-page test page with a plain ticket (never counted as a
     * job). Never throws for a printer that does not answer: `ok` is false and `summary` says why.
     */
    testPrinter(id: string, printTestPage: boolean): Promise<PrinterTestResult>;
    /** Makes the printer show itself (beep, flash, panel message); refused in words when it cannot. */
    identifyPrinter(id: string): Promise<void>;
}

const id = DocumentIdSchema;
const version = z.number().int().positive();

export const OutputServiceContract: RpcContract<OutputService> = {
    listPrinters: { access: 'signed-in', args: z.tuple([]) },
    createPrinter: { access: 'printers.manage', args: z.tuple([PrinterInputSchema]) },
    updatePrinter: { access: 'printers.manage', args: z.tuple([id, version, PrinterInputSchema]) },
    deletePrinter: { access: 'printers.manage', args: z.tuple([id, version]) },
    setPrinterEnabled: { access: 'printers.toggle', args: z.tuple([id, z.boolean()]) },
    listPools: { access: 'signed-in', args: z.tuple([]) },
    createPool: { access: 'output.manage', args: z.tuple([PrinterPoolInputSchema]) },
    updatePool: { access: 'output.manage', args: z.tuple([id, version, PrinterPoolInputSchema]) },
    deletePool: { access: 'output.manage', args: z.tuple([id, version]) },
    listMedia: { access: 'signed-in', args: z.tuple([]) },
    createMedium: { access: 'output.manage', args: z.tuple([MediumInputSchema]) },
    updateMedium: { access: 'output.manage', args: z.tuple([id, version, MediumInputSchema]) },
    deleteMedium: { access: 'output.manage', args: z.tuple([id, version]) },
    // authorities.md: everyone signed in sees printers' state and queue; Test and Identify touch the
    // printer, as Enable / Disable does: administrators and operators.
    listPrinterStates: { access: 'signed-in', args: z.tuple([]) },
    testPrinter: { access: 'printers.toggle', args: z.tuple([id, z.boolean()]) },
    identifyPrinter: { access: 'printers.toggle', args: z.tuple([id]) }
};
