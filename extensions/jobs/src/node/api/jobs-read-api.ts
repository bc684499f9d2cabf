import type * as express from '@theia/core/shared/express';
import { inject, injectable, named } from '@theia/core/shared/inversify';
import { ILogger } from '@theia/core/lib/common/logger';
import type { BackendApplicationContribution } from '@theia/core/lib/node/backend-application';
import { DocumentIdSchema } from '@presswork/platform/lib/common/identifiers';
import { describeZodError } from '@presswork/platform/lib/common/validation-message';
import { RequestUsers } from '@presswork/platform/lib/node/auth/request-user';
import { DocumentStore } from '@presswork/platform/lib/node/store/document-store';
import { OrdersCollection } from '@presswork/platform/lib/node/store/platform-collections';
import { JobRowIndex } from '../query/job-row-index';
import { sortSpecOf } from '../query/job-ordering';
import { orderDocumentOf } from './order-document';
import { CursorError, JobsRequestSchema, decodeCursor, encodeCursor, jobQueryOf, pageParametersOf } from './read-api-query';
import { apiRoute, sendApiJson, sendApiJsonBody } from '@presswork/platform/lib/node/auth/api-route';
import { jobsPageJson } from './row-json';

export const API_PATH = '/api/v1';
export const JOBS_API_PATH = `${API_PATH}/jobs`;
export const ORDERS_API_PATH = `${API_PATH}/orders`;

/**
 * The read API for shop systems: jobs in pages (the pod's filters and sort, keyset cursors) and an
 * order with its jobs. JSON only. The sign-in gate has let the request through with a session or
 * an API token; each route still checks the caller's authority.
 */
@injectable()
export class JobsReadApi implements BackendApplicationContribution {
    @inject(JobRowIndex) protected readonly index: JobRowIndex;
    @inject(DocumentStore) protected readonly store: DocumentStore;
    @inject(RequestUsers) protected readonly requestUsers: RequestUsers;
    @inject(ILogger) @named('jobs:JobsReadApi') protected readonly logger: ILogger;

    configure(app: express.Application): void {
        app.get(JOBS_API_PATH, apiRoute(this.requestUsers, this.logger, 'operations.view', (request, response) => this.listJobs(request, response)));
        app.get(`${ORDERS_API_PATH}/:orderId`, apiRoute(this.requestUsers, this.logger, 'jobs.inspect', (request, response) => this.showOrder(request, response)));
        // Anything else under the API answers in JSON too, rather than with the application's HTML.
        app.use(API_PATH, (request, response) => sendError(response, 404, `There is no ${request.method} ${request.originalUrl.split('?')[0]}`));
    }

    protected async listJobs(request: express.Request, response: express.Response): Promise<void> {
        const parsed = JobsRequestSchema.safeParse(request.query);
        if (!parsed.success) {
            sendError(response, 400, `Invalid request: ${describeZodError(parsed.error)}`);
            return;
        }
        const query = jobQueryOf(parsed.data);
        let after;
        try {
            after = parsed.data.cursor === undefined ? undefined : decodeCursor(query, parsed.data.cursor);
        } catch (error) {
            if (error instanceof CursorError) {
                sendError(response, 400, `Invalid request: ${error.message}`);
                return;
            }
            throw error;
        }
        await this.index.whenReady();
        const { rows, more } = this.index.pageAfter(query, after, parsed.data.limit);
        const last = rows[rows.length - 1];
        const next = more && last ? `${JOBS_API_PATH}?${pageParametersOf(parsed.data, encodeCursor(sortSpecOf(query), last))}` : null;
        sendApiJsonBody(response, 200, jobsPageJson(rows, next));
    }

    protected async showOrder(request: express.Request, response: express.Response): Promise<void> {
        const orderId = DocumentIdSchema.safeParse(request.params.orderId);
        if (!orderId.success) {
            sendError(response, 400, `Invalid request: orderId ${orderId.error.issues[0].message}`);
            return;
        }
        await this.index.whenReady();
        const order = this.store.get(OrdersCollection, orderId.data);
        if (!order) {
            sendError(response, 404, `There is no order ${orderId.data}`);
            return;
        }
        sendApiJson(response, 200, orderDocumentOf(order, this.index.rowsOf(order)));
    }
}

function sendError(response: express.Response, status: number, error: string): void {
    sendApiJson(response, status, { error });
}
