import type { OrderWindow } from '@presswork/platform/lib/common';
import { partnerCredentials } from './soap-envelope';
import { formatInstantInZone } from './store-time';
import { XmlNode, parentElement, textElement } from './xml-writer';

/** The request objects of the Order and JobTicket services. */

/** `DateRange{Start, End}` in the store's offset at each instant; End before Start is refused here rather than by the store. */
function dateRange(window: OrderWindow, timeZone: string): XmlNode {
    const start = formatInstantInZone(window.start, timeZone);
    const end = formatInstantInZone(window.end, timeZone);
    if (Date.parse(window.end) < Date.parse(window.start)) {
        throw new RangeError(`The window ends (${window.end}) before it starts (${window.start})`);
    }
    return parentElement('DateRange', [textElement('Start', start), textElement('End', end)]);
}

export function ordersByDateRequest(token: string, window: OrderWindow, timeZone: string): XmlNode {
    return parentElement('OrderRequestByDate', [partnerCredentials(token), dateRange(window, timeZone)]);
}

export function ordersByOrderNumberRequest(token: string, orderNumber: string): XmlNode {
    if (orderNumber.trim() === '') {
        throw new RangeError('An order number is required');
    }
    return parentElement('OrderRequestByOrderNumber', [partnerCredentials(token), textElement('OrderNumber', orderNumber.trim())]);
}

export function jobTicketsByDateRequest(token: string, window: OrderWindow, timeZone: string): XmlNode {
    return parentElement('JobTicketRequestByDate', [partnerCredentials(token), dateRange(window, timeZone)]);
}
