import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs/promises';
import type * as http from 'node:http';
import express from '@theia/core/shared/express';
import * as fc from 'fast-check';
import type { Job } from '@presswork/platform/lib/common/job-schema';
import { DOCUMENT_ID_PATTERN } from '@presswork/platform/lib/common/identifiers';
import type { User } from '@presswork/platform/lib/common/user-schema';
import { JobFolders } from '@presswork/platform/lib/node/files/job-folders';
import { OrdersCollection } from '@presswork/platform/lib/node/store';
import { inject } from '@presswork/platform/lib/node/test/inject';
import { closeLoopback, listenOnLoopback } from '@presswork/platform/lib/node/test/loopback-app';
import { recordingLogger } from '@presswork/platform/lib/node/test/recording-logger';
import { TempFolder } from '@presswork/platform/lib/node/test/temp-store';
import { printFileUrl } from '../../common/print-file';
import { JobsStoreFixture, createJobsStoreFixture } from '../test/jobs-store-fixture';
import { PrintFileRequestSchema } from './print-file-request';
import { PrintFileRoute } from './print-file-route';
import { samplePdf } from './test/sample-pdf';

const user = (authority: User['authority']): User => ({ id: 'u1', version: 1, name: 'olivia', authority, passwordHash: 'x', mustChangePassword: false, createdAt: '2026-01-01T00:00:00.000Z' });

/*
 * The print file route (issue 15, item 2) over a real store, real job folders and a real HTTP
 * server on loopback: who may open a print file, that it streams the file's exact bytes as a PDF,
 * and that nothing a request or a job record says can make it read outside the job's folder.
 */
describe('print file route', function (): void {
    this.timeout(60_000);
    let fixture: JobsStoreFixture;
    let data: TempFolder;
    let outside: TempFolder;
    let folders: JobFolders;
    let server: http.Server;
    let base: string;
    let signedIn: User | undefined;
    let pdf: Uint8Array;

    before(async () => pdf = await samplePdf({ pages: 2 }));

    beforeEach(async () => {
        fixture = await createJobsStoreFixture();
        data = await TempFolder.create('presswork-print-files-');
        outside = await TempFolder.create('presswork-outside-');
        folders = JobFolders.in(data.path);
        signedIn = user('Operator');
        const route = inject(new PrintFileRoute(), { users: { userOf: () => signedIn }, store: fixture.store, folders, logger: recordingLogger() });
        const app = express();
        route.configure(app);
        ({ server, base } = await listenOnLoopback(app));
        await fixture.addOrder('o1', 3);
        await folders.write('o1-job-1', 'o1-job-1.pdf', pdf);
    });

    afterEach(async () => {
        await closeLoopback(server);
        await fixture.dispose();
        await data.remove();
        await outside.remove();
    });

    const get = (jobId: string, init?: RequestInit): Promise<Response> => fetch(`${base}${printFileUrl(jobId)}`, init);
    const errorOf = async (response: Response): Promise<string> => ((await response.json()) as { error: string }).error;

    async function changeFile(jobId: string, change: (file: Job['files'][number]) => Job['files'][number]): Promise<void> {
        await fixture.store.modify(OrdersCollection, 'o1', order => ({
            ...order, jobs: order.jobs.map(job => job.id === jobId ? { ...job, files: [change(job.files[0])] } : job)
        }));
    }

    it('streams the job\'s print file as an inline PDF, byte for byte', async () => {
        const response = await get('o1-job-1');
        assert.equal(response.status, 200);
        assert.equal(response.headers.get('content-type'), 'application/pdf');
        assert.equal(response.headers.get('content-disposition'), 'inline; filename="o1-job-1.pdf"');
        assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
        assert.equal(response.headers.get('cache-control'), 'no-store');
        assert.deepEqual(new Uint8Array(await response.arrayBuffer()), pdf);
        const head = await get('o1-job-1', { method: 'HEAD' });
        assert.equal(head.status, 200);
        assert.equal(head.headers.get('content-length'), String(pdf.byteLength));
    });

    it('streams a large file whole (same digest, Content-Length from the file on disk)', async () => {
        const large = randomBytes(8 * 1024 * 1024);
        await folders.write('o1-job-2', 'o1-job-2.pdf', large);
        const response = await get('o1-job-2');
        assert.equal(response.status, 200);
        assert.equal(response.headers.get('content-length'), String(large.byteLength));
        const digest = createHash('sha256');
        for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
            digest.update(chunk);
        }
        assert.equal(digest.digest('hex'), createHash('sha256').update(large).digest('hex'));
    });

    it('refuses without a session (401) and to a Monitor (403), whose authority does not inspect jobs', async () => {
        signedIn = undefined;
        assert.equal((await get('o1-job-1')).status, 401);
        signedIn = user('Monitor');
        const refused = await get('o1-job-1');
        assert.equal(refused.status, 403);
        assert.equal(await errorOf(refused), 'Your authority does not allow opening print files');
        signedIn = user('Administrator');
        assert.equal((await get('o1-job-1')).status, 200);
    });

    it('answers 404 in words for an unknown job, a file not arrived yet and a file missing from the folder', async () => {
        assert.equal(await errorOf(await get('no-such-job')), 'No such job');
        await changeFile('o1-job-2', file => ({ ...file, size: undefined }));
        const notYet = await get('o1-job-2');
        assert.equal(notYet.status, 404);
        assert.equal(await errorOf(notYet), 'The print file of this job has not arrived yet');
        assert.equal(await errorOf(await get('o1-job-3')), 'The print file is missing from the job folder');
    });

    it('never reads outside the job folder: links out, a linked job folder, a pipe, a folder, a record naming another path', async () => {
        const secret = outside.join('secret.pdf');
        await fs.writeFile(secret, 'secret');
        await fs.mkdir(folders.folderOf('o1-job-2'), { recursive: true });
        await fs.symlink(secret, folders.fileOf('o1-job-2', 'o1-job-2.pdf'));
        assert.equal(await errorOf(await get('o1-job-2')), 'The print file lies outside the job folder');

        await fs.symlink(outside.path, folders.folderOf('o1-job-3'));
        await fs.writeFile(outside.join('o1-job-3.pdf'), 'secret');
        assert.equal(await errorOf(await get('o1-job-3')), 'The print file lies outside the job folder');

        await fs.rm(folders.folderOf('o1-job-3'));
        await fs.mkdir(folders.folderOf('o1-job-3'));
        execFileSync('mkfifo', [folders.fileOf('o1-job-3', 'o1-job-3.pdf')]);
        assert.equal(await errorOf(await get('o1-job-3')), 'The print file is not a regular file', 'answered at once, without waiting on the pipe');

        await fs.rm(folders.fileOf('o1-job-3', 'o1-job-3.pdf'));
        await fs.mkdir(folders.fileOf('o1-job-3', 'o1-job-3.pdf'));
        assert.equal(await errorOf(await get('o1-job-3')), 'The print file is not a regular file');

        for (const name of ['.hidden.pdf', 'a b.pdf', 'x..pdf']) {
            await changeFile('o1-job-1', file => ({ ...file, name }));
            assert.equal(await errorOf(await get('o1-job-1')), 'The print file of this job has a name Presswork does not open', name);
        }
    });

    it('finds no job for a request path that is not a plain <job id>.pdf', async () => {
        for (const path of ['..%2F..%2Fetc%2Fpasswd', '%2e%2e.pdf', 'o1-job-1', 'o1-job-1.PDF', 'o1-job-1.pdf%00.txt', '..%5Co1-job-1.pdf', '.o1-job-1.pdf']) {
            const response = await fetch(`${base}/jobs/print-files/${path}`);
            assert.equal(response.status, 404, path);
        }
    });

    it('builds a job id only from a request that names a plain job id', () => {
        const hostile = fc.oneof(
            fc.string({ unit: 'binary', maxLength: 80 }),
            fc.constantFrom('../o1-job-1.pdf', '..pdf', '.pdf', '/etc/passwd.pdf', 'o1-job-1.pdf/..', 'o1\\..\\x.pdf', '\u202Eo1.pdf', 'o1\u200B.pdf', `${'x'.repeat(200)}.pdf`),
            fc.array(fc.constantFrom('..', '/', '\\', '.', 'pdf', 'o1-job-1', '%00', '\u0000'), { maxLength: 8 }).map(parts => parts.join(''))
        );
        fc.assert(fc.property(hostile, file => {
            const parsed = PrintFileRequestSchema.safeParse({ file });
            if (parsed.success) {
                assert.match(parsed.data.jobId, DOCUMENT_ID_PATTERN);
                assert.equal(file, `${parsed.data.jobId}.pdf`);
            }
        }), { numRuns: 2_000 });
        assert.deepEqual(PrintFileRequestSchema.parse({ file: 'o1-job-1.pdf' }), { jobId: 'o1-job-1' });
    });
});
