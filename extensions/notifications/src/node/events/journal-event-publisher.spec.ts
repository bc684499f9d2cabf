import * as assert from 'node:assert/strict';
import { inject } from '@presswork/platform/lib/node/test/inject';
import { recordingLogger } from '@presswork/platform/lib/node/test/recording-logger';
import { TempFolder } from '@presswork/platform/lib/node/test/temp-store';
import { FileEventJournal } from '../journal/file-event-journal';
import { sampleDraft } from '../journal/test/sample-events';
import { JournalEventPublisher } from './journal-event-publisher';

describe('JournalEventPublisher', () => {
    let temp: TempFolder;
    let journal: FileEventJournal;
    let publisher: JournalEventPublisher;

    beforeEach(async () => {
        temp = await TempFolder.create('presswork-publisher-');
        journal = new FileEventJournal({ folder: temp.join('journal'), logger: recordingLogger() });
        publisher = inject(new JournalEventPublisher(), { journal });
    });

    afterEach(async () => {
        await journal.close();
        await temp.remove();
    });

    it('journals the events it is handed, durably, before it resolves', async () => {
        await publisher.publish([sampleDraft('c1-failing'), sampleDraft('c1-failing-again')]);
        assert.deepEqual((await journal.read(0, 10)).map(event => [event.seq, event.id]), [[1, 'c1-failing'], [2, 'c1-failing-again']]);
    });

    it('refuses the whole call when one draft is not its event, naming the event and the field', async () => {
        const bad = { ...sampleDraft('broken'), payload: { connectionId: 'c1', connection: 'Store', reason: 'x' } } as never;
        await assert.rejects(publisher.publish([sampleDraft('fine'), bad]), /The connection.failing event broken is not valid: since/);
        assert.equal(journal.lastSeq, 0);
    });
});
