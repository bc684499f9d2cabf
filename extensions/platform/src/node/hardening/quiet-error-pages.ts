import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type * as express from '@theia/core/shared/express';
import { inject, injectable, named } from '@theia/core/shared/inversify';
import { ILogger } from '@theia/core/lib/common/logger';
import type { BackendApplicationContribution } from '@theia/core/lib/node/backend-application';
import { isApiRoute } from '../auth/request-user';

interface HttpError {
    readonly status?: unknown;
    readonly statusCode?: unknown;
}

/** The status an error asks for, when it is an HTTP error status; else 500. */
function statusOf(error: unknown): number {
    const { status, statusCode } = typeof error === 'object' && error !== null ? error as HttpError : {};
    const asked = typeof status === 'number' ? status : statusCode;
    return typeof asked === 'number' && asked >= 400 && asked <= 599 ? asked : 500;
}

/**
 * The last error handler of the whole HTTP server, in place of express's default error page, which
 * outside production mode shows the error's stack (the server's paths and modules) to whoever sent
 * a malformed request: `/api/v1/orders/%E0%A4%A` ("Failed to decode param"), a body a parser
 * refuses. A client error gets its status and its standard reason; a server error gets a reference
 * that the log names with the whole error. API routes answer in JSON, everything else in text.
 */
export function quietErrorPages(logger: ILogger): express.ErrorRequestHandler {
    return (error: unknown, request, response, next) => {
        if (response.headersSent) {
            next(error);
            return;
        }
        const status = statusOf(error);
        let message = STATUS_CODES[status] ?? 'Error';
        if (status >= 500) {
            const reference = randomUUID().slice(0, 8);
            logger.error(`${request.method} ${request.path} failed (reference ${reference})`, error);
            message = `Something went wrong on the server (reference ${reference})`;
        }
        response.status(status).set('Cache-Control', 'no-store');
        if (isApiRoute(request.path)) {
            response.json({ error: message });
        } else {
            response.type('text/plain').send(message);
        }
    };
}

/**
 * Installs {@link quietErrorPages} behind every route: at start, once every contribution has
 * configured its routes, so that it comes last in the express stack.
 */
@injectable()
export class QuietErrorPagesContribution implements BackendApplicationContribution {
    @inject(ILogger) @named('platform:QuietErrorPages') protected readonly logger: ILogger;

    protected app: express.Application | undefined;

    configure(app: express.Application): void {
        this.app = app;
    }

    onStart(): void {
        this.app?.use(quietErrorPages(this.logger));
    }
}
