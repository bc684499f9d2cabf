import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { z } from 'zod';
import type { Job } from '@presswork/platform/lib/common';
import { CopyToFolderPropertiesSchema } from '../../common/supplied-activities';
import { CopyToFolderActivityContribution } from './copy-to-folder-activity';
import { temporaryNameOf } from '@presswork/platform/lib/node/files/file-placement';
import { TempFolder } from '@presswork/platform/lib/node/test/temp-store';
import { RecordingContext, activityContext, logText, orderWithJob, writeJobFiles } from '@presswork/platform/lib/node/test/activity-context';

type Properties = z.infer<typeof CopyToFolderPropertiesSchema>;

describe('Copy to Folder activity', () => {

    let temp: TempFolder;
    let target: string;
    let activity: CopyToFolderActivityContribution;

    beforeEach(async () => {
        temp = await TempFolder.create();
        target = temp.join('out', 'copies');
        activity = new CopyToFolderActivityContribution();
    });

    afterEach(async () => {
        await temp.remove();
    });

    async function contextFor(input: Partial<z.input<typeof CopyToFolderPropertiesSchema>>, jobChange: Partial<Job> = {},
        content = 'the print file'): Promise<RecordingContext<Properties>> {
        const { order, job } = orderWithJob(jobChange);
        const context = activityContext(CopyToFolderPropertiesSchema.parse({ folder: target, ...input }), {
            order, job, jobFolder: temp.join('jobs', job.id)
        });
        await writeJobFiles(context.jobFolder, Object.fromEntries(job.files.map(file => [file.name, content])));
        return context;
    }

    it('copies each job file under the default pattern, creating the folder', async () => {
        const context = await contextFor({});

        assert.deepEqual(await activity.execute(context), { kind: 'continue' });

        const expected = `${context.order.orderNumber}-${context.job.id}.pdf`;
        assert.deepEqual(await fs.readdir(target), [expected]);
        assert.equal(await fs.readFile(path.join(target, expected), 'utf8'), 'the print file');
        assert.match(logText(context), new RegExp(`Copied ${context.job.files[0].name} \\(14 bytes\\)`));
    });

    it('keeps a job name with ../ or / inside the folder', async () => {
        for (const name of ['../../etc/passwd', 'a/b', '..', '/etc/passwd']) {
            const context = await contextFor({ fileNamePattern: '{job.name}{ext}' }, { name });
            assert.equal((await activity.execute(context)).kind, 'continue', name);
        }

        const names = (await fs.readdir(target)).sort();
        assert.deepEqual(names, ['_.pdf', '____etc_passwd.pdf', '_etc_passwd.pdf', 'a_b.pdf']);
        assert.deepEqual(await fs.readdir(temp.join('out')), ['copies'], 'nothing was written beside the folder');
        await assert.rejects(fs.stat(temp.join('etc')));
    });

    it('fails a pattern that itself names a sub-folder or leads out', async () => {
        for (const pattern of ['../{job.id}{ext}', 'sub/{name}{ext}']) {
            const context = await contextFor({ fileNamePattern: pattern });
            const outcome = await activity.execute(context);
            assert.equal(outcome.kind, 'fail', pattern);
            assert.match((outcome as { message: string }).message, /must give a plain file name/);
        }
        await assert.rejects(fs.stat(target));
    });

    it('keeps both on a collision: the new file is numbered, the old one untouched', async () => {
        await fs.mkdir(target, { recursive: true });
        await fs.writeFile(path.join(target, 'card.pdf'), 'an older file');

        const first = await contextFor({ fileNamePattern: 'card{ext}' }, {}, 'version one');
        await activity.execute(first);
        const second = await contextFor({ fileNamePattern: 'card{ext}' }, {}, 'version two');
        await activity.execute(second);

        assert.deepEqual((await fs.readdir(target)).sort(), ['card (2).pdf', 'card (3).pdf', 'card.pdf']);
        assert.equal(await fs.readFile(path.join(target, 'card.pdf'), 'utf8'), 'an older file');
        assert.equal(await fs.readFile(path.join(target, 'card (2).pdf'), 'utf8'), 'version one');
        assert.equal(await fs.readFile(path.join(target, 'card (3).pdf'), 'utf8'), 'version two');
    });

    it('adds nothing when run again after a copy (a repeat after a crash)', async () => {
        await fs.mkdir(target, { recursive: true });
        await fs.writeFile(path.join(target, 'card.pdf'), 'an older file');
        const context = await contextFor({ fileNamePattern: 'card{ext}' });

        await activity.execute(context);
        const again = await activity.execute(context);

        assert.deepEqual(again, { kind: 'continue' });
        assert.deepEqual((await fs.readdir(target)).sort(), ['card (2).pdf', 'card.pdf']);
        assert.match(logText(context), /is in .* already as .*card \(2\)\.pdf/);
    });

    it('fails on a collision under the fail rule, unless the same bytes are there already', async () => {
        await fs.mkdir(target, { recursive: true });
        await fs.writeFile(path.join(target, 'card.pdf'), 'an older file');
        const context = await contextFor({ fileNamePattern: 'card{ext}', onCollision: 'fail' });

        const outcome = await activity.execute(context);

        assert.equal(outcome.kind, 'fail');
        assert.match((outcome as { message: string }).message, /card\.pdf exists already and the rule is to fail/);
        assert.equal(await fs.readFile(path.join(target, 'card.pdf'), 'utf8'), 'an older file');
        assert.deepEqual(await fs.readdir(target), ['card.pdf'], 'no temporary file is left behind');

        await fs.writeFile(path.join(target, 'card.pdf'), 'the print file');
        assert.deepEqual(await activity.execute(context), { kind: 'continue' });
    });

    it('replaces the file under the overwrite rule', async () => {
        await fs.mkdir(target, { recursive: true });
        await fs.writeFile(path.join(target, 'card.pdf'), 'an older file');
        const context = await contextFor({ fileNamePattern: 'card{ext}', onCollision: 'overwrite' });

        assert.deepEqual(await activity.execute(context), { kind: 'continue' });

        assert.deepEqual(await fs.readdir(target), ['card.pdf']);
        assert.equal(await fs.readFile(path.join(target, 'card.pdf'), 'utf8'), 'the print file');
    });

    it('clears the temporary file an interrupted attempt left behind', async () => {
        const context = await contextFor({ fileNamePattern: 'card{ext}' });
        const leftover = path.join(target, temporaryNameOf(`${context.job.id}:${context.step.id}`, 'card.pdf'));
        await fs.mkdir(target, { recursive: true });
        await fs.writeFile(leftover, 'half a fi');

        await activity.execute(context);

        assert.deepEqual(await fs.readdir(target), ['card.pdf']);
    });

    it('fails when a job file is missing from the job folder', async () => {
        const context = await contextFor({});
        await fs.rm(path.join(context.jobFolder, context.job.files[0].name));

        const outcome = await activity.execute(context);

        assert.deepEqual(outcome, { kind: 'fail', message: `The job file ${context.job.files[0].name} is not in the job's folder` });
    });

    it('continues with nothing to copy for a job without files', async () => {
        const context = await contextFor({}, { files: [] });

        assert.deepEqual(await activity.execute(context), { kind: 'continue' });
        assert.match(logText(context), /nothing to copy/);
    });
});
