import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { OrderView, RunningSimulator, SAMPLE_ORDERS } from '@presswork/marcomcentral-simulator';
import type { JobRow } from '@presswork/platform/lib/common/job-row';
import { WAITING_FOR_CLOSEOUT } from '@presswork/platform/lib/common/job-status';
import { RpcSession } from '@presswork/platform/lib/node/rpc/test/rpc-session';
import { CLOSEOUT_SERVICE_PATH, CloseoutProgress, CloseoutService } from '@presswork/closeout/lib/common/closeout-protocol';
import { JOB_ACTION_SERVICE_PATH, JobActionService } from '@presswork/jobs/lib/common/jobs-protocol';
import { ActivityTypes } from '@presswork/platform/lib/common/well-known';
import { closeoutInput } from '../crash/crash-expectations';
import { listJobs } from '../served/read-api-client';
import { CLUSTER_ADMIN_PASSWORD, ServerCluster } from './cluster-servers';

/**
 * What a shop does to a cluster from outside: customers place card orders of printable products
 * (print files ready) in the store; a shop system reads the jobs through the read API; an operator
 * closes orders out once their jobs wait at Closeout Order. Each goes to whichever server is alive.
 */

/** How long the operator waits for a server's answer before trying again (elsewhere). */
const RPC_TIMEOUT_MS = 15_000;

/** Card orders of two printable lines, print files ready: each goes intake → prepress → print → closeout → Retain. */
export async function placeCardOrders(simulator: RunningSimulator, orders: number): Promise<OrderView[]> {
    const placed: OrderView[] = [];
    for (let index = 0; index < orders; index++) {
        const template = SAMPLE_ORDERS.cardSingleShipTo;
        placed.push(await simulator.placeOrder({ ...template, OrderDetails: template.OrderDetails!.map(line => ({ ...line, FileReady: true })) }));
    }
    return placed;
}

/** The read API's jobs of the given orders, asked of any live server (the next one when one does not answer). */
export async function jobsOf(cluster: ServerCluster, token: string, orderNumbers: ReadonlySet<string>): Promise<JobRow[] | undefined> {
    for (const url of cluster.liveUrls()) {
        try {
            return (await listJobs(url, token)).filter(row => orderNumbers.has(row.orderNumber));
        } catch {
            // killed or starting: ask the next
        }
    }
    return undefined;
}

/**
 * The operator, through the RPC of a live server (signed in there): confirms each job's prepress
 * check, and closes out every order whose jobs all wait at Closeout Order, retrying after a failure
 * (a server killed mid-closeout, a part left sending) until the order is closed or `stop` is called.
 */
export class ShopOperator {
    protected readonly sessions = new Map<string, RpcSession>();
    protected readonly closed = new Set<string>();
    protected stopped = false;
    /** Closeouts sent (an attempt each). */
    attempts = 0;
    readonly errors: string[] = [];

    constructor(protected readonly cluster: ServerCluster, protected readonly random: () => number) { }

    isClosed(orderId: string): boolean {
        return this.closed.has(orderId);
    }

    /** Confirms prepress checks and closes out the orders of `rows` ready for it; resolves when every order is closed or `stop`. */
    async run(rows: () => Promise<JobRow[] | undefined>, orders: number): Promise<void> {
        while (!this.stopped && this.closed.size < orders) {
            const jobs = (await rows()) ?? [];
            const checked = jobs.filter(job => job.state === 'Waiting' && job.currentActivityType === ActivityTypes.prepressCheck).map(job => job.id);
            if (checked.length > 0) {
                await this.onLiveServer('prepress', async session => {
                    // `call` opens each service's channel once a session (a second open of a path is refused).
                    await session.call(JOB_ACTION_SERVICE_PATH, 'prepressDone' satisfies keyof JobActionService, [checked]);
                });
            }
            const ready = readyForCloseout(jobs).filter(order => !this.closed.has(order.orderId));
            for (const order of ready) {
                if (!this.stopped) {
                    await this.closeOut(order.orderId, order.orderNumber);
                }
            }
            await delay(500);
        }
    }

    stop(): void {
        this.stopped = true;
        for (const session of this.sessions.values()) {
            session.close();
        }
        this.sessions.clear();
    }

    protected closeOut(orderId: string, orderNumber: string): Promise<void> {
        return this.onLiveServer(`closeout of ${orderNumber}`, async session => {
            this.attempts++;
            const progress = await session.call(CLOSEOUT_SERVICE_PATH, 'closeOut' satisfies keyof CloseoutService, [orderId, closeoutInput(orderNumber)]) as CloseoutProgress;
            if (progress.closed) {
                this.closed.add(orderId);
            }
        });
    }

    /** Does `work` on a live server picked at random; a failure is noted (the next turn tries again). */
    protected async onLiveServer(what: string, work: (session: RpcSession) => Promise<void>): Promise<void> {
        const urls = this.cluster.liveUrls();
        const url = urls[Math.floor(this.random() * urls.length)];
        if (!url) {
            return;
        }
        try {
            // A call to a server killed meanwhile would wait for its answer forever.
            const timeout = new AbortController();
            await Promise.race([
                (async () => work(await this.session(url)))(),
                delay(RPC_TIMEOUT_MS, undefined, { signal: timeout.signal }).then(() => { throw new Error(`no answer within ${RPC_TIMEOUT_MS / 1000} s`); })
            ]).finally(() => timeout.abort());
        } catch (error) {
            this.sessions.get(url)?.close();
            this.sessions.delete(url);
            this.errors.push(`${what} on ${url}: ${error instanceof Error ? error.message : String(error)}`);
        }
    }

    protected async session(url: string): Promise<RpcSession> {
        let session = this.sessions.get(url);
        if (!session) {
            session = await RpcSession.signIn(url, 'admin', CLUSTER_ADMIN_PASSWORD);
            this.sessions.set(url, session);
        }
        return session;
    }
}

/** Orders all of whose jobs wait at Closeout Order. */
function readyForCloseout(rows: readonly JobRow[]): { orderId: string; orderNumber: string }[] {
    const byOrder = new Map<string, JobRow[]>();
    for (const row of rows) {
        byOrder.set(row.orderId, [...byOrder.get(row.orderId) ?? [], row]);
    }
    return [...byOrder.values()].filter(jobs => jobs.every(job => job.state === WAITING_FOR_CLOSEOUT))
        .map(jobs => ({ orderId: jobs[0].orderId, orderNumber: jobs[0].orderNumber }));
}

/** How often each job was handed to the hot folder: its JDF tickets (`JobID`), each with its PDF beside it. */
export async function hotFolderHandovers(folder: string): Promise<{ tickets: Map<string, number>; withoutPdf: string[] }> {
    const tickets = new Map<string, number>();
    const withoutPdf: string[] = [];
    const names = await fs.readdir(folder).catch(() => [] as string[]);
    const present = new Set(names.map(name => name.toLowerCase()));
    for (const name of names.filter(file => file.endsWith('.jdf'))) {
        const jobId = /\bJobID="([^"]+)"/.exec(await fs.readFile(path.join(folder, name), 'utf8'))?.[1] ?? `(no JobID in ${name})`;
        tickets.set(jobId, (tickets.get(jobId) ?? 0) + 1);
        if (!present.has(name.toLowerCase().replace(/\.jdf$/, '.pdf'))) {
            withoutPdf.push(`${name} (job ${jobId})`);
        }
    }
    return { tickets, withoutPdf };
}
