import * as assert from 'node:assert/strict';
import * as sinon from 'sinon';
import { FakeWorkOwnership } from '@presswork/platform/lib/node/test/fake-work-ownership';
import { inject } from '@presswork/platform/lib/node/test/inject';
import { recordingLogger } from '@presswork/platform/lib/node/test/recording-logger';
import { PrintersCollection } from '@presswork/platform/lib/node/store/platform-collections';
import type { Printer } from '@presswork/platform/lib/common/printer-schema';
import { eventually } from '@presswork/platform/lib/node/test/eventually';
import { BatchMembership } from './batch/batch-membership';
import { BatchReleaser } from './batch/batch-releaser';
import { PrinterMonitor } from './monitor/printer-monitor';
import { PrinterStatesCollection } from './output-collections';
import { FollowFixture } from './follow/test/follow-fixture';

describe('Shop-wide output work runs on the leader only', () => {

    afterEach(() => sinon.restore());

    for (const [name, make] of [
        ['the batch releaser', () => new BatchReleaser()],
        ['the batch membership reconciler', () => new BatchMembership()],
        ['the printer monitor', () => new PrinterMonitor()]
    ] as const) {
        it(`${name}: starts when this server becomes the leader, stops (and is awaited) when it gives that up, starts again on a new gain`, async () => {
            const ownership = new FakeWorkOwnership();
            const service = inject(make(), { ownership, logger: recordingLogger() }) as BatchReleaser | BatchMembership | PrinterMonitor;
            let stopped = false;
            const start = sinon.stub(service, 'start').resolves();
            const stop = sinon.stub(service, 'stop').callsFake(async () => {
                await new Promise(resolve => setTimeout(resolve, 20));
                stopped = true;
            });

            service.onStart();
            sinon.assert.notCalled(start);

            ownership.gain({ kind: 'leader' });
            sinon.assert.calledOnce(start);
            await ownership.lose({ kind: 'leader' });
            assert.ok(stopped, 'losing waits for the stop');
            sinon.assert.calledOnce(stop);

            ownership.gain({ kind: 'leader' });
            sinon.assert.calledTwice(start);
            service.onStop();
        });
    }

    it('the printer monitor writes printer states only while this server leads', async () => {
        const fixture = await FollowFixture.open();
        try {
            const ownership = new FakeWorkOwnership();
            const monitor = inject(new PrinterMonitor(), {
                store: fixture.store, devices: fixture.devices, printingJobs: fixture.printingJobs(), options: { intervalMs: 50 }, logger: recordingLogger(), ownership
            });
            await fixture.store.create(PrintersCollection, { id: 'printer-off', name: 'Off', description: '', enabled: false, kind: 'ipp', uri: 'ipp://127.0.0.1:9/ipp/print' } as Omit<Printer, 'version'>);
            monitor.onStart();
            await new Promise(resolve => setTimeout(resolve, 100));
            assert.equal(fixture.store.get(PrinterStatesCollection, 'printer-off'), undefined, 'not the leader: nothing watched');

            ownership.gain({ kind: 'leader' });
            await eventually(() => !!fixture.store.get(PrinterStatesCollection, 'printer-off'), 3000, 'the state of the disabled printer');

            await ownership.lose({ kind: 'leader' });
            await fixture.store.delete(PrinterStatesCollection, 'printer-off', fixture.store.get(PrinterStatesCollection, 'printer-off')!.version);
            await new Promise(resolve => setTimeout(resolve, 150));
            assert.equal(fixture.store.get(PrinterStatesCollection, 'printer-off'), undefined, 'no longer the leader: nothing written');
            monitor.onStop();
        } finally {
            await fixture.dispose();
        }
    });
});
