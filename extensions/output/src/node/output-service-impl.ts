import { inject, injectable } from '@theia/core/shared/inversify';
import { printerView, type PrinterView } from '@presswork/platform/lib/common/printer-schema';
import type { Medium } from '../common/tickets/media-catalog';
import type { OutputService, PrinterInput, PrinterPoolInput } from '../common/output-protocol';
import type { MediumInput } from '../common/tickets/media-catalog';
import type { PrinterPool } from '@presswork/platform/lib/common/printer-pool-schema';
import { MediaCatalog } from './catalog/media-catalog';
import { PrinterPools } from './catalog/printer-pools';
import { PrinterRegistry } from './printers/printer-registry';

/** The output service of one browser connection; the guard has checked authority and input. Printers leave as views: no sealed password. */
@injectable()
export class OutputServiceImpl implements OutputService {
    @inject(PrinterRegistry) protected readonly printers: PrinterRegistry;
    @inject(PrinterPools) protected readonly pools: PrinterPools;
    @inject(MediaCatalog) protected readonly media: MediaCatalog;

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
}
