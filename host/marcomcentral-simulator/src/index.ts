/** The MarcomCentral simulator: a store that speaks the transactional SOAP contract. */
export { startSimulator } from './simulator';
export type { RunningSimulator, SimulatorOptions } from './simulator';
export type { SimulatorLog } from './simulator-log';
export { CATALOG, allSkus, findCustomer, findProduct, findSku } from './catalog/catalog';
export type {
    Catalog, CatalogCreditCard, CatalogCustomer, CatalogProduct, CatalogProductType, CatalogSku, CatalogSkuEntry
} from './catalog/catalog';
export { SAMPLE_ORDERS } from './catalog/sample-orders';
export type { SampleOrderName } from './catalog/sample-orders';
export type { OrderDetailInput, OrderInput } from './store/order-input';
export type { OrderView } from './store/order-view';
export type {
    Address, ClientStatusValue, Invoice, Order, OrderDetail, PackingSlip, PaymentMethod, Settlement
} from './store/model';
export { PRINTABLE_PRODUCT_TYPES, PAYMENT_METHODS, isPrintable } from './store/model';
export { FAULT_MODES } from './faults/fault-injector';
export type { FaultInput, FaultMode, PendingFault } from './faults/fault-injector';
export { ResultCode } from './services/closeout-result';
export { OPERATIONS, serviceNamespace } from './soap/operations';
export type { OperationName, ServiceName } from './soap/operations';
export { DEFAULT_TIME_ZONE } from './soap/store-time-zone';
export { DEFAULT_DEMO_ORDER_INTERVAL_MS } from './demo/demo-order-generator';
