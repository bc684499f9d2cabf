import { Client, ClientConfig, Pool } from 'pg';
import { CHANGES_CHANNEL } from './migrations';
import { ownTimers } from './own-timers';
import { CHANGES_AFTER, CHANGES_VISIBLE_IN, ChangePosition, ChangeRow } from './change-rows';

export interface ChangeTailOptions {
    readonly pool: Pool;
    /** This server, whose own writes the tail reads without their bodies. */
    readonly serverId: string;
    /** For the LISTEN connection, which stays out of the pool. */
    readonly listenConfig: ClientConfig;
    readonly start: ChangePosition;
    /** Takes rows into memory and announces them, in the order given. */
    readonly apply: (rows: readonly ChangeRow[]) => Promise<void>;
    /** A read of the table begins and ends (tombstones recorded before it began can go once it ends). */
    readonly beginRead: () => number;
    readonly endRead: (read: number) => void;
    /** A read or the LISTEN connection failed; the tail goes on trying by itself. */
    readonly onError: (error: unknown) => void;
    readonly pollMs?: number;
    readonly reconnectMs?: number;
    readonly batch?: number;
}

/** Wakes the other servers' tails: the NOTIFY names the writing server, whose own tail ignores it. */
export async function wakeUpOthers(pool: Pool, serverId: string): Promise<void> {
    await pool.query({ name: 'presswork-wake-up', text: 'SELECT pg_notify($1, $2)', values: [CHANGES_CHANNEL, serverId] });
}

/**
 * Follows the change table: a pass reads what finished transactions wrote after the remembered
 * position, on each NOTIFY of another server (a store's NOTIFY names its server, `wakeUpOthers`)
 * and every second as a safety net (a NOTIFY is lost while the connection is down). After a database restart the LISTEN connection comes back by itself and a
 * pass resumes from the remembered position: nothing is skipped.
 */
export class ChangeTail {
    protected position: ChangePosition;
    protected listener: Client | undefined;
    protected running: Promise<void> | undefined;
    protected pending: Promise<void> | undefined;
    protected timer: NodeJS.Timeout | undefined;
    protected reconnectTimer: NodeJS.Timeout | undefined;
    protected stopped = false;

    constructor(protected readonly options: ChangeTailOptions) {
        this.position = options.start;
    }

    get current(): ChangePosition {
        return this.position;
    }

    start(): void {
        this.timer = ownTimers.setInterval(() => this.pass().catch(error => this.options.onError(error)), this.options.pollMs ?? 1000);
        this.listen();
    }

    /** Reads what is new; a call while a pass runs is served by one more pass after it. */
    pass(): Promise<void> {
        if (this.stopped) {
            return Promise.resolve();
        }
        this.pending ??= (this.running ?? Promise.resolve()).catch(() => undefined).then(() => {
            this.pending = undefined;
            this.running = this.drain().finally(() => this.running = undefined);
            return this.running;
        });
        return this.pending;
    }

    /**
     * Takes in every change committed before the call, even behind a transaction still running
     * (which holds the tail's horizon back): those committed in the call's snapshot are read now.
     */
    async catchUp(): Promise<void> {
        const { rows } = await this.options.pool.query<{ snapshot: string }>('SELECT pg_current_snapshot()::text AS snapshot');
        await this.pass();
        let from = this.position;
        const read = this.options.beginRead();
        try {
            for (; ;) {
                const batch = this.options.batch ?? 500;
                const result = await this.options.pool.query<ChangeRow>({
                    name: 'presswork-changes-visible-in', text: CHANGES_VISIBLE_IN, values: [this.options.serverId, from.tx, from.position, rows[0].snapshot, batch]
                });
                await this.options.apply(result.rows);
                if (result.rows.length < batch) {
                    return;
                }
                from = result.rows[result.rows.length - 1];
            }
        } finally {
            this.options.endRead(read);
        }
    }

    async stop(): Promise<void> {
        this.stopped = true;
        ownTimers.clearInterval(this.timer);
        ownTimers.clearTimeout(this.reconnectTimer);
        const listener = this.listener;
        this.listener = undefined;
        await listener?.end().catch(() => undefined);
        await this.running?.catch(() => undefined);
    }

    protected async drain(): Promise<void> {
        const batch = this.options.batch ?? 500;
        const read = this.options.beginRead();
        try {
            for (; ;) {
                const { rows } = await this.options.pool.query<ChangeRow>({
                    name: 'presswork-changes-after', text: CHANGES_AFTER, values: [this.options.serverId, this.position.tx, this.position.position, batch]
                });
                if (rows.length) {
                    await this.options.apply(rows);
                    const last = rows[rows.length - 1];
                    this.position = { tx: last.tx, position: last.position };
                }
                if (rows.length < batch || this.stopped) {
                    return;
                }
            }
        } finally {
            this.options.endRead(read);
        }
    }

    protected listen(): void {
        if (this.stopped) {
            return;
        }
        const client = new Client(this.options.listenConfig);
        this.listener = client;
        client.on('error', error => this.lost(client, error));
        client.on('end', () => this.lost(client, undefined));
        client.on('notification', message => {
            // This server's own wake-up: its writes are in memory already (one that memory missed,
            // its connection lost after the commit, is read by the next poll).
            if (message.payload !== this.options.serverId) {
                this.pass().catch(error => this.options.onError(error));
            }
        });
        client.connect()
            .then(() => client.query(`LISTEN ${CHANGES_CHANNEL}`))
            // Whatever was committed while the connection was down is read now.
            .then(() => this.pass())
            .catch(error => this.lost(client, error));
    }

    protected lost(client: Client, error: unknown): void {
        if (this.listener !== client) {
            return;
        }
        this.listener = undefined;
        client.removeAllListeners('notification');
        client.end().catch(() => undefined);
        if (error !== undefined) {
            this.options.onError(error);
        }
        if (!this.stopped) {
            this.reconnectTimer = ownTimers.setTimeout(() => this.listen(), this.options.reconnectMs ?? 1000);
        }
    }
}
