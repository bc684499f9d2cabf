import type { DocumentStore } from '@presswork/platform/lib/node/store/document-store';
import { PrinterPoolsCollection, PrintersCollection } from '@presswork/platform/lib/node/store/platform-collections';
import type { PrinterChoice } from '../../common/workflow-protocol';

/**
 * What a Print step may name as its printer: every printer, then every pool, each sorted by name.
 * A pool is marked as one and named "Pool: <name>" so that a choice list tells it from a printer;
 * it counts as enabled while one of its printers is.
 */
export function printerTargets(store: DocumentStore): PrinterChoice[] {
    const printers = [...store.all(PrintersCollection)]
        .map(({ id, name, enabled }) => ({ id, name, enabled }))
        .sort((a, b) => a.name.localeCompare(b.name));
    const enabled = new Set(printers.filter(printer => printer.enabled).map(printer => printer.id));
    const pools = [...store.all(PrinterPoolsCollection)]
        .sort((a, b) => a.name.localeCompare(b.name))
        .map(pool => ({ id: pool.id, name: `Pool: ${pool.name}`, enabled: pool.printerIds.some(id => enabled.has(id)), pool: true }));
    return [...printers, ...pools];
}
