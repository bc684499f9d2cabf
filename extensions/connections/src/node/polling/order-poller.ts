import { inject, injectable, named, optional } from '@theia/core/shared/inversify';
import { ILogger } from '@theia/core/lib/common/logger';
import { BackendApplicationContribution } from '@theia/core/lib/node/backend-application';
import { DisposableCollection } from '@theia/core/lib/common/disposable';
import type { Connection, FetchedOrders, OrderWindow } from '@presswork/platform/lib/common';
import { DocumentStore } from '@presswork/platform/lib/node/store/document-store';
import { PlatformReady } from '@presswork/platform/lib/node/platform-startup';
import { IntakeWindows } from '@presswork/platform/lib/node/intake-windows';
import { WorkOwnership, type WorkScope } from '@presswork/platform/lib/node/cluster/work-ownership';
import { ConnectionsCollection } from '@presswork/platform/lib/node/store/platform-collections';
import { ConnectionTypeRegistry } from '@presswork/platform/lib/common/connection-type-registry';
import type { ConnectionLogEntry, ConnectionStatus } from '../../common/connection-runtime';
import { ConnectionLogsCollection, ConnectionState, ConnectionStatesCollection, MAX_LOG_ENTRIES } from '../connection-collections';
import { IntakeResult, OrderIntake, WindowIntake } from '../intake/order-intake';
import { DigestedOrders, ReceivedOrdersSink, isDigestAware } from '../intake/received-digests';
import { CATCH_UP_DELAY_MS, MAX_EMPTY_PIECES_PER_POLL, delayAfter, isBehind, nextPiece, nextWindow } from './poll-schedule';
import { describeFailure, describeQuarantined, needsAttention } from './poll-failure';

/** The clock polls read; tests and the simulator's DST cases set their own. */
export const PollClock = Symbol('PollClock');
export type PollClock = () => Date;

/** How long "Poll now" on a server that does not poll the connection waits for its poller to record a poll. */
const REQUESTED_POLL_WAIT_MS = 20_000;

export interface PollerOptions {
    /** The longest window asked for at once (catching up goes in pieces of this size). */
    readonly maxWindowMs: number;
}
export const PollerOptions = Symbol('PollerOptions');

/**
 * Polls every enabled connection this server owns (`WorkOwnership.ownsConnection`) on its
 * interval, at most one poll per connection at a time. The watermark moves only after a whole
 * window is stored, and lives in the store, so a restart, a crash or another server taking the
 * connection over resumes from the last complete window: no gap, and repeats are harmless
 * duplicates. A connection given up (`losing`) has its poll under way finished, then none more.
 */
@injectable()
export class OrderPoller implements BackendApplicationContribution {
    @inject(DocumentStore) protected readonly store: DocumentStore;
    @inject(PlatformReady) protected readonly platform: PlatformReady;
    @inject(ConnectionTypeRegistry) protected readonly types: ConnectionTypeRegistry;
    @inject(OrderIntake) protected readonly intake: OrderIntake;
    @inject(PollClock) protected readonly now: PollClock;
    @inject(PollerOptions) protected readonly options: PollerOptions;
    @inject(WorkOwnership) protected readonly ownership: WorkOwnership;
    @inject(ILogger) @named('connections:OrderPoller') protected readonly logger: ILogger;
    /** Told while a window's orders are written, so that work that can wait leaves them the store and the cores. */
    @inject(IntakeWindows) @optional() protected readonly intakeWindows?: IntakeWindows;

    protected readonly timers = new Map<string, NodeJS.Timeout>();
    protected readonly running = new Map<string, Promise<void>>();
    protected readonly abort = new AbortController();
    protected readonly toDispose = new DisposableCollection();
    /** Connections being given up to another server: nothing new starts for them. */
    protected readonly leaving = new Set<string>();
    protected stopped = false;

    /**
     * The installed connection types get ready to poll while the server starts, before the store is
     * even open: readying on the first poll, or on the store's connections, came too late to spare
     * the first poll the wait (measured: the orders worker was ready 290 ms into the first answer).
     */
    initialize(): void {
        this.types.all().forEach(type => type.prepareToPoll?.());
    }

    async onStart(): Promise<void> {
        await this.platform.whenReady;
        this.toDispose.push(this.store.onDidChange(change => {
            if (change.collection === ConnectionsCollection.name) {
                this.reschedule(change.id, change.kind === 'deleted' ? undefined : change.document as Connection);
            } else if (change.collection === ConnectionStatesCollection.name && (change.document as ConnectionState | undefined)?.pollRequestedAt) {
                // Another server's operator asked for a poll now; the poll under way, if any, answers it.
                if (this.polls(change.id) && !this.running.has(change.id)) {
                    this.schedule(change.id, 0);
                }
            }
        }));
        this.toDispose.push(this.ownership.listen({
            gained: scope => this.gained(scope),
            losing: scope => this.losing(scope)
        }));
        // The embedded store owns every connection without reporting them one by one.
        for (const connection of this.store.all(ConnectionsCollection)) {
            this.reschedule(connection.id, connection);
        }
    }

    onStop(): void {
        this.stopped = true;
        this.toDispose.dispose();
        this.abort.abort();
        this.timers.forEach(timer => clearTimeout(timer));
        this.timers.clear();
    }

    /**
     * Polls now (or waits for the poll under way); resolves when it has ended. On a server that
     * does not poll the connection, asks its poller through the store and waits (a bounded time)
     * for that poll to be recorded.
     */
    pollNow(connectionId: string): Promise<void> {
        if (!this.polls(connectionId) && this.store.get(ConnectionsCollection, connectionId)?.enabled && !this.stopped) {
            return this.requestPoll(connectionId);
        }
        return this.running.get(connectionId) ?? this.poll(connectionId);
    }

    protected async requestPoll(connectionId: string): Promise<void> {
        const recorded = new Promise<void>(resolve => {
            const timer = setTimeout(() => done(), REQUESTED_POLL_WAIT_MS);
            const subscription = this.store.onDidChange(change => {
                if (change.collection === ConnectionStatesCollection.name && change.id === connectionId && !(change.document as ConnectionState | undefined)?.pollRequestedAt) {
                    done();
                }
            });
            const done = (): void => {
                clearTimeout(timer);
                subscription.dispose();
                resolve();
            };
        });
        const requested = { pollRequestedAt: new Date().toISOString() };
        if (this.store.get(ConnectionStatesCollection, connectionId)) {
            await this.store.modify(ConnectionStatesCollection, connectionId, current => ({ ...current, ...requested }));
        } else {
            await this.store.create(ConnectionStatesCollection, { id: connectionId, consecutiveFailures: 0, status: { state: 'idle' }, ...requested });
        }
        await recorded;
    }

    /** Resolves once no poll is running: for tests and an orderly stop. */
    async idle(): Promise<void> {
        await Promise.all(this.running.values());
    }

    /** Whether this server polls the connection now. */
    protected polls(connectionId: string): boolean {
        return !this.stopped && !this.leaving.has(connectionId) && this.ownership.ownsConnection(connectionId);
    }

    protected gained(scope: WorkScope): void {
        if (scope.kind === 'connection') {
            this.leaving.delete(scope.connectionId);
            // Another server may have taken orders in meanwhile: what is remembered of them is read again from the store.
            this.intake.forgetDigests(scope.connectionId);
            this.reschedule(scope.connectionId, this.store.get(ConnectionsCollection, scope.connectionId));
        }
    }

    /** Cancels the next poll and waits for the one under way; the next owner goes on from the stored watermark. */
    protected async losing(scope: WorkScope): Promise<void> {
        if (scope.kind === 'connection') {
            this.leaving.add(scope.connectionId);
            clearTimeout(this.timers.get(scope.connectionId));
            this.timers.delete(scope.connectionId);
            await this.running.get(scope.connectionId);
        }
    }

    protected reschedule(connectionId: string, connection: Connection | undefined): void {
        clearTimeout(this.timers.get(connectionId));
        this.timers.delete(connectionId);
        if (connection?.enabled && this.polls(connectionId)) {
            this.schedule(connectionId, 0);
        }
    }

    protected schedule(connectionId: string, delayMs: number): void {
        clearTimeout(this.timers.get(connectionId));
        const timer = setTimeout(() => {
            this.timers.delete(connectionId);
            this.pollNow(connectionId).catch(error => this.logger.error(`poll of ${connectionId} failed unexpectedly`, error));
        }, delayMs);
        timer.unref?.();
        this.timers.set(connectionId, timer);
    }

    protected poll(connectionId: string): Promise<void> {
        const poll = this.runPoll(connectionId).finally(() => this.running.delete(connectionId));
        this.running.set(connectionId, poll);
        return poll;
    }

    protected async runPoll(connectionId: string): Promise<void> {
        const connection = this.store.get(ConnectionsCollection, connectionId);
        if (!connection?.enabled || !this.polls(connectionId)) {
            return;
        }
        let delay = delayAfter(1, connection.pollingIntervalSeconds);
        try {
            delay = await this.pollWindow(connection);
        } finally {
            // Whatever happened, even a failure to record it, the connection is polled again.
            if (this.store.get(ConnectionsCollection, connectionId)?.enabled && this.polls(connectionId)) {
                this.schedule(connectionId, delay);
            }
        }
    }

    /** Asks for the next window, takes its orders in, records state and log; returns the delay until the next poll. */
    protected async pollWindow(connection: Connection): Promise<number> {
        const state = this.store.get(ConnectionStatesCollection, connection.id);
        const started = this.now();
        let window = nextWindow(state?.watermark, connection.firstLookBackHours, started, this.options.maxWindowMs);
        /** The stretch this poll covered: empty pieces are run together (see MAX_EMPTY_PIECES_PER_POLL). */
        let covered = window;
        const timer = performance.now();
        let result: IntakeResult | undefined;
        let quarantined: string | undefined;
        let failure: unknown;
        let intake: WindowIntake | undefined;
        let windowWritten: (() => void) | undefined;
        // Orders are written as they are read; while they are, work that can wait leaves them the store and the cores.
        const intakeOf = (): WindowIntake => {
            windowWritten ??= this.intakeWindows?.begin() ?? (() => undefined);
            intake ??= this.intake.startWindow(connection, started);
            return intake;
        };
        const take: ReceivedOrdersSink = (orders, digests) => intakeOf().add(orders, digests);
        try {
            let fetched = await this.fetchWindow(connection, window, take);
            for (let pieces = 1; pieces < MAX_EMPTY_PIECES_PER_POLL && !intake && isEmpty(fetched) && isBehind(window, started) && !this.stopped; pieces++) {
                window = nextPiece(window, started, this.options.maxWindowMs);
                covered = { start: covered.start, end: window.end };
                fetched = await this.fetchWindow(connection, window, take);
            }
            result = await intakeOf().finish(fetched);
            quarantined = describeQuarantined(fetched.rejected);
        } catch (error) {
            failure = error;
            // What was read before the failure is still written (each order whole and valid), and
            // counted; the window is read again, where those orders are duplicates.
            result = await intake?.finish(NOTHING_MORE).catch(() => undefined);
        } finally {
            windowWritten?.();
        }
        const failures = failure ? (state?.consecutiveFailures ?? 0) + 1 : 0;
        // While behind, the next window is asked for as soon as this one is recorded, not after the interval.
        const behind = !failure && isBehind(window, started);
        const delay = behind ? CATCH_UP_DELAY_MS : delayAfter(failures, connection.pollingIntervalSeconds);
        if (this.stopped) {
            return delay;
        }
        // Two documents of their own, written together: they share one fsync round of the store
        // (an empty poll is mostly these writes). A crash between them leaves a log line for a window
        // asked for again, or a window read again without its line: both harmless.
        await Promise.all([
            this.saveState(connection, {
                // Any poll answers an operator's request for one.
                pollRequestedAt: undefined,
                watermark: failure ? state?.watermark : window.end,
                consecutiveFailures: failures,
                status: this.statusAfter(state, failure, started, delay, quarantined)
            }),
            this.appendLog(connection.id, {
                at: started.toISOString(), windowStart: covered.start, windowEnd: covered.end,
                received: result?.received ?? 0, created: result?.created ?? 0, duplicates: result?.duplicates ?? 0,
                rejected: result?.rejected ?? 0, errors: failure ? 1 : 0, durationMs: Math.round(performance.now() - timer),
                error: failure ? describeFailure(failure).slice(0, 2000) : undefined,
                note: quarantined?.slice(0, 2000)
            })
        ]);
        if (failure) {
            this.logger.warn(`poll of ${connection.name} failed (${failures} in a row): ${describeFailure(failure)}`);
        }
        return delay;
    }

    /** The window's orders: handed to `take` as they are read when the connection type can, else in the result. */
    protected async fetchWindow(connection: Connection, window: OrderWindow, take: ReceivedOrdersSink): Promise<DigestedOrders> {
        const type = this.types.of(connection);
        const alreadyHeld = (id: string): boolean => this.intake.holds(connection.id, id);
        return isDigestAware(type)
            ? type.fetchOrdersKnowing(connection, window, this.intake.knownOrders(connection.id, window), this.abort.signal, alreadyHeld, take)
            : type.fetchOrders(connection, window, this.abort.signal, alreadyHeld);
    }

    protected statusAfter(state: ConnectionState | undefined, failure: unknown, at: Date, delayMs: number, note?: string): ConnectionStatus {
        const lastPollAt = at.toISOString();
        const nextPollAt = new Date(at.getTime() + delayMs).toISOString();
        if (!failure) {
            return note ? { state: 'ok', message: note.slice(0, 2000), lastPollAt, nextPollAt } : { state: 'ok', lastPollAt, nextPollAt };
        }
        const failingSince = state?.status.state === 'retrying' || state?.status.state === 'error' ? state.status.since : undefined;
        return {
            state: needsAttention(failure) ? 'error' : 'retrying',
            since: failingSince ?? lastPollAt,
            message: describeFailure(failure).slice(0, 2000),
            lastPollAt,
            nextPollAt
        };
    }

    protected async saveState(connection: Connection, next: Omit<ConnectionState, 'id' | 'version'>): Promise<void> {
        if (this.store.get(ConnectionStatesCollection, connection.id)) {
            await this.store.modify(ConnectionStatesCollection, connection.id, current => ({ ...current, ...next }));
        } else {
            await this.store.create(ConnectionStatesCollection, { id: connection.id, ...next });
        }
    }

    protected async appendLog(connectionId: string, entry: ConnectionLogEntry): Promise<void> {
        if (this.store.get(ConnectionLogsCollection, connectionId)) {
            await this.store.modify(ConnectionLogsCollection, connectionId, log => ({ ...log, entries: [entry, ...log.entries].slice(0, MAX_LOG_ENTRIES) }));
        } else {
            await this.store.create(ConnectionLogsCollection, { id: connectionId, entries: [entry] });
        }
    }
}

/** Nothing left to take in once a fetch has failed. */
const NOTHING_MORE: DigestedOrders = { orders: [], rejected: [] };

/** A window that brought nothing at all: no order, nothing quarantined, nothing recognised. */
function isEmpty(fetched: DigestedOrders | FetchedOrders): boolean {
    return fetched.orders.length === 0 && fetched.rejected.length === 0 && !(fetched as DigestedOrders).unchanged?.length;
}
