import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { TempFolder } from '@presswork/platform/lib/node/test/temp-store';
import { JobFolders } from './job-folders';

describe('JobFolders', () => {

    const JOB = 'J0123456789AB';

    let temp: TempFolder;
    let folders: JobFolders;

    beforeEach(async () => {
        temp = await TempFolder.create();
        folders = new JobFolders(temp.join('jobs'));
    });

    afterEach(async () => {
        await temp.remove();
    });

    it('puts each job\'s files in <root>/<job id>/', () => {
        assert.equal(folders.folderOf(JOB), temp.join('jobs', JOB));
        assert.equal(folders.fileOf(JOB, `${JOB}.pdf`), temp.join('jobs', JOB, `${JOB}.pdf`));
    });

    it('refuses job ids that are not document ids', () => {
        for (const jobId of ['../x', '..', '.', 'a/b', 'a\\b', '/etc', '', ' J1', 'J1.pdf', `${'J'.repeat(129)}`]) {
            assert.throws(() => folders.folderOf(jobId), /is not a job id/, JSON.stringify(jobId));
            assert.throws(() => folders.fileOf(jobId, 'file.pdf'), /is not a job id/, JSON.stringify(jobId));
        }
    });

    it('refuses file names that could leave the job\'s folder', () => {
        for (const name of ['../x', '..', '.', 'a/b', 'a\\b', '/etc/passwd', path.resolve('/tmp/x.pdf'), 'x/../../y', '.hidden', 'file..pdf', '', 'a\0b', 'a b.pdf']) {
            assert.throws(() => folders.fileOf(JOB, name), /is not an acceptable file name/, JSON.stringify(name));
        }
    });

    it('refuses to write outside the job\'s folder and writes nothing', async () => {
        await assert.rejects(folders.write(JOB, '../escape.pdf', new Uint8Array([1])), /not an acceptable file name/);
        await assert.rejects(folders.write('../x', 'file.pdf', new Uint8Array([1])), /not a job id/);
        await assert.rejects(fs.access(temp.join('jobs')));
        await assert.rejects(fs.access(temp.join('escape.pdf')));
    });

    it('writes a file whole and leaves no temporary file behind', async () => {
        const content = new Uint8Array(Buffer.from('%PDF-1.7 business cards'));
        const written = await folders.write(JOB, `${JOB}.pdf`, content);

        assert.equal(written, temp.join('jobs', JOB, `${JOB}.pdf`));
        assert.deepEqual(await fs.readFile(written), Buffer.from(content));
        assert.deepEqual(await fs.readdir(temp.join('jobs', JOB)), [`${JOB}.pdf`]);
    });

    it('replaces an existing file, never leaving a mixture', async () => {
        await folders.write(JOB, 'ticket.pdf', new Uint8Array(Buffer.from('a much longer first version of the file')));
        await folders.write(JOB, 'ticket.pdf', new Uint8Array(Buffer.from('second')));
        assert.equal(await fs.readFile(folders.fileOf(JOB, 'ticket.pdf'), 'utf8'), 'second');
        assert.deepEqual(await fs.readdir(folders.folderOf(JOB)), ['ticket.pdf']);
    });

    it('writes several files of one job side by side at once', async () => {
        await Promise.all(['a.pdf', 'b.pdf', 'c.pdf'].map(name => folders.write(JOB, name, new Uint8Array(Buffer.from(name)))));
        assert.deepEqual((await fs.readdir(folders.folderOf(JOB))).sort(), ['a.pdf', 'b.pdf', 'c.pdf']);
    });

    it('keeps job folders private to the Presswork user', async () => {
        await folders.write(JOB, 'a.pdf', new Uint8Array([1]));
        const mode = (await fs.stat(folders.folderOf(JOB))).mode & 0o777;
        assert.equal(mode & 0o077, 0);
        assert.equal((await fs.stat(folders.fileOf(JOB, 'a.pdf'))).mode & 0o077, 0);
    });

    it('leaves no temporary file behind when a write fails', async () => {
        // A folder where the file should go makes the final rename fail.
        await fs.mkdir(path.join(folders.folderOf(JOB), 'blocked.pdf', 'inside'), { recursive: true });
        await assert.rejects(folders.write(JOB, 'blocked.pdf', new Uint8Array(1024)));
        const left = await fs.readdir(folders.folderOf(JOB));
        assert.deepEqual(left, ['blocked.pdf'], `left behind: ${left.join(', ')}`);
    });
});
