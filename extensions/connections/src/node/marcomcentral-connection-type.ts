import { inject, injectable } from '@theia/core/shared/inversify';
import type { Connection, ConnectionTestResult, ConnectionTypeContribution, FetchedOrders, OrderWindow } from '@presswork/platform/lib/common';
import { SecretBox } from '@presswork/platform/lib/node/secrets/secret-box';
import { MarcomCentralClient, MarcomCentralEndpoint, testConnection } from './marcomcentral';

/** MarcomCentral as a kind of connection: the SOAP client, fed with the connection's decrypted tokens. */
@injectable()
export class MarcomCentralConnectionType implements ConnectionTypeContribution {
    readonly type = 'MarcomCentral' as const;
    readonly label = 'MarcomCentral';

    @inject(SecretBox) protected readonly secrets: SecretBox;
    @inject(MarcomCentralClient) protected readonly client: MarcomCentralClient;

    async test(connection: Connection): Promise<ConnectionTestResult> {
        if (!connection.orderToken) {
            return { ok: false, reason: 'invalid-token', detail: 'The order token is not set' };
        }
        return testConnection(this.client, this.endpoint(connection, 'orders'));
    }

    fetchOrders(connection: Connection, window: OrderWindow, signal?: AbortSignal): Promise<FetchedOrders> {
        return this.client.getOrdersByDate(this.endpoint(connection, 'orders'), window, signal);
    }

    fetchOrder(connection: Connection, orderNumber: string, signal?: AbortSignal): Promise<FetchedOrders> {
        return this.client.getOrdersByOrderNumber(this.endpoint(connection, 'orders'), orderNumber, signal);
    }

    downloadFile(connection: Connection, url: string, maxBytes: number, signal?: AbortSignal): Promise<Uint8Array> {
        return this.client.downloadFile(url, { maxBytes, signal });
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
