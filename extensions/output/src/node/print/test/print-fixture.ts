import type { Job } from '@presswork/platform/lib/common/job-schema';
import { OutputDeviceRegistry } from '@presswork/platform/lib/common/output-device-registry';
import { registryOf } from '@presswork/platform/lib/common/test/registry-of';
import type { DocumentStore } from '@presswork/platform/lib/node/store/document-store';
import { RecordingContext, activityContext, orderWithJob, writeJobFiles } from '@presswork/platform/lib/node/test/activity-context';
import { inject } from '@presswork/platform/lib/node/test/inject';
import { TempFolder, openStore } from '@presswork/platform/lib/node/test/temp-store';
import { OrdersCollection } from '@presswork/platform/lib/node/store/platform-collections';
import type { PrintProperties } from '../../../common/print-activity';
import { HotFolderOutputDevice } from '../../devices/hot-folder-output-device';
import { IppOutputDevice } from '../../devices/ipp-output-device';
import { RawSocketOutputDevice } from '../../devices/raw-socket-output-device';
import { OUTPUT_COLLECTIONS } from '../../output-collections';
import { HotFolderSender } from '../../printers/hot-folder-sender';
import { RawSocketSender } from '../../printers/raw-socket-sender';
import { OutputServices, outputServices } from '../../printers/test/output-services';
import { PrintActivityContribution } from '../print-activity';
import { PrintTargets } from '../print-targets';
import { PrintingJobs } from '../../follow/printing-jobs';

/** A small PDF-looking print file: ippeveprinter takes application/pdf without reading it. */
export const PRINT_FILE = Buffer.from(`%PDF-1.4\n${'0'.repeat(20_000)}\n%%EOF\n`);

/**
 * The Print activity as output's backend module wires it, over a temporary store: the real
 * devices (IPP, hot folder, raw socket), the registries and the print targets.
 */
export class PrintFixture {
    readonly services: OutputServices;
    readonly ipp: IppOutputDevice;
    readonly devices: OutputDeviceRegistry;
    readonly targets: PrintTargets;
    readonly activity: PrintActivityContribution;

    protected constructor(readonly temp: TempFolder, readonly store: DocumentStore) {
        this.services = outputServices(store, temp.join('data', 'keys', 'secrets.key'));
        this.ipp = inject(new IppOutputDevice(), { secrets: this.services.secrets });
        this.ipp.clientOptions = { connectTimeoutMs: 1000, timeoutMs: 5000 };
        const devices = this.devices = registryOf(OutputDeviceRegistry, [
            this.ipp,
            inject(new HotFolderOutputDevice(), { sender: new HotFolderSender() }),
            inject(new RawSocketOutputDevice(), { sender: new RawSocketSender() })
        ]);
        this.targets = inject(new PrintTargets(), { store, devices, printingJobs: inject(new PrintingJobs(), { store }) });
        this.activity = inject(new PrintActivityContribution(), { printers: this.services.printers, devices, media: this.services.media, targets: this.targets });
    }

    static async open(): Promise<PrintFixture> {
        const temp = await TempFolder.create('presswork-print-');
        return new PrintFixture(temp, await openStore(temp.join('data'), OUTPUT_COLLECTIONS));
    }

    /** A context for the Print step with `properties`, its job changed by `jobChange`, its print file in its folder. */
    async context(properties: Partial<PrintProperties> & { printerId: string }, jobChange: Partial<Job> = {}, orderId = 'order-1'): Promise<RecordingContext<PrintProperties>> {
        const { order, job } = orderWithJob({ copies: 25, properties: {}, ...jobChange }, orderId);
        const context = activityContext<PrintProperties>(properties as PrintProperties, {
            order, job, jobFolder: this.temp.join('jobs', job.id), step: { id: 'print-step', activity: 'print', properties: {} }
        });
        await writeJobFiles(context.jobFolder, Object.fromEntries(job.files.map(file => [file.name, PRINT_FILE])));
        return context;
    }

    /** Puts the context's order into the store with its job at the printer (`printing`, Printing, a wait reason): a queue entry. */
    async storeAtPrinter(context: RecordingContext<unknown>, printerId: string, deviceJobId = 1): Promise<void> {
        const job: Job = {
            ...context.job, state: 'Printing', stepId: 'print-step', waitReason: 'Sent',
            printing: { stepId: 'print-step', printerId, printerName: printerId, jobName: 'x', requestedAt: new Date().toISOString(), deviceJobId }
        };
        const { version: _version, ...order } = context.order;
        await this.store.create(OrdersCollection, { ...order, jobs: [job, ...order.jobs.slice(1)] });
    }

    async dispose(): Promise<void> {
        await this.store.close();
        await this.temp.remove();
    }
}
