import { setTimeout as delay } from 'node:timers/promises';
import * as assert from 'node:assert/strict';
import { EmbeddedWorkOwnership } from '@presswork/platform/lib/node/cluster/embedded-work-ownership';
import { partitionOfOrder } from '@presswork/platform/lib/node/cluster/order-partitions';
import type { WorkOwnership } from '@presswork/platform/lib/node/cluster/work-ownership';
import { FakeWorkOwnership } from '@presswork/platform/lib/node/test/fake-work-ownership';
import * as fs from 'node:fs/promises';
import * as sinon from 'sinon';
import type { Connection, Job } from '@presswork/platform/lib/common';
import type { DocumentStore } from '@presswork/platform/lib/node/store/document-store';
import { ConnectionsCollection, OrdersCollection, ProductionTemplatesCollection } from '@presswork/platform/lib/node/store/platform-collections';
import { jobIdOf, orderDocumentId } from '../intake/intake-ids';
import { WAITING_FOR_PRINT_FILE as WAITING_FOR_FILE } from '@presswork/platform/lib/common/job-flow';
import { OrderIntake } from '../intake/order-intake';
import { RejectedOrders } from '../intake/rejected-orders';
import { FakeConnectionType, connectionTypesOf, errorOfKind, fakeConnectionType, fetched, receivedOrder } from '../test/received-orders';
import { eventually } from '@presswork/platform/lib/node/test/eventually';
import { inject } from '@presswork/platform/lib/node/test/inject';
import { RecordingLogger, recordingLogger } from '@presswork/platform/lib/node/test/recording-logger';
import { TempFolder, openStore } from '@presswork/platform/lib/node/test/temp-store';
import { CONNECTIONS_COLLECTIONS } from '../connection-collections';
import { connectionDocument, template } from '../test/connection-documents';
import { JobFolders } from '@presswork/platform/lib/node/files/job-folders';
import { changeJob } from '@presswork/platform/lib/node/store/order-jobs';
import { IntakeWindows } from '@presswork/platform/lib/node/intake-windows';
import { DEFAULT_PRINT_FILE_OPTIONS, PrintFileFetcher, PrintFileOptions } from './print-file-fetcher';

/**
 * JobFlow as the engine answers the fetcher (workflow's job-controls.spec tests the real one):
 * an arrived file is recorded and a job waiting for it is Received; a failure sends it to Error.
 * Every call is recorded, since the fetcher itself writes no state.
 */
class FetcherJobFlow {
    readonly recorded: [string, string, number][] = [];
    readonly failed: [string, string, string][] = [];

    constructor(protected readonly store: DocumentStore) { }

    async recordPrintFile(jobId: string, fileName: string, bytes: number): Promise<void> {
        this.recorded.push([jobId, fileName, bytes]);
        await this.change(jobId, job => {
            const at = new Date().toISOString();
            const files = job.files.map(file => file.name === fileName ? { ...file, size: bytes } : file);
            const log = [...job.log, { at, level: 'info' as const, message: `Print file ${fileName} received (${bytes} bytes)` }];
            const waited = job.state === 'Waiting' && job.waitReason === WAITING_FOR_FILE;
            return waited ? { ...job, files, log, updatedAt: at, state: 'Received', waitReason: undefined } : { ...job, files, log, updatedAt: at };
        });
    }

    async failJob(jobId: string, by: string, message: string): Promise<void> {
        this.failed.push([jobId, by, message]);
        await this.change(jobId, job => {
            const at = new Date().toISOString();
            return { ...job, state: 'Error', waitReason: message, updatedAt: at, log: [...job.log, { at, level: 'error' as const, message }] };
        });
    }

    protected async change(jobId: string, change: (job: Job) => Job): Promise<void> {
        const [order] = this.store.findBy(OrdersCollection, 'job', jobId);
        await changeJob(this.store, order.id, jobId, change);
    }
}

describe('PrintFileFetcher', () => {

    const FAST: PrintFileOptions = { maxBytes: 1024 * 1024, firstDelayMs: 5, maxDelayMs: 20, giveUpAfterMs: 5_000 };
    const CARDS = jobIdOf('conn-1', 'M-1', 'M-1-1');
    const LETTERS = jobIdOf('conn-1', 'M-1', 'M-1-2');
    const POSTER = jobIdOf('conn-1', 'M-1', 'M-1-3');
    const MUG = jobIdOf('conn-1', 'M-1', 'M-1-4');
    const CARDS_URL = 'https://store.example.com/output/M-1-1/final.pdf?token=abc';

    let temp: TempFolder;
    let store: DocumentStore;
    let fake: FakeConnectionType;
    let logger: RecordingLogger;
    let intake: OrderIntake;
    let connection: Connection;
    let fetchers: PrintFileFetcher[];
    let jobFlow: FetcherJobFlow;

    beforeEach(async () => {
        temp = await TempFolder.create();
        store = await openStore(temp.join('data', 'store'), CONNECTIONS_COLLECTIONS);
        fake = fakeConnectionType();
        fake.downloadFile.callsFake(async (_connection, url) => pdfFor(url));
        logger = recordingLogger();
        fetchers = [];
        jobFlow = new FetcherJobFlow(store);
        intake = inject(new OrderIntake(), { store, rejectedOrders: inject(new RejectedOrders(), { store }) });
        connection = await store.create(ConnectionsCollection, connectionDocument('conn-1'));
        // Cards and letters have templates; the poster has none (held); the mug is stocked (held, no file).
        await store.create(ProductionTemplatesCollection, template('Cards', { productType: 'Versioned' }));
        await store.create(ProductionTemplatesCollection, template('Letters', { productType: 'Variable' }));
    });

    afterEach(async () => {
        for (const fetcher of fetchers) {
            fetcher.onStop();
            await fetcher.idle();
        }
        sinon.restore();
        await store.close();
        await temp.remove();
    });

    function pdfFor(url: string): Uint8Array {
        return new Uint8Array(Buffer.from(`%PDF-1.7 from ${url}`));
    }

    function fetcherWith(options: PrintFileOptions = FAST, ownership: WorkOwnership = new EmbeddedWorkOwnership()): PrintFileFetcher {
        const fetcher = inject(new PrintFileFetcher(), {
            store, platform: { whenReady: Promise.resolve() }, types: connectionTypesOf(fake), folders: new JobFolders(temp.join('data', 'jobs')), options, logger, jobFlow,
            ownership
        });
        fetchers.push(fetcher);
        return fetcher;
    }

    async function takeInOrder(): Promise<void> {
        const result = await intake.takeIn(connection, fetched([receivedOrder('M-1')]));
        assert.equal(result.created, 1);
    }

    function jobOf(jobId: string): Job {
        return store.get(OrdersCollection, orderDocumentId('conn-1', 'M-1'))!.jobs.find(job => job.id === jobId)!;
    }

    function downloadsOf(url: string): number {
        return fake.downloadFile.getCalls().filter(call => call.args[1] === url).length;
    }

    it('downloads each print file into <data>/jobs/<job id>/<job id>.pdf and moves the job from Waiting to Received', async () => {
        await takeInOrder();
        assert.equal(jobOf(CARDS).state, 'Waiting');
        const fetcher = fetcherWith();

        await fetcher.onStart();
        await fetcher.idle();

        const file = temp.join('data', 'jobs', CARDS, `${CARDS}.pdf`);
        assert.deepEqual(await fs.readFile(file), Buffer.from(pdfFor(CARDS_URL)));
        const cards = jobOf(CARDS);
        assert.equal(cards.state, 'Received');
        assert.equal(cards.waitReason, undefined);
        assert.deepEqual(cards.files, [{ name: `${CARDS}.pdf`, sourceUrl: CARDS_URL, size: pdfFor(CARDS_URL).byteLength }]);
        assert.equal(cards.log.length, 2);
        assert.equal(cards.log[1].level, 'info');
        assert.equal(cards.log[1].message, `Print file ${CARDS}.pdf received (${pdfFor(CARDS_URL).byteLength} bytes)`);
        assert.deepEqual(jobFlow.recorded.find(([jobId]) => jobId === CARDS), [CARDS, `${CARDS}.pdf`, pdfFor(CARDS_URL).byteLength],
            'the fetcher tells JobFlow; it writes no state itself');

        const call = fake.downloadFile.getCalls().find(each => each.args[1] === CARDS_URL)!;
        assert.equal(call.args[0].id, 'conn-1');
        assert.equal(call.args[2], FAST.maxBytes, 'the size limit is passed on');
        assert.equal(jobOf(LETTERS).state, 'Received');
        assert.equal(fake.downloadFile.callCount, 3, 'the three printed items, not the stocked one');
    });

    it('waits while a window of orders is written, then fetches', async () => {
        await takeInOrder();
        const intakeWindows = new IntakeWindows();
        const fetcher = inject(fetcherWith(), { intakeWindows });
        const windowWritten = intakeWindows.begin();

        await fetcher.onStart();
        await delay(50);
        assert.equal(fake.downloadFile.callCount, 0, 'no download while the window is written');
        windowWritten();
        await fetcher.idle();

        assert.equal(fake.downloadFile.callCount, 3);
        assert.equal(jobOf(CARDS).state, 'Received');
    });

    it('fetches the file of a job held for want of a template, and keeps it held', async () => {
        await takeInOrder();
        const fetcher = fetcherWith();
        await fetcher.onStart();
        await fetcher.idle();

        const poster = jobOf(POSTER);
        assert.equal(poster.state, 'Held');
        assert.match(poster.waitReason!, /^No production template matches SKU POSTER-A2/);
        assert.ok(poster.files[0].size! > 0);
        assert.equal(jobOf(MUG).state, 'Held');
        assert.deepEqual(jobOf(MUG).files, []);
        await assert.rejects(fs.access(temp.join('data', 'jobs', MUG)), 'no folder for the stocked item');
    });

    it('fetches the files of an order as soon as it is stored', async () => {
        const fetcher = fetcherWith();
        await fetcher.onStart();
        await takeInOrder();
        await eventually(() => jobOf(CARDS).state === 'Received' && jobOf(LETTERS).state === 'Received', 3000, 'the files');
        await fetcher.idle();
        assert.equal(fake.downloadFile.callCount, 3);
    });

    it('fetches the file of a job added to an order already stored (a line found by Refresh)', async () => {
        await takeInOrder();
        const fetcher = fetcherWith();
        await fetcher.onStart();
        await fetcher.idle();
        const added = { ...jobOf(CARDS), id: 'JADDED', lineItemId: 'M-1-9', state: 'Waiting' as const, waitReason: WAITING_FOR_FILE,
            files: [{ name: 'JADDED.pdf', sourceUrl: 'https://store.example.com/output/M-1-9/final.pdf' }] };
        await store.modify(OrdersCollection, orderDocumentId('conn-1', 'M-1'), order => ({ ...order, jobs: [...order.jobs, added] }));
        await eventually(() => jobOf('JADDED').state === 'Received', 3000, 'the added job\'s file');
        await fetcher.idle();
        assert.equal(fake.downloadFile.callCount, 4, 'the three files fetched before are not fetched again');
    });

    it('does not fetch again after a restart what it has fetched already', async () => {
        await takeInOrder();
        const first = fetcherWith();
        await first.onStart();
        await first.idle();
        first.onStop();
        fake.downloadFile.resetHistory();

        const second = fetcherWith();
        await second.onStart();
        await second.idle();

        sinon.assert.notCalled(fake.downloadFile);
    });

    it('retries while the store says the file is not ready, then takes it', async () => {
        const statesWhileRetrying: string[] = [];
        fake.downloadFile.callsFake(async (_connection, url) => {
            if (url === CARDS_URL && downloadsOf(CARDS_URL) <= 3) {
                statesWhileRetrying.push(jobOf(CARDS).state);
                throw errorOfKind('not-ready', 'The file is not ready yet (HTTP 404)');
            }
            return pdfFor(url);
        });
        await takeInOrder();
        const fetcher = fetcherWith();

        await fetcher.onStart();
        await fetcher.idle();

        assert.equal(downloadsOf(CARDS_URL), 4);
        assert.deepEqual(statesWhileRetrying, ['Waiting', 'Waiting', 'Waiting'], 'the job waits while the file is not ready');
        const cards = jobOf(CARDS);
        assert.equal(cards.state, 'Received');
        assert.ok(cards.files[0].size! > 0);
        await fs.access(temp.join('data', 'jobs', CARDS, `${CARDS}.pdf`));
    });

    it('gives up after giveUpAfterMs with the job in Error and the reason', async () => {
        fake.downloadFile.callsFake(async (_connection, url) => {
            if (url === CARDS_URL) {
                throw errorOfKind('not-ready', 'The file is not ready yet (HTTP 404)');
            }
            return pdfFor(url);
        });
        await takeInOrder();
        const fetcher = fetcherWith({ ...FAST, giveUpAfterMs: 80 });
        const started = Date.now();

        await fetcher.onStart();
        await fetcher.idle();

        assert.ok(Date.now() - started < 2_000, 'it gave up in bounded time');
        assert.ok(downloadsOf(CARDS_URL) > 1, 'it tried more than once');
        const cards = jobOf(CARDS);
        assert.equal(cards.state, 'Error');
        assert.match(cards.waitReason!, /^The print file could not be fetched: MarcomCentral did not provide the print file within \d+ (minutes|seconds)$/);
        assert.equal(cards.log.at(-1)!.level, 'error');
        assert.equal(cards.files[0].size, undefined);
        assert.deepEqual(jobFlow.failed.map(([jobId, by]) => [jobId, by]), [[CARDS, '']], 'failed through JobFlow, by nobody');
        await assert.rejects(fs.access(temp.join('data', 'jobs', CARDS, `${CARDS}.pdf`)));
        assert.equal(jobOf(LETTERS).state, 'Received', 'the other jobs are not held up');
    });

    it('tells how many minutes it waited for the file', async () => {
        const clock = sinon.useFakeTimers({ toFake: ['Date'], now: new Date('2026-02-16T08:00:00.000Z') });
        fake.downloadFile.callsFake(async (_connection, url) => {
            if (url === CARDS_URL) {
                clock.tick(25 * 60_000);
                throw errorOfKind('not-ready', 'The file is not ready yet (HTTP 404)');
            }
            return pdfFor(url);
        });
        await takeInOrder();
        const fetcher = fetcherWith({ ...FAST, giveUpAfterMs: 60 * 60_000 });

        await fetcher.onStart();
        await fetcher.idle();

        assert.equal(downloadsOf(CARDS_URL), 3, 'asked at 0, 25 and 50 minutes; 75 is past the hour');
        assert.equal(jobOf(CARDS).state, 'Error');
        assert.equal(jobOf(CARDS).waitReason, 'The print file could not be fetched: MarcomCentral did not provide the print file within 60 minutes');
    });

    it('sends the job to Error at once on any other failure', async () => {
        fake.downloadFile.callsFake(async (_connection, url) => {
            if (url === CARDS_URL) {
                throw errorOfKind('http', 'The file server answered HTTP 403 Forbidden');
            }
            return pdfFor(url);
        });
        await takeInOrder();
        const fetcher = fetcherWith();

        await fetcher.onStart();
        await fetcher.idle();

        assert.equal(downloadsOf(CARDS_URL), 1);
        const cards = jobOf(CARDS);
        assert.equal(cards.state, 'Error');
        assert.equal(cards.waitReason, 'The print file could not be fetched: The file server answered HTTP 403 Forbidden');
        assert.equal(cards.log.at(-1)!.message, 'The print file could not be fetched: The file server answered HTTP 403 Forbidden');
        assert.equal(jobOf(LETTERS).state, 'Received');
    });

    it('does not retry a job in Error after a restart', async () => {
        fake.downloadFile.callsFake(async (_connection, url) => {
            if (url === CARDS_URL) {
                throw new Error('too large');
            }
            return pdfFor(url);
        });
        await takeInOrder();
        const first = fetcherWith();
        await first.onStart();
        await first.idle();
        first.onStop();
        fake.downloadFile.resetHistory();

        const second = fetcherWith();
        await second.onStart();
        await second.idle();
        assert.equal(downloadsOf(CARDS_URL), 0);
        assert.equal(jobOf(CARDS).state, 'Error');
    });

    it('stops retrying when stopped', async () => {
        fake.downloadFile.rejects(errorOfKind('not-ready', 'not yet'));
        await takeInOrder();
        const fetcher = fetcherWith({ ...FAST, firstDelayMs: 60_000, maxDelayMs: 60_000, giveUpAfterMs: 600_000 });
        await fetcher.onStart();
        await eventually(() => fake.downloadFile.callCount === 3, 3000, 'the first attempts');

        fetcher.onStop();
        await fetcher.idle();
        assert.equal(jobOf(CARDS).state, 'Waiting', 'left for the next start to pick up');
        assert.equal(jobOf(CARDS).waitReason, WAITING_FOR_FILE);
    });

    describe('with several servers', () => {

        const ORDER = orderDocumentId('conn-1', 'M-1');
        const PARTITION = { kind: 'orders', partition: partitionOfOrder(ORDER) } as const;

        it('fetches nothing for an order of a partition it does not own, and picks the files up when the partition is gained', async () => {
            const ownership = new FakeWorkOwnership();
            const fetcher = fetcherWith(FAST, ownership);
            await fetcher.onStart();
            await takeInOrder();
            await fetcher.idle();
            await delay(30);
            sinon.assert.notCalled(fake.downloadFile);

            ownership.gain(PARTITION);
            await eventually(() => jobOf(CARDS).state === 'Received', 3000, 'the cards file after the gain');
            await fetcher.idle();
            assert.equal(downloadsOf(CARDS_URL), 1);
        });

        it('fetches a new order of a partition it owns as soon as it is stored', async () => {
            const ownership = new FakeWorkOwnership();
            ownership.gain(PARTITION);
            const fetcher = fetcherWith(FAST, ownership);
            await fetcher.onStart();
            await takeInOrder();
            await eventually(() => jobOf(CARDS).state === 'Received', 3000, 'the cards file');
        });

        it('abandons the fetches of a partition it is losing, never failing the job, and the next owner fetches them', async () => {
            fake.downloadFile.rejects(errorOfKind('not-ready', 'not yet'));
            await takeInOrder();
            const ownership = new FakeWorkOwnership();
            ownership.gain(PARTITION);
            const fetcher = fetcherWith({ ...FAST, firstDelayMs: 60_000, maxDelayMs: 60_000, giveUpAfterMs: 600_000 }, ownership);
            await fetcher.onStart();
            await eventually(() => fake.downloadFile.callCount === 3, 3000, 'the first attempts');

            await ownership.lose(PARTITION);
            assert.equal(jobOf(CARDS).state, 'Waiting', 'left for the next owner');
            assert.equal(jobFlow.failed.length, 0);

            fake.downloadFile.callsFake(async (_connection, url) => pdfFor(url));
            const next = new FakeWorkOwnership('other-server');
            const other = fetcherWith(FAST, next);
            await other.onStart();
            next.gain(PARTITION);
            await eventually(() => jobOf(CARDS).state === 'Received', 3000, 'the cards file on the next owner');
        });

        it('gains a partition back while its abandoned fetches still end, and fetches their files then', async () => {
            let first = true;
            let lingered!: () => void;
            const lingering = new Promise<void>(resolve => lingered = resolve);
            fake.downloadFile.callsFake(async (_connection, url, _maxBytes, signal) => {
                if (first) {
                    first = false;
                    // Abandoned, the download ends a while after the abort (a slow socket).
                    await new Promise(resolve => signal?.addEventListener('abort', resolve));
                    await lingering;
                    throw new Error('aborted');
                }
                return pdfFor(url);
            });
            await takeInOrder();
            // It stops owning the partition before the hand-over, as a server that could not renew its lease in time.
            const ownership = new FakeWorkOwnership();
            ownership.gain(PARTITION);
            const fetcher = fetcherWith(FAST, ownership);
            await fetcher.onStart();
            await eventually(() => !first, 3000, 'the first download');

            const losing = ownership.lose(PARTITION);
            ownership.gain(PARTITION);
            await delay(30);
            lingered();
            await losing;
            const withFiles = (): Job[] => store.get(OrdersCollection, ORDER)!.jobs.filter(job => job.files.length > 0);
            await eventually(() => withFiles().every(job => job.files[0].size !== undefined), 3000, 'every print file after the partition came back');
            assert.ok(withFiles().length >= 2);
            assert.equal(jobFlow.failed.length, 0);
        });
    });

    describe('bounded concurrency per connection', () => {

        /** Downloads held until released, counted per connection while under way. */
        class HeldDownloads {
            readonly running = new Map<string, number>();
            readonly most = new Map<string, number>();
            readonly started: string[] = [];
            protected readonly releases: (() => void)[] = [];
            holding = true;

            constructor() {
                fake.downloadFile.callsFake(async (owner, url, _maxBytes, signal) => {
                    const id = owner.id;
                    this.started.push(`${id} ${url}`);
                    this.running.set(id, (this.running.get(id) ?? 0) + 1);
                    this.most.set(id, Math.max(this.most.get(id) ?? 0, this.running.get(id)!));
                    try {
                        if (this.holding && !this.only.has(id)) {
                            // As the real client, a download ends when the fetcher stops.
                            await new Promise<void>(resolve => {
                                this.releases.push(resolve);
                                signal?.addEventListener('abort', () => resolve());
                            });
                        }
                        return pdfFor(url);
                    } finally {
                        this.running.set(id, this.running.get(id)! - 1);
                    }
                });
            }

            /** Connections whose downloads are never held. */
            readonly only = new Set<string>();

            releaseAll(): void {
                this.holding = false;
                this.releases.splice(0).forEach(release => release());
            }
        }

        async function takeInOrders(owner: Connection, count: number): Promise<void> {
            const result = await intake.takeIn(owner, fetched(Array.from({ length: count }, (_, index) => receivedOrder(`M-${index + 1}`))));
            assert.equal(result.created, count);
        }

        function receivedJobs(connectionId: string): number {
            return [...store.all(OrdersCollection)].filter(order => order.connectionId === connectionId)
                .flatMap(order => order.jobs).filter(job => job.files[0]?.size !== undefined).length;
        }

        it('fetches at most concurrencyPerConnection files of one connection at once, and all of them in the end', async () => {
            const held = new HeldDownloads();
            await takeInOrders(connection, 4);
            const fetcher = fetcherWith({ ...FAST, concurrencyPerConnection: 3 });

            await fetcher.onStart();
            await eventually(() => held.running.get('conn-1') === 3, 3000, 'three downloads under way');
            // Give the others every chance to start, were they allowed to.
            await new Promise(resolve => setTimeout(resolve, 100));
            assert.equal(held.started.length, 3, 'the nine other files wait their turn');
            held.releaseAll();
            await fetcher.idle();

            assert.equal(held.most.get('conn-1'), 3);
            assert.equal(fake.downloadFile.callCount, 12, 'four orders of three printable files');
            assert.equal(receivedJobs('conn-1'), 12, 'every file arrived and was recorded');
        });

        it('lets one connection fetch while another has all its slots taken', async () => {
            const held = new HeldDownloads();
            held.only.add('conn-2');
            const second = await store.create(ConnectionsCollection, connectionDocument('conn-2'));
            await takeInOrders(connection, 3);
            await takeInOrders(second, 3);
            const fetcher = fetcherWith({ ...FAST, concurrencyPerConnection: 2 });

            await fetcher.onStart();
            await eventually(() => receivedJobs('conn-2') === 9, 3000, 'all of the second connection\'s files');

            assert.equal(held.running.get('conn-1'), 2, 'the first connection still has two downloads hanging');
            assert.equal(receivedJobs('conn-1'), 0);
            assert.equal(held.most.get('conn-1'), 2);
            assert.ok(held.most.get('conn-2')! <= 2, 'the second connection is bounded too');
            held.releaseAll();
            await fetcher.idle();
            assert.equal(receivedJobs('conn-1'), 9);
        });

        it('retries a file that is not ready without holding a slot while it waits', async () => {
            let cardsAttempts = 0;
            fake.downloadFile.callsFake(async (_connection, url) => {
                if (url === CARDS_URL && ++cardsAttempts <= 2) {
                    throw errorOfKind('not-ready', 'The file is not ready yet (HTTP 404)');
                }
                return pdfFor(url);
            });
            await takeInOrder();
            // One slot, and a back-off long enough that the others could only pass through a free slot.
            const fetcher = fetcherWith({ ...FAST, concurrencyPerConnection: 1, firstDelayMs: 150, maxDelayMs: 150 });

            await fetcher.onStart();
            await eventually(() => jobOf(LETTERS).state === 'Received' && jobOf(POSTER).files[0].size !== undefined, 3000, 'the other files');
            assert.equal(jobOf(CARDS).state, 'Waiting', 'the cards file is still being retried');
            await fetcher.idle();

            assert.equal(cardsAttempts, 3, 'two "not ready" answers, then the file');
            assert.equal(jobOf(CARDS).state, 'Received');
        });

        it('asks for the next files while the last ones are written, and holds downloads back while every write slot is taken', async () => {
            const writes: (() => void)[] = [];
            await takeInOrders(connection, 2);
            const fetcher = fetcherWith({ ...FAST, concurrencyPerConnection: 2 });
            const folders = fetcher['folders'];
            const write = folders.write.bind(folders);
            sinon.stub(folders, 'write').callsFake(async (...args: Parameters<typeof write>) => {
                await new Promise<void>(resolve => writes.push(resolve));
                return write(...args);
            });

            await fetcher.onStart();
            // Two files being written, two more downloaded and waiting for a write slot, their download slots still held.
            await eventually(() => writes.length === 2 && fake.downloadFile.callCount === 4, 3000, 'two writes and two more downloads');
            await new Promise(resolve => setTimeout(resolve, 100));
            assert.equal(fake.downloadFile.callCount, 4, 'no download while its file would have to wait in memory');
            assert.equal(receivedJobs('conn-1'), 0);
            writes.splice(0).forEach(release => release());
            await eventually(() => writes.length === 2 && fake.downloadFile.callCount === 6, 3000, 'the next two written, two more downloaded');
            while (receivedJobs('conn-1') < 6) {
                writes.splice(0).forEach(release => release());
                await new Promise(resolve => setTimeout(resolve, 5));
            }
            await fetcher.idle();
            assert.equal(fake.downloadFile.callCount, 6, 'each file downloaded once');
        });

        it('fetches eight at once for a connection by default', async () => {
            assert.equal(DEFAULT_PRINT_FILE_OPTIONS.concurrencyPerConnection, 8);
            const held = new HeldDownloads();
            await takeInOrders(connection, 4);
            const fetcher = fetcherWith({ maxBytes: FAST.maxBytes, firstDelayMs: 5, maxDelayMs: 20, giveUpAfterMs: 5_000 });

            await fetcher.onStart();
            await eventually(() => held.running.get('conn-1') === 8, 3000, 'eight downloads under way');
            await new Promise(resolve => setTimeout(resolve, 100));
            assert.equal(held.started.length, 8);
            held.releaseAll();
            await fetcher.idle();
            assert.equal(receivedJobs('conn-1'), 12);
        });
    });
});
