import * as assert from 'node:assert/strict';
import { PressworkError } from '@presswork/platform/lib/common/errors';
import { ActivityTypes } from '@presswork/platform/lib/common/well-known';
import { DocumentConflictError } from '@presswork/platform/lib/node/store/store-errors';
import { CustomActivitiesCollection } from '../workflow-collections';
import { WorkflowsFixture, content, refusal } from './test/workflows-fixture';

describe('CustomActivities', () => {

    let fixture: WorkflowsFixture;

    beforeEach(async () => {
        fixture = await WorkflowsFixture.create();
    });

    afterEach(async () => {
        await fixture.dispose();
    });

    const customs = (): WorkflowsFixture['customs'] => fixture.customs;
    const archive = { label: 'Archive', description: 'Copies to the archive share', baseType: ActivityTypes.copyToFolder, defaults: { folder: '/srv/archive' } };

    describe('create', () => {

        it('stores a copy of an unprotected activity with its defaults, at version 1', async () => {
            const created = await customs().create(archive);
            assert.equal(created.version, 1);
            assert.equal(created.label, 'Archive');
            assert.equal(created.baseType, ActivityTypes.copyToFolder);
            assert.deepEqual(created.defaults, { folder: '/srv/archive' });
            assert.ok(!Number.isNaN(Date.parse(created.updatedAt)));
            assert.deepEqual(fixture.store.get(CustomActivitiesCollection, created.id), created);
        });

        it('keeps the defaults as given: the base schema\'s own defaults are not stored', async () => {
            const created = await customs().create({ label: 'Careful run', baseType: ActivityTypes.runExternalApplication, defaults: { program: '/usr/bin/true' } });
            assert.deepEqual(created.defaults, { program: '/usr/bin/true' });
            assert.equal(created.description, '');
        });

        it('lists custom activities by label', async () => {
            await customs().create({ ...archive, label: 'Zip it' });
            await customs().create({ ...archive, label: 'archive b' });
            await customs().create({ ...archive, label: 'Archive a' });
            assert.deepEqual(customs().list().map(custom => custom.label), ['Archive a', 'archive b', 'Zip it']);
        });

        for (const [type, label] of [[ActivityTypes.createJob, 'Create Job'], [ActivityTypes.retain, 'Retain'], [ActivityTypes.remove, 'Remove']] as const) {
            it(`refuses to copy the protected ${label}`, async () => {
                const error = await refusal(() => customs().create({ label: `My ${label}`, baseType: type, defaults: {} }));
                assert.ok(PressworkError.Refused.is(error), error.message);
                assert.equal(error.message, `${label} is protected: only its defaults in a workflow can change, it cannot be copied`);
                assert.equal(fixture.store.count(CustomActivitiesCollection), 0);
            });
        }

        it('refuses a base activity that does not exist', async () => {
            const error = await refusal(() => customs().create({ label: 'Fold', baseType: 'fold-it', defaults: {} }));
            assert.ok(PressworkError.InvalidInput.is(error));
            assert.equal(error.message, 'There is no activity fold-it to copy');
        });

        it('checks the defaults against the base activity\'s schema, naming the field', async () => {
            for (const [input, expected] of [
                [{ ...archive, defaults: { folder: 'relative/path' } }, 'The defaults do not suit Copy to Folder: folder: Folder must be an absolute path'],
                [{ ...archive, defaults: { folder: '/srv', onCollision: 'explode' } }, 'The defaults do not suit Copy to Folder: onCollision:'],
                [{ label: 'Slow', baseType: ActivityTypes.runExternalApplication, defaults: { program: '/bin/true', timeoutSeconds: 0 } }, 'The defaults do not suit Run External Application: timeoutSeconds:'],
                [{ label: 'Nowhere', baseType: ActivityTypes.print, defaults: {} }, 'The defaults do not suit Print: printerId:']
            ] as const) {
                const error = await refusal(() => customs().create(input));
                assert.ok(PressworkError.InvalidInput.is(error), error.message);
                assert.ok(error.message.startsWith(expected), `${error.message} should start with ${expected}`);
            }
            assert.equal(fixture.store.count(CustomActivitiesCollection), 0);
        });

        it('accepts defaults that the base schema completes (Approve needs none)', async () => {
            const created = await customs().create({ label: 'Sign-off', baseType: ActivityTypes.approve });
            assert.deepEqual(created.defaults, {});
        });
    });

    describe('update', () => {

        it('changes label and defaults on the current version', async () => {
            const created = await customs().create(archive);
            const updated = await customs().update(created.id, 1, { ...archive, label: 'Archive (new share)', defaults: { folder: '/srv/archive2', onCollision: 'overwrite' } });
            assert.equal(updated.version, 2);
            assert.equal(updated.label, 'Archive (new share)');
            assert.deepEqual(updated.defaults, { folder: '/srv/archive2', onCollision: 'overwrite' });
        });

        it('checks the new defaults too', async () => {
            const created = await customs().create(archive);
            const error = await refusal(() => customs().update(created.id, 1, { ...archive, defaults: { folder: '' } }));
            assert.ok(PressworkError.InvalidInput.is(error));
            assert.equal(fixture.store.get(CustomActivitiesCollection, created.id)?.version, 1);
        });

        it('is refused when based on a stale version', async () => {
            const created = await customs().create(archive);
            await customs().update(created.id, 1, { ...archive, label: 'First edit' });
            const error = await refusal(() => customs().update(created.id, 1, { ...archive, label: 'Second edit' }));
            assert.ok(error instanceof DocumentConflictError, error.message);
            assert.equal(fixture.store.get(CustomActivitiesCollection, created.id)?.label, 'First edit');
        });

        it('says when the custom activity no longer exists', async () => {
            const error = await refusal(() => customs().update('gone', 1, archive));
            assert.ok(PressworkError.NotFound.is(error));
        });
    });

    describe('delete', () => {

        it('refuses to change the base activity while a workflow uses it', async () => {
            const created = await customs().create(archive);
            const step = { id: 'archive', activity: `custom:${created.id}`, properties: {} };
            await fixture.repository.create(content('Flyers', { Prepare: [step] }), 'alice');
            const error = await refusal(() => customs().update(created.id, 1, { ...archive, baseType: ActivityTypes.print, defaults: { printerId: 'p1' } }));
            assert.ok(PressworkError.Refused.is(error), error.message);
            assert.match(error.message, /base activity cannot change while Flyers use it/);
        });

        it('deletes an unused custom activity', async () => {
            const created = await customs().create(archive);
            await customs().delete(created.id, 1);
            assert.deepEqual(customs().list(), []);
        });

        it('is refused while a workflow uses it, naming the workflows', async () => {
            const created = await customs().create(archive);
            const step = { id: 'archive', activity: `custom:${created.id}`, properties: {} };
            const flyers = await fixture.repository.create(content('Flyers', { Prepare: [step] }), 'alice');
            await fixture.repository.create(content('Cards', { Complete: [step, { id: 'remove', activity: ActivityTypes.remove, properties: {} }] }), 'alice');
            await fixture.repository.create(content('Unrelated'), 'alice');

            const error = await refusal(() => customs().delete(created.id, 1));

            assert.ok(PressworkError.Refused.is(error), error.message);
            assert.match(error.message, /^This custom activity is used by /);
            assert.ok(error.message.includes('Flyers') && error.message.includes('Cards') && !error.message.includes('Unrelated'), error.message);
            assert.ok(fixture.store.get(CustomActivitiesCollection, created.id));

            // Once no workflow uses it any more, it can go.
            await fixture.repository.save(flyers.id, 1, content('Flyers'), 'alice');
            const cards = fixture.repository.summaries().find(summary => summary.name === 'Cards')!;
            await fixture.repository.delete(cards.id, cards.version);
            await customs().delete(created.id, 1);
            assert.equal(fixture.store.get(CustomActivitiesCollection, created.id), undefined);
        });

        it('is refused when based on a stale version', async () => {
            const created = await customs().create(archive);
            await customs().update(created.id, 1, { ...archive, label: 'Edited' });
            const error = await refusal(() => customs().delete(created.id, 1));
            assert.ok(error instanceof DocumentConflictError, error.message);
            assert.ok(fixture.store.get(CustomActivitiesCollection, created.id));
        });
    });
});
