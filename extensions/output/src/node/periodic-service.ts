import { inject, injectable, optional } from '@theia/core/shared/inversify';
import type { ILogger } from '@theia/core/lib/common/logger';
import { DisposableCollection, type Disposable } from '@theia/core/lib/common/disposable';
import type { BackendApplicationContribution } from '@theia/core/lib/node/backend-application';
import { PlatformReady } from '@presswork/platform/lib/node/platform-startup';
import { WorkOwnership } from '@presswork/platform/lib/node/cluster/work-ownership';
import { whileLeader } from '@presswork/platform/lib/node/cluster/while-leader';

/**
 * The lifecycle of a backend service that works in rounds on a timer: it starts (once) after
 * PlatformReady, runs a round, and schedules the next one `intervalMs` after the last ended (a slow
 * round never overlaps the next); stopping clears the timer, aborts `abort.signal` (the requests a
 * round made with it) and disposes `toDispose`, then lets the service wait for its work. It can
 * be started again. The printer monitor and the print follower both work this way, so it is
 * written once here rather than in each. Shop-wide work (`leaderOnly`) runs on the leader only:
 * started when this server becomes the leader, stopped when it gives that up.
 */
@injectable()
export abstract class PeriodicService implements BackendApplicationContribution {
    @inject(PlatformReady) @optional() protected readonly platform: PlatformReady | undefined;
    @inject(WorkOwnership) protected readonly ownership: WorkOwnership;

    protected abstract readonly logger: ILogger;
    /** What the log calls the service ("printer monitor"). */
    protected abstract readonly serviceName: string;
    /** The wait after a round before the next. */
    protected abstract get intervalMs(): number;
    /** Whether the work is shop-wide, for the leader alone (otherwise every server runs it). */
    protected readonly leaderOnly: boolean = false;
    protected leadership: Disposable | undefined;

    /** Disposed on stop: what `setUp` subscribed to. */
    protected readonly toDispose = new DisposableCollection();
    /** Aborted on stop: a round passes its signal to every request it makes. */
    protected abort = new AbortController();
    protected timer: NodeJS.Timeout | undefined;
    protected running = false;
    protected started: Promise<void> | undefined;

    /** Subscribes (into `toDispose`) and takes up the work found at start; runs before the first round. */
    protected abstract setUp(): void;
    /** One round of the work; `running` turns false when a stop begins. */
    protected abstract runRound(): Promise<void>;
    /** After a stop: waits for the work under way and forgets what it held. */
    protected abstract tearDown(): Promise<void>;

    onStart(): void {
        const failed = (error: unknown) => this.logger.error(`The ${this.serviceName} could not start`, error);
        if (this.leaderOnly) {
            this.leadership = whileLeader(this.ownership, this, failed);
        } else {
            this.start().catch(failed);
        }
    }

    onStop(): void {
        this.leadership?.dispose();
        this.stop().catch(error => this.logger.error(`The ${this.serviceName} did not stop cleanly`, error));
    }

    /** Starts (once); resolves after the first round. */
    start(): Promise<void> {
        this.started ??= this.doStart();
        return this.started;
    }

    protected async doStart(): Promise<void> {
        await this.platform?.whenReady;
        this.running = true;
        this.abort = new AbortController();
        this.setUp();
        await this.tick();
    }

    /** Stops; resolves once `tearDown` has. */
    async stop(): Promise<void> {
        await this.started?.catch(() => undefined);
        this.running = false;
        this.started = undefined;
        clearTimeout(this.timer);
        this.timer = undefined;
        this.abort.abort();
        this.toDispose.dispose();
        await this.tearDown();
    }

    /** One round now; then, while running, the next after `intervalMs`. */
    async tick(): Promise<void> {
        clearTimeout(this.timer);
        this.timer = undefined;
        await this.runRound();
        if (this.running) {
            this.timer = setTimeout(() => this.tick().catch(error => this.logger.error(`A ${this.serviceName} round failed`, error)), this.intervalMs);
        }
    }
}
