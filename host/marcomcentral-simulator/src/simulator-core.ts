import { Catalog, findSku } from './catalog/catalog';
import { SimulatorClock } from './clock';
import { FaultInjector } from './faults/fault-injector';
import { RequestLog } from './http/request-log';
import { RenderContext } from './services/order-xml';
import { ServiceContext } from './services/service-context';
import { StoreTimeZone } from './soap/store-time-zone';
import { TokenPolicy } from './soap/token-policy';
import { OrderDetail, isPrintable } from './store/model';
import { OrderFactoryContext, placeOrder } from './store/order-factory';
import { OrderView, orderView } from './store/order-view';
import { LineRef, StateStore } from './store/state-store';

/** A simulator action refused; `status` is what the admin API answers. */
export class SimulatorRequestError extends Error {
    override readonly name = 'SimulatorRequestError';
    constructor(readonly status: 400 | 404 | 409, message: string) {
        super(message);
    }
}

export interface SimulatorCoreParts {
    readonly store: StateStore;
    readonly clock: SimulatorClock;
    readonly timeZone: StoreTimeZone;
    readonly tokens: TokenPolicy;
    readonly faults: FaultInjector;
    readonly log: RequestLog;
    readonly catalog: Catalog;
    readonly hideFileUrlUntilReady: boolean;
}

/**
 * The store's state and the actions on it that are not MarcomCentral operations: placing orders,
 * rendering files, setting stock and the clock. Shared by the admin API, the embedded API and the
 * demo generator, so all three behave the same.
 */
export class SimulatorCore implements SimulatorCoreParts {
    readonly store: StateStore;
    readonly clock: SimulatorClock;
    readonly timeZone: StoreTimeZone;
    readonly tokens: TokenPolicy;
    readonly faults: FaultInjector;
    readonly log: RequestLog;
    readonly catalog: Catalog;
    readonly hideFileUrlUntilReady: boolean;
    /** Set once the server listens. */
    baseUrl = '';

    constructor(parts: SimulatorCoreParts) {
        this.store = parts.store;
        this.clock = parts.clock;
        this.timeZone = parts.timeZone;
        this.tokens = parts.tokens;
        this.faults = parts.faults;
        this.log = parts.log;
        this.catalog = parts.catalog;
        this.hideFileUrlUntilReady = parts.hideFileUrlUntilReady;
    }

    fileUrl(lineItemId: string): string {
        return `${this.baseUrl}/files/${encodeURIComponent(lineItemId)}.pdf`;
    }

    renderContext(): RenderContext {
        return {
            timeZone: this.timeZone,
            fileUrl: lineItemId => this.fileUrl(lineItemId),
            hideFileUrlUntilReady: this.hideFileUrlUntilReady
        };
    }

    serviceContext(): ServiceContext {
        return { store: this.store, timeZone: this.timeZone, render: this.renderContext(), now: () => this.clock.now() };
    }

    /** Throws OrderInputError (400/409) for input the store refuses. */
    async placeOrder(input: unknown): Promise<OrderView> {
        const context: OrderFactoryContext = { store: this.store, catalog: this.catalog, timeZone: this.timeZone, now: this.clock.now() };
        const order = placeOrder(input, context);
        await this.store.save();
        return orderView(order, this.store);
    }

    order(orderId: string): OrderView | undefined {
        const order = this.store.findOrder(orderId) ?? this.store.findOrderByNumber(orderId);
        return order ? orderView(order, this.store) : undefined;
    }

    orders(): OrderView[] {
        return this.store.orders.map(order => orderView(order, this.store));
    }

    /** The print file of a printable line becomes downloadable. */
    async markFileReady(lineItemId: string): Promise<OrderDetail> {
        const { line } = this.printableLine(lineItemId);
        line.FileReady = true;
        await this.store.save();
        return structuredClone(line);
    }

    printableLine(lineItemId: string): LineRef {
        const ref = this.store.findLine(lineItemId);
        if (!ref) {
            throw new SimulatorRequestError(404, `Line item ${lineItemId} not found`);
        }
        if (!isPrintable(ref.line.ProductType)) {
            throw new SimulatorRequestError(409, `Line item ${lineItemId} is a ${ref.line.ProductType} item: it has no print file`);
        }
        return ref;
    }

    async setStock(skuKey: string, level: number): Promise<void> {
        const entry = findSku(skuKey, this.catalog);
        if (!entry || entry.sku.initialStock === undefined) {
            throw new SimulatorRequestError(404, `SKU ${skuKey} is not a stocked SKU of the catalog`);
        }
        if (!Number.isInteger(level) || level < 0) {
            throw new SimulatorRequestError(400, 'Stock level must be a whole number, 0 or more');
        }
        this.store.setStock(entry.sku.id, level);
        await this.store.save();
    }
}
