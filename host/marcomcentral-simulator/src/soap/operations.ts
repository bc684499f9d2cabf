/** The services and operations of the contract, with what each needs to be routed and authorised. */

export type ServiceName = 'Order' | 'JobTicket' | 'PackingSlip' | 'Invoice' | 'Settlement';

export type OperationName =
    | 'GetOrdersByDate'
    | 'GetOrdersByOrderNumber'
    | 'GetJobTicketsByDate'
    | 'CreatePackingSlipByOrder'
    | 'CreatePackingSlipByLineItem'
    | 'CreateInvoiceByLineItem'
    | 'SettleByOrder';

/** Which configured token opens a service. */
export type TokenScope = 'order' | 'closeout';

export interface OperationSpec {
    readonly name: OperationName;
    readonly service: ServiceName;
    /** The element inside the operation element that holds PartnerCredentials and the arguments. */
    readonly requestElement: string;
    /** The first element inside `<Op>Response`. */
    readonly resultElement: string;
    readonly closeout: boolean;
    /** Subject to the per-token poll limit. */
    readonly datePoll: boolean;
}

export const SERVICE_SCOPES: Readonly<Record<ServiceName, TokenScope>> = {
    Order: 'order',
    JobTicket: 'order',
    PackingSlip: 'closeout',
    Invoice: 'closeout',
    Settlement: 'closeout'
};

export function serviceNamespace(service: ServiceName): string {
    return `http://www.printable.com/WebService/${service}`;
}

function closeout(name: OperationName, service: ServiceName): OperationSpec {
    return { name, service, requestElement: 'pRequest', resultElement: `${name}Result`, closeout: true, datePoll: false };
}

export const OPERATIONS: Readonly<Record<OperationName, OperationSpec>> = {
    GetOrdersByDate: {
        name: 'GetOrdersByDate', service: 'Order', requestElement: 'OrderRequestByDate',
        resultElement: 'GetOrdersByDateResult', closeout: false, datePoll: true
    },
    GetOrdersByOrderNumber: {
        name: 'GetOrdersByOrderNumber', service: 'Order', requestElement: 'OrderRequestByOrderNumber',
        resultElement: 'GetOrdersByOrderNumberResult', closeout: false, datePoll: false
    },
    // No `…Result` wrapper on this one: clients read GetJobTicketsByDateResponse/GetJobTicketResponse.
    GetJobTicketsByDate: {
        name: 'GetJobTicketsByDate', service: 'JobTicket', requestElement: 'JobTicketRequestByDate',
        resultElement: 'GetJobTicketResponse', closeout: false, datePoll: true
    },
    CreatePackingSlipByOrder: closeout('CreatePackingSlipByOrder', 'PackingSlip'),
    CreatePackingSlipByLineItem: closeout('CreatePackingSlipByLineItem', 'PackingSlip'),
    CreateInvoiceByLineItem: closeout('CreateInvoiceByLineItem', 'Invoice'),
    SettleByOrder: closeout('SettleByOrder', 'Settlement')
};

export const SERVICE_NAMES: readonly ServiceName[] = ['Order', 'JobTicket', 'PackingSlip', 'Invoice', 'Settlement'];

export function operationsOf(service: ServiceName): OperationSpec[] {
    return Object.values(OPERATIONS).filter(operation => operation.service === service);
}

export function isOperationName(name: string): name is OperationName {
    return Object.prototype.hasOwnProperty.call(OPERATIONS, name);
}

/** Case-insensitive lookup, as IIS matches `/TRANS/1.0/order.asmx`. */
export function serviceByFileName(fileName: string): ServiceName | undefined {
    return SERVICE_NAMES.find(service => service.toLowerCase() === fileName.toLowerCase());
}
