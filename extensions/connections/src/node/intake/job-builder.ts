import type { Address, Job, JobProperties, LineItem, Order, ProductionTemplate } from '@presswork/platform/lib/common';
import { receivedJob } from '@presswork/platform/lib/common/job-flow';
import { jobIdOf } from './intake-ids';
import { matchTemplate, noTemplateReason } from './template-matcher';

/** MarcomCentral product types that are printed; anything else is a stocked item. */
const PRINTABLE_TYPES = new Set(['versioned', 'variable', 'jobdirect']);
const HOUR_MS = 3_600_000;

export function isPrintable(line: LineItem): boolean {
    return PRINTABLE_TYPES.has(line.productType.toLowerCase());
}

type OrderWithoutJobs = Omit<Order, 'jobs' | 'version'>;

/** One job per line item, carrying what production needs to know about it. */
export function buildJobs(order: OrderWithoutJobs, templates: readonly ProductionTemplate[], now: Date): Job[] {
    return buildLineJobs(order, order.lineItems, templates, now);
}

/**
 * The jobs of some of the order's line items (all of them at intake, lines a refresh found later),
 * with ids that clash neither with each other nor with the jobs the order already has.
 */
export function buildLineJobs(
    order: OrderWithoutJobs, lines: readonly LineItem[], templates: readonly ProductionTemplate[], now: Date, existingJobs: readonly Pick<Job, 'id'>[] = []
): Job[] {
    const taken = new Set(existingJobs.map(job => job.id));
    return lines.map(line => {
        const id = uniqueJobId(order, line, taken);
        taken.add(id);
        return buildJob(order, line, id, matchTemplate(templates, order.connectionId, line), now);
    });
}

/**
 * The line's job id, derived again with a salt in the (astronomically rare) case that two of the
 * order's lines hash alike: two jobs of one order never share an id. Lines are taken in the order
 * the store lists them, so the same order always gets the same ids.
 */
function uniqueJobId(order: OrderWithoutJobs, line: LineItem, taken: ReadonlySet<string>): string {
    let id = jobIdOf(order.connectionId, order.marcomOrderId, line.id);
    for (let salt = 1; taken.has(id); salt++) {
        id = jobIdOf(order.connectionId, order.marcomOrderId, line.id, salt);
    }
    return id;
}

/** The line's job, in the state JobFlow's arrival rule gives it (Held, Waiting for its file, or Received). */
function buildJob(order: OrderWithoutJobs, line: LineItem, id: string, template: ProductionTemplate | undefined, now: Date): Job {
    const printable = isPrintable(line);
    const receivedAt = now.toISOString();
    const noWorkflowReason = template ? undefined : noTemplateReason(line);
    const due = dueDate(line, template, now);
    const atRisk = atRiskAt(due, template);
    return receivedJob({
        id,
        name: line.productName,
        orderId: order.id,
        orderNumber: order.orderNumber,
        lineItemId: line.id,
        jobTicketId: line.id,
        connectionId: order.connectionId,
        workflowId: template?.workflowId,
        noWorkflowReason,
        phase: 'Receive',
        stepIndex: 0,
        copies: line.quantity,
        due,
        ...(atRisk ? { atRiskAt: atRisk } : {}),
        receivedAt,
        updatedAt: receivedAt,
        properties: jobProperties(order, line, template),
        files: printable ? [{ name: `${id}.pdf`, sourceUrl: line.finalOutputFileUrl }] : [],
        log: [{
            at: receivedAt,
            level: 'info',
            message: template
                ? `Received from MarcomCentral order ${order.orderNumber}; production template "${template.name}"`
                : `Received from MarcomCentral order ${order.orderNumber}; held: ${noWorkflowReason}`
        }]
    });
}

/** The line's own ship date wins; otherwise the template's promise from the time the order arrived. */
function dueDate(line: LineItem, template: ProductionTemplate | undefined, now: Date): string | undefined {
    if (line.shipping?.date) {
        return line.shipping.date;
    }
    const hours = template?.defaults.dueInHours;
    return hours ? new Date(now.getTime() + hours * HOUR_MS).toISOString() : undefined;
}

/**
 * From when the job, not yet printed, is at risk of missing `due`: the template's at-risk hours
 * before it. Without a due date or at-risk hours the job is never flagged.
 */
export function atRiskAt(due: string | undefined, template: Pick<ProductionTemplate, 'defaults'> | undefined): string | undefined {
    const hours = template?.defaults.atRiskHours;
    return due && hours ? new Date(Date.parse(due) - hours * HOUR_MS).toISOString() : undefined;
}

/** Template defaults first, then what the order says: a default never overrides what the customer ordered. */
function jobProperties(order: OrderWithoutJobs, line: LineItem, template: ProductionTemplate | undefined): JobProperties {
    const properties: JobProperties = {};
    const set = (key: string, value: string | number | boolean | undefined): void => {
        if (value !== undefined && value !== '') {
            properties[key] = value;
        }
    };
    if (template) {
        Object.assign(properties, templateProperties(template));
    }
    const customer = [order.customer.firstName, order.customer.lastName].filter(Boolean).join(' ');
    set('marcomOrderId', order.marcomOrderId);
    set('productType', line.productType);
    set('productId', line.productId);
    set('sku', line.sku?.id);
    set('skuName', line.sku?.name);
    set('customer', customer || order.customer.loginId);
    set('customerEmail', order.customer.email);
    set('company', order.company?.name);
    set('shipTo', formatAddress(line.shipping?.address ?? order.shippingAddress));
    set('shippingMethod', line.shipping?.method);
    set('pageCount', line.pageCount);
    // Finishing options stay on the line item (bounded there), not copied into properties: a
    // thousand lines of them would have doubled the order's size.
    return properties;
}

/** The job properties a production template gives: its free properties, media, duplex and priority. */
export function templateProperties(template: ProductionTemplate): JobProperties {
    const { media, duplex, priority, properties } = template.defaults;
    const given: JobProperties = { ...properties };
    if (media) {
        given.media = media;
    }
    if (duplex !== undefined) {
        given.duplex = duplex;
    }
    if (priority !== undefined) {
        given.priority = priority;
    }
    return given;
}

export function formatAddress(address: Address | undefined): string | undefined {
    if (!address) {
        return undefined;
    }
    const cityLine = [address.city, address.state, address.zip].filter(Boolean).join(' ');
    const parts = [address.attn, address.companyName, address.address1, address.address2, address.address3, address.address4, cityLine, address.country];
    return parts.filter(Boolean).join(', ') || undefined;
}
