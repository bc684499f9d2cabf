import { SoapFaultError } from '../soap/soap-envelope';
import { XmlElement, child, children, textAt } from '../soap/xml-tree';
import { OrderDetail, PackingSlip, isPrintable } from '../store/model';
import { setClientStatus } from '../store/line-status';
import { isFullyShipped } from '../store/order-totals';
import { LineRef } from '../store/state-store';
import { CloseoutOutcome, LineOutcome, ResultCode, closeoutResultXml, readBoolean, summarise } from './closeout-result';
import { OperationHandler, ServiceContext } from './service-context';

interface SlipNode {
    readonly packingSlipNumber?: string;
    readonly shipDate: Date;
    readonly carrierName: string;
    readonly trackingNumber: string;
    readonly skipAdjustInventory: boolean;
    readonly shipToAddress?: Record<string, string>;
}

interface Target {
    readonly lineItemId: string;
    readonly ref?: LineRef;
    /** ByLineItem may ship part of a line; otherwise everything not yet shipped. */
    readonly quantity?: number;
}

interface PendingShipment {
    readonly ref: LineRef;
    readonly quantity: number;
}

function readSlipNode(request: XmlElement | undefined, context: ServiceContext): SlipNode {
    const node = child(request, 'PackingSlipNode');
    const shipDateText = textAt(node, 'ShipDate');
    const shipDate = shipDateText ? context.timeZone.parseDateOrDateTime(shipDateText) : context.now();
    if (!shipDate) {
        throw new SoapFaultError('soap:Client', `Server was unable to read request. ShipDate is not a date: ${shipDateText}`);
    }
    const addressElement = child(node, 'ShipToAddress');
    const shipToAddress = addressElement
        ? Object.fromEntries(addressElement.children.map(field => [field.name, field.text.trim()]))
        : undefined;
    return {
        packingSlipNumber: textAt(node, 'PackingSlipNumber') || undefined,
        shipDate,
        carrierName: textAt(node, 'CarrierName') ?? '',
        trackingNumber: textAt(node, 'TrackingNumber') ?? '',
        skipAdjustInventory: readBoolean(node, ['SkipAdjustInventory'], false),
        shipToAddress
    };
}

function readQuantity(item: XmlElement): number | undefined {
    const text = textAt(item, 'Quantity');
    if (text === undefined || text === '') {
        return undefined;
    }
    const quantity = Number(text);
    if (!Number.isInteger(quantity) || quantity <= 0) {
        throw new SoapFaultError('soap:Client', `Server was unable to read request. Quantity must be a positive whole number: ${text}`);
    }
    return quantity;
}

function uniqueTargets(targets: Target[]): Target[] {
    const seen = new Set<string>();
    return targets.filter(target => !seen.has(target.lineItemId) && seen.add(target.lineItemId));
}

function evaluate(targets: Target[], node: SlipNode, existing: PackingSlip | undefined, context: ServiceContext) {
    const outcomes: LineOutcome[] = [];
    const pending: PendingShipment[] = [];
    const stockDemand = new Map<string, number>();
    for (const target of targets) {
        const ref = target.ref;
        if (!ref) {
            outcomes.push({ lineItemId: target.lineItemId, code: ResultCode.NotFound, message: `Line item ${target.lineItemId} not found in this store.` });
            continue;
        }
        const line = ref.line;
        if (existing?.LineItems.some(item => item.LineItemID === line.ID)) {
            outcomes.push({ lineItemId: line.ID, code: ResultCode.AlreadyDone, message: `Already on packing slip ${existing.PackingSlipNumber}.`, referenceId: existing.ID });
            continue;
        }
        const remaining = line.Quantity - line.QuantityShipped;
        if (remaining <= 0) {
            outcomes.push({ lineItemId: line.ID, code: ResultCode.AlreadyProcessed, message: `Line item ${line.ID} is already shipped.` });
            continue;
        }
        const quantity = target.quantity ?? remaining;
        if (quantity > remaining) {
            outcomes.push({
                lineItemId: line.ID, code: ResultCode.AlreadyProcessed,
                message: `Quantity ${quantity} exceeds the ${remaining} not yet shipped.`
            });
            continue;
        }
        if (adjustsInventory(line, node)) {
            const demand = (stockDemand.get(line.SKU.ID) ?? 0) + quantity;
            stockDemand.set(line.SKU.ID, demand);
            const onHand = context.store.stockLevel(line.SKU.ID) ?? 0;
            if (demand > onHand) {
                outcomes.push({
                    lineItemId: line.ID, code: ResultCode.InventoryConflict,
                    message: `Inventory conflict: ${onHand} of SKU ${line.SKU.Name} on hand, ${demand} to ship.`
                });
                continue;
            }
        }
        outcomes.push({ lineItemId: line.ID, code: ResultCode.LineProcessed, message: 'Packing slip created.' });
        pending.push({ ref, quantity });
    }
    return { outcomes, pending };
}

/** Stocked items come off the shelf unless the caller asks the store not to adjust inventory. */
function adjustsInventory(line: OrderDetail, node: SlipNode): boolean {
    return !isPrintable(line.ProductType) && !node.skipAdjustInventory;
}

function createPackingSlip(targets: Target[], node: SlipNode, context: ServiceContext): CloseoutOutcome {
    const { store } = context;
    const existing = node.packingSlipNumber ? store.findPackingSlipByNumber(node.packingSlipNumber) : undefined;
    const { outcomes, pending } = evaluate(uniqueTargets(targets), node, existing, context);
    const outcome = summarise(outcomes);
    if (outcome.code !== ResultCode.RequestAccepted) {
        return outcome;
    }
    const now = context.now();
    let slip = existing;
    if (!slip) {
        const id = store.nextId('packingSlip');
        slip = {
            ID: id,
            PackingSlipNumber: node.packingSlipNumber ?? `PS-${id}`,
            ShipDate: node.shipDate.toISOString(),
            CarrierName: node.carrierName,
            TrackingNumber: node.trackingNumber,
            SkipAdjustInventory: node.skipAdjustInventory,
            ...(node.shipToAddress ? { ShipToAddress: node.shipToAddress } : {}),
            LineItems: [],
            CreatedAt: now.toISOString()
        };
        store.addPackingSlip(slip);
    }
    for (const { ref: { order, line }, quantity } of pending) {
        slip.LineItems.push({ LineItemID: line.ID, OrderID: order.ID, Quantity: quantity });
        line.QuantityShipped += quantity;
        if (adjustsInventory(line, node)) {
            store.setStock(line.SKU.ID, (store.stockLevel(line.SKU.ID) ?? 0) - quantity);
        }
        if (node.trackingNumber) {
            line.Shipping.TrackingNumber = node.trackingNumber;
        }
        line.Shipping.DateShipped = node.shipDate.toISOString();
        setClientStatus(line, isFullyShipped(line) ? 'Shipped' : 'WorkInProgress', now);
    }
    const slipId = slip.ID;
    return {
        ...outcome,
        lines: outcome.lines.map(line => (line.code === ResultCode.LineProcessed ? { ...line, referenceId: slipId } : line))
    };
}

/** Ships every line of the orders in `Orders/ID` that is not shipped yet, on one packing slip. */
export const createPackingSlipByOrder: OperationHandler = (request, context) => {
    const node = readSlipNode(request, context);
    const orderIds = children(child(request, 'Orders'), 'ID').map(id => id.text.trim());
    const result = 'CreatePackingSlipByOrderResult';
    if (orderIds.length === 0) {
        return closeoutResultXml(result, { code: ResultCode.NotFound, message: 'No order given.', lines: [] });
    }
    const targets: Target[] = [];
    for (const orderId of orderIds) {
        const order = context.store.findOrder(orderId);
        if (!order) {
            return closeoutResultXml(result, { code: ResultCode.NotFound, message: `Order ${orderId} not found in this store.`, lines: [] });
        }
        targets.push(...order.OrderDetails.map(line => ({ lineItemId: line.ID, ref: { order, line } })));
    }
    return closeoutResultXml(result, createPackingSlip(targets, node, context));
};

/** Ships the listed lines (optionally part of each) on one packing slip. */
export const createPackingSlipByLineItem: OperationHandler = (request, context) => {
    const node = readSlipNode(request, context);
    const targets = children(child(request, 'LineItems'), 'LineItem').map(item => {
        const lineItemId = textAt(item, 'ID') ?? '';
        return { lineItemId, ref: context.store.findLine(lineItemId), quantity: readQuantity(item) };
    });
    const result = 'CreatePackingSlipByLineItemResult';
    if (targets.length === 0) {
        return closeoutResultXml(result, { code: ResultCode.NotFound, message: 'No line item given.', lines: [] });
    }
    return closeoutResultXml(result, createPackingSlip(targets, node, context));
};
