import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { inject, injectable } from '@theia/core/shared/inversify';
import { PressworkError, messageOf } from '@presswork/platform/lib/common/errors';
import type { JobTicket } from '@presswork/platform/lib/common/job-ticket';
import type { PrinterDescription } from '@presswork/platform/lib/common/output-device-contribution';
import { OutputDeviceRegistry } from '@presswork/platform/lib/common/output-device-registry';
import type { Printer } from '@presswork/platform/lib/common/printer-schema';
import { reasonsInWords } from '../../common/ipp-reason-words';
import type { PrinterTestResult } from '../../common/output-protocol';
import { PrinterRegistry } from '../printers/printer-registry';
import { renderTestPage } from './test-page';

/** IPP Identify-Printer (PWG 5100.13), as `operations-supported` lists it. */
const IDENTIFY_PRINTER = 0x003C;
const ASK_TIMEOUT_MS = 10_000;
const TEST_PAGE_TIMEOUT_MS = 60_000;

/**
 * Test and Identify for the Printers view: asks the printer through its device what it is and
 * how it is and, on request, prints a one-page test page with a plain ticket. The test page is
 * no Presswork job: nothing is stored about it, so no queue or order counts it.
 */
@injectable()
export class PrinterTester {
    @inject(PrinterRegistry) protected readonly printers: PrinterRegistry;
    @inject(OutputDeviceRegistry) protected readonly devices: OutputDeviceRegistry;

    async test(id: string, printTestPage: boolean, by?: string): Promise<PrinterTestResult> {
        const printer = this.printers.get(id);
        const device = this.devices.get(printer.kind);
        if (!device) {
            return { ok: false, summary: `No installed output device drives ${printer.name} (a printer of kind ${printer.kind})` };
        }
        const started = Date.now();
        let description: PrinterDescription | undefined;
        try {
            description = await device.describe(printer, AbortSignal.timeout(ASK_TIMEOUT_MS));
        } catch (error) {
            return { ok: false, summary: `${printer.name} cannot be reached: ${messageOf(error)}` };
        }
        const answeredInMs = Date.now() - started;
        const facts: Mutable<PrinterTestResult> = { ok: true, summary: '' };
        const sentences: string[] = [];
        if (description) {
            const { capabilities, status } = description;
            const reasons = reasonsInWords(status.reasons);
            Object.assign(facts, {
                makeAndModel: capabilities.makeAndModel,
                state: status.state,
                reasonsInWords: reasons,
                documentFormats: [...capabilities.documentFormats],
                canIdentify: !!device.identify && capabilities.operationsSupported.includes(IDENTIFY_PRINTER),
                answeredInMs
            });
            sentences.push(`${printer.name} answers in ${answeredInMs} ms${capabilities.makeAndModel ? ` (${capabilities.makeAndModel})` : ''}: ` +
                `${status.state}, ${reasons}${status.message ? ` (${status.message})` : ''}.`);
            if (!capabilities.documentFormats.includes('application/pdf')) {
                facts.ok = false;
                sentences.push(`It does not take PDF (it takes ${capabilities.documentFormats.join(', ') || 'no format it names'}).`);
            }
        } else {
            facts.canIdentify = !!device.identify;
            sentences.push(`${printer.name} cannot report its state (a ${printer.kind} printer).`);
        }
        if (printTestPage) {
            try {
                const receipt = await this.printTestPage(printer, by);
                facts.testPageJobId = receipt.deviceJobId;
                sentences.push(`Test page: ${receipt.detail}.`);
            } catch (error) {
                facts.ok = false;
                sentences.push(`The test page was not printed: ${messageOf(error)}.`);
            }
        }
        facts.summary = sentences.join(' ').replace(/\.\./g, '.');
        return facts;
    }

    async identify(id: string): Promise<void> {
        const printer = this.printers.get(id);
        const device = this.devices.get(printer.kind);
        if (!device?.identify) {
            throw PressworkError.Refused(`${printer.name} cannot identify itself (a ${printer.kind} printer has no way to)`);
        }
        try {
            await device.identify(printer);
        } catch (error) {
            throw PressworkError.Refused(`${printer.name} did not identify itself: ${messageOf(error)}`);
        }
    }

    /** A one-page PDF with the printer's name and the time, through the printer's device with a plain ticket. */
    protected async printTestPage(printer: Printer, by?: string): Promise<{ detail: string; deviceJobId?: number }> {
        const device = this.devices.of(printer);
        const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'presswork-test-page-'));
        try {
            const fileName = 'presswork-test-page.pdf';
            const file = path.join(folder, fileName);
            await fs.writeFile(file, await renderTestPage(printer.name, new Date(), by));
            const ticket: JobTicket = {
                jobName: `Presswork test page (${printer.name})`,
                userName: by ?? 'presswork',
                copies: 1,
                sides: 'one-sided',
                finishings: [],
                documentFormat: 'application/pdf'
            };
            const receipt = await device.submit({
                printer, file, fileName, ticket,
                owner: `test-page:${printer.id}:${Date.now()}`,
                signal: AbortSignal.timeout(TEST_PAGE_TIMEOUT_MS),
                onSending: async () => undefined
            });
            return { detail: receipt.detail, deviceJobId: receipt.deviceJobId };
        } finally {
            await fs.rm(folder, { recursive: true, force: true });
        }
    }
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
