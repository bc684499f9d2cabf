import { z } from 'zod';
import { DocumentIdSchema } from '@presswork/platform/lib/common/identifiers';
import { PrinterSchema, type PrinterView } from '@presswork/platform/lib/common/printer-schema';
import type { RpcContract } from '@presswork/platform/lib/common/rpc-contract';
import { MediumInputSchema, type Medium, type MediumInput } from './tickets/media-catalog';
import { MAX_POOL_PRINTERS, PrinterPoolSchema, type PrinterPool } from '@presswork/platform/lib/common/printer-pool-schema';

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
    deleteMedium: { access: 'output.manage', args: z.tuple([id, version]) }
};
