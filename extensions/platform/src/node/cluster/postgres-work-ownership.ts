import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { Pool } from 'pg';
import { Disposable, DisposableCollection } from '@theia/core/lib/common/disposable';
import type { ILogger } from '@theia/core/lib/common/logger';
import type { DocumentStore } from '../store/document-store';
import { KeyedLock } from '../store/keyed-lock';
import { ConnectionsCollection } from '../store/platform-collections';
import { openClusterPool } from './cluster-pool';
import { planShare } from './fair-share';
import { LeaseBook } from './lease-book';
import { ORDER_LEASES, leaseNameOf, scopeOfLease } from './lease-names';
import { partitionOfOrder } from './order-partitions';
import { ServerRegistry } from './server-registry';
import type { OwnershipListener, ServerRole, WorkOwnership, WorkScope } from './work-ownership';

export interface PostgresWorkOwnershipOptions {
    readonly databaseUrl: string;
    readonly leaseSeconds: number;
    readonly store: DocumentStore;
    /** This Presswork's version, shown in the Servers view. */
    readonly version: string;
    readonly logger: Pick<ILogger, 'info' | 'warn' | 'error'>;
    /** How long `losing` listeners may take before a lease given up is released anyway. */
    readonly losingTimeoutMs?: number;
    /** How often the leader prunes the change table. */
    readonly pruneIntervalMs?: number;
}

/** Changes are kept this long: a server that was away for less resumes its feed without a gap. */
const KEEP_CHANGES = '1 hour';
const EXCLUSIVE_LOCK_PREFIX = 'presswork:exclusive:';
/** How long after another server's lease expires the check that may take it runs: timers' slack. */
const AFTER_EXPIRY_MS = 50;

/**
 * Which server does which work, decided by leases in PostgreSQL. Every leaseSeconds/3 a check
 * beats the heartbeat, renews this server's leases, and takes or gives up leases towards a fair
 * share among the live servers (the leader, the order partitions, one lease per connection in the
 * store). A lease of another server that expires before the next check (its holder died) brings
 * that check forward to just after the expiry, so work moves over as soon as it may. A lease given
 * up is announced to listeners' `losing`, awaited, then released; a lease not
 * renewed in time (the database out of reach) is treated as lost before it expires (self-fencing),
 * so two servers never believe they own the same work.
 */
export class PostgresWorkOwnership implements WorkOwnership {
    readonly serverId = `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
    protected readonly leasePool: Pool;
    protected readonly lockPool: Pool;
    protected readonly registry: ServerRegistry;
    protected readonly book: LeaseBook;
    protected readonly turns = new KeyedLock();
    protected readonly listeners = new Set<OwnershipListener>();
    /** Leases held for work: their scopes are owned here. */
    protected readonly held = new Set<string>();
    /** Leases being given up: still renewed, no longer owned (listeners' `losing` runs). */
    protected readonly releasing = new Set<string>();
    protected readonly toDispose = new DisposableCollection();
    /** Leases being given up in the background: a stop waits for them. */
    protected readonly givingUp = new Set<Promise<void>>();
    protected running = false;
    protected stopped = false;
    protected checkTimer: NodeJS.Timeout | undefined;
    protected fenceTimer: NodeJS.Timeout | undefined;
    protected checking: Promise<void> = Promise.resolve();
    protected checkAgain = false;
    /** Whether the last check went through (a failure is logged once, not at every check). */
    protected checked = true;
    protected nextPruneAt = 0;
    /** When (performance.now()) the soonest lease held by another server expires, as the last check saw it. */
    protected othersExpireAt = Infinity;
    protected readonly checkIntervalMs: number;

    constructor(protected readonly options: PostgresWorkOwnershipOptions) {
        const leaseMs = options.leaseSeconds * 1000;
        this.checkIntervalMs = Math.round(leaseMs / 3);
        const onIdleError = (error: Error) => options.logger.warn(`cluster: a database connection broke: ${error.message}`);
        this.leasePool = openClusterPool(options.databaseUrl, { max: 2, connectTimeoutMs: this.checkIntervalMs, queryTimeoutMs: this.checkIntervalMs, onIdleError });
        this.lockPool = openClusterPool(options.databaseUrl, { max: 8, connectTimeoutMs: leaseMs, onIdleError });
        this.registry = new ServerRegistry(this.leasePool, { id: this.serverId, host: hostname(), pid: process.pid, version: options.version }, options.leaseSeconds);
        this.book = new LeaseBook(this.leasePool, this.serverId, options.leaseSeconds);
    }

    get isLeader(): boolean {
        return this.held.has('leader');
    }

    ownsOrder(orderId: string): boolean {
        return this.held.has(leaseNameOf({ kind: 'orders', partition: partitionOfOrder(orderId) }));
    }

    ownsConnection(connectionId: string): boolean {
        return this.held.has(leaseNameOf({ kind: 'connection', connectionId }));
    }

    listen(listener: OwnershipListener): Disposable {
        this.listeners.add(listener);
        for (const name of this.held) {
            this.announceGained(name, [listener]);
        }
        return Disposable.create(() => this.listeners.delete(listener));
    }

    role(): ServerRole {
        const scopes = [...this.held].map(scopeOfLease);
        return {
            serverId: this.serverId,
            store: 'postgresql',
            leader: this.isLeader,
            orderPartitions: scopes.flatMap(scope => scope?.kind === 'orders' ? [scope.partition] : []).sort((a, b) => a - b),
            connections: scopes.flatMap(scope => scope?.kind === 'connection' ? [scope.connectionId] : []).sort()
        };
    }

    /**
     * A session advisory lock on a connection of its own, held while `work` runs: another server
     * asking for the same name waits; the lock ends with the connection if this server dies.
     */
    exclusive<T>(name: string, work: () => Promise<T>): Promise<T> {
        return this.turns.run(name, async () => {
            const client = await this.lockPool.connect();
            const key = EXCLUSIVE_LOCK_PREFIX + name;
            let broken: Error | undefined;
            const onError = (error: Error) => broken = error;
            client.on('error', onError);
            try {
                await client.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [key]);
                await this.options.store.catchUp();
                return await work();
            } finally {
                try {
                    if (!broken) {
                        await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [key]);
                    }
                } catch (error) {
                    broken = error as Error;
                }
                client.off('error', onError);
                client.release(broken);
            }
        });
    }

    /** Registers this server and begins checking; call once the store is ready. */
    async start(): Promise<void> {
        if (this.running || this.stopped) {
            return;
        }
        this.running = true;
        this.toDispose.push(this.options.store.onDidChange(change => {
            if (change.collection !== ConnectionsCollection.name) {
                return;
            }
            const name = leaseNameOf({ kind: 'connection', connectionId: change.id });
            if (change.kind === 'deleted') {
                if (this.held.has(name)) {
                    this.giveUpLater([name], { forget: true });
                }
            } else if (change.kind === 'created') {
                this.checkSoon();
            }
        }));
        this.checkSoon();
        await this.checking;
    }

    /** A clean stop: gives every lease up (listeners' `losing` first), marks the server stopped. */
    async stop(): Promise<void> {
        if (this.stopped) {
            return;
        }
        this.stopped = true;
        const wasRunning = this.running;
        this.halt();
        await this.checking;
        if (wasRunning) {
            await Promise.all([this.giveUp([...this.held]), ...this.givingUp]);
            try {
                await this.registry.stopped();
            } catch (error) {
                this.options.logger.warn(`cluster: could not mark server ${this.serverId} stopped: ${String(error)}`);
            }
        }
        await this.turns.idle();
        await Promise.all([this.leasePool.end(), this.lockPool.end()]);
    }

    /** Stops checking, keeping the leases as they are (they expire): a stop's first step, or a crash in tests. */
    protected halt(): void {
        this.running = false;
        clearTimeout(this.checkTimer);
        clearTimeout(this.fenceTimer);
        this.toDispose.dispose();
    }

    /** Checks now (or right after the check under way), then every leaseSeconds/3, or just after another server's lease expires if sooner. */
    protected checkSoon(): void {
        if (!this.running) {
            return;
        }
        clearTimeout(this.checkTimer);
        this.checkTimer = undefined;
        this.checkAgain = true;
        this.checking = this.checking.then(async () => {
            if (!this.checkAgain || !this.running) {
                return;
            }
            this.checkAgain = false;
            const startedAt = performance.now();
            await this.check();
            if (this.running && !this.checkAgain) {
                // At a steady pace from each check's start: a slow check does not push the next renewal past the fence.
                const nextAt = Math.min(startedAt + this.checkIntervalMs, this.othersExpireAt + AFTER_EXPIRY_MS);
                this.checkTimer = setTimeout(() => this.checkSoon(), Math.max(0, nextAt - performance.now()));
            }
        });
    }

    protected async check(): Promise<void> {
        const startedAt = performance.now();
        this.othersExpireAt = Infinity;
        try {
            const kept = [...this.held, ...this.releasing];
            const renewed = await this.beatAndRenew(kept);
            // Every lease renewed lasts leaseSeconds from the database's now(), which is after startedAt.
            this.armFence(startedAt);
            const lost = kept.filter(name => !renewed.has(name) && this.held.delete(name));
            if (lost.length) {
                this.options.logger.warn(`cluster: ${lost.join(', ')} taken over by another server`);
                void this.announceLosing(lost);
            }
            await this.balance();
            await this.pruneIfLeader();
            if (!this.checked) {
                this.checked = true;
                this.options.logger.info(`cluster: server ${this.serverId} checks its leases again`);
            }
        } catch (error) {
            if (this.checked) {
                this.checked = false;
                this.options.logger.warn(`cluster: server ${this.serverId} could not check its leases (the database out of reach?), retrying: ${error instanceof Error ? error.message : String(error)}`);
            }
        }
    }

    /**
     * The heartbeat and the renewal in one transaction, so one now() for both: this server stops
     * counting among the live servers exactly when its leases expire, and a crash between the two
     * statements leaves neither. Otherwise a server killed after its heartbeat would still count
     * for a while after its leases expired, and the survivors would take only part of its work.
     */
    protected async beatAndRenew(names: readonly string[]): Promise<Set<string>> {
        const client = await this.leasePool.connect();
        let broken: Error | undefined;
        const onError = (error: Error) => broken = error;
        client.on('error', onError);
        try {
            await client.query('BEGIN');
            await this.registry.heartbeat(client);
            const renewed = await this.book.renew(names, client);
            await client.query('COMMIT');
            return renewed;
        } catch (error) {
            // Released broken, the connection closes and the transaction with it.
            broken ??= error as Error;
            throw error;
        } finally {
            client.off('error', onError);
            client.release(broken);
        }
    }

    /** Takes leases up to this server's fair share of each kind of work, gives up the extras. */
    protected async balance(): Promise<void> {
        const liveServers = (await this.registry.liveServers()).length;
        const leases = await this.book.list();
        const listedAt = performance.now();
        const othersLive = leases.filter(lease => lease.live && lease.holder !== this.serverId);
        // Measured from when the answer came, never before the expiry in database time: no lease is taken early.
        this.othersExpireAt = listedAt + Math.min(Infinity, ...othersLive.map(lease => lease.expiresInMs ?? Infinity));
        const takenByOthers = new Set(othersLive.map(lease => lease.name));
        const connections = [...this.options.store.all(ConnectionsCollection)].map(connection => leaseNameOf({ kind: 'connection', connectionId: connection.id }));
        const mine = new Set([...this.held, ...this.releasing]);
        const plans = [['leader'], ORDER_LEASES, connections].map(names =>
            planShare({ names, mine, takenByOthers, liveServers, serverId: this.serverId }));
        const acquired = await this.book.acquire(plans.flatMap(plan => plan.take));
        const takenOver = leases.filter(lease => !lease.live && lease.holder && lease.holder !== this.serverId && acquired.has(lease.name));
        if (takenOver.length) {
            this.options.logger.info(`cluster: took over ${takenOver.map(lease => lease.name).join(', ')} from ${[...new Set(takenOver.map(lease => lease.holder))].join(', ')}, whose leases expired`);
        }
        for (const name of acquired) {
            this.held.add(name);
            this.announceGained(name, [...this.listeners]);
        }
        const extras = plans.flatMap(plan => plan.giveUp).filter(name => this.held.has(name));
        const gone = [...this.held].filter(name => name.startsWith('connection:') && !connections.includes(name));
        const leftOver = leases.filter(lease => !lease.live && lease.name.startsWith('connection:') && !connections.includes(lease.name));
        if (this.isLeader && leftOver.length) {
            await this.book.forget(leftOver.map(lease => lease.name));
        }
        if (extras.length) {
            this.giveUpLater(extras);
        }
        if (gone.length) {
            this.giveUpLater(gone, { forget: true });
        }
    }

    /** Gives up without holding the checks back: leases being given up are renewed meanwhile. */
    protected giveUpLater(names: readonly string[], options: { forget?: boolean } = {}): void {
        const done = this.giveUp(names, options);
        this.givingUp.add(done);
        void done.finally(() => this.givingUp.delete(done));
    }

    /** Owned work stops at once; listeners finish or abandon theirs; then the leases are freed. */
    protected async giveUp(names: readonly string[], options: { forget?: boolean } = {}): Promise<void> {
        const mine = names.filter(name => this.held.delete(name));
        mine.forEach(name => this.releasing.add(name));
        try {
            await this.announceLosing(mine);
            await (options.forget ? this.book.forget(mine) : this.book.release(mine));
        } catch (error) {
            this.options.logger.warn(`cluster: could not release ${mine.join(', ')} (they expire by themselves): ${String(error)}`);
        } finally {
            mine.forEach(name => this.releasing.delete(name));
        }
    }

    /**
     * Renewed leases last leaseSeconds from `renewedAt`; if no renewal comes by one check interval
     * before that, this server drops everything it holds, before another server may take it.
     */
    protected armFence(renewedAt: number): void {
        clearTimeout(this.fenceTimer);
        const fenceAt = renewedAt + this.options.leaseSeconds * 1000 - this.checkIntervalMs;
        this.fenceTimer = setTimeout(() => this.fence(), Math.max(0, fenceAt - performance.now()));
    }

    protected fence(): void {
        const names = [...this.held, ...this.releasing];
        if (!names.length) {
            return;
        }
        this.options.logger.error(`cluster: server ${this.serverId} could not renew its leases in time and stops the work of ${names.join(', ')}`);
        const owned = names.filter(name => this.held.delete(name));
        this.releasing.clear();
        void this.announceLosing(owned);
    }

    protected async pruneIfLeader(): Promise<void> {
        if (!this.isLeader || performance.now() < this.nextPruneAt) {
            return;
        }
        this.nextPruneAt = performance.now() + (this.options.pruneIntervalMs ?? 5 * 60_000);
        const pruned = await this.leasePool.query(`DELETE FROM changes WHERE at < now() - interval '${KEEP_CHANGES}'`);
        await this.registry.forgetLongGone();
        if (pruned.rowCount) {
            this.options.logger.info(`cluster: pruned ${pruned.rowCount} changes older than ${KEEP_CHANGES}`);
        }
    }

    protected announceGained(name: string, listeners: readonly OwnershipListener[]): void {
        const scope = scopeOfLease(name);
        for (const listener of scope ? listeners : []) {
            try {
                listener.gained?.(scope!);
            } catch (error) {
                this.options.logger.error(`cluster: a listener failed on gaining ${name}`, error);
            }
        }
    }

    /** Awaits every listener's `losing` for `names`, for at most losingTimeoutMs. */
    protected async announceLosing(names: readonly string[]): Promise<void> {
        const scopes = names.map(scopeOfLease).filter((scope): scope is WorkScope => !!scope);
        const losing = scopes.flatMap(scope => [...this.listeners].map(async listener => {
            try {
                await listener.losing?.(scope);
            } catch (error) {
                this.options.logger.error(`cluster: a listener failed on losing ${leaseNameOf(scope)}`, error);
            }
        }));
        let timer: NodeJS.Timeout | undefined;
        const timeoutMs = this.options.losingTimeoutMs ?? 30_000;
        const timedOut = new Promise<void>(resolve => timer = setTimeout(() => {
            this.options.logger.warn(`cluster: work of ${names.join(', ')} did not stop within ${timeoutMs} ms; its leases are released anyway`);
            resolve();
        }, timeoutMs));
        await Promise.race([Promise.all(losing), timedOut]);
        clearTimeout(timer);
    }
}
