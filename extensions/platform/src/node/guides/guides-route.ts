import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as express from '@theia/core/shared/express';
import { inject, injectable, named } from '@theia/core/shared/inversify';
import { ILogger } from '@theia/core/lib/common/logger';
import type { BackendApplicationContribution } from '@theia/core/lib/node/backend-application';
import { z } from 'zod';
import { GUIDES, GUIDES_ROUTE, type GuideName } from '../../common/guides';
import { RequestUsers } from '../auth/request-user';
import { isInside } from '../files/path-containment';
import { guidePage } from './guide-page';

/**
 * The repository's docs/ folder: named by the start script (PRESSWORK_DOCS), since the bundled
 * backend runs from host/browser-app/lib/backend; else found from this file in the repository
 * (lib/node/guides is five folders below it), as when the route runs unbundled in tests.
 */
export const DOCS_FOLDER = process.env.PRESSWORK_DOCS ?? path.resolve(__dirname, '..', '..', '..', '..', '..', 'docs');

const GuideNameSchema = z.enum(Object.keys(GUIDES) as [GuideName, ...GuideName[]]);
const ImageNameSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,120}\.png$/);

/** Pages do not run scripts or load anything from elsewhere. */
const PAGE_POLICY = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'";

/**
 * GET `/guides/<operator|administrator>` and `/guides/images/<file>.png`: the operator and
 * administrator guides (docs/*.md) as pages, for the Help menu. Behind the sign-in gate; names
 * are checked against the list before any path is built, and images stay inside docs/images.
 */
@injectable()
export class GuidesRoute implements BackendApplicationContribution {
    @inject(RequestUsers) protected readonly users: RequestUsers;
    @inject(ILogger) @named('platform:GuidesRoute') protected readonly logger: ILogger;

    protected readonly folder = DOCS_FOLDER;

    configure(app: express.Application): void {
        app.get(`${GUIDES_ROUTE}/images/:file`, (request, response) => this.answer(response, () => this.image(request, response)));
        app.get(`${GUIDES_ROUTE}/:name`, (request, response) => this.answer(response, () => this.page(request, response)));
    }

    protected answer(response: express.Response, serve: () => Promise<void>): void {
        serve().catch(error => {
            this.logger.error('A guide could not be served', error);
            if (!response.headersSent) {
                response.status(500).type('text/plain').send('The guide could not be read');
            }
        });
    }

    protected signedIn(request: express.Request, response: express.Response): boolean {
        if (!this.users.userOf(request)) {
            response.status(401).type('text/plain').send('Sign in first');
            return false;
        }
        return true;
    }

    protected async page(request: express.Request, response: express.Response): Promise<void> {
        if (!this.signedIn(request, response)) {
            return;
        }
        const name = GuideNameSchema.safeParse(request.params.name);
        if (!name.success) {
            response.status(404).type('text/plain').send('There is no such guide');
            return;
        }
        const source = await this.read(GUIDES[name.data].file);
        if (source === undefined) {
            response.status(404).type('text/plain').send('The guides are not installed with this server');
            return;
        }
        response.setHeader('Content-Security-Policy', PAGE_POLICY);
        response.type('text/html').send(guidePage(name.data, source.toString('utf8')));
    }

    protected async image(request: express.Request, response: express.Response): Promise<void> {
        if (!this.signedIn(request, response)) {
            return;
        }
        const file = ImageNameSchema.safeParse(request.params.file);
        const bytes = file.success ? await this.read(path.join('images', file.data)) : undefined;
        if (bytes === undefined) {
            response.status(404).type('text/plain').send('There is no such image');
            return;
        }
        response.type('image/png').send(bytes);
    }

    /** A file inside the docs folder, or undefined when it is not there. */
    protected async read(relative: string): Promise<Buffer | undefined> {
        const file = path.join(this.folder, relative);
        if (!isInside(this.folder, file)) {
            return undefined;
        }
        try {
            return await fs.readFile(file);
        } catch (error) {
            if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
                return undefined;
            }
            throw error;
        }
    }
}
