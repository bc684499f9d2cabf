import * as assert from 'node:assert/strict';
import type { OutputDeviceContribution, OutputReceipt, PrinterDescription } from '@presswork/platform/lib/common/output-device-contribution';
import type { DeviceJobStatus } from '@presswork/platform/lib/common/printer-capabilities';
import type { Printer } from '@presswork/platform/lib/common/printer-schema';
import { partitionOfOrder } from '@presswork/platform/lib/node/cluster/order-partitions';
import { FakeWorkOwnership } from '@presswork/platform/lib/node/test/fake-work-ownership';
import { FollowFixture } from './test/follow-fixture';

/** A printer that has every job under way: the follower keeps following. */
class BusyDevice implements OutputDeviceContribution {
    readonly kind = 'ipp' as const;
    readonly followsJobs = true;
    readonly asked: number[] = [];

    async describe(): Promise<PrinterDescription | undefined> {
        return undefined;
    }

    async submit(): Promise<OutputReceipt> {
        throw new Error('not used by the follower');
    }

    async job(_printer: Printer, deviceJobId: number): Promise<DeviceJobStatus | undefined> {
        this.asked.push(deviceJobId);
        return { id: deviceJobId, state: 'processing', reasons: [] };
    }
}

describe('PrintFollower with several servers', () => {
    let fixture: FollowFixture;
    let device: BusyDevice;
    let printer: Printer;
    let ownership: FakeWorkOwnership;

    const O1 = { kind: 'orders', partition: partitionOfOrder('o1') } as const;
    const O2 = { kind: 'orders', partition: partitionOfOrder('o2') } as const;

    beforeEach(async () => {
        assert.notEqual(O1.partition, O2.partition, 'the two orders are in different partitions');
        device = new BusyDevice();
        fixture = await FollowFixture.open(device);
        printer = await fixture.addPrinter('printer-a', 'Printer A', 'ipp://127.0.0.1:9/ipp/print');
        ownership = new FakeWorkOwnership();
    });

    afterEach(() => fixture.dispose());

    it('follows only the jobs of the orders this server owns, and takes a partition\'s jobs up when it is gained', async () => {
        const first = await fixture.addJobAtPrinter('o1', printer, 11);
        const second = await fixture.addJobAtPrinter('o2', printer, 12);
        ownership.gain(O1);
        const follower = await fixture.startFollower({ intervalMs: 60_000 }, undefined, undefined, ownership);
        assert.deepEqual(follower.followedJobs(), [first]);
        assert.deepEqual(device.asked, [11], 'the printer is asked only about the owned order\'s job');

        ownership.gain(O2);
        assert.deepEqual(follower.followedJobs().sort(), [first, second].sort());
    });

    it('does not follow a job of another server\'s order that reaches its printer', async () => {
        ownership.gain(O1);
        const follower = await fixture.startFollower({ intervalMs: 60_000 }, undefined, undefined, ownership);
        const mine = await fixture.addJobAtPrinter('o1', printer, 21);
        await fixture.addJobAtPrinter('o2', printer, 22);
        assert.deepEqual(follower.followedJobs(), [mine]);
    });

    it('drops the jobs of a partition it is losing, and reports nothing more of them', async () => {
        await fixture.addJobAtPrinter('o1', printer, 31);
        const kept = await fixture.addJobAtPrinter('o2', printer, 32);
        ownership.gain(O1);
        ownership.gain(O2);
        const follower = await fixture.startFollower({ intervalMs: 60_000 }, undefined, undefined, ownership);
        await ownership.lose(O1);
        assert.deepEqual(follower.followedJobs(), [kept]);

        device.asked.length = 0;
        await follower.tick();
        assert.deepEqual(device.asked, [32]);
    });
});
