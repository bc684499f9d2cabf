import type { Job } from './job-schema';
import type { LineItem, Order } from './order-schema';

/**
 * Makes the jobs of line items that appear after an order was taken in (a Refresh finds a line the
 * store added): built exactly as intake builds an order's jobs, with the same ids (one per
 * connection, order and line, so asking twice gives the same job) and the same production template
 * match, or Held with the reason when no template matches. Pure and synchronous: the caller writes
 * the jobs in the same order update as the lines, and the engine picks them up from that change.
 * Implemented by connections (its job builder and templates); asked by closeout.
 */
export const NewLineItemJobs = Symbol('NewLineItemJobs');
export interface NewLineItemJobs {
    /** One job for each of `lines`, which must be line items of `order`; no id clashes with the order's jobs. */
    jobsFor(order: Readonly<Omit<Order, 'version'>>, lines: readonly LineItem[], now: Date): Job[];
}
