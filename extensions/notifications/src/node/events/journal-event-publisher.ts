import { inject, injectable } from '@theia/core/shared/inversify';
import type { EventPublisher } from '@presswork/platform/lib/common/event-source-contribution';
import { parseEventDraft } from '@presswork/platform/lib/common/presswork-events';
import type { PressworkEventDraft } from '@presswork/platform/lib/common/presswork-events';
import { describeZodError } from '@presswork/platform/lib/common/validation-message';
import { ZodError } from 'zod';
import { FileEventJournal } from '../journal/file-event-journal';

/**
 * Platform's `EventPublisher`, for events no document carries (a connection failing, a closeout
 * part refused): each draft is checked against its event, then all are journaled together;
 * resolves once they are durable. A bad draft refuses the whole call, naming the event and field.
 */
@injectable()
export class JournalEventPublisher implements EventPublisher {
    @inject(FileEventJournal) protected readonly journal: FileEventJournal;

    async publish(events: readonly PressworkEventDraft[]): Promise<void> {
        const drafts = events.map(draft => {
            try {
                return parseEventDraft(draft);
            } catch (error) {
                const reason = error instanceof ZodError ? describeZodError(error) : String(error);
                throw new Error(`The ${String(draft?.name)} event ${String(draft?.id)} is not valid: ${reason}`);
            }
        });
        await this.journal.record({ drafts });
    }
}
