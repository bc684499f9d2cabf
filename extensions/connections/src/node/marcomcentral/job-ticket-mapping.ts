import { z } from 'zod';
import { TimestampSchema, shortText } from '@presswork/platform/lib/common';
import { MarcomCentralError } from './marcomcentral-error';
import type { XmlElement } from './xml-document';
import { childElement, childElements, textAt, toPlainObject } from './xml-query';
import { clip, compact, dateAt, numberAt } from './mapping-values';
import { summariseIssues } from './validation-issues';

/** The line of a job ticket, as much of it as production needs. */
export const JobTicketLineSchema = z.object({
    id: shortText(64).min(1),
    orderId: shortText(64).optional(),
    orderNumber: shortText(64).optional(),
    productName: shortText().optional(),
    productType: shortText(64).optional(),
    sku: z.object({ id: shortText(64).optional(), name: shortText().optional() }).optional(),
    quantity: z.number().int().nonnegative().optional(),
    shippingMethod: shortText().optional()
});

/** A MarcomCentral job ticket (one per printable line). */
export const JobTicketSchema = z.object({
    id: shortText(64).min(1),
    jobTicketNumber: shortText(64).optional(),
    createdDate: TimestampSchema.optional(),
    deliveryDate: TimestampSchema.optional(),
    finalOutputFileUrl: shortText(2000).optional(),
    instructions: z.object({
        paperDescription: shortText(2000).optional(),
        pressInstructions: shortText(2000).optional(),
        binderyInstructions: shortText(2000).optional(),
        shippingInstructions: shortText(2000).optional()
    }).optional(),
    lineItems: z.array(JobTicketLineSchema).max(1000)
});
export type JobTicket = z.infer<typeof JobTicketSchema>;

export interface RejectedJobTicket {
    readonly jobTicketId?: string;
    readonly path: string;
    readonly reason: string;
    readonly source: unknown;
}

export interface JobTicketsResult {
    readonly jobTickets: JobTicket[];
    readonly rejected: RejectedJobTicket[];
}

/** Reads `GetJobTicketsByDateResponse/GetJobTicketResponse/JobTicket*` (a `…Result` wrapper is tolerated). */
export function readJobTicketsResponse(response: XmlElement, operation: string, timeZone: string): JobTicketsResult {
    const result = childElement(response, `${operation}Result`) ?? response;
    const container = childElement(result, 'GetJobTicketResponse');
    if (!container) {
        throw new MarcomCentralError('bad-response', `MarcomCentral's answer to ${operation} has no GetJobTicketResponse element`, { operation });
    }
    const jobTickets: JobTicket[] = [];
    const rejected: RejectedJobTicket[] = [];
    for (const element of childElements(container, 'JobTicket')) {
        const candidate = jobTicketCandidate(element, timeZone);
        const parsed = JobTicketSchema.safeParse(candidate);
        if (parsed.success) {
            jobTickets.push(parsed.data);
        } else {
            rejected.push({ jobTicketId: textAt(element, 'ID'), ...summariseIssues(parsed.error, candidate), source: toPlainObject(element) });
        }
    }
    return { jobTickets, rejected };
}

function jobTicketCandidate(ticket: XmlElement, timeZone: string): object {
    const instructions = childElement(ticket, 'JobTicketInstructions');
    return compact({
        id: textAt(ticket, 'ID'),
        jobTicketNumber: textAt(ticket, 'JobTicketNumber'),
        createdDate: dateAt(ticket, timeZone, 'CreatedDate'),
        deliveryDate: dateAt(ticket, timeZone, 'DeliveryDate'),
        finalOutputFileUrl: textAt(ticket, 'FinalOutputFileURL', 'URL') ?? textAt(ticket, 'FinalOutputFileURL'),
        instructions: compact({
            paperDescription: clip(textAt(instructions, 'PaperDescription'), 2000),
            pressInstructions: clip(textAt(instructions, 'PressInstructions'), 2000),
            binderyInstructions: clip(textAt(instructions, 'BinderyInstructions'), 2000),
            shippingInstructions: clip(textAt(instructions, 'ShippingInstructions'), 2000)
        }),
        lineItems: childElements(childElement(ticket, 'OrderDetails'), 'OrderDetail').map(detail => compact({
            id: textAt(detail, 'ID'),
            orderId: textAt(detail, 'OrderID'),
            orderNumber: textAt(detail, 'OrderNumber'),
            productName: textAt(detail, 'ProductName'),
            productType: textAt(detail, 'ProductType'),
            sku: compact({ id: textAt(detail, 'SKU', 'ID'), name: textAt(detail, 'SKU', 'Name') }),
            quantity: numberAt(detail, 'Quantity'),
            shippingMethod: textAt(detail, 'Shipping', 'Method')
        }) ?? {})
    }) ?? {};
}
