import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { WorkerBatchWriter } from './batch-writers';
import { GroupCommit, GroupCommitError } from './group-commit';

describe('WorkerBatchWriter', () => {

    let root: string;
    let writers: WorkerBatchWriter[];

    const writer = (file?: string): WorkerBatchWriter => {
        const made = new WorkerBatchWriter(file);
        writers.push(made);
        return made;
    };

    beforeEach(async () => {
        root = await fs.mkdtemp(path.join(os.tmpdir(), 'presswork-batch-writer-'));
        writers = [];
    });

    afterEach(async () => {
        await Promise.all(writers.map(made => made.close()));
        await fs.rm(root, { recursive: true, force: true });
    });

    it('puts a batch\'s files in place on its worker thread, each with its own content, and no temporary file', async () => {
        // Small Buffers are views of one shared slab: each file must get its own bytes, not the slab.
        const contents = ['{"id":"a"}', '{"id":"b","n":2}', 'é'.repeat(5000)].map(text => Buffer.from(text, 'utf8'));
        const writes = contents.map((content, index) => ({ file: path.join(root, `doc-${index}.json`), content }));

        assert.deepEqual(await writer().write(writes), { committed: true });

        for (const [index, content] of contents.entries()) {
            assert.deepEqual(await fs.readFile(path.join(root, `doc-${index}.json`)), content);
        }
        assert.deepEqual((await fs.readdir(root)).sort(), ['doc-0.json', 'doc-1.json', 'doc-2.json']);
        assert.equal(contents[0].toString(), '{"id":"a"}', 'the caller\'s buffers are left as they were');
    });

    it('reports a failure with its step and the cause\'s code, which the group commit passes on to its callers', async () => {
        const missing = path.join(root, 'no-such-folder', 'doc.json');
        const outcome = await writer().write([{ file: missing, content: Buffer.from('{}') }]);
        assert.equal(outcome.committed, false);
        assert.deepEqual(!outcome.committed && [outcome.failure.step, outcome.failure.target, outcome.failure.cause.code], ['write', missing, 'ENOENT']);

        const group = new GroupCommit({ writer: writer() });
        const error = await group.write(missing, Buffer.from('{}')).then(() => undefined, (reason: unknown) => reason);
        assert.ok(error instanceof GroupCommitError);
        assert.match(error.message, /doc\.json could not be written durably \(ENOENT.*\); none of the 1 writes committed with it was made/);
        // The store makes a shard folder again when it finds one missing: it looks for this code.
        assert.equal((error.cause as NodeJS.ErrnoException).code, 'ENOENT');
    });

    it('fails the batch its worker died under, saying its writes may or may not have been made; the next batch gets a new worker', async () => {
        const dying = writer(path.join(__dirname, '..', 'test', 'dying-worker.js'));
        const outcome = await dying.write([{ file: path.join(root, 'doc.json'), content: Buffer.from('{}') }]);
        assert.equal(outcome.committed, false);
        assert.match(!outcome.committed ? `${outcome.failure.step}: ${outcome.failure.cause.message}` : '', /^rename: the group commit's worker ended/);

        const group = new GroupCommit({ writer: writer() });
        await group.write(path.join(root, 'doc.json'), Buffer.from('{"after":true}'));
        assert.equal(await fs.readFile(path.join(root, 'doc.json'), 'utf8'), '{"after":true}');
    });
});
