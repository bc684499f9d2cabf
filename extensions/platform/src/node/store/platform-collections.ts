import { ConnectionSchema, ProductionTemplateSchema } from '../../common/connection-schema';
import { OrderSchema } from '../../common/order-schema';
import { PrinterSchema } from '../../common/printer-schema';
import { PrinterPoolSchema } from '../../common/printer-pool-schema';
import { UserSchema } from '../../common/user-schema';
import { WorkflowSchema } from '../../common/workflow-schema';
import { ShopIdentitySchema, type ShopIdentity } from '../../common/shop-identity';
import type { Connection, ProductionTemplate } from '../../common/connection-schema';
import type { Order } from '../../common/order-schema';
import type { Printer } from '../../common/printer-schema';
import type { PrinterPool } from '../../common/printer-pool-schema';
import type { User } from '../../common/user-schema';
import type { Workflow } from '../../common/workflow-schema';
import { CollectionNames } from '../../common/collection-names';
import type { DocumentCollection } from './document-store';
import { SessionsCollection } from '../auth/sessions-collection';

/** Each order with its jobs is one document, found by order number and by MarcomCentral order id. */
export const OrdersCollection: DocumentCollection<Order> = {
    name: CollectionNames.orders,
    schema: OrderSchema,
    indexes: {
        orderNumber: order => order.orderNumber,
        marcomOrder: order => `${order.connectionId}:${order.marcomOrderId}`,
        job: order => order.jobs.map(job => job.id)
    },
    // Their rules are at most 1,000 entries and unique ids (order-schema.ts).
    entryLists: ['jobs', 'lineItems']
};

export const WorkflowsCollection: DocumentCollection<Workflow> = { name: CollectionNames.workflows, schema: WorkflowSchema };
export const ConnectionsCollection: DocumentCollection<Connection> = { name: CollectionNames.connections, schema: ConnectionSchema };
export const ProductionTemplatesCollection: DocumentCollection<ProductionTemplate> = { name: CollectionNames.productionTemplates, schema: ProductionTemplateSchema };
export const PrintersCollection: DocumentCollection<Printer> = { name: CollectionNames.printers, schema: PrinterSchema };
/** Printer pools; a pool names its printers, in the order a job tries them. */
export const PrinterPoolsCollection: DocumentCollection<PrinterPool> = { name: CollectionNames.printerPools, schema: PrinterPoolSchema };

/** User names are unique and case-sensitive: the index is keyed by the name as typed. */
export const UsersCollection: DocumentCollection<User> = {
    name: CollectionNames.users,
    schema: UserSchema,
    indexes: { name: user => user.name }
};

/** The shop identity: one document, `shop-identity`. */
export const ShopIdentityCollection: DocumentCollection<ShopIdentity> = { name: CollectionNames.shopIdentity, schema: ShopIdentitySchema };

export const PLATFORM_COLLECTIONS: readonly DocumentCollection[] = [
    OrdersCollection, WorkflowsCollection, ConnectionsCollection, ProductionTemplatesCollection, PrintersCollection, PrinterPoolsCollection, UsersCollection, ShopIdentityCollection,
    SessionsCollection
] as readonly DocumentCollection[];
