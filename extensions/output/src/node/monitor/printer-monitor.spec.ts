import * as assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import type { OutputDeviceContribution, PrinterDescription } from '@presswork/platform/lib/common/output-device-contribution';
import type { PrinterCapabilities, PrinterStatus } from '@presswork/platform/lib/common/printer-capabilities';
import { PrintersCollection } from '@presswork/platform/lib/node/store/platform-collections';
import { eventually } from '@presswork/platform/lib/node/test/eventually';
import { heldBySignal } from '@presswork/platform/lib/node/test/held-by-signal';
import { OutputCollectionNames } from '../../common/output-collections';
import type { PrinterState } from '../../common/printer-state';
import { FollowFixture, pageFor } from '../follow/test/follow-fixture';
import { PrinterStatesCollection } from '../output-collections';
import { ReferencePrinter } from '../test/reference-printer';

const CAPABILITIES: PrinterCapabilities = {
    makeAndModel: 'Versant 4100', documentFormats: ['application/pdf'], copiesMax: 999, sidesSupported: ['one-sided'], mediaSupported: ['iso_a4_210x297mm'],
    mediaReady: [{ sizeName: 'iso_a4_210x297mm', type: 'stationery', source: 'main' }], mediaTypesSupported: ['stationery'], colorModesSupported: ['color'],
    finishingsSupported: [3], mediaColSupported: true, identifyActionsSupported: [], operationsSupported: []
};
const IDLE: PrinterStatus = { state: 'idle', reasons: [], supplies: [{ name: 'Black Toner', kind: 'toner', color: 'black', percent: 81 }] };

/** A device whose answer the test sets: a description, or an error (unreachable). */
function scriptedDevice(): { device: OutputDeviceContribution; answer: PrinterDescription | Error; asked: number } {
    const script = {
        answer: { capabilities: CAPABILITIES, status: IDLE } as PrinterDescription | Error,
        asked: 0,
        device: undefined as unknown as OutputDeviceContribution
    };
    script.device = {
        kind: 'ipp', followsJobs: true,
        describe: async () => {
            script.asked++;
            if (script.answer instanceof Error) {
                throw script.answer;
            }
            return script.answer;
        },
        submit: async () => ({ detail: 'not used' })
    };
    return script;
}

describe('PrinterMonitor', function (): void {
    this.timeout(20_000);
    let fixture: FollowFixture;
    let script: ReturnType<typeof scriptedDevice>;
    /** Writes of the printer state collection, as the change feed would carry them. */
    let writes: string[];

    beforeEach(async () => {
        script = scriptedDevice();
        fixture = await FollowFixture.open(script.device);
        writes = [];
        fixture.store.onDidChange(change => {
            if (change.collection === OutputCollectionNames.printerStates) {
                writes.push(`${change.kind} ${change.id}`);
            }
        });
        await fixture.addPrinter('printer-a', 'Printer A', 'ipp://127.0.0.1:631/ipp/print');
    });

    afterEach(() => fixture.dispose());

    function state(id = 'printer-a'): PrinterState | undefined {
        return fixture.store.get(PrinterStatesCollection, id);
    }

    it('writes the state once, then nothing while the printer says the same, however often it is asked', async () => {
        await fixture.startMonitor({ intervalMs: 50 });
        await eventually(() => script.asked >= 10, 5000, 'ten polls');
        assert.deepEqual(writes, ['created printer-a']);
        const written = state()!;
        assert.equal(written.state, 'idle');
        assert.equal(written.reachable, true);
        assert.equal(written.reasonsInWords, 'ready');
        assert.equal(written.makeAndModel, 'Versant 4100');
        assert.deepEqual(written.mediaReady, [{ sizeName: 'iso_a4_210x297mm', type: 'stationery', source: 'main' }]);
        assert.deepEqual(written.supplies, [{ name: 'Black Toner', kind: 'toner', color: 'black', percent: 80 }], 'supplies to the nearest 5 %');
    });

    it('writes when what a user sees changes: out of paper in words, and not for a supply that drifts by a percent', async () => {
        await fixture.startMonitor({ intervalMs: 50 });
        await eventually(() => state() !== undefined, 3000, 'the first state');
        const since = state()!.since;
        script.answer = { capabilities: CAPABILITIES, status: { ...IDLE, supplies: [{ ...IDLE.supplies[0], percent: 82 }] } };
        const asked = script.asked;
        await eventually(() => script.asked >= asked + 5, 3000, 'five more polls');
        assert.equal(writes.length, 1, 'a toner at 82 % instead of 81 % shows the same 80 %');

        await delay(5);
        script.answer = { capabilities: CAPABILITIES, status: { ...IDLE, state: 'stopped', reasons: ['media-empty-error', 'toner-low-warning'], message: 'Load tray 1' } };
        await eventually(() => state()?.state === 'stopped', 3000, 'the stopped state');
        const stopped = state()!;
        assert.deepEqual(stopped.reasons, ['media-empty-error', 'toner-low-warning']);
        assert.equal(stopped.reasonsInWords, 'out of paper and toner low');
        assert.equal(stopped.message, 'Load tray 1');
        assert.notEqual(stopped.since, since, 'since moves with the state');
        const count = writes.length;
        await eventually(() => script.asked >= asked + 15, 3000, 'more polls');
        assert.equal(writes.length, count, 'no write while it stays out of paper');
    });

    it('says an unreachable printer cannot be reached, asks it less often, and sees it come back', async () => {
        script.answer = new Error('connect ECONNREFUSED 127.0.0.1:631');
        await fixture.startMonitor({ intervalMs: 50, unreachableIntervalMs: 400 });
        await eventually(() => state() !== undefined, 3000, 'the first state');
        assert.equal(state()!.reachable, false);
        assert.equal(state()!.state, 'unknown');
        assert.equal(state()!.problem, 'Printer A cannot be reached: connect ECONNREFUSED 127.0.0.1:631');
        const asked = script.asked;
        await delay(600);
        assert.ok(script.asked - asked <= 2, `backed off: asked ${script.asked - asked} times in 600 ms`);
        assert.equal(writes.length, 1);

        script.answer = { capabilities: CAPABILITIES, status: IDLE };
        await eventually(() => state()?.reachable === true, 3000, 'reachable again');
        assert.equal(state()!.problem, undefined);
        assert.equal(state()!.state, 'idle');
    });

    it('lists the Presswork jobs at the printer as its queue, and drops a job once it is printed', async () => {
        const printer = fixture.store.get(PrintersCollection, 'printer-a')!;
        await fixture.addJobAtPrinter('o1', printer, 42, 250);
        await fixture.startMonitor();
        await eventually(() => state()?.queue.length === 1, 3000, 'the queue');
        assert.deepEqual(state()!.queue, [{ jobId: 'o1-job-1', orderNumber: 'PW-o1', jobName: fixture.job('o1-job-1').name, deviceJobId: 42 }]);

        await fixture.flow.finishPrinting('o1-job-1', 'print-step', { printerId: 'printer-a', printerName: 'Printer A', copies: 250 });
        await eventually(() => state()?.queue.length === 0, 3000, 'the queue emptied');
    });

    it('marks a disabled printer without asking it, and removes the state of a deleted printer', async () => {
        await fixture.startMonitor({ intervalMs: 50 });
        await eventually(() => state() !== undefined, 3000, 'the first state');
        await fixture.store.modify(PrintersCollection, 'printer-a', printer => ({ ...printer, enabled: false }));
        await eventually(() => state()?.problem?.includes('disabled') === true, 3000, 'marked disabled');
        assert.equal(state()!.problem, 'Printer A is disabled: it takes no new jobs and is not watched');
        const asked = script.asked;
        await delay(300);
        assert.equal(script.asked, asked, 'a disabled printer is not asked');

        const printer = fixture.store.get(PrintersCollection, 'printer-a')!;
        await fixture.store.delete(PrintersCollection, 'printer-a', printer.version);
        await eventually(() => state() === undefined, 3000, 'the state removed with the printer');
        assert.equal(writes.at(-1), 'deleted printer-a');
    });

    it('stops: no timer left running, nothing written after', async () => {
        const monitor = await fixture.startMonitor({ intervalMs: 50 });
        await monitor.stop();
        const asked = script.asked;
        await delay(200);
        assert.equal(script.asked, asked);
    });

    it('asks each time under a signal of its own that its stop aborts, and leaves nothing on its stop signal', async () => {
        const signals: AbortSignal[] = [];
        script.device.describe = async (_printer, signal) => {
            signals.push(signal!);
            return { capabilities: CAPABILITIES, status: IDLE };
        };
        const monitor = await fixture.startMonitor({ intervalMs: 10 });
        await eventually(() => signals.length >= 20, 5000, 'twenty polls');
        assert.equal(new Set(signals).size, signals.length, 'one signal a poll');
        const stopSignal = (monitor as unknown as { abort: AbortController }).abort.signal;
        assert.ok(heldBySignal(stopSignal) <= 1, 'the stop signal holds at most the poll under way');

        let hanging: AbortSignal | undefined;
        script.device.describe = (_printer, signal) => new Promise((_resolve, reject) => {
            hanging = signal!;
            signal!.addEventListener('abort', () => reject(signal!.reason));
        });
        await eventually(() => !!hanging, 5000, 'a poll that does not end by itself');
        await monitor.stop();
        assert.equal(hanging!.aborted, true, 'the stop aborts the poll under way');
    });

    describe('against the reference printer (ippeveprinter)', () => {
        let reference: ReferencePrinter;

        before(async () => {
            reference = await ReferencePrinter.start();
        });

        after(() => reference?.stop());

        it('shows what the real printer reports, and out of paper while a job runs into it', async () => {
            const real = await FollowFixture.open();
            try {
                const printer = await real.addPrinter('printer-r', 'Printer R', reference.uri);
                await real.startMonitor();
                const stateOf = (): PrinterState | undefined => real.store.get(PrinterStatesCollection, 'printer-r');
                await eventually(() => stateOf()?.reachable === true, 5000, 'the reference printer described');
                assert.equal(stateOf()!.state, 'idle');
                assert.equal(stateOf()!.makeAndModel, 'Presswork Reference Printer');
                assert.ok(stateOf()!.mediaReady.some(medium => medium.sizeName === 'iso_a4_210x297mm'));
                assert.deepEqual(stateOf()!.supplies.map(supply => supply.percent), [80, 15]);

                await reference.behave({ raise: { reason: 'media-empty-error', forMs: 1500 } });
                const receipt = await real.device.submit(await pageFor(printer, real.temp.join('page.pdf')));
                assert.ok(receipt.deviceJobId);
                await eventually(() => stateOf()?.reasonsInWords?.includes('out of paper') === true, 5000, 'out of paper on the printer');
                await eventually(() => stateOf()?.reasons.length === 0, 8000, 'paper back');
            } finally {
                await real.dispose();
            }
        });
    });
});
