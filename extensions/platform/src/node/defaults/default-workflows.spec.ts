import * as assert from 'node:assert/strict';
import { WorkflowSchema } from '../../common/workflow-schema';
import { ActivityTypes, DefaultWorkflowIds } from '../../common/well-known';
import { defaultWorkflows } from './default-workflows';

describe('default workflows', () => {
    const NOW = '2026-11-26T08:00:00.000Z';

    it('are valid workflows, both enabled', () => {
        for (const workflow of defaultWorkflows(NOW)) {
            const parsed = WorkflowSchema.safeParse({ ...workflow, version: 1 });
            assert.ok(parsed.success, `${workflow.id}: ${parsed.error?.message}`);
            assert.equal(workflow.enabled, true);
        }
    });

    it('wait for the order\'s closeout right before Retain, in the Complete phase of both', () => {
        const workflows = defaultWorkflows(NOW);
        assert.deepEqual(workflows.map(workflow => workflow.id), [DefaultWorkflowIds.print, DefaultWorkflowIds.stockItem]);
        for (const workflow of workflows) {
            assert.deepEqual(workflow.phases.Complete.map(step => step.activity), [ActivityTypes.closeoutOrder, ActivityTypes.retain], workflow.id);
            assert.deepEqual(workflow.phases.Complete[0].properties, {});
        }
    });

    it('keep their production steps: print prints on the demo printer, stock items are approved', () => {
        const [print, stock] = defaultWorkflows(NOW);
        assert.deepEqual(print.phases.Print.map(step => step.activity), [ActivityTypes.print]);
        assert.deepEqual(stock.phases.Prepare.map(step => step.activity), [ActivityTypes.approve]);
        assert.deepEqual(stock.phases.Print, []);
    });

    it('give every step an id unique within its workflow', () => {
        for (const workflow of defaultWorkflows(NOW)) {
            const ids = Object.values(workflow.phases).flat().map(step => step.id);
            assert.equal(new Set(ids).size, ids.length, workflow.id);
        }
    });
});
