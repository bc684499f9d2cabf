/**
 * Why a printer did not take a job, or could not say what it can do. Every kind is worth trying
 * again later (the job waits), unlike a missing print file or printer, which an operator has to fix.
 */
export type PrinterTransportProblem =
    | 'refused' | 'unreachable' | 'dropped' | 'timed-out' | 'unwritable'
    /** IPP: TLS failed, credentials refused, an answer that is not IPP, an answer too large, an error status. */
    | 'insecure' | 'unauthorized' | 'garbled' | 'too-large' | 'rejected'
    /** The printer takes no job while it prints another (IPP server-error-busy): worth trying again soon. */
    | 'busy';

export class PrinterTransportError extends Error {
    override readonly name = 'PrinterTransportError';
    /**
     * `phrase`, when given, says what happened after "Printer <name> " in place of the problem's
     * usual words (a device that knows better, e.g. "refused the connection (is the printer on…)").
     */
    constructor(readonly problem: PrinterTransportProblem, readonly detail: string, readonly phrase?: string) {
        super(detail);
    }
}

/** How a wait reason says what happened, after "Printer <name> ". */
export const PROBLEM_PHRASES: Readonly<Record<PrinterTransportProblem, string>> = {
    'refused': 'refused the connection',
    'unreachable': 'could not be reached',
    'dropped': 'dropped the connection while printing',
    'timed-out': 'did not take the data in time',
    'unwritable': 'could not take the file',
    'insecure': 'could not be reached securely',
    'unauthorized': 'refused Presswork\'s user name or password',
    'garbled': 'did not answer in IPP',
    'too-large': 'sent an answer too large to read',
    'rejected': 'refused the request',
    'busy': 'is busy with another job'
};

/** The wait reason for a transport problem: "Printer A refused the connection: connect ECONNREFUSED …". */
export function transportReason(printerName: string, error: PrinterTransportError): string {
    const phrase = error.phrase ?? PROBLEM_PHRASES[error.problem];
    return `Printer ${printerName} ${phrase}${error.detail ? `: ${error.detail}` : ''}`;
}
