import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { spawn } from 'node:child_process';
import type * as nodeFs from 'node:fs/promises';
import { TempFolder } from '@presswork/platform/lib/node/test/temp-store';
import { recordingLogger, type RecordingLogger } from '@presswork/platform/lib/node/test/recording-logger';
import type { PressworkEvent } from '@presswork/platform/lib/common/presswork-events';
import { WriteGate } from '@presswork/platform/lib/node/store/write-gate';
import { FileEventJournal, type FileEventJournalOptions } from './file-event-journal';
import { CHECKPOINT_FILE } from './journal-checkpoint';
import { listSegments, segmentPath } from './journal-segments';
import { sampleDraft } from './test/sample-events';

describe('FileEventJournal', function (): void {
    this.timeout(30_000);

    let temp: TempFolder;
    let folder: string;
    let logger: RecordingLogger;
    const open: FileEventJournal[] = [];

    beforeEach(async () => {
        temp = await TempFolder.create('presswork-journal-');
        folder = temp.join('notifications', 'journal');
        logger = recordingLogger();
    });

    afterEach(async () => {
        await Promise.all(open.splice(0).map(journal => journal.close()));
        await temp.remove();
    });

    async function openJournal(options: Partial<FileEventJournalOptions> = {}): Promise<FileEventJournal> {
        const journal = new FileEventJournal({ folder, logger, ...options });
        open.push(journal);
        await journal.open();
        return journal;
    }

    async function reopen(journal: FileEventJournal, options: Partial<FileEventJournalOptions> = {}): Promise<FileEventJournal> {
        await journal.close();
        open.splice(open.indexOf(journal), 1);
        return openJournal(options);
    }

    const ids = (events: readonly { id: string }[]): string[] => events.map(event => event.id);

    it('gives each appended event the next position, durably, and reads them back after a restart', async () => {
        let journal = await openJournal();
        assert.equal(journal.lastSeq, 0);
        const appended: unknown[] = [];
        journal.onDidAppend(events => appended.push(...ids(events)));
        const first = await journal.append([sampleDraft('a'), sampleDraft('b')]);
        const second = await journal.append([sampleDraft('c')]);
        assert.deepEqual(first.map(event => event.seq), [1, 2]);
        assert.deepEqual(second.map(event => event.seq), [3]);
        assert.deepEqual(appended, ['a', 'b', 'c']);

        journal = await reopen(journal);
        assert.equal(journal.lastSeq, 3);
        assert.deepEqual(ids(await journal.read(0, 10)), ['a', 'b', 'c']);
        assert.deepEqual(ids(await journal.read(1, 1)), ['b']);
        assert.deepEqual(await journal.read(3, 10), []);
        assert.deepEqual((await journal.append([sampleDraft('d')])).map(event => event.seq), [4]);
    });

    it('reads old events from the disk, in pages, when they are no longer held in memory', async () => {
        let journal = await openJournal({ recentEvents: 2 });
        for (let index = 0; index < 30; index++) {
            await journal.append([sampleDraft(`e${index}`)]);
        }
        journal = await reopen(journal, { recentEvents: 2 });
        const pages: string[][] = [];
        for (let after = 0; after < journal.lastSeq; after += 7) {
            pages.push(ids(await journal.read(after, 7)));
        }
        assert.deepEqual(pages.flat(), Array.from({ length: 30 }, (_, index) => `e${index}`));
        assert.deepEqual(pages.map(page => page.length), [7, 7, 7, 7, 2]);
        assert.deepEqual((await journal.read(12, 3)).map(event => event.seq), [13, 14, 15]);
    });

    it('refuses a draft that does not match its event, appending none of the call', async () => {
        const journal = await openJournal();
        const bad = { ...sampleDraft('bad'), payload: { connectionId: '../x' } } as never;
        await assert.rejects(journal.append([sampleDraft('fine'), bad]), /connectionId/);
        assert.equal(journal.lastSeq, 0);
    });

    it('skips a draft whose id is journaled already, within a call, across calls and after a restart', async () => {
        let journal = await openJournal();
        const first = await journal.append([sampleDraft('x'), sampleDraft('x'), sampleDraft('y')]);
        assert.deepEqual(ids(first), ['x', 'y']);
        assert.deepEqual(await journal.append([sampleDraft('y')]), []);
        journal = await reopen(journal);
        assert.ok(journal.has('x'));
        assert.deepEqual(ids(await journal.append([sampleDraft('x'), sampleDraft('z')])), ['z']);
        assert.deepEqual(ids(await journal.read(0, 10)), ['x', 'y', 'z']);
    });

    it('keeps each source\'s last snapshots with the events, and rebuilds them at open', async () => {
        let journal = await openJournal();
        await journal.record({ drafts: [sampleDraft('s1')], snapshots: [['jobs', 'o1', '{"state":"Queued"}'], ['jobs', 'o2', '{"state":"Held"}']], baselines: ['jobs'] });
        await journal.record({ drafts: [], snapshots: [['jobs', 'o1', '{"state":"Printing"}'], ['jobs', 'o2', null]] });
        journal = await reopen(journal);
        assert.ok(journal.isBaselined('jobs'));
        assert.ok(!journal.isBaselined('printers'));
        assert.deepEqual([...journal.snapshotsOf('jobs')], [['o1', '{"state":"Printing"}']]);
        assert.equal(journal.lastSeq, 1);
    });

    it('cuts off a line torn by a crash and goes on from the last whole one', async () => {
        let journal = await openJournal();
        await journal.append([sampleDraft('a')]);
        await journal.append([sampleDraft('b')]);
        const file = segmentPath(folder, 1);
        const whole = (await fs.stat(file)).size;
        await fs.appendFile(file, '{"w":"2026-12-01T10:00:00.000Z","e":[{"seq":3,"id":"c","na');

        journal = await reopen(journal);
        assert.equal(journal.lastSeq, 2);
        assert.equal((await fs.stat(file)).size, whole);
        assert.ok(logger.warn.getCalls().some(call => /unfinished line/.test(String(call.args[0]))));
        assert.deepEqual(ids(await journal.append([sampleDraft('c')])), ['c']);
        journal = await reopen(journal);
        assert.deepEqual((await journal.read(0, 10)).map(event => `${event.seq}:${event.id}`), ['1:a', '2:b', '3:c']);
    });

    it('names a damaged line in the log and skips it, without failing the open', async () => {
        let journal = await openJournal({ recentEvents: 1 });
        await journal.append([sampleDraft('a')]);
        await fs.appendFile(segmentPath(folder, 1), 'this is not a record\n{"w":"yesterday"}\n');
        journal = await reopen(journal, { recentEvents: 1 });
        await journal.append([sampleDraft('b')]);
        await journal.append([sampleDraft('c')]);
        journal = await reopen(journal, { recentEvents: 1 });
        assert.deepEqual(ids(await journal.read(0, 10)), ['a', 'b', 'c']);
        const errors = logger.error.getCalls().map(call => String(call.args[0]));
        assert.ok(errors.some(message => /damaged line at byte \d+, skipped: not JSON/.test(message)), errors.join('\n'));
        assert.ok(errors.some(message => /damaged line .* w: /.test(message)), errors.join('\n'));
    });

    it('starts a new segment when one is full, and prunes old ones behind a checkpoint that keeps their snapshots', async () => {
        let now = Date.parse('2026-11-01T00:00:00.000Z');
        const options = { maxSegmentEvents: 2, retentionMs: 10 * 24 * 3_600_000, now: () => now };
        let journal = await openJournal(options);
        await journal.record({ drafts: [sampleDraft('a'), sampleDraft('b')], snapshots: [['jobs', 'old', '{"v":1}']], baselines: ['jobs'] });
        await journal.record({ drafts: [sampleDraft('c')], snapshots: [['jobs', 'gone', '{"v":2}']] });
        await journal.record({ drafts: [sampleDraft('d')], snapshots: [['jobs', 'gone', null]] });
        assert.deepEqual(await listSegments(folder), [1, 2]);

        now += 11 * 24 * 3_600_000;
        // Holds the second segment: its events are not read yet by a consumer.
        journal.holdFrom('dispatcher', 2);
        await journal.record({ drafts: [sampleDraft('e'), sampleDraft('f')], snapshots: [['jobs', 'new', '{"v":3}']] });
        assert.deepEqual(await listSegments(folder), [2, 3]);
        journal.holdFrom('dispatcher', 4);
        await journal.prune();
        assert.deepEqual(await listSegments(folder), [3]);
        await fs.stat(path.join(folder, CHECKPOINT_FILE));

        journal = await reopen(journal, options);
        assert.equal(journal.lastSeq, 6);
        assert.deepEqual(ids(await journal.read(0, 10)), ['e', 'f']);
        assert.deepEqual(Object.fromEntries(journal.snapshotsOf('jobs')), { old: '{"v":1}', new: '{"v":3}' });
        assert.ok(journal.isBaselined('jobs'));
        assert.ok(!journal.has('a'), 'pruned ids are forgotten');
        assert.ok(journal.has('e'));
        assert.deepEqual((await journal.append([sampleDraft('g')])).map(event => event.seq), [7]);
    });

    it('removes segments left behind by a pruning stopped between its checkpoint and its removals', async () => {
        let now = Date.parse('2026-11-01T00:00:00.000Z');
        const options = { maxSegmentEvents: 1, retentionMs: 1000, now: () => now };
        let journal = await openJournal(options);
        await journal.append([sampleDraft('a')]);
        const leftOver = await fs.readFile(segmentPath(folder, 1));
        now += 2000;
        await journal.append([sampleDraft('b')]);
        assert.deepEqual(await listSegments(folder), [2]);
        await fs.writeFile(segmentPath(folder, 1), leftOver);
        journal = await reopen(journal, options);
        assert.deepEqual(await listSegments(folder), [2]);
        assert.deepEqual(ids(await journal.read(0, 10)), ['b']);
    });

    it('commits appends that arrive during a write together: one flush for the whole group', async () => {
        let flushes = 0;
        let group: Promise<readonly PressworkEvent[]>[] = [];
        const journal: FileEventJournal = await openJournal({
            syncFile: async (handle: nodeFs.FileHandle) => {
                if (flushes++ === 0) {
                    // Twenty appends arrive while the first one is being flushed.
                    group = Array.from({ length: 20 }, (_, index) => journal.append([sampleDraft(`g${index}`)]));
                }
                await handle.sync();
            }
        });
        const first = await journal.append([sampleDraft('first')]);
        const results = [first, ...await Promise.all(group)];
        assert.equal(flushes, 2, 'the first append, then the twenty that waited for it');
        assert.deepEqual(results.map(events => events[0].seq), Array.from({ length: 21 }, (_, index) => index + 1));
    });

    it('fails the appends of a batch that cannot be flushed, leaving no part of it in the journal', async () => {
        let failNext = false;
        let journal = await openJournal({
            syncFile: async (handle: nodeFs.FileHandle) => {
                if (failNext) {
                    failNext = false;
                    throw new Error('disk gone');
                }
                await handle.sync();
            }
        });
        await journal.append([sampleDraft('a')]);
        failNext = true;
        await assert.rejects(journal.append([sampleDraft('b')]), /disk gone/);
        assert.equal(journal.lastSeq, 1);
        assert.ok(!journal.has('b'));
        assert.deepEqual((await journal.append([sampleDraft('b')])).map(event => event.seq), [2]);
        journal = await reopen(journal);
        assert.deepEqual((await journal.read(0, 10)).map(event => `${event.seq}:${event.id}`), ['1:a', '2:b']);
    });

    it('holds its writes while a backup holds the store\'s', async () => {
        const gate = new WriteGate();
        const journal = await openJournal({ gate });
        await gate.pause();
        let done = false;
        const pending = journal.append([sampleDraft('a')]).then(() => done = true);
        await new Promise(resolve => setTimeout(resolve, 50));
        assert.equal(done, false);
        assert.equal((await fs.stat(segmentPath(folder, 1))).size, 0);
        gate.resume();
        await pending;
        assert.equal(journal.lastSeq, 1);
    });

    it('keeps every acknowledged event exactly once when its process is killed (SIGKILL) while appending', async () => {
        const child = spawn(process.execPath, [path.join(__dirname, 'test', 'append-loop.js'), folder], { stdio: ['ignore', 'pipe', 'pipe'] });
        const acknowledged: string[] = [];
        let buffered = '';
        let errors = '';
        child.stderr.on('data', chunk => errors += chunk);
        const exited = new Promise(resolve => child.on('exit', resolve));
        await new Promise<void>((resolve, reject) => {
            child.stdout.on('data', (chunk: Buffer) => {
                buffered += chunk.toString('utf8');
                const lines = buffered.split('\n');
                buffered = lines.pop()!;
                acknowledged.push(...lines);
                if (acknowledged.length >= 400) {
                    child.kill('SIGKILL');
                    resolve();
                }
            });
            child.on('exit', code => code !== null && reject(new Error(`the appender stopped on its own (${code}): ${errors}`)));
        });
        await exited;
        acknowledged.push(...buffered.split('\n').filter(Boolean));

        const journal = await openJournal();
        const events = await journal.read(0, journal.lastSeq + 1);
        const counts = new Map<string, number>();
        events.forEach(event => counts.set(event.id, (counts.get(event.id) ?? 0) + 1));
        assert.deepEqual(acknowledged.filter(id => counts.get(id) !== 1), [], 'every acknowledged id once');
        assert.ok([...counts.values()].every(count => count === 1), 'no id twice');
        assert.deepEqual(events.map(event => event.seq), Array.from({ length: events.length }, (_, index) => index + 1));
        assert.ok(events.length >= acknowledged.length);
    });
});
