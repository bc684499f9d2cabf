/** Whether an error is an aborted signal's: the backend is stopping and the step will run again. */
export function isAbortError(error: unknown): boolean {
    return error instanceof Error && error.name === 'AbortError';
}
