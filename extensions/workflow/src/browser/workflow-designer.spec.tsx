import * as assert from 'node:assert/strict';
import * as React from '@theia/core/shared/react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { Printer } from '@presswork/platform/lib/common/printer-schema';
import type { Workflow } from '@presswork/platform/lib/common/workflow-schema';
import { ActivityTypes } from '@presswork/platform/lib/common/well-known';
import { PressworkError } from '@presswork/platform/lib/common/errors';
import { PrintActivity } from '@presswork/output/lib/common/print-activity';
import { BatchActivity, BatchPropertiesSchema } from '@presswork/output/lib/common/batch/batch-activity';
import { SUPPLIED_ACTIVITIES } from '../common/supplied-activities';
import { WorkflowEditorModel } from '../common/workflow-editor-model';
import { buildActivityCatalog, matchesActivity } from './activity-catalog';
import { DesignerHost, WorkflowDesignerController } from './workflow-designer-controller';
import { WorkflowDesigner } from './workflow-designer';
import { parseNumber, toggleChoice } from './step-properties';
import { dropIndexAt } from './workflow-drag';
import { copyName, isSaveConflict } from './save-conflict';

/**
 * The designer rendered to markup in plain Node (no DOM): what it shows for a workflow, and the
 * selectors the system tests rely on. Dragging, focus and keys are for the system tests.
 */

const catalog = buildActivityCatalog([...SUPPLIED_ACTIVITIES, PrintActivity], [
    { id: 'archive', version: 1, label: 'Archive copy', description: 'Copies to the archive', baseType: ActivityTypes.copyToFolder, defaults: { folder: '/srv/archive' }, updatedAt: '2025-01-01T00:00:00.000Z' }
]);
const printers: Printer[] = [{ id: 'demo', version: 1, name: 'Demo hot folder', description: '', enabled: true, kind: 'hot-folder', folder: '/srv/hot' }];

function workflow(): Workflow {
    return {
        id: 'wf', version: 2, name: 'MarcomCentral print', description: '', enabled: true, jobDefaults: {}, jobOverrides: {},
        phases: {
            Receive: [{ id: 'receive-create-job', activity: ActivityTypes.createJob, properties: {} }],
            Prepare: [{ id: 'prepare-copy', activity: ActivityTypes.copyToFolder, properties: { folder: '' } }],
            Print: [{ id: 'print-print', activity: ActivityTypes.print, properties: { printerId: 'demo' } }],
            Complete: [{ id: 'complete-retain', activity: ActivityTypes.retain, properties: { days: 7 } }]
        },
        updatedAt: '2025-01-01T00:00:00.000Z'
    };
}

const host: DesignerHost = {
    save: async () => undefined, editJobDefaults: async () => undefined, reload: async () => undefined, saveAsCopy: async () => undefined,
    saveStepAsCustomActivity: async () => undefined
};

function designer(readOnly = false): WorkflowDesignerController {
    const model = new WorkflowEditorModel(workflow(), { activities: type => catalog.get(type), readOnly });
    return new WorkflowDesignerController(model, { catalog, printers, knownProperties: ['copies'], readOnly, canEditJobDefaults: true, saving: false }, host);
}

const render = (controller: WorkflowDesignerController): string => renderToStaticMarkup(<WorkflowDesigner controller={controller} />);
const count = (markup: string, text: string): number => markup.split(text).length - 1;

describe('WorkflowDesigner', () => {

    it('shows the four phase lanes in order, with their steps as cards', () => {
        const markup = render(designer());
        const lanes = [...markup.matchAll(/data-phase="(\w+)"/g)].map(match => match[1]);
        assert.deepEqual(lanes, ['Receive', 'Prepare', 'Print', 'Complete']);
        assert.equal(count(markup, 'data-step-id='), 4);
        assert.match(markup, /data-step-id="print-print" data-activity="print"/);
        assert.match(markup, /Demo hot folder/, 'the Print card names its printer');
    });

    it('offers every activity in the palette, custom ones in their own section', () => {
        const markup = render(designer());
        for (const activity of SUPPLIED_ACTIVITIES) {
            assert.match(markup, new RegExp(`data-palette-activity="${activity.type}"`));
        }
        assert.match(markup, /aria-label="Custom activities".*data-palette-activity="custom:archive"/s);
        assert.match(markup, /draggable="true"[^>]*>|data-palette-activity="approve"[^>]*draggable="true"/);
    });

    it('marks a step with an error and lists it; the error blocks saving', () => {
        const controller = designer();
        controller.model.setStepProperty('prepare-copy', 'folder', '');
        controller.model.rename('MarcomCentral print ');
        const markup = render(controller);
        assert.match(markup, /class="presswork-step-card presswork-step-card--error" data-step-id="prepare-copy"/);
        assert.match(markup, /class="presswork-workflow-problems"/);
        assert.match(markup, /data-problem-step="prepare-copy" data-problem-rule="invalid-properties"/);
        assert.match(markup, /Prepare › Copy to Folder › Folder \(absolute path\): Folder is required/);
        assert.match(markup, /<button class="theia-button" disabled=""[^>]*><span[^>]*><\/span> Save<\/button>/);
        assert.equal(controller.canSave, false);
        controller.model.setStepProperty('prepare-copy', 'folder', '/srv/out');
        assert.equal(controller.canSave, true);
    });

    it('shows the selected step\'s form with inline errors, and the workflow\'s when none is selected', () => {
        const controller = designer();
        let markup = render(controller);
        assert.match(markup, /id="presswork-workflow-properties"/);
        assert.match(markup, /id="presswork-workflow-name"[^>]* value="MarcomCentral print"/);
        controller.model.select('prepare-copy');
        markup = render(controller);
        assert.match(markup, /aria-selected="true" tabindex="0"[^>]*aria-label="Copy to Folder, error: Folder is required"/);
        assert.match(markup, /<label for="presswork-step-field-folder">Folder \(absolute path\)<\/label>/);
        assert.match(markup, /id="presswork-step-field-folder-problem"[^>]*>.*Folder is required/);
        assert.match(markup, /<option value="keep-both" selected="">/);
        assert.match(markup, /Run only when a job property matches/);
    });

    it('is read-only without the right to edit: no save, no dragging, a banner', () => {
        const markup = render(designer(true));
        assert.doesNotMatch(markup, /> Save<\/button>/);
        assert.doesNotMatch(markup, /> Undo<\/button>/);
        assert.match(markup, /Read-only: only administrators change workflows/);
        assert.doesNotMatch(markup, /draggable="true"/);
        assert.match(markup, /Job defaults…/, 'operators may still set job defaults');
    });

    it('has Undo and Redo buttons that follow the history', () => {
        const controller = designer();
        assert.match(render(controller), /disabled=""[^>]*><span[^>]*><\/span> Undo<\/button>/);
        controller.model.addStep(ActivityTypes.approve, 'Prepare');
        const markup = render(controller);
        assert.match(markup, /title="Undo Add Approve \(Ctrl\+Z\)"><span[^>]*><\/span> Undo<\/button>/);
        assert.match(markup, /disabled=""[^>]*><span[^>]*><\/span> Redo<\/button>/);
    });
});

describe('a step\'s properties form', () => {

    const GROUP_BY = 'presswork-step-field-groupBy';

    function batchDesigner(): WorkflowDesignerController {
        const withBatch = buildActivityCatalog([...SUPPLIED_ACTIVITIES, PrintActivity, BatchActivity], []);
        const model = new WorkflowEditorModel(workflow(), { activities: type => withBatch.get(type) });
        const controller = new WorkflowDesignerController(model, { catalog: withBatch, printers, knownProperties: [], readOnly: false, canEditJobDefaults: true, saving: false }, host);
        const step = controller.model.addStep(ActivityTypes.batch, 'Print', 0)!;
        controller.model.select(step.id);
        return controller;
    }

    const batchStep = (controller: WorkflowDesignerController) => controller.model.draft.phases.Print[0];
    const checked = (markup: string): string[] => [...markup.matchAll(new RegExp(`id="${GROUP_BY}-(\\w+)" checked=""`, 'g'))].map(match => match[1]);

    it('shows a choice list as check boxes in a group named by the field\'s label, and keeps the chosen values as an array', () => {
        const controller = batchDesigner();
        let markup = render(controller);
        assert.match(markup, new RegExp(`role="group" aria-labelledby="${GROUP_BY}-label"`));
        assert.match(markup, new RegExp(`<span id="${GROUP_BY}-label"[^>]*>Group jobs by</span>`));
        assert.equal(count(markup, `type="checkbox" id="${GROUP_BY}-`), 8, 'one box per key');
        assert.match(markup, /<input type="checkbox" id="presswork-step-field-groupBy-dueDay" value="dueDay"\/>Due date \(day\)<\/label>/);
        assert.deepEqual(checked(markup), []);
        assert.deepEqual(batchStep(controller).properties?.groupBy, [], 'a new step chooses nothing');

        // Checked in any order, kept in the field's order; unchecked, gone.
        const choices = BatchActivity.fields[0].choices!;
        let chosen = toggleChoice([], 'dueDay', true, choices);
        chosen = toggleChoice(chosen, 'media', true, choices);
        chosen = toggleChoice(chosen, 'sides', true, choices);
        chosen = toggleChoice(chosen, 'dueDay', false, choices);
        assert.deepEqual(chosen, ['media', 'sides']);
        controller.model.setStepProperty(batchStep(controller).id, 'groupBy', chosen);

        markup = render(controller);
        assert.deepEqual(checked(markup), ['media', 'sides'], 'the form shows what the step holds');
        assert.equal(controller.stepProblems.get(batchStep(controller).id), undefined, 'the activity\'s schema accepts it');
        assert.deepEqual(BatchPropertiesSchema.parse(batchStep(controller).properties).groupBy, ['media', 'sides']);
        assert.match(markup, /Group jobs by: Media, Sides/, 'the card says how it groups');
    });

    it('names a chosen value the field no longer offers, and lets it be unchecked', () => {
        const controller = batchDesigner();
        controller.model.setStepProperty(batchStep(controller).id, 'groupBy', ['media', 'paper']);
        const markup = render(controller);
        assert.match(markup, new RegExp(`id="${GROUP_BY}-paper" checked="" value="paper"/>paper \\(not offered\\)`));
        assert.match(markup, new RegExp(`role="group" aria-labelledby="${GROUP_BY}-label" aria-describedby="${GROUP_BY}-problem"`));
        assert.match(markup, new RegExp(`id="${GROUP_BY}-problem"[^>]*>.*&quot;paper&quot; is not one of its choices \\(any more\\): uncheck it`), 'the schema\'s problem is shown in the group');
        assert.doesNotMatch(markup, /Group jobs by, line/);
        assert.deepEqual(toggleChoice(['media', 'paper'], 'paper', false, BatchActivity.fields[0].choices!), ['media']);
    });

    it('leaves a number field emptied out of the step\'s properties', () => {
        const controller = batchDesigner();
        const id = batchStep(controller).id;
        controller.model.setStepProperty(id, 'jobsPerBatch', parseNumber('3'));
        assert.equal(batchStep(controller).properties?.jobsPerBatch, 3);
        assert.match(render(controller), /id="presswork-step-field-jobsPerBatch" spellCheck="false" value="3"/);
        controller.model.setStepProperty(id, 'jobsPerBatch', parseNumber('  '));
        assert.equal(parseNumber(''), undefined);
        assert.ok(!('jobsPerBatch' in (batchStep(controller).properties ?? {})), 'emptied: no value at all, not 0 or ""');
        assert.equal(controller.stepProblems.get(id), undefined);
        assert.equal(BatchPropertiesSchema.parse(batchStep(controller).properties).jobsPerBatch, undefined, 'no count rule');
        assert.match(render(controller), /id="presswork-step-field-jobsPerBatch" spellCheck="false" value=""/);
    });
});

describe('WorkflowDesignerController', () => {

    it('adds an activity after the selected step in its lane, else at the end of its first allowed lane', () => {
        const controller = designer();
        controller.model.select('prepare-copy');
        const approve = controller.addActivity(ActivityTypes.approve);
        assert.deepEqual([approve?.phase, approve?.index], ['Prepare', 1]);
        const print = controller.addActivity(ActivityTypes.print);
        assert.deepEqual([print?.phase, print?.index], ['Print', 1], 'Print may not stand in Prepare: its own lane');
        controller.model.selectPhase('Complete');
        const remove = controller.addActivity(ActivityTypes.remove);
        assert.deepEqual([remove?.phase, remove?.index], ['Complete', 1]);
    });

    it('drops a dragged activity or step where the indicator was', () => {
        const controller = designer();
        controller.dragging = { kind: 'activity', type: ActivityTypes.approve };
        controller.drop('Print', 0);
        assert.equal(controller.model.draft.phases.Print[0].activity, ActivityTypes.approve);
        assert.equal(controller.dragging, undefined);
        controller.dragging = { kind: 'step', stepId: 'prepare-copy' };
        assert.equal(controller.draggedActivity(), ActivityTypes.copyToFolder);
        controller.drop('Complete', 1);
        assert.deepEqual(controller.model.draft.phases.Complete.map(step => step.id), ['complete-retain', 'prepare-copy']);
        controller.drop('Receive', 0);
        assert.equal(controller.model.draft.phases.Receive.length, 1, 'nothing is being dragged any more');
    });

    it('moves and deletes the selected step, and undoes', () => {
        const controller = designer();
        controller.model.select('prepare-copy');
        assert.equal(controller.moveSelected(-1), true);
        assert.deepEqual(controller.model.draft.phases.Receive.map(step => step.id), ['receive-create-job', 'prepare-copy']);
        assert.equal(controller.deleteSelected(), true);
        assert.equal(controller.model.findStep('prepare-copy'), undefined);
        assert.equal(controller.undo(), true);
        assert.equal(controller.undo(), true);
        assert.equal(controller.model.dirty, false);
        assert.equal(controller.redo(), true);
    });

    it('validates once per draft', () => {
        const controller = designer();
        const first = controller.problems;
        assert.equal(controller.problems, first);
        controller.model.select('print-print');
        assert.equal(controller.problems, first, 'selecting is no edit');
        controller.model.setStepProperty('print-print', 'printerId', 'gone');
        assert.notEqual(controller.problems, first);
        assert.equal(controller.stepProblems.get('print-print')?.severity, 'error');
    });

    it('tells subscribers of every change', () => {
        const controller = designer();
        let calls = 0;
        const unsubscribe = controller.subscribe(() => calls++);
        const before = controller.getSnapshot();
        controller.model.addStep(ActivityTypes.approve, 'Prepare');
        controller.updateContext({ saving: true });
        unsubscribe();
        controller.model.undo();
        assert.equal(calls, 2);
        assert.equal(controller.getSnapshot(), before + 3);
    });
});

describe('designer helpers', () => {
    it('finds where a drop lands between cards', () => {
        assert.equal(dropIndexAt([], 100), 0);
        assert.equal(dropIndexAt([10, 50, 90], 5), 0);
        assert.equal(dropIndexAt([10, 50, 90], 49), 1);
        assert.equal(dropIndexAt([10, 50, 90], 200), 3);
    });

    it('searches activities by label, description and phase', () => {
        const print = catalog.get(ActivityTypes.print)!;
        assert.equal(matchesActivity(print, 'prin'), true);
        assert.equal(matchesActivity(print, 'hot folder'), true);
        assert.equal(matchesActivity(print, 'archive'), false);
        assert.equal(matchesActivity(catalog.get(ActivityTypes.retain)!, 'complete'), true);
    });

    it('tells a refused stale save from other failures', () => {
        assert.equal(isSaveConflict(new Error('MarcomCentral print was changed by anna at 12:01; reload it')), true);
        assert.equal(isSaveConflict(PressworkError.Conflict('stale', 4)), true);
        assert.equal(isSaveConflict(new Error('Name is required')), false);
    });

    it('names a copy within the length a name may have', () => {
        assert.equal(copyName('Print'), 'Print (copy)');
        assert.equal(copyName('x'.repeat(100)).length, 100);
    });
});
