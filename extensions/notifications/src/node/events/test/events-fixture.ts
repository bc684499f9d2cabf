import * as path from 'node:path';
import type { EventSourceContribution } from '@presswork/platform/lib/common/event-source-contribution';
import { EventSourceRegistry } from '@presswork/platform/lib/common/event-source-registry';
import type { Job } from '@presswork/platform/lib/common/job-schema';
import type { Order } from '@presswork/platform/lib/common/order-schema';
import { changeJob } from '@presswork/platform/lib/node/store/order-jobs';
import { OrdersCollection, PLATFORM_COLLECTIONS } from '@presswork/platform/lib/node/store/platform-collections';
import { sampleOrder } from '@presswork/platform/lib/node/store/test/sample-documents';
import { inject } from '@presswork/platform/lib/node/test/inject';
import { recordingLogger, type RecordingLogger } from '@presswork/platform/lib/node/test/recording-logger';
import { TempStore, openTempStore } from '@presswork/platform/lib/node/test/temp-store';
import { FileEventJournal } from '../../journal/file-event-journal';
import { EventDerivation } from '../event-derivation';
import { JobEventSource } from '../job-event-source';

/**
 * A real store and a real journal in a temporary data folder, with the derivation runtime over
 * the given sources (the job source by default); `restart` is a stop and a start of both.
 */
export class EventsFixture {
    readonly logger: RecordingLogger = recordingLogger();
    journal: FileEventJournal;
    derivation: EventDerivation;

    protected constructor(readonly temp: TempStore, protected readonly sources: readonly EventSourceContribution[]) { }

    /** With `started` false, the store is open and the events are not started yet. */
    static async open(sources: readonly EventSourceContribution[] = [new JobEventSource()], started = true): Promise<EventsFixture> {
        const fixture = new EventsFixture(await openTempStore([], 'presswork-events-'), sources);
        if (started) {
            await fixture.startEvents();
        }
        return fixture;
    }

    get store(): TempStore['store'] {
        return this.temp.store;
    }

    /** The journal opened, the events missed derived, changes followed from now on. */
    async startEvents(): Promise<void> {
        this.journal = new FileEventJournal({ folder: path.join(this.temp.path, 'notifications', 'journal'), logger: this.logger });
        await this.journal.open();
        const registry = inject(new EventSourceRegistry(), { provider: { getContributions: () => [...this.sources] }, logger: this.logger });
        this.derivation = inject(new EventDerivation(), { store: this.store, sources: registry, journal: this.journal, collections: [{ collections: PLATFORM_COLLECTIONS }], logger: this.logger });
        await this.derivation.start();
        this.journal.markReady();
    }

    /** As Presswork stopping: the events stop following the store (which may change on, as if while down). */
    async stopEvents(): Promise<void> {
        await this.derivation.whenIdle();
        this.derivation.stop();
        await this.journal.close();
    }

    async restartEvents(): Promise<void> {
        await this.stopEvents();
        await this.startEvents();
    }

    async events(): Promise<{ id: string, name: string, seq: number, payload: Record<string, unknown> }[]> {
        await this.derivation.whenIdle();
        return [...await this.journal.read(0, 100_000)] as never;
    }

    addOrder(id: string, jobs = 1): Promise<Order> {
        const { version: _version, ...order } = sampleOrder(id, jobs);
        return this.store.create(OrdersCollection, order);
    }

    async setJob(orderId: string, jobIndex: number, change: Partial<Job>): Promise<void> {
        const order = this.store.get(OrdersCollection, orderId)!;
        await changeJob(this.store, orderId, order.jobs[jobIndex].id, job => ({ ...job, ...change }));
    }

    async dispose(): Promise<void> {
        this.derivation?.stop();
        await this.journal?.close().catch(() => undefined);
        await this.temp.dispose();
    }
}
