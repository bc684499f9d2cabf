import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { EventSourceRegistry } from '@presswork/platform/lib/common/event-source-registry';
import { PLATFORM_COLLECTIONS } from '@presswork/platform/lib/node/store/platform-collections';
import { FakeWorkOwnership } from '@presswork/platform/lib/node/test/fake-work-ownership';
import { inject } from '@presswork/platform/lib/node/test/inject';
import { FileEventJournal } from '../journal/file-event-journal';
import { EventDerivation } from './event-derivation';
import { JobEventSource } from './job-event-source';
import { NotificationsEventsStartup } from './notifications-events-startup';
import { EventsFixture } from './test/events-fixture';

/** One server's events: its own journal object over the shared folder, its derivation, its startup, its ownership. */
interface Server {
    readonly ownership: FakeWorkOwnership;
    readonly journal: FileEventJournal;
    readonly derivation: EventDerivation;
    readonly startup: NotificationsEventsStartup;
}

describe('Events with several servers: only the leader derives', () => {
    let fixture: EventsFixture;
    let servers: Server[];
    const LEADER = { kind: 'leader' } as const;
    const at = (minute: number): string => new Date(Date.UTC(2026, 11, 1, 10, minute)).toISOString();

    beforeEach(async () => {
        fixture = await EventsFixture.open(undefined, false);
        servers = [serverNamed('a'), serverNamed('b')];
    });

    afterEach(async () => {
        for (const server of servers) {
            server.startup.onStop();
        }
        await fixture.dispose();
    });

    function serverNamed(name: string): Server {
        const ownership = new FakeWorkOwnership(name);
        const journal = new FileEventJournal({ folder: path.join(fixture.temp.path, 'notifications', 'journal'), logger: fixture.logger });
        const sources = inject(new EventSourceRegistry(), { provider: { getContributions: () => [new JobEventSource()] }, logger: fixture.logger });
        const derivation = inject(new EventDerivation(), {
            store: fixture.store, sources, journal, collections: [{ collections: PLATFORM_COLLECTIONS }], logger: fixture.logger
        });
        const startup = inject(new NotificationsEventsStartup(), {
            platform: { whenReady: Promise.resolve() }, store: fixture.store, ownership, journal, derivation,
            scanner: { start: () => undefined, stop: () => undefined }, logger: fixture.logger
        });
        startup.initialize();
        return { ownership, journal, derivation, startup };
    }

    /** The events journaled, as the shared folder holds them (read by a fresh journal object). */
    async function journaled(): Promise<string[]> {
        const reader = new FileEventJournal({ folder: path.join(fixture.temp.path, 'notifications', 'journal'), logger: fixture.logger });
        try {
            return (await reader.read(0, 10_000)).map(event => event.id);
        } finally {
            await reader.close();
        }
    }

    async function lead(server: Server): Promise<void> {
        server.ownership.gain(LEADER);
        await server.journal.ready;
    }

    it('derives nothing on a server that does not lead', async () => {
        await fixture.addOrder('o1', 1);
        await new Promise(resolve => setTimeout(resolve, 50));
        assert.deepEqual(await journaled(), []);
    });

    it('derives each change once across leader changes, including a change committed while no server led', async () => {
        const [a, b] = servers;
        await lead(a);
        await fixture.addOrder('o1', 1);
        await fixture.setJob('o1', 0, { state: 'Queued', updatedAt: at(1) });
        await a.derivation.whenIdle();
        await a.ownership.lose(LEADER);

        // No leader: this change is committed, and nobody derives it yet.
        await fixture.setJob('o1', 0, { state: 'Held', updatedAt: at(2) });
        await lead(b);
        await b.derivation.whenIdle();
        await fixture.setJob('o1', 0, { state: 'Queued', updatedAt: at(3) });
        await b.derivation.whenIdle();
        await b.ownership.lose(LEADER);

        // Back to the first server: its memory of the journal is old; it reads the journal again.
        await lead(a);
        await fixture.setJob('o1', 0, { state: 'Error', updatedAt: at(4) });
        await a.derivation.whenIdle();

        const ids = await journaled();
        assert.deepEqual(ids.filter(id => id.startsWith('job.state-changed')).map(id => id.split(':')[2]), ['Received', 'Queued', 'Held', 'Queued', 'Error']);
        assert.equal(new Set(ids).size, ids.length, 'no event twice');
        assert.equal(ids.filter(id => id.startsWith('job.error')).length, 1);
    });

    it('lets the journal go when it stops leading: a late write is refused, not added', async () => {
        const [a] = servers;
        await lead(a);
        await a.ownership.lose(LEADER);
        await assert.rejects(a.journal.record({ drafts: [], snapshots: [['jobs', 'x', null]] }), /closed/);
    });
});
