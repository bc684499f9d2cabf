import * as assert from 'node:assert/strict';
import { ActivityTypes } from '@presswork/platform/lib/common/well-known';
import type { WorkflowPhases } from '@presswork/platform/lib/common/workflow-schema';
import { PrinterPoolsCollection, PrintersCollection } from '@presswork/platform/lib/node/store/platform-collections';
import { printerTargets } from './printer-targets';
import { WorkflowsFixture, approveStep, createJobStep, printStep, removeStep } from './test/workflows-fixture';

describe('WorkflowChecker', () => {

    let fixture: WorkflowsFixture;

    beforeEach(async () => {
        fixture = await WorkflowsFixture.create();
    });

    afterEach(async () => {
        await fixture.dispose();
    });

    function phases(change: Partial<WorkflowPhases> = {}): WorkflowPhases {
        return { Receive: [createJobStep()], Prepare: [], Print: [], Complete: [removeStep()], ...change };
    }

    const errors = (change: Partial<WorkflowPhases> = {}): string[] => fixture.checker.errors({ phases: phases(change) });

    it('finds no errors in a valid workflow', () => {
        assert.deepEqual(errors({ Prepare: [approveStep()] }), []);
    });

    it('reports errors only: warnings do not count', async () => {
        await fixture.addPrinter('old-press', false);
        assert.deepEqual(errors({
            Prepare: [{ ...approveStep(), condition: { property: 'unheardOf', comparison: 'equals', value: 1 } }],
            Print: [printStep({ printerId: 'old-press' })]
        }), []);
    });

    it('names each error in full', () => {
        assert.deepEqual(errors({
            Receive: [approveStep('wait-first')],
            Prepare: [{ id: 'remove-early', activity: ActivityTypes.remove, properties: {} }],
            Print: [{ id: 'mystery', activity: 'not-installed', properties: {} }]
        }), [
            'Receive needs a Create Job step: it starts every job',
            'Prepare › Remove: Remove cannot run in Prepare; it belongs in Complete',
            'Print › not-installed: Unknown activity "not-installed": it is not installed or was deleted'
        ]);
    });

    it('reads printers from the store as they are now', async () => {
        assert.deepEqual(errors({ Print: [printStep({ printerId: 'press' })] }), [
            'Print › Print › Printer: The printer "press" does not exist (any more); choose another'
        ]);
        const printer = await fixture.addPrinter('press');
        assert.deepEqual(errors({ Print: [printStep({ printerId: 'press' })] }), []);
        await fixture.store.delete(PrintersCollection, printer.id, printer.version);
        assert.equal(errors({ Print: [printStep({ printerId: 'press' })] }).length, 1);
    });

    it('takes a pool as a Print step\'s printer, and lists pools after printers, marked as such', async () => {
        await fixture.addPrinter('press-b');
        await fixture.addPrinter('press-a', false);
        await fixture.store.create(PrinterPoolsCollection, { id: 'digital', name: 'Digital presses', printerIds: ['press-a', 'press-b'], handOverAfterMinutes: 5 });
        await fixture.store.create(PrinterPoolsCollection, { id: 'idle', name: 'Idle presses', printerIds: ['press-a'], handOverAfterMinutes: 5 });
        assert.deepEqual(errors({ Print: [printStep({ printerId: 'digital' })] }), []);
        assert.deepEqual(errors({ Print: [printStep({ printerId: 'idle' })] }), [], 'a pool without an enabled printer is a warning only');
        assert.deepEqual(printerTargets(fixture.store).map(({ id, name, enabled, pool }) => [id, name, enabled, pool ?? false]), [
            ['press-a', fixture.store.get(PrintersCollection, 'press-a')!.name, false, false],
            ['press-b', fixture.store.get(PrintersCollection, 'press-b')!.name, true, false],
            ['digital', 'Pool: Digital presses', true, true],
            ['idle', 'Pool: Idle presses', false, true]
        ]);
    });

    it('checks a Print step\'s printer choice', () => {
        assert.deepEqual(errors({ Print: [printStep({})] }), ['Print › Print › Printer: Required']);
        assert.deepEqual(errors({ Print: [printStep({ printerId: '' })] }), ['Print › Print › Printer: Choose a printer']);
    });

    it('checks step properties against the activity\'s schema', () => {
        assert.deepEqual(errors({ Prepare: [{ id: 'copy', activity: ActivityTypes.copyToFolder, properties: { folder: 'relative' } }] }), [
            'Prepare › Copy to Folder › Folder (absolute path): Folder must be an absolute path'
        ]);
    });

    it('knows custom activities from the store, with their defaults under the step\'s properties', async () => {
        const step = (id: string): WorkflowPhases['Prepare'][number] => ({ id: 'archive', activity: `custom:${id}`, properties: {} });
        assert.deepEqual(errors({ Prepare: [step('later')] }), ['Prepare › custom:later: Unknown activity "custom:later": it is not installed or was deleted']);

        const custom = await fixture.customs.create({ label: 'Archive', baseType: ActivityTypes.copyToFolder, defaults: { folder: '/srv/archive' } });
        assert.deepEqual(errors({ Prepare: [step(custom.id)] }), []);
        // The base activity's phases hold for the copy.
        const onlyPrint = await fixture.customs.create({ label: 'Print on the press', baseType: ActivityTypes.print, defaults: { printerId: 'press' } });
        await fixture.addPrinter('press');
        assert.deepEqual(errors({ Prepare: [step(onlyPrint.id)] }), ['Prepare › Print on the press: Print on the press cannot run in Prepare; it belongs in Print']);
        assert.deepEqual(errors({ Print: [step(onlyPrint.id)] }), []);
    });

    it('checks a custom Print\'s default printer like a step\'s own', async () => {
        const custom = await fixture.customs.create({ label: 'Print on the press', baseType: ActivityTypes.print, defaults: { printerId: 'press' } });
        const step = { id: 'print', activity: `custom:${custom.id}`, properties: {} };
        assert.deepEqual(errors({ Print: [step] }), ['Print › Print on the press › Printer: The printer "press" does not exist (any more); choose another']);
        await fixture.addPrinter('other');
        assert.deepEqual(errors({ Print: [{ ...step, properties: { printerId: 'other' } }] }), [], 'the step\'s own printer wins');
    });
});
