import type * as express from '@theia/core/shared/express';

/** An encoded dot, slash or backslash (`%2e`, `%2f`, `%5c`), or a `.`/`..` segment, anywhere in the path. */
const AMBIGUOUS = /%(?:2e|2f|5c)|(?:^|\/)\.{1,2}(?:\/|$)/i;

/** The path of a request as it came, before anything decodes it. */
export function rawPathOf(request: express.Request): string {
    const url = request.originalUrl ?? request.url;
    const query = url.indexOf('?');
    return query < 0 ? url : url.slice(0, query);
}

export function isAmbiguousPath(rawPath: string): boolean {
    return AMBIGUOUS.test(rawPath);
}

/**
 * Refuses paths that mean one thing to a route check and another to the static server behind it:
 * `/api/v1/%2e%2e/%2e%2e/bundle.js.map` is an API route as written and the shell's source map once
 * decoded (issue 18, fault 8). Browsers never send such paths; they normalise dot segments first.
 */
export function refuseAmbiguousPaths(request: express.Request, response: express.Response, next: express.NextFunction): void {
    if (isAmbiguousPath(rawPathOf(request))) {
        response.status(400).json({ error: 'Encoded dots and slashes, and dot segments, are not accepted in a path' });
        return;
    }
    next();
}
