import * as assert from 'node:assert/strict';
import { PressworkError } from '@presswork/platform/lib/common/errors';
import { ActivityTypes } from '@presswork/platform/lib/common/well-known';
import type { Workflow } from '@presswork/platform/lib/common/workflow-schema';
import { PrintersCollection, WorkflowsCollection } from '@presswork/platform/lib/node/store/platform-collections';
import { WorkflowVersionsCollection, workflowVersionId } from '../workflow-collections';
import { WorkflowsFixture, approveStep, content, createJobStep, printStep, refusal, removeStep } from './test/workflows-fixture';

describe('WorkflowRepository', () => {

    let fixture: WorkflowsFixture;

    beforeEach(async () => {
        fixture = await WorkflowsFixture.create();
    });

    afterEach(async () => {
        await fixture.dispose();
    });

    const repository = (): WorkflowsFixture['repository'] => fixture.repository;

    function versionsOf(id: string): number[] {
        return repository().versions(id).map(version => version.version);
    }

    describe('create', () => {

        it('stores the workflow at version 1 and records that version, with who saved it', async () => {
            const workflow = await repository().create(content('Flyers', {}, { jobDefaults: { paper: 'Gloss' } }), 'alice');

            assert.equal(workflow.version, 1);
            assert.equal(workflow.name, 'Flyers');
            assert.equal(workflow.updatedBy, 'alice');
            assert.deepEqual(workflow.jobDefaults, { paper: 'Gloss' });
            assert.deepEqual(fixture.stored(workflow.id), workflow);
            const recorded = fixture.store.get(WorkflowVersionsCollection, workflowVersionId(workflow.id, 1));
            assert.ok(recorded, 'version 1 is on record');
            assert.equal(recorded.workflowId, workflow.id);
            assert.equal(recorded.workflowVersion, 1);
            assert.equal(recorded.savedBy, 'alice');
            assert.equal(recorded.savedAt, workflow.updatedAt);
            assert.deepEqual(recorded.workflow, workflow);
            assert.deepEqual(repository().versions(workflow.id), [{ version: 1, savedAt: workflow.updatedAt, savedBy: 'alice' }]);
        });

        it('starts disabled, whatever the content says', async () => {
            const sneaky = { ...content('Flyers'), enabled: true } as Parameters<WorkflowsFixture['repository']['create']>[0];
            const workflow = await repository().create(sneaky, 'alice');
            assert.equal(workflow.enabled, false);
            assert.equal(repository().summaries()[0].enabled, false);
        });

        it('takes a free name: a taken one gets a number', async () => {
            const first = await repository().create(content('Flyers'), 'alice');
            const second = await repository().create(content('Flyers'), 'alice');
            const third = await repository().create(content('  Flyers  '), 'bob');
            assert.deepEqual([first.name, second.name, third.name], ['Flyers', 'Flyers (2)', 'Flyers (3)']);
            assert.deepEqual(repository().summaries().map(summary => summary.name), ['Flyers', 'Flyers (2)', 'Flyers (3)']);
        });

        it('refuses a workflow with errors, storing nothing', async () => {
            const error = await refusal(() => repository().create(content('Broken', { Receive: [approveStep()] }), 'alice'));
            assert.ok(PressworkError.InvalidInput.is(error), error.message);
            assert.match(error.message, /Receive needs a Create Job step/);
            assert.equal(fixture.workflowCount(), 0);
            assert.equal(fixture.versionCount(), 0);
        });

        it('summarises workflows by name, counting their steps', async () => {
            await repository().create(content('Zebra'), 'alice');
            await repository().create(content('Apple', { Prepare: [approveStep('a1'), approveStep('a2')] }), 'bob');
            assert.deepEqual(repository().summaries().map(({ name, steps, enabled, version, updatedBy }) => ({ name, steps, enabled, version, updatedBy })), [
                { name: 'Apple', steps: 4, enabled: false, version: 1, updatedBy: 'bob' },
                { name: 'Zebra', steps: 2, enabled: false, version: 1, updatedBy: 'alice' }
            ]);
        });
    });

    describe('get', () => {

        it('says when a workflow no longer exists', async () => {
            const error = await refusal(() => repository().get('gone'));
            assert.ok(PressworkError.NotFound.is(error));
            assert.match(error.message, /no longer exists/);
        });
    });

    describe('save', () => {

        it('saves on the current version: the version goes up and is recorded with who saved it', async () => {
            const created = await repository().create(content('Flyers'), 'alice');
            const saved = await repository().save(created.id, 1, content('Flyers', { Prepare: [approveStep()] }, { description: 'With a proof' }), 'bob');

            assert.equal(saved.version, 2);
            assert.equal(saved.updatedBy, 'bob');
            assert.equal(saved.description, 'With a proof');
            assert.deepEqual(saved.phases.Prepare.map(step => step.id), ['approve']);
            assert.equal(saved.enabled, false, 'saving does not change whether it is enabled');
            assert.deepEqual(fixture.stored(created.id), saved);
            const recorded = fixture.store.get(WorkflowVersionsCollection, workflowVersionId(created.id, 2));
            assert.equal(recorded?.savedBy, 'bob');
            assert.deepEqual(recorded?.workflow, saved);
            assert.deepEqual(versionsOf(created.id), [2, 1]);
        });

        it('keeps an enabled workflow enabled', async () => {
            const created = await repository().create(content('Flyers'), 'alice');
            const enabled = await repository().setEnabled(created.id, true, 'alice');
            const saved = await repository().save(created.id, enabled.version, content('Flyers renamed'), 'bob');
            assert.equal(saved.enabled, true);
            assert.equal(saved.name, 'Flyers renamed');
        });

        it('refuses a save based on a stale version, naming who changed it and when, and writes nothing', async () => {
            const created = await repository().create(content('Flyers'), 'alice');
            const bobs = await repository().save(created.id, 1, content('Flyers', { Prepare: [approveStep()] }), 'bob');
            const versionsBefore = fixture.versionCount();

            const error = await refusal(() => repository().save(created.id, 1, content('Flyers by Carol'), 'carol'));

            assert.ok(PressworkError.Conflict.is(error), error.message);
            assert.ok(error.message.includes(`Flyers was changed by bob at ${bobs.updatedAt}`), error.message);
            assert.deepEqual(error.data, { currentVersion: 2 });
            assert.deepEqual(fixture.stored(created.id), bobs);
            assert.equal(fixture.versionCount(), versionsBefore);
            assert.deepEqual(versionsOf(created.id), [2, 1]);
        });

        it('names "someone else" when the changer is not known (a seeded workflow)', async () => {
            const seeded = await fixture.seedWorkflow('seeded');
            await fixture.store.update(WorkflowsCollection, { ...seeded, description: 'Changed by hand' });
            const error = await refusal(() => repository().save('seeded', 1, content('Mine'), 'carol'));
            assert.ok(PressworkError.Conflict.is(error));
            assert.ok(error.message.includes(`was changed by someone else at ${seeded.updatedAt}`), error.message);
        });

        it('refuses a workflow whose Receive has no Create Job, naming the problem, and writes nothing', async () => {
            const created = await repository().create(content('Flyers'), 'alice');
            const error = await refusal(() => repository().save(created.id, 1, content('Flyers', { Receive: [approveStep()] }), 'bob'));
            assert.ok(PressworkError.InvalidInput.is(error), error.message);
            assert.match(error.message, /^The workflow cannot be saved: /);
            assert.match(error.message, /Receive needs a Create Job step/);
            assert.deepEqual(fixture.stored(created.id), created);
            assert.deepEqual(versionsOf(created.id), [1]);
        });

        it('refuses an activity in a phase it may not run in', async () => {
            const created = await repository().create(content('Flyers'), 'alice');
            await fixture.addPrinter('press');
            const error = await refusal(() => repository().save(created.id, 1, content('Flyers', { Prepare: [printStep({ printerId: 'press' })] }), 'bob'));
            assert.ok(PressworkError.InvalidInput.is(error));
            assert.match(error.message, /Prepare › Print: Print cannot run in Prepare; it belongs in Print/);
            assert.equal(fixture.stored(created.id)?.version, 1);
        });

        it('refuses a Print step without a printer, or with one that does not exist', async () => {
            const created = await repository().create(content('Flyers'), 'alice');
            for (const [properties, expected] of [
                [{}, 'Print › Print › Printer: Required'],
                [{ printerId: '  ' }, 'Print › Print › Printer: Choose a printer'],
                [{ printerId: 'nowhere' }, 'Print › Print › Printer: The printer "nowhere" does not exist (any more); choose another']
            ] as const) {
                const error = await refusal(() => repository().save(created.id, 1, content('Flyers', { Print: [printStep(properties)] }), 'bob'));
                assert.ok(PressworkError.InvalidInput.is(error), error.message);
                assert.ok(error.message.includes(expected), `${error.message} should say ${expected}`);
            }
            assert.equal(fixture.stored(created.id)?.version, 1);
            assert.equal(fixture.versionCount(), 1);
        });

        it('names every error at once', async () => {
            const created = await repository().create(content('Flyers'), 'alice');
            const error = await refusal(() => repository().save(created.id, 1, content('Flyers', {
                Receive: [approveStep()],
                Prepare: [printStep({ printerId: 'nowhere' }, 'early-print')]
            }), 'bob'));
            assert.match(error.message, /Receive needs a Create Job step.*; .*Print cannot run in Prepare.*; .*does not exist/);
        });

        it('accepts a workflow with only warnings (a disabled printer, a condition on an unknown property)', async () => {
            const created = await repository().create(content('Flyers'), 'alice');
            await fixture.addPrinter('old-press', false);
            const saved = await repository().save(created.id, 1, content('Flyers', {
                Prepare: [{ ...approveStep(), condition: { property: 'nobodyKnowsMe', comparison: 'equals', value: 'x' } }],
                Print: [printStep({ printerId: 'old-press' })]
            }), 'bob');
            assert.equal(saved.version, 2);
            assert.equal(saved.phases.Print[0].properties.printerId, 'old-press');
        });

        it('says when the workflow no longer exists', async () => {
            const error = await refusal(() => repository().save('gone', 1, content('Flyers'), 'bob'));
            assert.ok(PressworkError.NotFound.is(error));
        });
    });

    describe('copy', () => {

        it('copies the content under a free "Copy of" name, disabled, as a new workflow at version 1', async () => {
            const original = await repository().create(content('Flyers', { Prepare: [approveStep()] }, { jobOverrides: { copies: 2 } }), 'alice');
            await repository().setEnabled(original.id, true, 'alice');

            const copy = await repository().copy(original.id, 'bob');
            const again = await repository().copy(original.id, 'bob');

            assert.notEqual(copy.id, original.id);
            assert.equal(copy.name, 'Copy of Flyers');
            assert.equal(again.name, 'Copy of Flyers (2)');
            assert.equal(copy.version, 1);
            assert.equal(copy.enabled, false);
            assert.equal(copy.updatedBy, 'bob');
            assert.deepEqual(copy.phases, original.phases);
            assert.deepEqual(copy.jobOverrides, { copies: 2 });
            assert.deepEqual(repository().versions(copy.id).map(({ version, savedBy }) => ({ version, savedBy })), [{ version: 1, savedBy: 'bob' }]);
            assert.equal(fixture.stored(original.id)?.version, 2, 'the original is untouched');
        });

        it('copies a workflow whose name is as long as a name may be', async () => {
            const original = await repository().create(content('x'.repeat(100)), 'alice');
            const copy = await repository().copy(original.id, 'bob');
            assert.ok(copy.name.startsWith('Copy of xxx'), copy.name);
            assert.ok(copy.name.length <= 100, `${copy.name.length} characters`);
        });
    });

    describe('rename', () => {

        it('saves the new name as a new version, keeping the content', async () => {
            const created = await repository().create(content('Flyers', { Prepare: [approveStep()] }), 'alice');
            const renamed = await repository().rename(created.id, 1, 'Leaflets', 'bob');
            assert.equal(renamed.name, 'Leaflets');
            assert.equal(renamed.version, 2);
            assert.deepEqual(renamed.phases, created.phases);
            assert.deepEqual(versionsOf(created.id), [2, 1]);
            assert.equal(repository().versions(created.id)[0].savedBy, 'bob');
        });

        it('refuses a name another workflow has', async () => {
            await repository().create(content('Leaflets'), 'alice');
            const created = await repository().create(content('Flyers'), 'alice');
            const error = await refusal(() => repository().rename(created.id, 1, 'Leaflets', 'bob'));
            assert.ok(PressworkError.Refused.is(error));
            assert.match(error.message, /already named Leaflets/);
        });

        it('says who saved first when two saves of the same version race', async () => {
            const created = await repository().create(content('Flyers'), 'alice');
            const results = await Promise.allSettled([
                repository().rename(created.id, 1, 'Leaflets', 'bob'),
                repository().rename(created.id, 1, 'Cards', 'carol')
            ]);
            const refused = results.find(result => result.status === 'rejected') as PromiseRejectedResult;
            assert.ok(refused, 'one of them is refused');
            assert.ok(PressworkError.Conflict.is(refused.reason));
            assert.match(refused.reason.message, /was changed by (bob|carol) at /);
        });

        it('refuses a rename based on a stale version', async () => {
            const created = await repository().create(content('Flyers'), 'alice');
            await repository().rename(created.id, 1, 'Leaflets', 'bob');
            const error = await refusal(() => repository().rename(created.id, 1, 'Cards', 'carol'));
            assert.ok(PressworkError.Conflict.is(error));
            assert.match(error.message, /Leaflets was changed by bob at /);
            assert.equal(fixture.stored(created.id)?.name, 'Leaflets');
        });
    });

    describe('delete', () => {

        it('deletes a workflow without jobs', async () => {
            const created = await repository().create(content('Flyers'), 'alice');
            await repository().delete(created.id, 1);
            assert.equal(fixture.stored(created.id), undefined);
            assert.deepEqual(repository().summaries(), []);
        });

        it('is refused while a job of an order is in the workflow and not finished', async () => {
            const created = await repository().create(content('Flyers'), 'alice');
            const other = await repository().create(content('Other'), 'alice');
            await fixture.addOrder('order-1', created.id, [{ state: 'Complete' }, { state: 'Printing', phase: 'Print' }, { state: 'Error' }]);
            await fixture.addOrder('order-2', other.id, [{ state: 'Received' }]);

            const error = await refusal(() => repository().delete(created.id, 1));

            assert.ok(PressworkError.Refused.is(error), error.message);
            assert.equal(error.message, 'Flyers still has 2 job(s) in it; move or finish them first, or disable the workflow');
            assert.ok(fixture.stored(created.id));
        });

        it('is refused for a Received job that has not started yet', async () => {
            const created = await repository().create(content('Flyers'), 'alice');
            await fixture.addOrder('order-1', created.id, [{ state: 'Received' }]);
            const error = await refusal(() => repository().delete(created.id, 1));
            assert.ok(PressworkError.Refused.is(error));
            assert.match(error.message, /still has 1 job\(s\)/);
        });

        it('deletes a workflow whose jobs are all Complete or Retained, or in other workflows', async () => {
            const created = await repository().create(content('Flyers'), 'alice');
            const other = await repository().create(content('Other'), 'alice');
            await fixture.addOrder('order-1', created.id, [{ state: 'Complete', phase: 'Complete' }, { state: 'Retained', phase: 'Complete' }]);
            await fixture.addOrder('order-2', other.id, [{ state: 'Processing' }]);
            await repository().delete(created.id, 1);
            assert.equal(fixture.stored(created.id), undefined);
            assert.ok(fixture.stored(other.id));
        });

        it('is refused when based on a stale version', async () => {
            const created = await repository().create(content('Flyers'), 'alice');
            const saved = await repository().save(created.id, 1, content('Flyers', { Prepare: [approveStep()] }), 'bob');
            const error = await refusal(() => repository().delete(created.id, 1));
            assert.ok(PressworkError.Conflict.is(error), error.message);
            assert.ok(error.message.includes(`changed by bob at ${saved.updatedAt}`), error.message);
            assert.deepEqual(fixture.stored(created.id), saved);
        });

        it('says when the workflow is gone already', async () => {
            const error = await refusal(() => repository().delete('gone', 1));
            assert.ok(PressworkError.NotFound.is(error));
        });
    });

    describe('setEnabled', () => {

        it('enables and disables, each change a recorded version, without a version check', async () => {
            const created = await repository().create(content('Flyers'), 'alice');
            const enabled = await repository().setEnabled(created.id, true, 'operator');
            assert.equal(enabled.enabled, true);
            assert.equal(enabled.version, 2);
            assert.equal(enabled.updatedBy, 'operator');
            const disabled = await repository().setEnabled(created.id, false, 'boss');
            assert.equal(disabled.enabled, false);
            assert.equal(disabled.version, 3);
            assert.deepEqual(repository().versions(created.id).map(({ version, savedBy }) => `${version} ${savedBy}`), ['3 boss', '2 operator', '1 alice']);
            assert.equal(repository().version(created.id, 2).enabled, true);
        });

        it('says when the workflow no longer exists', async () => {
            const error = await refusal(() => repository().setEnabled('gone', true, 'operator'));
            assert.ok(PressworkError.NotFound.is(error));
            assert.equal(fixture.versionCount(), 0);
        });
    });

    describe('setJobDefaults', () => {

        it('saves job defaults and overrides as a new version, keeping the steps and name', async () => {
            const created = await repository().create(content('Flyers', { Prepare: [approveStep()] }, { jobDefaults: { paper: 'Matt' } }), 'alice');
            const saved = await repository().setJobDefaults(created.id, 1, { paper: 'Gloss', sides: 2 }, { copies: 10, rush: true }, 'operator');
            assert.equal(saved.version, 2);
            assert.deepEqual(saved.jobDefaults, { paper: 'Gloss', sides: 2 });
            assert.deepEqual(saved.jobOverrides, { copies: 10, rush: true });
            assert.equal(saved.name, 'Flyers');
            assert.deepEqual(saved.phases, created.phases);
            assert.deepEqual(repository().versions(created.id)[0], { version: 2, savedAt: saved.updatedAt, savedBy: 'operator' });
        });

        it('is refused when based on a stale version', async () => {
            const created = await repository().create(content('Flyers'), 'alice');
            await repository().setJobDefaults(created.id, 1, { paper: 'Gloss' }, {}, 'operator');
            const error = await refusal(() => repository().setJobDefaults(created.id, 1, { paper: 'Matt' }, {}, 'other'));
            assert.ok(PressworkError.Conflict.is(error));
            assert.match(error.message, /changed by operator at/);
            assert.deepEqual(fixture.stored(created.id)?.jobDefaults, { paper: 'Gloss' });
        });
    });

    describe('export and import', () => {

        it('round-trips: imported workflows have the same content, start disabled and take free names', async () => {
            await fixture.addPrinter('press');
            const flyers = await repository().create(content('Flyers', { Print: [printStep({ printerId: 'press' })] }, { jobDefaults: { paper: 'Gloss' } }), 'alice');
            const cards = await repository().create(content('Cards', { Prepare: [approveStep()] }, { jobOverrides: { sides: 2 } }), 'alice');
            await repository().setEnabled(flyers.id, true, 'alice');

            const json = repository().exportJson([flyers.id, cards.id]);
            const parsed = JSON.parse(json) as { format: string; version: number; workflows: { name: string }[] };
            assert.equal(parsed.format, 'presswork-workflows');
            assert.equal(parsed.version, 1);
            assert.deepEqual(parsed.workflows.map(workflow => workflow.name), ['Flyers', 'Cards']);
            assert.ok(!json.includes(flyers.id), 'ids are not exported');

            const imported = await repository().importJson(json, 'bob');

            assert.deepEqual(imported.map(workflow => workflow.name), ['Flyers (2)', 'Cards (2)']);
            for (const [copy, original] of [[imported[0], flyers], [imported[1], cards]] as const) {
                assert.notEqual(copy.id, original.id);
                assert.equal(copy.enabled, false);
                assert.equal(copy.version, 1);
                assert.equal(copy.updatedBy, 'bob');
                assert.equal(copy.description, original.description);
                assert.deepEqual(copy.phases, original.phases);
                assert.deepEqual(copy.jobDefaults, original.jobDefaults);
                assert.deepEqual(copy.jobOverrides, original.jobOverrides);
                assert.deepEqual(versionsOf(copy.id), [1]);
            }
            assert.equal(fixture.workflowCount(), 4);
        });

        it('exports every workflow when none is named', async () => {
            await repository().create(content('Flyers'), 'alice');
            await repository().create(content('Cards'), 'alice');
            const parsed = JSON.parse(repository().exportJson([])) as { workflows: { name: string }[] };
            assert.deepEqual(parsed.workflows.map(workflow => workflow.name).sort(), ['Cards', 'Flyers']);
        });

        it('says when a workflow to export no longer exists', async () => {
            const error = await refusal(() => repository().exportJson(['gone']));
            assert.ok(PressworkError.NotFound.is(error));
        });

        it('refuses a file that is not JSON', async () => {
            const error = await refusal(() => repository().importJson('PK\u0003\u0004 not json at all', 'bob'));
            assert.ok(PressworkError.InvalidInput.is(error), error.message);
            assert.equal(error.message, 'The file is not JSON');
            assert.equal(fixture.workflowCount(), 0);
        });

        it('refuses JSON that is not a workflows export, saying what is wrong', async () => {
            for (const garbage of [
                { format: 'something-else', version: 1, workflows: [] },
                { format: 'presswork-workflows', version: 2, workflows: [] },
                { format: 'presswork-workflows', version: 1, workflows: [{ name: 'No phases' }] },
                [1, 2, 3],
                null
            ]) {
                const error = await refusal(() => repository().importJson(JSON.stringify(garbage), 'bob'));
                assert.ok(PressworkError.InvalidInput.is(error), error.message);
                assert.match(error.message, /^The file is not a Presswork workflows export: /);
            }
            const error = await refusal(() => repository().importJson(JSON.stringify({ format: 'presswork-workflows', version: 1, workflows: [{ name: 'No phases' }] }), 'bob'));
            assert.match(error.message, /workflows\.0\.phases/);
            assert.equal(fixture.workflowCount(), 0);
            assert.equal(fixture.versionCount(), 0);
        });

        it('refuses an export holding a workflow with errors', async () => {
            const json = JSON.stringify({ format: 'presswork-workflows', version: 1, workflows: [content('Broken', { Receive: [approveStep()] })] });
            const error = await refusal(() => repository().importJson(json, 'bob'));
            assert.ok(PressworkError.InvalidInput.is(error));
            assert.match(error.message, /Receive needs a Create Job step/);
            assert.equal(fixture.workflowCount(), 0);
        });

        it('imports nothing when one of the workflows has errors', async () => {
            const json = JSON.stringify({
                format: 'presswork-workflows', version: 1,
                workflows: [content('Good'), content('Broken', { Receive: [approveStep()] }), content('Also good')]
            });
            const error = await refusal(() => repository().importJson(json, 'bob'));
            assert.ok(PressworkError.InvalidInput.is(error));
            assert.equal(fixture.workflowCount(), 0);
            assert.equal(fixture.versionCount(), 0);
        });
    });

    describe('versions', () => {

        it('lists every version newest first, each readable as it was', async () => {
            const created = await repository().create(content('Flyers'), 'alice');
            await repository().save(created.id, 1, content('Flyers', { Prepare: [approveStep()] }), 'bob');
            await repository().setEnabled(created.id, true, 'carol');
            await repository().rename(created.id, 3, 'Leaflets', 'dave');

            assert.deepEqual(repository().versions(created.id).map(({ version, savedBy }) => `${version} ${savedBy}`), ['4 dave', '3 carol', '2 bob', '1 alice']);
            const first = repository().version(created.id, 1);
            assert.equal(first.name, 'Flyers');
            assert.deepEqual(first.phases.Prepare, []);
            assert.deepEqual(repository().version(created.id, 2).phases.Prepare.map(step => step.id), ['approve']);
        });

        it('lists by number, not by the order they were recorded in', async () => {
            const created = await repository().create(content('Flyers'), 'alice');
            for (let version = 1; version < 11; version++) {
                await repository().rename(created.id, version, `Flyers ${version}`, 'bob');
            }
            assert.deepEqual(versionsOf(created.id), [11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
        });

        it('says when a version is not kept, or the workflow is gone', async () => {
            const created = await repository().create(content('Flyers'), 'alice');
            const missing = await refusal(() => repository().version(created.id, 7));
            assert.ok(PressworkError.NotFound.is(missing));
            assert.match(missing.message, /Version 7 of that workflow is not kept/);
            assert.ok(PressworkError.NotFound.is(await refusal(() => repository().versions('gone'))));
        });
    });

    describe('restore', () => {

        it('saves an old version\'s content as the newest version', async () => {
            const created = await repository().create(content('Flyers', {}, { jobDefaults: { paper: 'Matt' } }), 'alice');
            await repository().save(created.id, 1, content('Leaflets', { Prepare: [approveStep()] }, { jobDefaults: { paper: 'Gloss' } }), 'bob');

            const restored = await repository().restore(created.id, 1, 2, 'carol');

            assert.equal(restored.version, 3);
            assert.equal(restored.name, 'Flyers');
            assert.deepEqual(restored.jobDefaults, { paper: 'Matt' });
            assert.deepEqual(restored.phases, created.phases);
            assert.equal(restored.updatedBy, 'carol');
            assert.deepEqual(repository().versions(created.id).map(({ version, savedBy }) => `${version} ${savedBy}`), ['3 carol', '2 bob', '1 alice']);
            assert.equal(repository().version(created.id, 2).name, 'Leaflets', 'the version restored over is kept');
        });

        it('is refused when the current version given is stale', async () => {
            const created = await repository().create(content('Flyers'), 'alice');
            await repository().rename(created.id, 1, 'Leaflets', 'bob');
            await repository().rename(created.id, 2, 'Cards', 'carol');
            const error = await refusal(() => repository().restore(created.id, 1, 2, 'dave'));
            assert.ok(PressworkError.Conflict.is(error));
            assert.match(error.message, /Cards was changed by carol at/);
            assert.equal(fixture.stored(created.id)?.version, 3);
        });

        it('is refused when the old version is not kept', async () => {
            const created = await repository().create(content('Flyers'), 'alice');
            const error = await refusal(() => repository().restore(created.id, 5, 1, 'dave'));
            assert.ok(PressworkError.NotFound.is(error));
            assert.equal(fixture.stored(created.id)?.version, 1);
        });

        it('refuses an old version that no longer passes the checks (its printer was deleted)', async () => {
            const printer = await fixture.addPrinter('press');
            const created = await repository().create(content('Flyers', { Print: [printStep({ printerId: 'press' })] }), 'alice');
            await repository().save(created.id, 1, content('Flyers'), 'bob');
            await fixture.store.delete(PrintersCollection, printer.id, printer.version);
            const error = await refusal(() => repository().restore(created.id, 1, 2, 'carol'));
            assert.ok(PressworkError.InvalidInput.is(error));
            assert.match(error.message, /The printer "press" does not exist/);
        });
    });

    describe('recordMissingVersions', () => {

        it('records each seeded workflow\'s current version once', async () => {
            const first = await fixture.seedWorkflow('marcomcentral-print');
            const second = await fixture.seedWorkflow('marcomcentral-stock-item');
            const designed = await repository().create(content('Designed'), 'alice');
            assert.equal(fixture.versionCount(), 1);

            await repository().recordMissingVersions();

            assert.equal(fixture.versionCount(), 3);
            for (const seeded of [first, second]) {
                const recorded = fixture.store.get(WorkflowVersionsCollection, workflowVersionId(seeded.id, 1));
                assert.deepEqual(recorded?.workflow, seeded);
                assert.equal(recorded?.savedAt, seeded.updatedAt);
                assert.equal(recorded?.savedBy, undefined);
            }
            assert.deepEqual(versionsOf(designed.id), [1]);

            await repository().recordMissingVersions();
            assert.equal(fixture.versionCount(), 3, 'a second start records nothing more');
        });

        it('records the version a workflow is at, when it was changed without being recorded', async () => {
            const seeded = await fixture.seedWorkflow('seeded');
            const changed: Workflow = await fixture.store.update(WorkflowsCollection, { ...seeded, description: 'Changed by hand' });
            await repository().recordMissingVersions();
            assert.deepEqual(versionsOf('seeded'), [2]);
            assert.equal(repository().version('seeded', 2).description, changed.description);
        });
    });

    describe('the checker it saves through', () => {

        it('sees custom activities: their defaults count, and a deleted one is unknown', async () => {
            await fixture.addPrinter('press');
            const custom = await fixture.customs.create({ label: 'Print on the press', baseType: ActivityTypes.print, defaults: { printerId: 'press' } });
            const uses = content('Flyers', { Print: [{ id: 'print', activity: `custom:${custom.id}`, properties: {} }] });
            const created = await repository().create(uses, 'alice');
            assert.equal(created.phases.Print[0].activity, `custom:${custom.id}`);

            assert.deepEqual(fixture.checker.errors({ phases: { ...created.phases, Receive: [createJobStep()], Complete: [removeStep()] } }), []);
            await repository().save(created.id, 1, content('Flyers'), 'alice');
            await fixture.customs.delete(custom.id, custom.version);
            const error = await refusal(() => repository().create(uses, 'alice'));
            assert.match(error.message, new RegExp(`Unknown activity "custom:${custom.id}"`));
        });
    });
});
