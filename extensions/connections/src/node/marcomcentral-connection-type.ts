import { inject, injectable } from '@theia/core/shared/inversify';
import type {
    CloseoutCapableConnectionType, CloseoutPartAnswer, Connection, ConnectionTestResult, FetchedOrders, InvoiceRequest, OrderWindow,
    PackingSlipRequest, SettlementRequest
} from '@presswork/platform/lib/common';
import { SecretBox } from '@presswork/platform/lib/node/secrets/secret-box';
import { AddressLookup, checkPrintFileSource, systemLookup } from './files/print-file-source';
import type { DigestAwareConnectionType, DigestedOrders, ReceivedOrdersSink } from './intake/received-digests';
import {
    CloseoutResult, MarcomCentralClient, MarcomCentralEndpoint, closeoutOutcome, describeCloseoutCode, fetchOrdersInWindow, isCloseoutFailureCode, testConnection
} from './marcomcentral';

/**
 * MarcomCentral as a kind of connection: the SOAP client, fed with the connection's decrypted tokens.
 * It closes orders out too (packing slip, invoice, settlement) with the closeout token.
 */
@injectable()
export class MarcomCentralConnectionType implements CloseoutCapableConnectionType, DigestAwareConnectionType {
    readonly type = 'MarcomCentral' as const;
    readonly label = 'MarcomCentral';

    @inject(SecretBox) protected readonly secrets: SecretBox;
    @inject(MarcomCentralClient) protected readonly client: MarcomCentralClient;
    /** How print file hosts are resolved before they are checked. */
    protected readonly addressLookup: AddressLookup = systemLookup;

    async test(connection: Connection): Promise<ConnectionTestResult> {
        if (!connection.orderToken) {
            return { ok: false, reason: 'invalid-token', detail: 'The order token is not set' };
        }
        return testConnection(this.client, this.endpoint(connection, 'orders'));
    }

    prepareToPoll(): void {
        this.client.prepareToReadOrders();
    }

    fetchOrders(connection: Connection, window: OrderWindow, signal?: AbortSignal, alreadyHeld?: (marcomOrderId: string) => boolean): Promise<FetchedOrders> {
        return fetchOrdersInWindow(this.client, this.endpoint(connection, 'orders'), window, signal, alreadyHeld);
    }

    /** As fetchOrders, but an order whose digest is `known` is only named among the unchanged ones, never mapped or returned. */
    fetchOrdersKnowing(
        connection: Connection, window: OrderWindow, known: ReadonlySet<string>, signal?: AbortSignal, alreadyHeld?: (marcomOrderId: string) => boolean,
        take?: ReceivedOrdersSink
    ): Promise<DigestedOrders> {
        return fetchOrdersInWindow(this.client, this.endpoint(connection, 'orders'), window, signal, alreadyHeld, known, take);
    }

    fetchOrder(connection: Connection, orderNumber: string, signal?: AbortSignal): Promise<FetchedOrders> {
        return this.client.getOrdersByOrderNumber(this.endpoint(connection, 'orders'), orderNumber, signal);
    }

    downloadFile(connection: Connection, url: string, maxBytes: number, signal?: AbortSignal): Promise<Uint8Array> {
        return this.client.downloadFile(url, { maxBytes, signal, guard: target => checkPrintFileSource(target, connection, this.addressLookup) });
    }

    /** One slip for every line of the order; the store ships to the order's own address and adjusts stock. */
    async createPackingSlip(connection: Connection, request: PackingSlipRequest, signal?: AbortSignal): Promise<CloseoutPartAnswer> {
        const result = await this.client.createPackingSlipByOrder(this.endpoint(connection, 'closeout'), {
            orderId: request.marcomOrderId,
            packingSlipNumber: request.packingSlipNumber,
            shipDate: request.shipDate,
            carrierName: request.carrierName,
            trackingNumber: request.trackingNumber,
            skipAdjustInventory: false
        }, signal);
        return closeoutPartAnswer(result);
    }

    async createInvoice(connection: Connection, request: InvoiceRequest, signal?: AbortSignal): Promise<CloseoutPartAnswer> {
        const result = await this.client.createInvoiceByLineItem(this.endpoint(connection, 'closeout'), {
            invoiceNumber: request.invoiceNumber,
            invoiceDate: request.invoiceDate,
            lineItemIds: request.lineItemIds
        }, signal);
        return closeoutPartAnswer(result);
    }

    /** Captures online through the store's gateway: an expired authorization is refused (403), never shipped unpaid. */
    async settle(connection: Connection, request: SettlementRequest, signal?: AbortSignal): Promise<CloseoutPartAnswer> {
        const result = await this.client.settleByOrder(this.endpoint(connection, 'closeout'), { orderId: request.marcomOrderId, settleOnline: true }, signal);
        return closeoutPartAnswer(result);
    }

    /** The endpoint for orders, or for closeout (its own token when one is set, else the order token). */
    endpoint(connection: Connection, purpose: 'orders' | 'closeout'): MarcomCentralEndpoint {
        const sealed = purpose === 'closeout' ? connection.closeoutToken ?? connection.orderToken : connection.orderToken;
        if (!sealed) {
            throw new Error(`The order token is not set for ${connection.name}`);
        }
        return { url: connection.endpointUrl, token: this.secrets.open(sealed), timeZone: connection.timeZone };
    }
}

/**
 * A closeout result as the platform knows it. The code is the request's, unless the request
 * reported success while a line failed: then the first failure's, so a failed answer never
 * carries a success code.
 */
export function closeoutPartAnswer(result: CloseoutResult): CloseoutPartAnswer {
    const { outcome, failures, referenceIds } = closeoutOutcome(result);
    const first = failures[0];
    const useFailure = outcome === 'failed' && first !== undefined && !isCloseoutFailureCode(result.code);
    const code = useFailure ? first.code : result.code;
    const message = (useFailure ? first.message : result.message) || describeCloseoutCode(code);
    return { outcome, code, message, referenceIds, failures };
}
