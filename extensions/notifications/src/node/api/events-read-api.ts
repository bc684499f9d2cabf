import { randomUUID } from 'node:crypto';
import type * as express from '@theia/core/shared/express';
import { inject, injectable, named } from '@theia/core/shared/inversify';
import { ILogger } from '@theia/core/lib/common/logger';
import type { BackendApplicationContribution } from '@theia/core/lib/node/backend-application';
import { z } from 'zod';
import { hasPermission } from '@presswork/platform/lib/common/authority';
import type { Authority, Permission } from '@presswork/platform/lib/common/authority';
import type { PressworkEvent, PressworkEventName } from '@presswork/platform/lib/common/presswork-events';
import { describeZodError } from '@presswork/platform/lib/common/validation-message';
import { RequestUsers } from '@presswork/platform/lib/node/auth/request-user';
import { WorkOwnership } from '@presswork/platform/lib/node/cluster/work-ownership';
import { whileLeader } from '@presswork/platform/lib/node/cluster/while-leader';
import type { Disposable } from '@theia/core/lib/common/disposable';
import { EventJournal } from '../journal/event-journal';
import { JournalReader } from '../journal/journal-reader';
import type { JournalPages } from '../journal/journal-reader';

export const EVENTS_API_PATH = '/api/v1/events';
export const MAX_EVENTS_PAGE = 500;

/** `GET /api/v1/events` parameters: the position read up to (the last page's `next`) and the page size. */
export const EventsRequestSchema = z.strictObject({
    after: z.coerce.number().int().min(0).default(0),
    limit: z.coerce.number().int().min(1).max(MAX_EVENTS_PAGE).default(100)
});

/**
 * Who may see an event, as authorities.md has it: job states and printers are the Operations
 * workspace (everyone), orders are order details (Administrators and Operators), connections are
 * Administrators' only.
 */
const EVENT_PERMISSIONS: Readonly<Record<string, Permission>> = {
    job: 'operations.view',
    printer: 'operations.view',
    order: 'jobs.inspect',
    connection: 'connections.view'
};

export function mayRead(authority: Authority, event: PressworkEventName): boolean {
    const permission = EVENT_PERMISSIONS[event.split('.')[0]];
    return permission !== undefined && hasPermission(authority, permission);
}

/**
 * The journal in pages for shop systems, with an API token like the other `/api/v1` routes:
 * `?after=<seq>&limit=<n>` answers `{ events, next }`, `next` being the position to ask after
 * next time (stable across restarts). Events the caller's authority may not see are left out of
 * `events`, but `next` passes them, so paging never stalls. With several servers every server
 * answers with the same pages: the leader from the journal it writes (recent events in memory),
 * another server from the leader's segment files on the shared folder, read only (`JournalReader`),
 * up to the last complete line the leader has written. A position past the end is a 400 on the
 * leader; on another server it may be one this server's view of the folder does not show yet, so
 * that one answers 503 with Retry-After.
 */
@injectable()
export class EventsReadApi implements BackendApplicationContribution {
    @inject(EventJournal) protected readonly journal: EventJournal;
    @inject(JournalReader) protected readonly reader: JournalReader;
    @inject(RequestUsers) protected readonly requestUsers: RequestUsers;
    @inject(WorkOwnership) protected readonly ownership: WorkOwnership;
    @inject(ILogger) @named('notifications:EventsReadApi') protected readonly logger: ILogger;

    protected leadership: Disposable | undefined;

    /** While this server leads, the reader's index is let go; when it stops leading, it is built again at once. */
    initialize(): void {
        this.leadership = whileLeader(this.ownership, {
            start: () => this.reader.forget(),
            stop: async () => this.indexJournalFiles()
        }, error => this.logger.error('The event journal\'s reader could not be let go', error));
    }

    onStart(): void {
        if (!this.ownership.isLeader) {
            this.indexJournalFiles();
        }
    }

    onStop(): void {
        this.leadership?.dispose();
    }

    /** A server that does not lead indexes the journal's files ahead (as long as a leader's replay), not at a caller's first request. */
    protected indexJournalFiles(): void {
        this.reader.refresh().catch(error => this.logger.warn('The event journal\'s files could not be read; the next events request tries again', error));
    }

    configure(app: express.Application): void {
        app.get(EVENTS_API_PATH, (request, response) => {
            const user = this.requestUsers.userOf(request);
            if (!user) {
                sendJson(response, 401, { error: 'Sign in first, or send an API token (Authorization: Bearer …)' });
                return;
            }
            if (!hasPermission(user.authority, 'operations.view')) {
                sendJson(response, 403, { error: `Your authority (${user.authority}) does not allow this` });
                return;
            }
            this.listEvents(request, response, user.authority).catch(error => {
                const reference = randomUUID().slice(0, 8);
                this.logger.error(`${request.method} ${request.path} failed (reference ${reference})`, error);
                if (!response.headersSent) {
                    sendJson(response, 500, { error: `Something went wrong on the server (reference ${reference})` });
                }
            });
        });
    }

    protected async listEvents(request: express.Request, response: express.Response, authority: Authority): Promise<void> {
        const parsed = EventsRequestSchema.safeParse(request.query);
        if (!parsed.success) {
            sendJson(response, 400, { error: `Invalid request: ${describeZodError(parsed.error)}` });
            return;
        }
        const { after, limit } = parsed.data;
        const journal = await this.pagesToRead();
        if (after > journal.lastSeq) {
            if (journal === this.reader) {
                // Perhaps given out by the leader a moment ago, past this server's view of the shared folder (a new segment
                // not listed yet): a 400 would tell a correct caller to start again from 0.
                response.set('Retry-After', '2');
                sendJson(response, 503, { error: `This server does not see position ${after} in the event journal yet (it sees up to ${journal.lastSeq}): ask again in a moment` });
                return;
            }
            sendJson(response, 400, {
                error: `Invalid request: after=${after} is past the last event (${journal.lastSeq}); use the "next" of a page this server gave out, or 0 to start from the oldest event kept`
            });
            return;
        }
        const page = await journal.read(after, limit);
        const events: PressworkEvent[] = page.filter(event => mayRead(authority, event.name));
        sendJson(response, 200, { events, next: page.length > 0 ? page[page.length - 1].seq : after });
    }

    /** The leader pages the journal it writes; another server reads the leader's files as they are now. */
    protected async pagesToRead(): Promise<JournalPages> {
        if (this.ownership.isLeader) {
            await this.journal.ready;
            return this.journal;
        }
        await this.reader.refresh();
        return this.reader;
    }
}

function sendJson(response: express.Response, status: number, body: unknown): void {
    response.status(status).set('Cache-Control', 'no-store').json(body);
}
