import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { spawn } from 'node:child_process';
import { TempFolder } from '@presswork/platform/lib/node/test/temp-store';
import { recordingLogger } from '@presswork/platform/lib/node/test/recording-logger';
import { FileEventJournal, type FileEventJournalOptions } from './file-event-journal';
import { JournalReader } from './journal-reader';
import { recordLine } from './journal-record';
import { listSegments, segmentPath } from './journal-segments';
import { sampleDraft } from './test/sample-events';

describe('JournalReader', function (): void {
    this.timeout(30_000);

    let temp: TempFolder;
    let folder: string;
    let writer: FileEventJournal | undefined;

    beforeEach(async () => {
        temp = await TempFolder.create('presswork-journal-reader-');
        folder = temp.join('notifications', 'journal');
    });

    afterEach(async () => {
        await writer?.close();
        writer = undefined;
        await temp.remove();
    });

    /** The leader's journal, in another instance on the same folder. */
    async function openWriter(options: Partial<FileEventJournalOptions> = {}): Promise<FileEventJournal> {
        writer = new FileEventJournal({ folder, logger: recordingLogger(), ...options });
        await writer.open();
        return writer;
    }

    function appendEach(journal: FileEventJournal, ids: readonly string[]): Promise<unknown> {
        return ids.reduce<Promise<unknown>>((previous, id) => previous.then(() => journal.append([sampleDraft(id)])), Promise.resolve());
    }

    async function readAll(reader: JournalReader): Promise<string[]> {
        await reader.refresh();
        return (await reader.read(0, 1000)).map(event => `${event.seq}:${event.id}`);
    }

    it('follows the writer: events appended after it opened appear at the next refresh', async () => {
        const journal = await openWriter();
        const reader = new JournalReader({ folder, logger: recordingLogger() });
        assert.deepEqual(await readAll(reader), []);
        await journal.append([sampleDraft('a'), sampleDraft('b')]);
        assert.deepEqual(await readAll(reader), ['1:a', '2:b']);
        await journal.append([sampleDraft('c')]);
        await reader.refresh();
        assert.equal(reader.lastSeq, 3);
        assert.deepEqual((await reader.read(1, 1)).map(event => event.id), ['b']);
        assert.deepEqual(await reader.read(3, 10), []);
        assert.deepEqual(await reader.read(0, 10), await journal.read(0, 10));
    });

    it('does not take a half-written last line as an event until its newline is there', async () => {
        const journal = await openWriter();
        await journal.append([sampleDraft('a')]);
        const reader = new JournalReader({ folder, logger: recordingLogger() });
        const line = recordLine('2026-12-01T10:00:00.000Z', [{ ...sampleDraft('b'), seq: 2 }], [], []);
        const half = Math.floor(line.length / 2);
        await fs.appendFile(segmentPath(folder, 1), line.slice(0, half));
        assert.deepEqual(await readAll(reader), ['1:a']);
        assert.equal(reader.lastSeq, 1);
        await fs.appendFile(segmentPath(folder, 1), line.slice(half));
        assert.deepEqual(await readAll(reader), ['1:a', '2:b']);
    });

    it('follows a rotation into new segments and pages as the writer does', async () => {
        const journal = await openWriter({ maxSegmentEvents: 2, recentEvents: 1 });
        const reader = new JournalReader({ folder, logger: recordingLogger() });
        await appendEach(journal, ['a', 'b', 'c']);
        assert.deepEqual(await readAll(reader), ['1:a', '2:b', '3:c']);
        await appendEach(journal, ['d', 'e', 'f', 'g']);
        assert.deepEqual(await listSegments(folder), [1, 2, 3, 4]);
        await reader.refresh();
        for (const [after, limit] of [[0, 3], [2, 2], [3, 10], [6, 5]]) {
            assert.deepEqual(await reader.read(after, limit), await journal.read(after, limit), `after=${after} limit=${limit}`);
        }
        assert.equal(reader.lastSeq, journal.lastSeq);
    });

    it('drops segments pruned underneath, and starts an old position at the oldest event kept, as the writer does', async () => {
        let now = Date.parse('2026-11-01T00:00:00.000Z');
        const journal = await openWriter({ maxSegmentEvents: 2, retentionMs: 1000, recentEvents: 1, now: () => now });
        const reader = new JournalReader({ folder, logger: recordingLogger() });
        await appendEach(journal, ['a', 'b', 'c', 'd']);
        assert.deepEqual(await readAll(reader), ['1:a', '2:b', '3:c', '4:d']);
        now += 2000;
        // Segments 1 and 2 are past the retention: this rotation prunes them.
        await appendEach(journal, ['e']);
        assert.deepEqual(await listSegments(folder), [3]);
        assert.deepEqual(await readAll(reader), ['5:e']);
        assert.deepEqual(await reader.read(1, 10), await journal.read(1, 10));
        assert.equal(reader.lastSeq, 5);
    });

    it('keeps the last position given out when no kept segment holds an event (from the checkpoint), as the writer does', async () => {
        let now = Date.parse('2026-11-01T00:00:00.000Z');
        const journal = await openWriter({ maxSegmentEvents: 1, retentionMs: 1000, now: () => now });
        await appendEach(journal, ['a', 'b']);
        now += 2000;
        await journal.prune();
        await journal.close();
        writer = undefined;
        // As a leader leaves it between starting segment 3 and writing into it, segment 2 pruned.
        await fs.rm(segmentPath(folder, 2));
        await fs.writeFile(segmentPath(folder, 3), '');
        const reader = new JournalReader({ folder, logger: recordingLogger() });
        assert.deepEqual(await readAll(reader), []);
        assert.equal(reader.lastSeq, 2);
        assert.equal((await openWriter()).lastSeq, 2);
    });

    it('reads again from the last record kept when the writer cuts a segment back (a failed write)', async () => {
        const journal = await openWriter();
        await journal.append([sampleDraft('a')]);
        const whole = (await fs.stat(segmentPath(folder, 1))).size;
        const reader = new JournalReader({ folder, logger: recordingLogger() });
        await fs.appendFile(segmentPath(folder, 1), recordLine('2026-12-01T10:00:00.000Z', [{ ...sampleDraft('lost'), seq: 2 }], [], []));
        assert.deepEqual(await readAll(reader), ['1:a', '2:lost']);
        await fs.truncate(segmentPath(folder, 1), whole);
        await journal.append([sampleDraft('b')]);
        assert.deepEqual(await readAll(reader), ['1:a', '2:b']);
    });

    it('never writes: a folder no leader has made stays absent, and the files stay as the writer left them', async () => {
        const reader = new JournalReader({ folder, logger: recordingLogger() });
        assert.deepEqual(await readAll(reader), []);
        assert.equal(reader.lastSeq, 0);
        await assert.rejects(fs.stat(folder), { code: 'ENOENT' });

        const journal = await openWriter();
        await journal.append([sampleDraft('a')]);
        await fs.appendFile(segmentPath(folder, 1), '{"w":"2026-12-01T10:00:00.000Z","e":[{"se');
        const before = await fs.readFile(segmentPath(folder, 1));
        const names = await fs.readdir(folder);
        assert.deepEqual(await readAll(reader), ['1:a']);
        assert.deepEqual(await fs.readFile(segmentPath(folder, 1)), before, 'the half line is left to its writer');
        assert.deepEqual(await fs.readdir(folder), names);
    });

    it('follows a writer in another process as it appends, seeing only whole events, all of them in order', async () => {
        const child = spawn(process.execPath, [path.join(__dirname, 'test', 'append-loop.js'), folder], { stdio: ['ignore', 'ignore', 'pipe'] });
        let errors = '';
        child.stderr.on('data', chunk => errors += chunk);
        let running = true;
        let ended = '';
        const exited = new Promise(resolve => child.on('close', (code, signal) => {
            ended = `code ${code}, signal ${signal}`;
            resolve(running = false);
        }));
        const reader = new JournalReader({ folder, logger: recordingLogger() });
        const seen: string[] = [];
        try {
            while (running && seen.length < 2000) {
                await reader.refresh();
                const page = await reader.read(seen.length, 300);
                // Read from where the last page ended: positions follow on, with no gap and no repeat.
                assert.deepEqual(page.map(event => event.seq), page.map((_, index) => seen.length + index + 1));
                seen.push(...page.map(event => event.id));
            }
        } finally {
            child.kill('SIGKILL');
            await exited;
        }
        assert.ok(seen.length >= 2000, `the appender stopped on its own (${ended}) after ${seen.length} events: ${errors}`);
        const journal = await openWriter();
        assert.deepEqual(seen, (await journal.read(0, seen.length)).map(event => event.id), 'what the reader saw is what the journal holds');
    });
});
