import * as express from '@theia/core/shared/express';
import { inject, injectable, named } from '@theia/core/shared/inversify';
import { ILogger } from '@theia/core/lib/common/logger';
import type { BackendApplicationContribution } from '@theia/core/lib/node/backend-application';
import { z } from 'zod';
import { DocumentIdSchema } from '@presswork/platform/lib/common/identifiers';
import { RequestUsers, permittedUser } from '@presswork/platform/lib/node/auth/request-user';
import { CLOSEOUT_DOCUMENT_ROUTE, DOCUMENT_KINDS } from '../common/closeout-protocol';
import { CloseoutDocuments } from './closeout-documents';

/** `<orderId>` and `<kind>.pdf`, checked before any path is built from them. */
export const DocumentRequestSchema = z.object({
    orderId: DocumentIdSchema,
    file: z.string().regex(/^[a-z-]+\.pdf$/, 'must be <kind>.pdf').transform(file => file.slice(0, -'.pdf'.length)).pipe(z.enum(DOCUMENT_KINDS))
});

/**
 * GET `/closeout/documents/<orderId>/<kind>.pdf`: a closed-out order's packing slip or invoice, to
 * show in the dialog and print. Behind the sign-in gate, and only for users who may see order details.
 */
@injectable()
export class CloseoutDocumentRoute implements BackendApplicationContribution {
    @inject(RequestUsers) protected readonly users: RequestUsers;
    @inject(CloseoutDocuments) protected readonly documents: CloseoutDocuments;
    @inject(ILogger) @named('closeout:CloseoutDocumentRoute') protected readonly logger: ILogger;

    configure(app: express.Application): void {
        app.get(`${CLOSEOUT_DOCUMENT_ROUTE}/:orderId/:file`, (request, response) => {
            this.serve(request, response).catch(error => {
                this.logger.error('A closeout document could not be served', error);
                if (!response.headersSent) {
                    response.status(500).json({ error: 'The document could not be read' });
                }
            });
        });
    }

    async serve(request: express.Request, response: express.Response): Promise<void> {
        if (!permittedUser(this.users, request, response, 'jobs.inspect', 'Your authority does not allow order documents')) {
            return;
        }
        const params = DocumentRequestSchema.safeParse(request.params);
        if (!params.success) {
            response.status(400).json({ error: 'No such document' });
            return;
        }
        const { orderId, file: kind } = params.data;
        if (!await this.documents.ensure(orderId, kind)) {
            response.status(404).json({ error: 'This document has not been created yet' });
            return;
        }
        const bytes = await this.documents.read(orderId, kind);
        response.setHeader('Content-Type', 'application/pdf');
        response.setHeader('Content-Disposition', `inline; filename="${kind}-${orderId}.pdf"`);
        response.setHeader('Cache-Control', 'no-store');
        response.setHeader('X-Content-Type-Options', 'nosniff');
        // Shown inside the closeout dialogs of our own shell, and nowhere else; a PDF runs no page script.
        response.setHeader('Content-Security-Policy', "default-src 'none'; frame-ancestors 'self'");
        response.setHeader('X-Frame-Options', 'SAMEORIGIN');
        response.send(bytes);
    }
}
