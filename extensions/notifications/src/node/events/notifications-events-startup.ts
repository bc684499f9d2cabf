import { inject, injectable, named } from '@theia/core/shared/inversify';
import { ILogger } from '@theia/core/lib/common/logger';
import type { Disposable } from '@theia/core/lib/common/disposable';
import type { BackendApplicationContribution } from '@theia/core/lib/node/backend-application';
import { PlatformReady } from '@presswork/platform/lib/node/platform-startup';
import { DocumentStore } from '@presswork/platform/lib/node/store/document-store';
import { WorkOwnership } from '@presswork/platform/lib/node/cluster/work-ownership';
import { whileLeader } from '@presswork/platform/lib/node/cluster/while-leader';
import { FileEventJournal } from '../journal/file-event-journal';
import { EventDerivation } from './event-derivation';
import { TimeEventScanner } from './time-event-scanner';

/** How often segments past the retention are looked for, besides each rotation. */
const PRUNE_EVERY_MS = 60 * 60 * 1000;

/**
 * Starts the events on the leader (with the embedded store: the one server, at start) once the
 * store is open and has caught up: the journal replayed as the last leader left it, the events
 * missed meanwhile journaled (then the journal is `ready`), then changes followed and the time
 * scanner run. When this server stops leading, it stops deriving and lets the journal go; another
 * leader takes it over from the shared files folder. Never holds up the server's start; a failure
 * is logged and fails `ready`.
 */
@injectable()
export class NotificationsEventsStartup implements BackendApplicationContribution {
    @inject(PlatformReady) protected readonly platform: PlatformReady;
    @inject(DocumentStore) protected readonly store: DocumentStore;
    @inject(WorkOwnership) protected readonly ownership: WorkOwnership;
    @inject(FileEventJournal) protected readonly journal: FileEventJournal;
    @inject(EventDerivation) protected readonly derivation: EventDerivation;
    @inject(TimeEventScanner) protected readonly scanner: TimeEventScanner;
    @inject(ILogger) @named('notifications:EventsStartup') protected readonly logger: ILogger;

    protected pruneTimer: NodeJS.Timeout | undefined;
    protected leadership: Disposable | undefined;

    initialize(): void {
        this.leadership = whileLeader(this.ownership, this, error => {
            this.logger.error('Events could not be started: no notifications are sent until this server leads again or restarts', error);
            this.journal.markFailed(error instanceof Error ? error : new Error(String(error)));
        });
    }

    async start(): Promise<void> {
        await this.platform.whenReady;
        // Every server's writes are in the replica before the pass compares them with the journal.
        await this.store.catchUp();
        await this.journal.reopen();
        await this.derivation.start();
        this.journal.markReady();
        this.scanner.start();
        this.pruneTimer = setInterval(() => this.journal.prune().catch(error => this.logger.error('Old journal segments could not be removed', error)), PRUNE_EVERY_MS);
        this.pruneTimer.unref();
    }

    /** Stops deriving; resolves once the journal is let go (nothing more is written to it here). */
    async stop(): Promise<void> {
        clearInterval(this.pruneTimer);
        this.scanner.stop();
        await this.derivation.halt();
        await this.journal.suspend();
    }

    onStop(): void {
        this.leadership?.dispose();
        clearInterval(this.pruneTimer);
        this.scanner.stop();
        this.derivation.stop();
        void this.journal.close();
    }
}
