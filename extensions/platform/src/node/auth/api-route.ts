import { randomUUID } from 'node:crypto';
import type * as express from '@theia/core/shared/express';
import type { ILogger } from '@theia/core/lib/common/logger';
import { hasPermission, type Permission } from '../../common/authority';
import type { User } from '../../common/user-schema';
import type { RequestUsers } from './request-user';

/** A JSON answer of the read API, never cached. */
export function sendApiJson(response: express.Response, status: number, body: unknown): void {
    sendApiJsonBody(response, status, JSON.stringify(body));
}

/**
 * A JSON answer of the read API already written (as text, or as UTF-8 bytes), never cached. Written
 * as it is: express's `send` would hash the whole body for an ETag, which a `no-store` answer has no
 * use for (a page of a thousand jobs is half a megabyte).
 */
export function sendApiJsonBody(response: express.Response, status: number, json: string | Uint8Array): void {
    response.status(status).set({
        'Cache-Control': 'no-store',
        'Content-Type': 'application/json; charset=utf-8',
        'Content-Length': String(Buffer.byteLength(json))
    });
    // Node leaves the body out of an answer to HEAD.
    response.end(json);
}

/**
 * A read API (`/api/v1`) handler that answers 401 without a caller (session or API token), 403
 * when the caller's authority lacks `permission`, and a JSON 500 with a logged reference when the
 * handler fails: the checks every `/api/v1` route makes, written once.
 */
export function apiRoute(requestUsers: RequestUsers, logger: ILogger, permission: Permission,
    handler: (request: express.Request, response: express.Response, user: User) => void | Promise<void>): express.RequestHandler {
    return (request, response) => {
        const user = requestUsers.userOf(request);
        if (!user) {
            sendApiJson(response, 401, { error: 'Sign in first, or send an API token (Authorization: Bearer …)' });
            return;
        }
        if (!hasPermission(user.authority, permission)) {
            sendApiJson(response, 403, { error: `Your authority (${user.authority}) does not allow this` });
            return;
        }
        Promise.resolve().then(() => handler(request, response, user)).catch(error => {
            const reference = randomUUID().slice(0, 8);
            logger.error(`${request.method} ${request.path} failed (reference ${reference})`, error);
            if (!response.headersSent) {
                sendApiJson(response, 500, { error: `Something went wrong on the server (reference ${reference})` });
            }
        });
    };
}
