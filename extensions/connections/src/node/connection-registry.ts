import { randomUUID } from 'node:crypto';
import { inject, injectable, named } from '@theia/core/shared/inversify';
import { ILogger } from '@theia/core/lib/common/logger';
import { z } from 'zod';
import { Connection, PressworkError, freeName, parseExport } from '@presswork/platform/lib/common';
import { DocumentCollection, DocumentStore } from '@presswork/platform/lib/node/store/document-store';
import { ConnectionsCollection } from '@presswork/platform/lib/node/store/platform-collections';
import { SecretBox } from '@presswork/platform/lib/node/secrets/secret-box';
import { ConnectionInput, ConnectionInputSchema, ValidConnectionInput, pollingIntervalWarning } from '../common/connection-input';
import type { ConnectionStatus } from '../common/connection-runtime';
import type { ConnectionSwitch, ConnectionView } from '../common/connections-protocol';
import { ConnectionLogsCollection, ConnectionStatesCollection, RejectedOrdersCollection } from './connection-collections';
import { RejectedOrders } from './intake/rejected-orders';

/** The fields an export carries: everything but the tokens and the id. */
const ExportedConnectionSchema = ConnectionInputSchema.pick({
    name: true, description: true, type: true, endpointUrl: true, timeZone: true, pollingIntervalSeconds: true, firstLookBackHours: true,
    printFileHosts: true
});
const ConnectionExportSchema = z.object({
    format: z.literal('presswork-connections'),
    version: z.literal(1),
    connections: z.array(ExportedConnectionSchema).max(1000)
});

/**
 * Connections as administrators manage them. Tokens are sealed on the way in and never leave:
 * views say only whether each is set, exports leave them out.
 */
@injectable()
export class ConnectionRegistry {
    @inject(DocumentStore) protected readonly store: DocumentStore;
    @inject(SecretBox) protected readonly secrets: SecretBox;
    @inject(RejectedOrders) protected readonly rejectedOrders: RejectedOrders;
    @inject(ILogger) @named('connections:ConnectionRegistry') protected readonly logger: ILogger;

    views(): ConnectionView[] {
        return [...this.store.all(ConnectionsCollection)].map(connection => this.view(connection)).sort((a, b) => a.name.localeCompare(b.name));
    }

    switches(): ConnectionSwitch[] {
        return this.views().map(({ id, name, enabled, status }) => ({ id, name, enabled, status }));
    }

    view(connection: Connection): ConnectionView {
        return {
            id: connection.id,
            version: connection.version,
            name: connection.name,
            description: connection.description,
            type: connection.type,
            endpointUrl: connection.endpointUrl,
            orderTokenSet: !!connection.orderToken,
            closeoutTokenSet: !!connection.closeoutToken,
            timeZone: connection.timeZone,
            pollingIntervalSeconds: connection.pollingIntervalSeconds,
            firstLookBackHours: connection.firstLookBackHours,
            printFileHosts: connection.printFileHosts ?? [],
            enabled: connection.enabled,
            demo: connection.demo,
            status: this.status(connection),
            rejectedOrders: this.store.findBy(RejectedOrdersCollection, 'connection', connection.id).length,
            warning: pollingIntervalWarning(connection.pollingIntervalSeconds)
        };
    }

    get(id: string): Connection {
        const connection = this.store.get(ConnectionsCollection, id);
        if (!connection) {
            throw PressworkError.NotFound('That connection no longer exists');
        }
        return connection;
    }

    async create(input: ConnectionInput, extra: { demo?: boolean } = {}): Promise<Connection> {
        const valid = ConnectionInputSchema.parse(input);
        const connection = await this.store.create(ConnectionsCollection, {
            id: randomUUID(),
            ...this.fields(valid),
            orderToken: valid.orderToken ? this.secrets.seal(valid.orderToken) : undefined,
            closeoutToken: valid.closeoutToken ? this.secrets.seal(valid.closeoutToken) : undefined,
            demo: extra.demo ?? false
        });
        this.logger.info(`connection ${connection.name} created`);
        return connection;
    }

    async update(id: string, version: number, input: ConnectionInput): Promise<Connection> {
        const valid = ConnectionInputSchema.parse(input);
        const current = this.get(id);
        const closeoutToken = valid.clearCloseoutToken ? undefined
            : valid.closeoutToken ? this.secrets.seal(valid.closeoutToken) : current.closeoutToken;
        return this.store.update(ConnectionsCollection, {
            ...current,
            ...this.fields(valid),
            version,
            orderToken: valid.orderToken ? this.secrets.seal(valid.orderToken) : current.orderToken,
            closeoutToken
        });
    }

    /** A disabled copy, tokens included (they stay on the server), named so it is told apart. */
    async copy(id: string): Promise<Connection> {
        const original = this.get(id);
        return this.store.create(ConnectionsCollection, {
            ...original, id: randomUUID(), name: this.freeName(`Copy of ${original.name}`), enabled: false, demo: false
        });
    }

    async delete(id: string, version: number): Promise<void> {
        const connection = this.get(id);
        await this.store.delete(ConnectionsCollection, id, version);
        for (const collection of [ConnectionStatesCollection, ConnectionLogsCollection] as DocumentCollection[]) {
            const document = this.store.get(collection, id);
            if (document) {
                await this.store.delete(collection, id, document.version);
            }
        }
        await this.rejectedOrders.forget(id);
        this.logger.info(`connection ${connection.name} deleted; its orders and jobs stay`);
    }

    async setEnabled(id: string, enabled: boolean): Promise<Connection> {
        this.get(id);
        return this.store.modify(ConnectionsCollection, id, connection => ({ ...connection, enabled }));
    }

    exportJson(ids: readonly string[]): string {
        const chosen = ids.length ? ids.map(id => this.get(id)) : [...this.store.all(ConnectionsCollection)];
        const connections = chosen.map(connection => ExportedConnectionSchema.parse(connection));
        return JSON.stringify({ format: 'presswork-connections', version: 1, connections }, undefined, 2);
    }

    /** Imported connections start disabled and without tokens: an administrator sets those. */
    async importJson(json: string): Promise<Connection[]> {
        const { connections } = parseExport(json, ConnectionExportSchema, 'connections');
        const created: Connection[] = [];
        for (const connection of connections) {
            created.push(await this.create({ ...connection, name: this.freeName(connection.name), enabled: false }));
        }
        return created;
    }

    protected status(connection: Connection): ConnectionStatus {
        const state = this.store.get(ConnectionStatesCollection, connection.id);
        if (!connection.enabled) {
            return { state: 'disabled', lastPollAt: state?.status.lastPollAt };
        }
        return state?.status ?? { state: 'idle' };
    }

    protected fields(valid: ValidConnectionInput): Omit<Connection, 'id' | 'version' | 'orderToken' | 'closeoutToken' | 'demo'> {
        return {
            name: valid.name, description: valid.description, type: valid.type, endpointUrl: valid.endpointUrl, timeZone: valid.timeZone,
            pollingIntervalSeconds: valid.pollingIntervalSeconds, firstLookBackHours: valid.firstLookBackHours,
            printFileHosts: valid.printFileHosts, enabled: valid.enabled
        };
    }

    protected freeName(wanted: string): string {
        return freeName(wanted, new Set([...this.store.all(ConnectionsCollection)].map(connection => connection.name)));
    }
}
