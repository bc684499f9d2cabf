import { inject, injectable } from '@theia/core/shared/inversify';
import type { JobTicket } from '@presswork/platform/lib/common/job-ticket';
import { OutputDeviceContribution } from '@presswork/platform/lib/common/output-device-contribution';
import { OutputDeviceRegistry } from '@presswork/platform/lib/common/output-device-registry';
import type { PrinterCapabilities } from '@presswork/platform/lib/common/printer-capabilities';
import type { PrinterPool } from '@presswork/platform/lib/common/printer-pool-schema';
import type { Printer } from '@presswork/platform/lib/common/printer-schema';
import { isAtPrinter } from '@presswork/platform/lib/common/printing-record';
import { DocumentStore } from '@presswork/platform/lib/node/store/document-store';
import { OrdersCollection, PrinterPoolsCollection, PrintersCollection } from '@presswork/platform/lib/node/store/platform-collections';
import { PrinterTransportError, transportReason } from '../printers/printer-transport-error';
import { ticketMismatches } from '../tickets/ticket-match';

/** A printer ready to take a ticket: its device, and what it said it can do (none for a device that cannot say). */
export interface PrintTarget {
    readonly printer: Printer;
    readonly device: OutputDeviceContribution;
    readonly capabilities?: PrinterCapabilities;
}

/** A target, or why none: each reason a sentence an operator can act on. */
export type TargetChoice =
    | { readonly target: PrintTarget }
    | { readonly reasons: readonly string[]; readonly fatal?: boolean };

interface CachedCapabilities {
    readonly until: number;
    readonly capabilities: Promise<PrinterCapabilities | undefined>;
}

/**
 * Where a Print step's job goes: the printer it names, or a printer of the pool it names, and only
 * one that can honour the ticket.
 *
 * - A disabled printer takes no new job.
 * - A printer that describes itself (IPP) is asked what it can do at most once in
 *   `capabilityTtlMs` (shared by every job asking meanwhile, failures included), so 200 jobs
 *   released at once cost one Get-Printer-Attributes, not 200; a changed printer (new version) is
 *   asked afresh.
 * - In a pool, among its enabled printers that can honour the ticket (in pool order), the one with
 *   the shortest queue: Presswork's jobs at that printer (`isAtPrinter`, found through the orders'
 *   `atPrinter` index) plus the sends to it under way in this server. Ties go to the earlier
 *   printer of the pool.
 */
@injectable()
export class PrintTargets {
    @inject(DocumentStore) protected readonly store: DocumentStore;
    @inject(OutputDeviceRegistry) protected readonly devices: OutputDeviceRegistry;

    capabilityTtlMs = 5_000;
    protected readonly cache = new Map<string, CachedCapabilities>();
    protected readonly sending = new Map<string, number>();

    /** The printer or pool `id`, for the ticket; `fatal` when it does not exist (an operator has to choose another). */
    async choose(id: string, ticket: JobTicket): Promise<TargetChoice> {
        const printer = this.store.get(PrintersCollection, id);
        if (printer) {
            return this.single(printer, ticket);
        }
        const pool = this.store.get(PrinterPoolsCollection, id);
        if (pool) {
            return this.fromPool(pool, ticket);
        }
        return { reasons: [`Printer ${id} does not exist`], fatal: true };
    }

    /** Presswork's jobs at the printer now, and the sends to it under way here. */
    queueLength(printerId: string): number {
        const atPrinter = this.store.findBy(OrdersCollection, 'atPrinter', printerId)
            .reduce((count, order) => count + order.jobs.filter(job => isAtPrinter(job) && job.printing!.printerId === printerId).length, 0);
        return atPrinter + (this.sending.get(printerId) ?? 0);
    }

    /** Counts a send to the printer in its queue until `release` is called (the job's record then counts it). */
    reserve(printerId: string): () => void {
        this.sending.set(printerId, (this.sending.get(printerId) ?? 0) + 1);
        let released = false;
        return () => {
            if (released) {
                return;
            }
            released = true;
            const left = (this.sending.get(printerId) ?? 1) - 1;
            if (left > 0) {
                this.sending.set(printerId, left);
            } else {
                this.sending.delete(printerId);
            }
        };
    }

    /** What the printer can do, from the cache when asked within `capabilityTtlMs`; undefined for a device that cannot say. */
    capabilities(printer: Printer, device: OutputDeviceContribution): Promise<PrinterCapabilities | undefined> {
        const key = `${printer.id}@${printer.version}`;
        const now = Date.now();
        const cached = this.cache.get(key);
        if (cached && cached.until > now) {
            return cached.capabilities;
        }
        for (const [other, entry] of this.cache) {
            if (entry.until <= now || other.startsWith(`${printer.id}@`)) {
                this.cache.delete(other);
            }
        }
        // No job's signal: the answer is shared, and one job stopping must not fail the others'.
        const capabilities = device.describe(printer).then(description => description?.capabilities);
        capabilities.catch(() => undefined);
        this.cache.set(key, { until: now + this.capabilityTtlMs, capabilities });
        return capabilities;
    }

    protected async single(printer: Printer, ticket: JobTicket): Promise<TargetChoice> {
        const checked = await this.check(printer, ticket);
        return 'target' in checked ? checked : { reasons: checked.reasons, fatal: checked.fatal };
    }

    protected async fromPool(pool: PrinterPool, ticket: JobTicket): Promise<TargetChoice> {
        if (!pool.printerIds.length) {
            return { reasons: [`Pool ${pool.name} has no printers`] };
        }
        const checks = await Promise.all(pool.printerIds.map(async id => {
            const printer = this.store.get(PrintersCollection, id);
            return printer ? this.check(printer, ticket) : { reasons: [`Printer ${id} of the pool no longer exists`] };
        }));
        let best: { target: PrintTarget; queue: number } | undefined;
        for (const checked of checks) {
            if ('target' in checked) {
                const queue = this.queueLength(checked.target.printer.id);
                if (!best || queue < best.queue) {
                    best = { target: checked.target, queue };
                }
            }
        }
        if (best) {
            return { target: best.target };
        }
        return { reasons: [`No printer of pool ${pool.name} can take the job now`, ...checks.flatMap(checked => 'reasons' in checked ? checked.reasons : [])] };
    }

    protected async check(printer: Printer, ticket: JobTicket): Promise<{ target: PrintTarget } | { reasons: string[]; fatal?: boolean }> {
        if (!printer.enabled) {
            return { reasons: [`Printer ${printer.name} is disabled`] };
        }
        const device = this.devices.get(printer.kind);
        if (!device) {
            return { reasons: [`Printer ${printer.name} is of kind ${printer.kind}, which no installed extension drives`], fatal: true };
        }
        let capabilities: PrinterCapabilities | undefined;
        try {
            capabilities = await this.capabilities(printer, device);
        } catch (error) {
            if (error instanceof PrinterTransportError) {
                return { reasons: [transportReason(printer.name, error)] };
            }
            throw error;
        }
        if (capabilities) {
            const mismatches = ticketMismatches(ticket, capabilities, printer.name);
            if (mismatches.length) {
                return { reasons: mismatches };
            }
        }
        return { target: { printer, device, ...(capabilities ? { capabilities } : {}) } };
    }
}
