import type { ILogger } from '@theia/core/lib/common/logger';
import { FileEventJournal } from '../file-event-journal';
import { sampleDraft } from './sample-events';

/**
 * Run as a child process by the crash test: appends events to the journal in `argv[2]` from a few
 * concurrent writers, forever, printing each id once its append has resolved (acknowledged). The
 * test kills it with SIGKILL at some instant and checks the journal it left.
 */
const quiet = { error: () => undefined, warn: () => undefined, info: () => undefined } as unknown as ILogger;

async function main(): Promise<void> {
    const journal = new FileEventJournal({ folder: process.argv[2], logger: quiet });
    await journal.open();
    let next = 0;
    const writer = async (): Promise<void> => {
        for (;;) {
            const ids = [`e-${next++}`, `e-${next++}`];
            await journal.append(ids.map(id => sampleDraft(id)));
            // Writes to a pipe are synchronous on Linux: a printed id was acknowledged before the kill.
            process.stdout.write(`${ids.join('\n')}\n`);
        }
    };
    await Promise.all([writer(), writer(), writer(), writer()]);
}

main().catch(error => {
    process.stderr.write(String(error));
    process.exit(1);
});
