import * as assert from 'node:assert/strict';
import type { Workflow } from '@presswork/platform/lib/common';
import type { DocumentStore } from '@presswork/platform/lib/node/store/document-store';
import { WorkflowsCollection } from '@presswork/platform/lib/node/store/platform-collections';
import { WorkflowVersionsCollection, workflowVersionId } from '../workflow-collections';
import { CreateJobActivityContribution, applyDefaultsAndOverrides } from './create-job-activity';
import { inject } from '@presswork/platform/lib/node/test/inject';
import { TempFolder, openStore } from '@presswork/platform/lib/node/test/temp-store';
import { workflowDocument } from '@presswork/platform/lib/node/store/test/sample-documents';
import { WORKFLOW_COLLECTIONS } from '../workflow-collections';
import { activityContext, orderWithJob } from '@presswork/platform/lib/node/test/activity-context';
import { StoreWorkflowLookup, WorkflowLookup } from './workflow-lookup';

describe('Create Job activity', () => {

    it('fills only empty properties from the defaults, then applies every override', () => {
        const applied = applyDefaultsAndOverrides(
            { paper: '350gsm matt', sides: 2, finish: '', rush: false },
            { paper: '100gsm gloss', finish: 'laminate', rush: true, bin: 'A' },
            { sides: 1, priority: 'high' }
        );

        assert.deepEqual(applied.properties, { paper: '350gsm matt', sides: 1, finish: 'laminate', rush: false, bin: 'A', priority: 'high' });
        assert.deepEqual(applied.defaulted, ['finish', 'bin']);
        assert.deepEqual(applied.overridden, ['sides', 'priority']);
    });

    it('continues with the job\'s properties after its workflow\'s defaults and overrides, the same each time', async () => {
        const workflow = { ...workflowDocument('wf-1', { jobDefaults: { media: 'Coated', sides: 1 }, jobOverrides: { paper: 'house stock' } }), version: 1 } as Workflow;
        const lookup: WorkflowLookup = { workflowOf: job => job.workflowId === 'wf-1' ? workflow : undefined };
        const activity = inject(new CreateJobActivityContribution(), { workflows: lookup });
        const { order, job } = orderWithJob({ workflowId: 'wf-1' });
        const context = activityContext({}, { order, job, jobFolder: '/nonexistent' });

        const outcome = await activity.execute(context);
        const again = await activity.execute(context);

        assert.deepEqual(outcome, { kind: 'continue', properties: { paper: 'house stock', sides: 2, media: 'Coated' } });
        assert.deepEqual(again, outcome);
        assert.match(context.logged[0].message, /1 default \(media\), 1 override \(paper\)/);
    });

    it('fails when the job\'s workflow is gone', async () => {
        const activity = inject(new CreateJobActivityContribution(), { workflows: { workflowOf: () => undefined } });
        const { order, job } = orderWithJob({ workflowId: 'wf-gone' });

        assert.deepEqual(await activity.execute(activityContext({}, { order, job, jobFolder: '/nonexistent' })),
            { kind: 'fail', message: 'The job\'s workflow wf-gone no longer exists' });
    });

    describe('StoreWorkflowLookup', () => {
        let temp: TempFolder;
        let store: DocumentStore;
        let lookup: StoreWorkflowLookup;

        beforeEach(async () => {
            temp = await TempFolder.create();
            store = await openStore(temp.join('data'), WORKFLOW_COLLECTIONS);
            lookup = inject(new StoreWorkflowLookup(), { store });
        });

        afterEach(async () => {
            await store.close();
            await temp.remove();
        });

        it('finds the saved version the job runs on, else the workflow as it is', async () => {
            const first = await store.create(WorkflowsCollection, workflowDocument('wf-1', { jobDefaults: { media: 'old' } }));
            await store.create(WorkflowVersionsCollection, {
                id: workflowVersionId('wf-1', 1), workflowId: 'wf-1', workflowVersion: 1, savedAt: first.updatedAt, workflow: first
            });
            const second = await store.update(WorkflowsCollection, { ...first, jobDefaults: { media: 'new' } });
            const { job } = orderWithJob({ workflowId: 'wf-1', workflowVersion: 1 });

            assert.deepEqual(lookup.workflowOf(job)?.jobDefaults, { media: 'old' });
            assert.deepEqual(lookup.workflowOf({ ...job, workflowVersion: undefined }), second);
            assert.deepEqual(lookup.workflowOf({ ...job, workflowVersion: 2 }), second, 'a version not on record: the current one');
            assert.equal(lookup.workflowOf({ ...job, workflowId: undefined }), undefined);
            assert.equal(lookup.workflowOf({ ...job, workflowId: 'wf-unknown' }), undefined);
        });
    });
});
