import { inject, injectable } from '@theia/core/shared/inversify';
import type { OutputDeviceContribution, OutputReceipt, OutputSubmission } from '@presswork/platform/lib/common/output-device-contribution';
import { RawSocketSender } from '../printers/raw-socket-sender';
import { pjlEnvelopeOf } from '../tickets/pjl-header';
import { sizeInWords } from './device-words';

/**
 * A raw-socket (JetDirect) printer: the ticket as a PJL header before the PDF and the end of job
 * after it (`pjlEnvelopeOf`), in one connection through `RawSocketSender`. PJL reports nothing
 * back: the job is handed over once the printer has read the last byte.
 */
@injectable()
export class RawSocketOutputDevice implements OutputDeviceContribution {
    @inject(RawSocketSender) protected readonly sender: RawSocketSender;

    readonly kind = 'raw-socket' as const;
    readonly followsJobs = false;

    async describe(): Promise<undefined> {
        return undefined;
    }

    async submit(submission: OutputSubmission): Promise<OutputReceipt> {
        const { printer } = submission;
        if (printer.kind !== 'raw-socket') {
            throw new Error(`Printer ${printer.name} is not a raw-socket printer`);
        }
        const { prologue, epilogue } = pjlEnvelopeOf(submission.ticket);
        const receipt = await this.sender.send({
            file: submission.file, prologue, epilogue, host: printer.host, port: printer.port, signal: submission.signal, onSending: submission.onSending
        });
        return {
            detail: `Printer ${printer.name} (${printer.host}:${printer.port}) took ${submission.fileName} (${sizeInWords(receipt.bytes)}) with its PJL ticket`,
            ...(receipt.closedByPrinter ? {} : { warning: `Printer ${printer.name} did not close the connection after the last byte; it was closed from here` })
        };
    }
}
