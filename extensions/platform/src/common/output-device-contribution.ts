import type { JobTicket } from './job-ticket';
import type { DeviceJobStatus, PrinterCapabilities, PrinterStatus } from './printer-capabilities';
import type { Printer } from './printer-schema';

/** What a printer says about itself: what it can do and has ready, and how it is doing. */
export interface PrinterDescription {
    readonly capabilities: PrinterCapabilities;
    readonly status: PrinterStatus;
}

/** A print file and its ticket, to be handed to one printer. */
export interface OutputSubmission {
    readonly printer: Printer;
    /** The print file's absolute path, inside the job's folder. */
    readonly file: string;
    /** Its plain name, for the device (a hot folder's file name, a document name). */
    readonly fileName: string;
    readonly ticket: JobTicket;
    /**
     * What the printer said it can do when the ticket was matched against it (`describe`), so
     * that the device speaks the ticket in what the printer takes without asking again; a device
     * that needs them asks itself when they are absent.
     */
    readonly capabilities?: PrinterCapabilities;
    /** Who sends it (`<job id>:<step id>`), so that a device can tell a resend from another job's file. */
    readonly owner: string;
    readonly signal: AbortSignal;
    /** Called once the first bytes are about to flow: the job then shows Printing. */
    readonly onSending: () => Promise<void>;
}

/** A send interrupted before its outcome was written: what the device is asked whether it took. */
export interface HandOverQuestion {
    readonly printer: Printer;
    readonly fileName: string;
    readonly ticket: JobTicket;
    /** As in `OutputSubmission`: `<job id>:<step id>`. */
    readonly owner: string;
    /** When the send was about to begin (the print record's `requestedAt`): a hand-over older than it is an earlier print. */
    readonly since: string;
}

/** How the printer took the job. */
export interface OutputReceipt {
    /** For the job log, e.g. "Printer A took business-cards.pdf (48 kB) as job 42". */
    readonly detail: string;
    /** A warning worth logging beside it (the printer ignored an attribute, did not close the socket). */
    readonly warning?: string;
    /** The printer's own job id, when the device reports its jobs: the job is then followed to the end. */
    readonly deviceJobId?: number;
}

/**
 * A kind of printer (IPP, a hot folder with a JDF ticket, a raw socket with PJL): how a print
 * file and its ticket reach it and, where the device can tell, what it can do and how its jobs
 * are doing. The Print activity, the printer monitor and pools ask the `OutputDeviceRegistry`
 * for the contribution of a printer's `kind`.
 */
export const OutputDeviceContribution = Symbol('OutputDeviceContribution');
export interface OutputDeviceContribution {
    readonly kind: Printer['kind'];
    /**
     * Whether the device reports its jobs until they end (IPP). When it does, a job is Printed
     * only when the printer says `completed`; when it does not, once the printer has taken it.
     */
    readonly followsJobs: boolean;
    /** What the printer can do and has ready now; undefined when the device cannot say (a hot folder). */
    describe(printer: Printer, signal?: AbortSignal): Promise<PrinterDescription | undefined>;
    submit(submission: OutputSubmission): Promise<OutputReceipt>;
    /** The printer's job, or undefined when the printer no longer knows it. */
    job?(printer: Printer, deviceJobId: number, signal?: AbortSignal): Promise<DeviceJobStatus | undefined>;
    /** The printer's jobs, finished ones included where it keeps them (to find a job by its name). */
    jobs?(printer: Printer, signal?: AbortSignal): Promise<DeviceJobStatus[]>;
    /**
     * For a device that does not report its jobs (a hot folder): whether it already has what an
     * interrupted send of this job handed over since `since`, so that a Print step run again does
     * not hand it over twice. Absent, or false when it cannot tell: the job is sent again.
     */
    handedOver?(question: HandOverQuestion): Promise<boolean>;
    cancel?(printer: Printer, deviceJobId: number): Promise<void>;
    /** Makes the printer show itself (a beep, a flash, a message on its panel). */
    identify?(printer: Printer): Promise<void>;
}
