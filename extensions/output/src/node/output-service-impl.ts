import { inject, injectable, optional } from '@theia/core/shared/inversify';
import { RpcCaller } from '@presswork/platform/lib/node/rpc/rpc-caller';
import { DocumentStore } from '@presswork/platform/lib/node/store/document-store';
import { printerView, type PrinterView } from '@presswork/platform/lib/common/printer-schema';
import type { Medium } from '../common/tickets/media-catalog';
import type { OutputService, PrinterInput, PrinterPoolInput, PrinterTestResult } from '../common/output-protocol';
import type { PrinterState } from '../common/printer-state';
import type { MediumInput } from '../common/tickets/media-catalog';
import type { PrinterPool } from '@presswork/platform/lib/common/printer-pool-schema';
import { MediaCatalog } from './catalog/media-catalog';
import { PrinterPools } from './catalog/printer-pools';
import { PrinterTester } from './monitor/printer-tester';
import { PrinterStatesCollection } from './output-collections';
import { PrinterRegistry } from './printers/printer-registry';

/** The output service of one browser connection; the guard has checked authority and input. Printers leave as views: no sealed password. */
@injectable()
export class OutputServiceImpl implements OutputService {
    @inject(PrinterRegistry) protected readonly printers: PrinterRegistry;
    @inject(PrinterPools) protected readonly pools: PrinterPools;
    @inject(MediaCatalog) protected readonly media: MediaCatalog;
    @inject(DocumentStore) protected readonly store: DocumentStore;
    @inject(PrinterTester) protected readonly tester: PrinterTester;
    @inject(RpcCaller) @optional() protected readonly caller: RpcCaller | undefined;

    async listPrinters(): Promise<PrinterView[]> {
        return this.printers.list().map(printerView);
    }

    async createPrinter(input: PrinterInput): Promise<PrinterView> {
        return printerView(await this.printers.create(input));
    }

    async updatePrinter(id: string, version: number, input: PrinterInput): Promise<PrinterView> {
        return printerView(await this.printers.update(id, version, input));
    }

    deletePrinter(id: string, version: number): Promise<void> {
        return this.printers.delete(id, version);
    }

    async setPrinterEnabled(id: string, enabled: boolean): Promise<PrinterView> {
        return printerView(await this.printers.setEnabled(id, enabled));
    }

    async listPools(): Promise<PrinterPool[]> {
        return this.pools.list();
    }

    createPool(input: PrinterPoolInput): Promise<PrinterPool> {
        return this.pools.create(input);
    }

    updatePool(id: string, version: number, input: PrinterPoolInput): Promise<PrinterPool> {
        return this.pools.update(id, version, input);
    }

    deletePool(id: string, version: number): Promise<void> {
        return this.pools.delete(id, version);
    }

    async listMedia(): Promise<Medium[]> {
        return this.media.list();
    }

    createMedium(input: MediumInput): Promise<Medium> {
        return this.media.create(input);
    }

    updateMedium(id: string, version: number, input: MediumInput): Promise<Medium> {
        return this.media.update(id, version, input);
    }

    deleteMedium(id: string, version: number): Promise<void> {
        return this.media.delete(id, version);
    }

    async listPrinterStates(): Promise<PrinterState[]> {
        return [...this.store.all(PrinterStatesCollection)];
    }

    testPrinter(id: string, printTestPage: boolean): Promise<PrinterTestResult> {
        return this.tester.test(id, printTestPage, this.caller?.user().name);
    }

    identifyPrinter(id: string): Promise<void> {
        return this.tester.identify(id);
    }
}
