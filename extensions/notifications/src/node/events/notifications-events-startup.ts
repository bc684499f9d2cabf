import { inject, injectable, named } from '@theia/core/shared/inversify';
import { ILogger } from '@theia/core/lib/common/logger';
import type { BackendApplicationContribution } from '@theia/core/lib/node/backend-application';
import { PlatformReady } from '@presswork/platform/lib/node/platform-startup';
import { FileEventJournal } from '../journal/file-event-journal';
import { EventDerivation } from './event-derivation';
import { TimeEventScanner } from './time-event-scanner';

/** How often segments past the retention are looked for, besides each rotation. */
const PRUNE_EVERY_MS = 60 * 60 * 1000;

/**
 * Starts the events once the store is open: the journal replayed, the events missed while
 * Presswork was down journaled (then the journal is `ready`), then changes followed and the time
 * scanner run. Never holds up the server's start; a failure is logged and fails `ready`.
 */
@injectable()
export class NotificationsEventsStartup implements BackendApplicationContribution {
    @inject(PlatformReady) protected readonly platform: PlatformReady;
    @inject(FileEventJournal) protected readonly journal: FileEventJournal;
    @inject(EventDerivation) protected readonly derivation: EventDerivation;
    @inject(TimeEventScanner) protected readonly scanner: TimeEventScanner;
    @inject(ILogger) @named('notifications:EventsStartup') protected readonly logger: ILogger;

    protected pruneTimer: NodeJS.Timeout | undefined;

    initialize(): void {
        this.start().catch(error => {
            this.logger.error('Events could not be started: no notifications are sent until Presswork restarts', error);
            this.journal.markFailed(error instanceof Error ? error : new Error(String(error)));
        });
    }

    protected async start(): Promise<void> {
        await this.platform.whenReady;
        await this.journal.open();
        await this.derivation.start();
        this.journal.markReady();
        this.scanner.start();
        this.pruneTimer = setInterval(() => this.journal.prune().catch(error => this.logger.error('Old journal segments could not be removed', error)), PRUNE_EVERY_MS);
        this.pruneTimer.unref();
    }

    onStop(): void {
        clearInterval(this.pruneTimer);
        this.scanner.stop();
        this.derivation.stop();
        void this.journal.close();
    }
}
