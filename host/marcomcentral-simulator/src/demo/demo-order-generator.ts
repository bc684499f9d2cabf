import { randomInt } from 'node:crypto';
import { Catalog, CatalogSkuEntry, allSkus } from '../catalog/catalog';
import { isPrintable } from '../store/model';
import { OrderDetailInput, OrderInput } from '../store/order-input';
import { OrderView } from '../store/order-view';
import { CONSOLE_LOG } from '../console-log';
import type { SimulatorLog } from '../simulator-log';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

export const DEFAULT_DEMO_ORDER_INTERVAL_MS = 30_000;
const FILE_READY_DELAY_MS: readonly [number, number] = [2_000, 6_000];

const DESCRIPTIONS = ['', '', 'Trade show kit', 'New hire onboarding', 'Q3 direct mail', 'Reorder', 'Board meeting'];
const INSTRUCTIONS = ['', '', '', 'Deliver to the loading dock', 'Call the front desk on arrival', 'Leave with reception'];

export interface DemoTarget {
    placeOrder(input: OrderInput): Promise<OrderView>;
    markFileReady(lineItemId: string): Promise<unknown>;
}

export interface DemoOptions {
    readonly intervalMs?: number;
    /** Random source in [0, 1); seeded from crypto by default. */
    readonly random?: () => number;
    readonly fileReadyDelayMs?: readonly [number, number];
    /** Where failed demo orders and files are reported; the console by default. */
    readonly log?: SimulatorLog;
}

/** A small seedable PRNG (pure-rand's xoroshiro128+): demo data can be reproduced from its seed. */
export function seededRandom(seed: number): () => number {
    const generator = xoroshiro128plus(seed);
    return () => uniformFloat64(generator);
}

function pick<T>(items: readonly T[], random: () => number): T {
    return items[Math.floor(random() * items.length)];
}

/**
 * A realistic order drawn from the catalog: a random customer (and so payment method), one to
 * three different products (mostly printable), catalog quantities, and for customers with
 * several addresses often one ship-to per line.
 */
export function demoOrderInput(catalog: Catalog, random: () => number): OrderInput {
    const customer = pick(catalog.customers, random);
    const skus = allSkus(catalog);
    const printable = skus.filter(entry => isPrintable(entry.product.type));
    const stocked = skus.filter(entry => !isPrintable(entry.product.type));
    const lineCount = 1 + Math.floor(random() * 3);
    const chosen: CatalogSkuEntry[] = [];
    while (chosen.length < lineCount) {
        const entry = pick(random() < 0.75 || stocked.length === 0 ? printable : stocked, random);
        if (!chosen.includes(entry)) {
            chosen.push(entry);
        }
    }
    const addresses = customer.shippingAddresses;
    const splitShipping = addresses.length > 1 && lineCount > 1 && random() < 0.6;
    const method = pick(catalog.shippingMethods, random);
    const OrderDetails: OrderDetailInput[] = chosen.map((entry, index) => ({
        SKU: entry.sku.id,
        Quantity: pick(entry.sku.quantities, random),
        Shipping: {
            Method: method,
            Instructions: pick(INSTRUCTIONS, random),
            ...(splitShipping ? { Address: addresses[index % addresses.length] } : {})
        }
    }));
    return {
        User: { LoginID: customer.loginId },
        Description: pick(DESCRIPTIONS, random),
        OrderDetails
    };
}

/** Places a demo order every interval; each printable line's file is ready a few seconds later. */
export class DemoOrderGenerator {
    private interval: NodeJS.Timeout | undefined;
    private readonly pendingFiles = new Set<NodeJS.Timeout>();
    private readonly random: () => number;
    private readonly log: SimulatorLog;

    constructor(private readonly target: DemoTarget, private readonly catalog: Catalog, private readonly options: DemoOptions = {}) {
        this.random = options.random ?? seededRandom(randomInt(2 ** 32));
        this.log = options.log ?? CONSOLE_LOG;
    }

    start(): void {
        if (this.interval) {
            return;
        }
        this.interval = setInterval(() => {
            this.placeOne().catch(error => this.log.error('demo order failed', error));
        }, this.options.intervalMs ?? DEFAULT_DEMO_ORDER_INTERVAL_MS);
        this.interval.unref();
    }

    stop(): void {
        clearInterval(this.interval);
        this.interval = undefined;
        for (const timer of this.pendingFiles) {
            clearTimeout(timer);
        }
        this.pendingFiles.clear();
    }

    async placeOne(): Promise<OrderView> {
        const order = await this.target.placeOrder(demoOrderInput(this.catalog, this.random));
        const [min, max] = this.options.fileReadyDelayMs ?? FILE_READY_DELAY_MS;
        for (const line of order.OrderDetails) {
            if (isPrintable(line.ProductType)) {
                const timer = setTimeout(() => {
                    this.pendingFiles.delete(timer);
                    this.target.markFileReady(line.ID).catch(error => this.log.error('demo file failed', error));
                }, min + Math.floor(this.random() * (max - min + 1)));
                timer.unref();
                this.pendingFiles.add(timer);
            }
        }
        return order;
    }
}
