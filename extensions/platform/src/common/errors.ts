import { ApplicationError } from '@theia/core/lib/common/application-error';

/**
 * Errors that cross the RPC boundary with their kind intact, so the frontend can tell a refused
 * call from a stale edit from bad input. Codes are JSON-RPC server-error codes of our own.
 */
export namespace PressworkError {
    export const AccessDenied = ApplicationError.declare(-32010, (message: string) => ({ message, data: {} }));
    export const InvalidInput = ApplicationError.declare(-32011, (message: string) => ({ message, data: {} }));
    export const Conflict = ApplicationError.declare(-32012, (message: string, currentVersion?: number) => ({ message, data: { currentVersion } }));
    export const NotFound = ApplicationError.declare(-32013, (message: string) => ({ message, data: {} }));
    /** A rule of the domain forbids the request (for example deleting the last administrator). */
    export const Refused = ApplicationError.declare(-32014, (message: string) => ({ message, data: {} }));
    /** Too many password attempts by one user or from one address: wait before the next. */
    export const TooManyAttempts = ApplicationError.declare(-32016, (retryAfterSeconds: number) => ({
        message: `Too many attempts. Try again in ${retryAfterSeconds} seconds.`,
        data: { retryAfterSeconds }
    }));
    /** The server has as much of this work queued as it takes: try again in a moment. */
    export const Busy = ApplicationError.declare(-32017, (message: string) => ({ message, data: {} }));
    export const Internal = ApplicationError.declare(-32015, (reference: string) => ({
        message: `Something went wrong on the server (reference ${reference}); the administrator can find it in the server log`,
        data: { reference }
    }));
}

/** The message of whatever was thrown, for showing to a user. */
export function messageOf(error: unknown): string {
    return error instanceof Error ? error.message : String(error);
}

/** Whether an error is an aborted signal's: the backend is stopping and the step will run again. */
export function isAbortError(error: unknown): boolean {
    return error instanceof Error && error.name === 'AbortError';
}
