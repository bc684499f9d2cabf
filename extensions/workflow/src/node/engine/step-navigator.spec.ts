import * as assert from 'node:assert/strict';
import type { Workflow } from '@presswork/platform/lib/common/workflow-schema';
import { currentStep, firstStep, stepAfter } from './step-navigator';
import { step, workflowDocument } from './test/engine-fixture';

describe('step navigation', () => {

    const workflow: Workflow = {
        ...workflowDocument('flow', {
            Receive: [step('r1', 'create')],
            Prepare: [],
            Print: [step('p1', 'print'), step('p2', 'print')],
            Complete: [step('c1', 'retain')]
        }),
        version: 1
    };
    const ids = (positions: readonly ({ step: { id: string } } | undefined)[]): (string | undefined)[] => positions.map(position => position?.step.id);

    it('goes through the steps in phase order, passing over empty phases', () => {
        const visited = [];
        for (let position = firstStep(workflow); position; position = stepAfter(workflow, position)) {
            visited.push(position);
        }
        assert.deepEqual(ids(visited), ['r1', 'p1', 'p2', 'c1']);
        assert.deepEqual(visited.map(position => `${position.phase}/${position.index}`), ['Receive/0', 'Print/0', 'Print/1', 'Complete/0']);
    });

    it('has nothing after the last step', () => {
        assert.equal(stepAfter(workflow, { phase: 'Complete', index: 0 }), undefined);
    });

    it('finds a job\'s step by its id, even when its index is out of date', () => {
        assert.deepEqual(ids([currentStep(workflow, { phase: 'Print', stepIndex: 1, stepId: 'p2' })]), ['p2']);
        const moved = currentStep(workflow, { phase: 'Prepare', stepIndex: 0, stepId: 'p2' });
        assert.deepEqual([moved?.phase, moved?.index], ['Print', 1]);
        assert.equal(currentStep(workflow, { phase: 'Print', stepIndex: 0, stepId: 'gone' }), undefined);
        assert.equal(currentStep(workflow, { phase: 'Receive', stepIndex: 0 }), undefined);
    });
});
