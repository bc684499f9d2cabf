/**
 * Failures a person must fix (a wrong token, a broken certificate) show as "error"; the rest as
 * "retrying". Both are retried with back-off, since the cause may go away.
 */
export function needsAttention(error: unknown): boolean {
    const kind = (error as { kind?: unknown })?.kind;
    return kind === 'invalid-token' || kind === 'tls' || (error instanceof Error && /token is not set/.test(error.message));
}

export function describeFailure(error: unknown): string {
    return error instanceof Error ? error.message : String(error);
}
