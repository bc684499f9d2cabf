import { XmlObject } from '../soap/xml-writer';
import { Order, OrderDetail } from '../store/model';
import { inRange, readDateRange } from './date-range';
import { fileUrlXml, orderDetailXml, typedId } from './order-xml';
import { OperationHandler, ServiceContext } from './service-context';

function jobTicketXml(order: Order, line: OrderDetail, context: ServiceContext): XmlObject {
    const ticket = line.JobTicket!;
    const format = (iso: string) => context.timeZone.format(new Date(iso));
    return {
        ID: typedId(ticket.ID),
        JobTicketNumber: ticket.JobTicketNumber,
        // A ticket is created with its order.
        CreatedDate: format(order.CreateDate),
        DeliveryDate: format(line.Shipping.Date),
        FinalOutputFileURL: fileUrlXml(line, context.render),
        JobTicketInstructions: {
            PaperDescription: ticket.PaperDescription,
            PressInstructions: ticket.PressInstructions,
            BinderyInstructions: ticket.BinderyInstructions,
            ShippingInstructions: line.Shipping.Instructions
        },
        OrderDetails: { OrderDetail: orderDetailXml(order, line, context.render) }
    };
}

/** One ticket per printable line of the orders created in [Start, End); no `…Result` wrapper. */
export const getJobTicketsByDate: OperationHandler = (request, context) => {
    const range = readDateRange(request, context.timeZone);
    const tickets: XmlObject[] = [];
    const orders = context.store.orders
        .filter(order => inRange(order.CreateDate, range))
        .sort((a, b) => Date.parse(a.CreateDate) - Date.parse(b.CreateDate) || Number(a.ID) - Number(b.ID));
    for (const order of orders) {
        for (const line of order.OrderDetails) {
            if (line.JobTicket) {
                tickets.push(jobTicketXml(order, line, context));
            }
        }
    }
    return { GetJobTicketResponse: tickets.length === 0 ? '' : { JobTicket: tickets } };
};
