import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { CATALOG, Catalog, initialStock } from '../catalog/catalog';
import {
    IdKind, Invoice, Order, OrderDetail, PackingSlip, Settlement, StoreState, StoreStateSchema
} from './model';

const FIRST_IDS: Readonly<Record<IdKind, number>> = {
    order: 8004001,
    orderNumber: 1001,
    lineItem: 12000001,
    jobTicket: 3300001,
    packingSlip: 900001,
    invoice: 700001,
    settlement: 500001,
    user: 6001
};

export class StateFileError extends Error {
    override readonly name = 'StateFileError';
}

export interface LineRef {
    readonly order: Order;
    readonly line: OrderDetail;
}

/**
 * Everything the store knows, in memory, optionally mirrored to a JSON file so a restarted
 * simulator keeps its orders. Callers change the objects they get and then call `save()`.
 */
export class StateStore {
    private writing: Promise<void> | undefined;
    private dirty = false;

    private constructor(private readonly state: StoreState, private readonly file: string | undefined) { }

    static empty(catalog: Catalog = CATALOG): StateStore {
        return new StateStore(emptyState(catalog), undefined);
    }

    /** Loads the state file when it exists (validated), or starts empty and writes there from now on. */
    static async open(file: string | undefined, catalog: Catalog = CATALOG): Promise<StateStore> {
        if (!file) {
            return StateStore.empty(catalog);
        }
        let text: string;
        try {
            text = await readFile(file, 'utf8');
        } catch (error) {
            if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
                return new StateStore(emptyState(catalog), file);
            }
            throw error;
        }
        let json: unknown;
        try {
            json = JSON.parse(text);
        } catch (error) {
            throw new StateFileError(`State file ${file} is not JSON: ${(error as Error).message}`);
        }
        const parsed = StoreStateSchema.safeParse(json);
        if (!parsed.success) {
            const issue = parsed.error.issues[0];
            throw new StateFileError(`State file ${file} is invalid at ${issue.path.join('.') || '(root)'}: ${issue.message}`);
        }
        return new StateStore(parsed.data, file);
    }

    get orders(): readonly Order[] {
        return this.state.orders;
    }

    get packingSlips(): readonly PackingSlip[] {
        return this.state.packingSlips;
    }

    get invoices(): readonly Invoice[] {
        return this.state.invoices;
    }

    get settlements(): readonly Settlement[] {
        return this.state.settlements;
    }

    nextId(kind: IdKind): string {
        const value = this.state.nextIds[kind];
        this.state.nextIds[kind] = value + 1;
        return String(value);
    }

    findOrder(orderId: string): Order | undefined {
        return this.state.orders.find(order => order.ID === orderId);
    }

    findOrderByNumber(orderNumber: string): Order | undefined {
        return this.state.orders.find(order => order.OrderNumber === orderNumber);
    }

    findLine(lineItemId: string): LineRef | undefined {
        for (const order of this.state.orders) {
            const line = order.OrderDetails.find(candidate => candidate.ID === lineItemId);
            if (line) {
                return { order, line };
            }
        }
        return undefined;
    }

    addOrder(order: Order): void {
        this.state.orders.push(order);
    }

    addPackingSlip(slip: PackingSlip): void {
        this.state.packingSlips.push(slip);
    }

    addInvoice(invoice: Invoice): void {
        this.state.invoices.push(invoice);
    }

    addSettlement(settlement: Settlement): void {
        this.state.settlements.push(settlement);
    }

    findPackingSlipByNumber(packingSlipNumber: string): PackingSlip | undefined {
        return this.state.packingSlips.find(slip => slip.PackingSlipNumber === packingSlipNumber);
    }

    findInvoiceByNumber(invoiceNumber: string): Invoice | undefined {
        return this.state.invoices.find(invoice => invoice.InvoiceNumber === invoiceNumber);
    }

    invoiceOfLine(lineItemId: string): Invoice | undefined {
        return this.state.invoices.find(invoice => invoice.LineItems.some(item => item.LineItemID === lineItemId));
    }

    packingSlipsOfOrder(orderId: string): PackingSlip[] {
        return this.state.packingSlips.filter(slip => slip.LineItems.some(item => item.OrderID === orderId));
    }

    invoicesOfOrder(orderId: string): Invoice[] {
        return this.state.invoices.filter(invoice => invoice.LineItems.some(item => item.OrderID === orderId));
    }

    settlementsOfOrder(orderId: string): Settlement[] {
        return this.state.settlements.filter(settlement => settlement.OrderID === orderId);
    }

    /** Units on hand, or undefined for a SKU the store does not stock. */
    stockLevel(skuId: string): number | undefined {
        return Object.prototype.hasOwnProperty.call(this.state.stock, skuId) ? this.state.stock[skuId] : undefined;
    }

    setStock(skuId: string, level: number): void {
        if (!Number.isInteger(level) || level < 0) {
            throw new RangeError('Stock level must be a whole number, 0 or more');
        }
        this.state.stock[skuId] = level;
    }

    /** A deep copy of the whole state, as it would be written to the file. */
    snapshot(): StoreState {
        return structuredClone(this.state);
    }

    /**
     * Persists the current state (when a file is configured). Writes are serialised and coalesced;
     * the promise settles once a write that includes this call's changes is on disk.
     */
    save(): Promise<void> {
        if (!this.file) {
            return Promise.resolve();
        }
        this.dirty = true;
        if (!this.writing) {
            this.writing = this.writeWhileDirty(this.file).finally(() => {
                this.writing = undefined;
            });
        }
        return this.writing;
    }

    /** Waits for any write in progress. */
    async flush(): Promise<void> {
        await this.writing;
    }

    private async writeWhileDirty(file: string): Promise<void> {
        while (this.dirty) {
            this.dirty = false;
            await writeAtomically(file, JSON.stringify(this.state, undefined, 2));
        }
    }
}

function emptyState(catalog: Catalog): StoreState {
    return {
        version: 1,
        nextIds: { ...FIRST_IDS },
        orders: [],
        packingSlips: [],
        invoices: [],
        settlements: [],
        stock: initialStock(catalog)
    };
}

/** Temp file + rename: a crash mid-write leaves the previous state file intact. */
export async function writeAtomically(file: string, content: string): Promise<void> {
    await mkdir(dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
    try {
        await writeFile(temporary, content, 'utf8');
        await rename(temporary, file);
    } catch (error) {
        await unlink(temporary).catch(() => undefined);
        throw error;
    }
}
