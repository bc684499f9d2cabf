import { inject, injectable } from '@theia/core/shared/inversify';
import type { ActivityContext, ActivityOutcome } from '@presswork/platform/lib/common/activity-contribution';
import { DefinedActivity, failure, waitReason } from '@presswork/platform/lib/common/defined-activity';
import { isAbortError, messageOf } from '@presswork/platform/lib/common/errors';
import type { Printer } from '@presswork/platform/lib/common/printer-schema';
import { LocatedJobFile, isRegularFile, printFileOf } from '@presswork/platform/lib/node/files/job-files';
import { PrintActivity, type PrintProperties } from '../../common/print-activity';
import { HotFolderSender } from '../printers/hot-folder-sender';
import { PrinterRegistry } from '../printers/printer-registry';
import { PROBLEM_PHRASES, PrinterTransportError } from '../printers/printer-transport-error';
import { RawSocketSender } from '../printers/raw-socket-sender';

/**
 * Print: sends the job's print file to the printer the step names. The job is Printing while the
 * bytes flow and Printed once the printer has taken them all. A disabled, refusing or unreachable
 * printer leaves the job waiting with the reason, and the engine tries again after `retryAfterMs`;
 * a missing printer or print file fails it, as only an operator can fix those.
 *
 * Running it again sends the file again (printing is at least once): a hot folder gets a numbered
 * second file, never a replaced one.
 */
@injectable()
export class PrintActivityContribution extends DefinedActivity<PrintProperties> {
    @inject(PrinterRegistry) protected readonly printers: PrinterRegistry;
    @inject(HotFolderSender) protected readonly hotFolder: HotFolderSender;
    @inject(RawSocketSender) protected readonly rawSocket: RawSocketSender;

    retryAfterMs = 60_000;

    constructor() {
        super(PrintActivity);
    }

    async execute(context: ActivityContext<PrintProperties>): Promise<ActivityOutcome> {
        const printFile = printFileOf(context.job, context.jobFolder);
        if (!printFile) {
            return failure('The job has no print file');
        }
        if (!await isRegularFile(printFile.path)) {
            return failure(`The print file ${printFile.file.name} is not in the job's folder`);
        }
        const printer = this.printers.find(context.properties.printerId);
        if (!printer) {
            return failure(`Printer ${context.properties.printerId} does not exist`);
        }
        if (!printer.enabled) {
            return this.retryLater(`Printer ${printer.name} is disabled`);
        }
        if (printer.kind === 'ipp') {
            // The IPP client and job tickets come in a later step; until then an IPP printer takes nothing.
            return failure(`Printer ${printer.name} is an IPP printer; this version cannot send jobs over IPP yet`);
        }
        try {
            await this.send(printer, printFile, context);
        } catch (error) {
            if (error instanceof PrinterTransportError) {
                return this.retryLater(`Printer ${printer.name} ${PROBLEM_PHRASES[error.problem]}: ${error.detail}`);
            }
            if (isAbortError(error) || context.signal.aborted) {
                throw error;
            }
            return failure(`The print file could not be sent to printer ${printer.name}: ${messageOf(error)}`);
        }
        return { kind: 'continue', state: 'Printed' };
    }

    protected async send(printer: Exclude<Printer, { kind: 'ipp' }>, printFile: LocatedJobFile, context: ActivityContext<PrintProperties>): Promise<void> {
        const onSending = (): Promise<void> => context.setState('Printing');
        if (printer.kind === 'hot-folder') {
            const placed = await this.hotFolder.send({
                file: printFile.path, folder: printer.folder, name: printFile.file.name,
                owner: `${context.job.id}:${context.step.id}`, signal: context.signal, onSending
            });
            await context.log(`Printer ${printer.name} took ${printFile.file.name} (${placed.bytes} bytes) as ${placed.path}`);
            return;
        }
        const receipt = await this.rawSocket.send({ file: printFile.path, host: printer.host, port: printer.port, signal: context.signal, onSending });
        await context.log(`Printer ${printer.name} (${printer.host}:${printer.port}) took ${printFile.file.name} (${receipt.bytes} bytes)`);
        if (!receipt.closedByPrinter) {
            await context.log(`Printer ${printer.name} did not close the connection after the last byte; it was closed from here`, 'warning');
        }
    }

    protected retryLater(reason: string): ActivityOutcome {
        return { kind: 'wait', state: 'Waiting', reason: waitReason(reason), until: new Date(Date.now() + this.retryAfterMs).toISOString() };
    }
}
