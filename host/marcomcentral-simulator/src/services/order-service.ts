import { textAt } from '../soap/xml-tree';
import { XmlObject } from '../soap/xml-writer';
import { Order } from '../store/model';
import { inRange, readDateRange } from './date-range';
import { orderXml } from './order-xml';
import { OperationHandler, ServiceContext } from './service-context';

function byCreateDate(a: Order, b: Order): number {
    return Date.parse(a.CreateDate) - Date.parse(b.CreateDate) || Number(a.ID) - Number(b.ID);
}

/** `GetOrdersResponse{ Summary/Count, Orders/Order* }`; no orders is Count 0 and an empty `<Orders/>`. */
function ordersResponse(orders: Order[], context: ServiceContext): XmlObject {
    return {
        GetOrdersResponse: {
            Summary: { Count: String(orders.length) },
            Orders: orders.length === 0 ? '' : { Order: orders.map(order => orderXml(order, context.render)) }
        }
    };
}

/** Orders whose CreateDate lies in [Start, End). */
export const getOrdersByDate: OperationHandler = (request, context) => {
    const range = readDateRange(request, context.timeZone);
    const orders = context.store.orders.filter(order => inRange(order.CreateDate, range)).sort(byCreateDate);
    return { GetOrdersByDateResult: ordersResponse(orders, context) };
};

/** Zero or one order, as the store sees it now (a client refreshes ClientStatus this way). */
export const getOrdersByOrderNumber: OperationHandler = (request, context) => {
    const orderNumber = textAt(request, 'OrderNumber');
    const order = orderNumber ? context.store.findOrderByNumber(orderNumber) : undefined;
    return { GetOrdersByOrderNumberResult: ordersResponse(order ? [order] : [], context) };
};
