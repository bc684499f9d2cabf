import { IppPrinter } from '@presswork/output/lib/node/ipp/ipp-printer';
import type { ReferencePrinter } from '@presswork/output/lib/node/test/reference-printer';

/**
 * The IPP jobs a printer holds or ran, by job name, as sets of the printer's job ids: the ones its
 * print command ran (recorded by the reference printer, they outlive the printer's job history)
 * together with every job Get-Jobs lists (which-jobs all: also those accepted and not yet run).
 * A name under two ids was sent twice.
 */
export async function printerJobsByName(printer: ReferencePrinter): Promise<Map<string, Set<number>>> {
    const byName = new Map<string, Set<number>>();
    const add = (name: string, id: number): void => {
        const ids = byName.get(name) ?? new Set<number>();
        ids.add(id);
        byName.set(name, ids);
    };
    for (const ticket of await printer.tickets()) {
        add(ticket.env.IPP_JOB_NAME ?? '', Number(ticket.env.IPP_JOB_ID));
    }
    for (const job of await new IppPrinter(printer.uri).jobs('all')) {
        add(job.name ?? '', job.id);
    }
    return byName;
}
