import { pipeline } from 'node:stream/promises';
import * as express from '@theia/core/shared/express';
import { inject, injectable, named } from '@theia/core/shared/inversify';
import { ILogger } from '@theia/core/lib/common/logger';
import type { BackendApplicationContribution } from '@theia/core/lib/node/backend-application';
import { RequestUsers, permittedUser } from '@presswork/platform/lib/node/auth/request-user';
import { JobFolders } from '@presswork/platform/lib/node/files/job-folders';
import { DocumentStore } from '@presswork/platform/lib/node/store/document-store';
import { findJob } from '@presswork/platform/lib/node/store/order-jobs';
import { PRINT_FILE_ROUTE } from '../../common/print-file';
import { OpenedPrintFile, PrintFileUnavailable, openPrintFile } from './print-file-location';
import { PrintFileRequestSchema } from './print-file-request';

/**
 * GET `/jobs/print-files/<jobId>.pdf`: the job's print file, streamed to the browser's own PDF
 * viewer in a tab. Behind the sign-in gate, and only for users who may inspect jobs; the file is
 * read from the job's folder and nowhere else (print-file-location.ts).
 */
@injectable()
export class PrintFileRoute implements BackendApplicationContribution {
    @inject(RequestUsers) protected readonly users: RequestUsers;
    @inject(DocumentStore) protected readonly store: DocumentStore;
    @inject(JobFolders) protected readonly folders: JobFolders;
    @inject(ILogger) @named('jobs:PrintFileRoute') protected readonly logger: ILogger;

    configure(app: express.Application): void {
        app.get(`${PRINT_FILE_ROUTE}/:file`, (request, response) => {
            this.serve(request, response).catch(error => {
                if (!response.headersSent) {
                    this.logger.error('A print file could not be served', error);
                    response.status(500).json({ error: 'The print file could not be read' });
                } else {
                    // The browser went away mid-file (a closed tab): nothing is wrong here.
                    this.logger.debug('A print file download ended early', error);
                    response.destroy();
                }
            });
        });
    }

    async serve(request: express.Request, response: express.Response): Promise<void> {
        if (!permittedUser(this.users, request, response, 'jobs.inspect', 'Your authority does not allow opening print files')) {
            return;
        }
        const params = PrintFileRequestSchema.safeParse(request.params);
        const found = params.success ? findJob(this.store, params.data.jobId) : undefined;
        if (!found) {
            response.status(404).json({ error: 'No such job' });
            return;
        }
        let opened: OpenedPrintFile;
        try {
            opened = await openPrintFile(this.folders, found.job);
        } catch (error) {
            if (error instanceof PrintFileUnavailable) {
                response.status(404).json({ error: error.message });
                return;
            }
            throw error;
        }
        response.setHeader('Content-Type', 'application/pdf');
        response.setHeader('Content-Length', String(opened.size));
        // A job id is letters, digits, "-" and "_": safe inside the quotes.
        response.setHeader('Content-Disposition', `inline; filename="${found.job.id}.pdf"`);
        response.setHeader('Cache-Control', 'no-store');
        response.setHeader('X-Content-Type-Options', 'nosniff');
        // Shown in a tab of its own or a frame of our shell, and nowhere else; a PDF runs no page script.
        response.setHeader('Content-Security-Policy', "default-src 'none'; frame-ancestors 'self'");
        response.setHeader('X-Frame-Options', 'SAMEORIGIN');
        if (request.method === 'HEAD') {
            await opened.handle.close();
            response.end();
            return;
        }
        await pipeline(opened.handle.createReadStream(), response);
    }
}
