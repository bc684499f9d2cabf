import type { PressworkEvent } from '@presswork/platform/lib/common/presswork-events';
import type { EventJournal } from '../journal/event-journal';

const REMEMBERED = 2000;

/**
 * Events by journal position, for the deliveries that carry them: the recent ones from memory,
 * the others read from the journal (those pruned from it are left out).
 */
export class JournalEvents {
    protected readonly recent = new Map<number, PressworkEvent>();

    constructor(protected readonly journal: () => EventJournal) { }

    remember(event: PressworkEvent): void {
        this.recent.set(event.seq, event);
        if (this.recent.size > REMEMBERED) {
            this.recent.delete(this.recent.keys().next().value!);
        }
    }

    async bySeq(seqs: readonly number[]): Promise<PressworkEvent[]> {
        const found: PressworkEvent[] = [];
        for (const seq of seqs) {
            const event = this.recent.get(seq) ?? (await this.journal().read(seq - 1, 1)).find(read => read.seq === seq);
            if (event) {
                found.push(event);
            }
        }
        return found;
    }
}
