import * as fs from 'node:fs/promises';
import { inject, injectable } from '@theia/core/shared/inversify';
import type { OutputDeviceContribution, OutputReceipt, OutputSubmission, PrinterDescription } from '@presswork/platform/lib/common/output-device-contribution';
import type { DeviceJobStatus } from '@presswork/platform/lib/common/printer-capabilities';
import type { Printer } from '@presswork/platform/lib/common/printer-schema';
import { SecretBox } from '@presswork/platform/lib/node/secrets/secret-box';
import { IppProblem, IppStatusError, IppTransportError } from '../ipp/ipp-client';
import { IppStatus } from '../ipp/ipp-operations';
import { IppPrinter, IppPrinterOptions } from '../ipp/ipp-printer';
import { PrinterTransportError, PrinterTransportProblem } from '../printers/printer-transport-error';
import { ippJobTemplateOf } from '../tickets/ipp-template';
import { sizeInWords } from './device-words';

type IppPrinterDocument = Extract<Printer, { kind: 'ipp' }>;

const PROBLEMS: Readonly<Record<IppProblem, PrinterTransportProblem>> = {
    'refused': 'refused',
    'unreachable': 'unreachable',
    'timeout': 'timed-out',
    'tls': 'insecure',
    'authentication': 'unauthorized',
    'protocol': 'garbled',
    'too-large': 'too-large'
};

/**
 * IPP and IPPS printers (RFC 8011, IPP Everywhere) through `IppPrinter`: what the printer can do
 * and how it is (one Get-Printer-Attributes), Print-Job with the ticket as job template
 * attributes, and its jobs, which it reports until they end (`followsJobs`). The printer's
 * password is opened from its sealed form only for the request and never logged.
 *
 * Every problem reaching or reading the printer becomes a PrinterTransportError in words (the job
 * waits and tries again); so does an error status, since a printer that refuses a job now (busy,
 * not accepting jobs) may take it later, and a ticket it cannot honour was refused before sending.
 */
@injectable()
export class IppOutputDevice implements OutputDeviceContribution {
    @inject(SecretBox) protected readonly secrets: SecretBox;

    readonly kind = 'ipp' as const;
    readonly followsJobs = true;

    /** Client settings for every request (tests shorten the timeouts). */
    clientOptions: Omit<IppPrinterOptions, 'username' | 'password'> = {};

    async describe(printer: Printer, signal?: AbortSignal): Promise<PrinterDescription> {
        return this.talk('refused the request', () => this.printerOf(printer).describe(signal));
    }

    async submit(submission: OutputSubmission): Promise<OutputReceipt> {
        const { printer, ticket, signal } = submission;
        const ipp = this.printerOf(printer);
        const capabilities = submission.capabilities ?? (await this.describe(printer, signal)).capabilities;
        const template = ippJobTemplateOf(ticket, capabilities);
        const bytes = (await fs.stat(submission.file)).size;
        await submission.onSending();
        const result = await this.talk('refused the job', () => ipp.printJob(submission.file, {
            jobName: ticket.jobName,
            userName: ticket.userName,
            documentFormat: ticket.documentFormat,
            documentName: submission.fileName
        }, template, signal));
        return {
            detail: `Printer ${printer.name} took ${submission.fileName} (${sizeInWords(bytes)}) as job ${result.jobId}`,
            deviceJobId: result.jobId,
            ...(result.ignoredAttributes.length
                ? { warning: `Printer ${printer.name} ignored or substituted ${result.ignoredAttributes.join(', ')}` }
                : {})
        };
    }

    async job(printer: Printer, deviceJobId: number, signal?: AbortSignal): Promise<DeviceJobStatus | undefined> {
        return this.talk('refused the request', () => this.printerOf(printer).job(deviceJobId, signal));
    }

    /** The printer's jobs, pending and finished ones alike (two Get-Jobs: not every printer knows `which-jobs=all`). */
    async jobs(printer: Printer, signal?: AbortSignal): Promise<DeviceJobStatus[]> {
        const ipp = this.printerOf(printer);
        return this.talk('refused the request', async () => {
            const [open, finished] = await Promise.all([ipp.jobs('not-completed', signal), ipp.jobs('completed', signal)]);
            const byId = new Map<number, DeviceJobStatus>();
            for (const job of [...finished, ...open]) {
                byId.set(job.id, job);
            }
            return [...byId.values()].sort((a, b) => a.id - b.id);
        });
    }

    async cancel(printer: Printer, deviceJobId: number): Promise<void> {
        await this.talk('refused to cancel the job', () => this.printerOf(printer).cancelJob(deviceJobId));
    }

    async identify(printer: Printer): Promise<void> {
        const ipp = this.printerOf(printer);
        await this.talk('refused to identify itself', async () => {
            const { capabilities } = await ipp.describe();
            const actions = capabilities.identifyActionsSupported.filter(action => action === 'flash' || action === 'sound' || action === 'display');
            await ipp.identify(actions.length ? actions : undefined, actions.includes('display') ? 'Presswork' : undefined);
        });
    }

    protected printerOf(printer: Printer): IppPrinter {
        const ipp = this.checked(printer);
        const password = ipp.password ? this.secrets.open(ipp.password) : undefined;
        return new IppPrinter(ipp.uri, {
            ...this.clientOptions,
            ...(ipp.userName ? { username: ipp.userName } : {}),
            ...(password !== undefined ? { password } : {})
        });
    }

    protected checked(printer: Printer): IppPrinterDocument {
        if (printer.kind !== 'ipp') {
            throw new Error(`Printer ${printer.name} is not an IPP printer`);
        }
        return printer;
    }

    /** Runs one exchange with the printer; its problems become PrinterTransportErrors in words. */
    protected async talk<T>(refusal: string, exchange: () => Promise<T>): Promise<T> {
        try {
            return await exchange();
        } catch (error) {
            if (error instanceof IppTransportError) {
                // "The printer <uri> refused the connection (…)": the phrase after the URI, the URI as the detail.
                const prefix = `The printer ${error.printerUri} `;
                const phrase = error.message.startsWith(prefix) ? error.message.slice(prefix.length) : undefined;
                throw new PrinterTransportError(PROBLEMS[error.problem], phrase ? error.printerUri : error.message, phrase);
            }
            if (error instanceof IppStatusError) {
                const prefix = `${error.printerUri}: `;
                const detail = error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
                if (error.statusCode === IppStatus.busy) {
                    throw new PrinterTransportError('busy', detail);
                }
                throw new PrinterTransportError('rejected', detail, refusal);
            }
            throw error;
        }
    }
}
