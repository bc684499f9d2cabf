import { randomBytes } from 'node:crypto';
import { AddressInfo } from 'node:net';
import { AdminApi } from './admin/admin-api';
import { CATALOG, Catalog } from './catalog/catalog';
import { SimulatorClock } from './clock';
import { CONSOLE_LOG } from './console-log';
import { DemoOrderGenerator } from './demo/demo-order-generator';
import { FaultInjector, FaultInput, PendingFault } from './faults/fault-injector';
import { DEFAULT_MAX_REQUEST_BYTES, SimulatorServer } from './http/http-server';
import { RequestLog } from './http/request-log';
import { SimulatorCore } from './simulator-core';
import { PollLimiter } from './soap/poll-limiter';
import { SoapEndpoint } from './soap/soap-endpoint';
import { DEFAULT_TIME_ZONE, StoreTimeZone } from './soap/store-time-zone';
import { TokenPolicy } from './soap/token-policy';
import type { SimulatorLog } from './simulator-log';
import { OrderDetail } from './store/model';
import { OrderInput } from './store/order-input';
import { OrderView } from './store/order-view';
import { StateStore } from './store/state-store';

export interface SimulatorOptions {
    /** Default 127.0.0.1: the simulator is for this machine only. */
    readonly host?: string;
    /** Default 0: a free port. */
    readonly port?: number;
    /** JSON file that keeps the store across restarts; in memory only when absent. */
    readonly stateFile?: string;
    /** Token for Order and JobTicket (and the admin API); random when absent. */
    readonly orderToken?: string;
    /**
     * Token for PackingSlip, Invoice and Settlement; random when absent. When absent the order
     * token also closes out (one token for all); when given, only this token does.
     */
    readonly closeoutToken?: string;
    /** IANA zone of the store's clock; default America/Los_Angeles. */
    readonly timeZone?: string;
    /** Place a demo order this often (ms); off when absent or 0. */
    readonly demoOrderIntervalMs?: number;
    /** Minimum ms between two date polls (GetOrdersByDate, GetJobTicketsByDate) by one token; off when absent or 0. */
    readonly pollLimit?: number;
    /** Start the store clock at this time (it keeps ticking). */
    readonly now?: Date | string;
    /** Requests over this many bytes are refused with a Fault; default 10 MB. */
    readonly maxRequestBytes?: number;
    /** Answer an empty FinalOutputFileURL/URL until the file is ready, instead of a URL that 404s. */
    readonly hideFileUrlUntilReady?: boolean;
    /** Size of a 'huge' fault answer; default 50 MB. */
    readonly hugeResponseBytes?: number;
    /** Where failures that no response can carry are reported; the console by default. */
    readonly log?: SimulatorLog;
}

export interface RunningSimulator {
    /** Base URL, e.g. http://127.0.0.1:PORT; services live under `${url}/TRANS/1.0/`. */
    readonly url: string;
    readonly orderToken: string;
    readonly closeoutToken: string;
    readonly timeZone: string;
    readonly catalog: Catalog;
    placeOrder(input?: OrderInput): Promise<OrderView>;
    markFileReady(lineItemId: string): Promise<OrderDetail>;
    setClock(date: Date | string): void;
    injectFault(fault: FaultInput): PendingFault;
    order(orderId: string): OrderView | undefined;
    setStock(sku: string, level: number): Promise<void>;
    close(): Promise<void>;
}

function newToken(): string {
    return randomBytes(24).toString('base64url');
}

function urlHost(address: AddressInfo): string {
    const host = address.address === '0.0.0.0' ? '127.0.0.1' : address.address === '::' ? '::1' : address.address;
    return host.includes(':') ? `[${host}]` : host;
}

/** Starts a MarcomCentral store on a real HTTP port. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
    const timeZone = new StoreTimeZone(options.timeZone ?? DEFAULT_TIME_ZONE);
    const start = options.now === undefined ? undefined : typeof options.now === 'string' ? timeZone.parseDateTime(options.now) : options.now;
    if (options.now !== undefined && (!start || Number.isNaN(start.getTime()))) {
        throw new RangeError(`Invalid start time: ${String(options.now)}`);
    }
    const orderToken = options.orderToken ?? newToken();
    const closeoutToken = options.closeoutToken ?? newToken();
    const tokens = new TokenPolicy(orderToken, closeoutToken, options.closeoutToken === undefined);
    const core = new SimulatorCore({
        store: await StateStore.open(options.stateFile, CATALOG),
        clock: new SimulatorClock(start),
        timeZone,
        tokens,
        faults: new FaultInjector(),
        log: new RequestLog(() => tokens.all),
        catalog: CATALOG,
        hideFileUrlUntilReady: options.hideFileUrlUntilReady ?? false
    });
    const server = new SimulatorServer({
        core,
        soap: new SoapEndpoint(core, {
            pollLimiter: options.pollLimit ? new PollLimiter(options.pollLimit) : undefined,
            hugeResponseBytes: options.hugeResponseBytes
        }),
        admin: new AdminApi(core),
        maxRequestBytes: options.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES,
        log: options.log ?? CONSOLE_LOG
    });
    await new Promise<void>((resolve, reject) => {
        server.server.once('error', reject);
        server.server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
            server.server.off('error', reject);
            resolve();
        });
    });
    core.baseUrl = `http://${urlHost(server.server.address() as AddressInfo)}:${(server.server.address() as AddressInfo).port}`;

    const demo = options.demoOrderIntervalMs
        ? new DemoOrderGenerator(core, CATALOG, { intervalMs: options.demoOrderIntervalMs, log: options.log })
        : undefined;
    demo?.start();

    let closing: Promise<void> | undefined;
    return {
        url: core.baseUrl,
        orderToken,
        closeoutToken,
        timeZone: timeZone.zone,
        catalog: CATALOG,
        placeOrder: input => core.placeOrder(input ?? {}),
        markFileReady: lineItemId => core.markFileReady(lineItemId),
        setClock: date => {
            const parsed = typeof date === 'string' ? timeZone.parseDateTime(date) : date;
            if (!parsed) {
                throw new RangeError(`Invalid clock time: ${String(date)}`);
            }
            core.clock.set(parsed);
        },
        injectFault: fault => core.faults.inject(fault),
        order: orderId => core.order(orderId),
        setStock: (sku, level) => core.setStock(sku, level),
        close: () => {
            closing ??= (async () => {
                demo?.stop();
                await server.close();
                await core.store.flush();
            })();
            return closing;
        }
    };
}
