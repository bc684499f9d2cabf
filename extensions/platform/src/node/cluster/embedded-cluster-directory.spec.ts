import * as assert from 'node:assert/strict';
import { hostname } from 'node:os';
import { ConnectionsCollection } from '../store/platform-collections';
import { inject } from '../test/inject';
import { TempStore, openTempStore } from '../test/temp-store';
import { EmbeddedClusterDirectory } from './embedded-cluster-directory';
import { EmbeddedWorkOwnership } from './embedded-work-ownership';
import { ServersServiceImpl } from './servers-service-impl';

const CONNECTION = { description: '', type: 'MarcomCentral', endpointUrl: 'https://store.example.com/api', timeZone: 'America/Los_Angeles', pollingIntervalSeconds: 300, firstLookBackHours: 24, enabled: false, demo: false } as const;

describe('EmbeddedClusterDirectory and the Servers view service over it', () => {

    let temp: TempStore;
    let ownership: EmbeddedWorkOwnership;
    let directory: EmbeddedClusterDirectory;
    let service: ServersServiceImpl;

    beforeEach(async () => {
        temp = await openTempStore([], 'presswork-servers-');
        ownership = new EmbeddedWorkOwnership();
        directory = inject(new EmbeddedClusterDirectory(), { ownership, store: temp.store, applicationPackage: { pck: { version: '9.8.7' } } as never });
        service = inject(new ServersServiceImpl(), { directory, ownership, store: temp.store });
    });

    afterEach(() => temp.dispose());

    it('lists this server alone, live, running this version, holding the leader and every order partition', async () => {
        const before = Date.now();
        const [server, ...others] = await directory.listServers();
        assert.deepEqual(others, []);
        assert.equal(server.id, ownership.serverId);
        assert.equal(server.host, hostname());
        assert.equal(server.pid, process.pid);
        assert.equal(server.version, '9.8.7');
        assert.equal(server.live, true);
        assert.ok(Date.parse(server.startedAt) <= before, 'started before now');
        assert.ok(Date.parse(server.lastHeartbeatAt) >= before, 'answers now');
        assert.equal(server.leases.leader, true);
        assert.deepEqual(server.leases.orderPartitions, Array.from({ length: 32 }, (_, partition) => partition));
    });

    it('shows the embedded store, this server as itself, all orders as one run and every connection by name', async () => {
        await temp.store.create(ConnectionsCollection, { id: 'c-2', name: 'Zeta Store', ...CONNECTION });
        await temp.store.create(ConnectionsCollection, { id: 'c-1', name: 'Acme Store', ...CONNECTION });

        const overview = await service.list();

        assert.equal(overview.store, temp.store.kind, 'the store this server runs on');
        assert.equal(overview.serverId, ownership.serverId);
        assert.equal(overview.orderPartitions, 32);
        assert.equal(overview.servers.length, 1);
        const [row] = overview.servers;
        assert.equal(row.self, true);
        assert.deepEqual(row.leases, { leader: true, orderPartitions: [{ first: 0, last: 31 }], connections: ['Acme Store', 'Zeta Store'] });
    });
});
