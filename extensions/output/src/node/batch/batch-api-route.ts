import type * as express from '@theia/core/shared/express';
import { inject, injectable, named } from '@theia/core/shared/inversify';
import { ILogger } from '@theia/core/lib/common/logger';
import type { BackendApplicationContribution } from '@theia/core/lib/node/backend-application';
import { z } from 'zod';
import { describeZodError } from '@presswork/platform/lib/common/validation-message';
import { apiRoute, sendApiJson } from '@presswork/platform/lib/node/auth/api-route';
import { RequestUsers } from '@presswork/platform/lib/node/auth/request-user';
import { DocumentStore } from '@presswork/platform/lib/node/store/document-store';
import { batchesInOrder, batchJobs, batchView } from './batch-listing';
import { ShopClock } from './shop-clock';

export const BATCHES_API_PATH = '/api/v1/batches';
export const MAX_BATCHES_PAGE = 500;

/** `GET /api/v1/batches` parameters: where the page starts and its size. */
export const BatchesRequestSchema = z.strictObject({
    offset: z.coerce.number().int().min(0).default(0),
    limit: z.coerce.number().int().min(1).max(MAX_BATCHES_PAGE).default(100)
});

/**
 * Batches for shop systems, with an API token like the other `/api/v1` routes (everyone who sees
 * the Operations workspace sees them): `?offset=&limit=` answers `{ items, total, next }`, each
 * item a batch (open first, oldest first; then released, newest first) with its jobs as they now
 * are, `next` the link to the following page or null. Registered before jobs' `/api/v1`
 * catch-all (output's backend module loads before jobs'), so it is the one that answers.
 */
@injectable()
export class BatchesApiRoute implements BackendApplicationContribution {
    @inject(DocumentStore) protected readonly store: DocumentStore;
    @inject(ShopClock) protected readonly clock: ShopClock;
    @inject(RequestUsers) protected readonly requestUsers: RequestUsers;
    @inject(ILogger) @named('output:BatchesApiRoute') protected readonly logger: ILogger;

    configure(app: express.Application): void {
        app.get(BATCHES_API_PATH, apiRoute(this.requestUsers, this.logger, 'operations.view', (request, response) => this.listBatches(request, response)));
    }

    protected listBatches(request: express.Request, response: express.Response): void {
        const parsed = BatchesRequestSchema.safeParse(request.query);
        if (!parsed.success) {
            sendApiJson(response, 400, { error: `Invalid request: ${describeZodError(parsed.error)}` });
            return;
        }
        const { offset, limit } = parsed.data;
        const batches = batchesInOrder(this.store);
        const timeZone = this.clock.timeZone();
        const items = batches.slice(offset, offset + limit).map(batch => ({ ...batchView(batch, timeZone), jobs: batchJobs(this.store, batch) }));
        const next = offset + limit < batches.length ? `${BATCHES_API_PATH}?offset=${offset + limit}&limit=${limit}` : null;
        sendApiJson(response, 200, { items, total: batches.length, next });
    }
}
