/**
 * Why a printer did not take a job. Every kind is worth trying again later (the job waits), unlike
 * a missing print file or printer, which an operator has to fix.
 */
export type PrinterTransportProblem = 'refused' | 'unreachable' | 'dropped' | 'timed-out' | 'unwritable';

export class PrinterTransportError extends Error {
    override readonly name = 'PrinterTransportError';
    constructor(readonly problem: PrinterTransportProblem, readonly detail: string) {
        super(detail);
    }
}

/** How a wait reason says what happened, after "Printer <name> ". */
export const PROBLEM_PHRASES: Readonly<Record<PrinterTransportProblem, string>> = {
    'refused': 'refused the connection',
    'unreachable': 'could not be reached',
    'dropped': 'dropped the connection while printing',
    'timed-out': 'did not take the data in time',
    'unwritable': 'could not take the file'
};
