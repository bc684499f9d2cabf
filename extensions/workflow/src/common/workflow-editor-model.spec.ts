import * as assert from 'node:assert/strict';
import { z } from 'zod';
import type { Workflow, WorkflowStep } from '@presswork/platform/lib/common/workflow-schema';
import { PHASES } from '@presswork/platform/lib/common/job-status';
import { ActivityTypes } from '@presswork/platform/lib/common/well-known';
import { WorkflowEditorModel, WorkflowEditorModelOptions, WorkflowEditorChange, defaultPropertiesOf } from './workflow-editor-model';
import { ResolvedActivity } from './workflow-validation';
import { PrintActivity } from '@presswork/output/lib/common/print-activity';
import { CopyToFolderActivity, SUPPLIED_ACTIVITIES } from './supplied-activities';
import { WorkflowContentSchema } from './workflow-protocol';

const CloseoutOrder: ResolvedActivity = {
    type: ActivityTypes.closeoutOrder,
    label: 'Closeout Order',
    description: 'Waits until the order is closed out.',
    iconClass: 'codicon codicon-package',
    allowedPhases: ['Complete'],
    propertiesSchema: z.object({}),
    fields: []
};
const ArchiveCopy: ResolvedActivity = {
    ...CopyToFolderActivity,
    type: 'custom:archive-copy',
    label: 'Archive copy',
    baseType: CopyToFolderActivity.type,
    defaults: { folder: '/srv/archive', onCollision: 'overwrite' }
};
const ACTIVITIES = new Map<string, ResolvedActivity>([...SUPPLIED_ACTIVITIES, PrintActivity, CloseoutOrder, ArchiveCopy].map(activity => [activity.type, activity]));

const step = (id: string, activity: string, properties: Record<string, unknown> = {}): WorkflowStep => ({ id, activity, properties });

function printWorkflow(): Workflow {
    return {
        id: 'marcomcentral-print',
        version: 3,
        name: 'MarcomCentral print',
        description: 'Printable products',
        enabled: true,
        jobDefaults: { copies: 1 },
        jobOverrides: {},
        phases: {
            Receive: [step('receive-create-job', ActivityTypes.createJob)],
            Prepare: [step('prepare-approve', ActivityTypes.approve, { instructions: 'Look' }), step('prepare-prepress', ActivityTypes.prepressCheck, { instructions: 'Check' })],
            Print: [step('print-print', ActivityTypes.print, { printerId: 'demo-hot-folder' })],
            Complete: [step('complete-retain', ActivityTypes.retain, { indefinitely: false, days: 7, hours: 0 })]
        },
        updatedAt: '2025-01-01T00:00:00.000Z',
        updatedBy: 'admin'
    };
}

interface Harness {
    readonly model: WorkflowEditorModel;
    readonly changes: WorkflowEditorChange[];
    readonly dirtyChanges: boolean[];
    /** Moves the model's clock on. */
    tick(ms: number): void;
}

function open(workflow: Workflow = printWorkflow(), options: Partial<WorkflowEditorModelOptions> = {}): Harness {
    let now = 1_000_000;
    let next = 0;
    const model = new WorkflowEditorModel(workflow, {
        activities: type => ACTIVITIES.get(type),
        now: () => now,
        newStepId: activity => `${activity.replace(/[^a-z0-9-]/gi, '-')}-${++next}`,
        ...options
    });
    const changes: WorkflowEditorChange[] = [];
    const dirtyChanges: boolean[] = [];
    model.onDidChange(change => changes.push(change));
    model.onDidChangeDirty(dirty => dirtyChanges.push(dirty));
    return { model, changes, dirtyChanges, tick: ms => { now += ms; } };
}

const ids = (model: WorkflowEditorModel, phase: typeof PHASES[number]): string[] => model.draft.phases[phase].map(candidate => candidate.id);

describe('WorkflowEditorModel', () => {

    describe('opening', () => {
        it('shows the workflow as saved: clean, nothing to undo or redo', () => {
            const { model } = open();
            assert.equal(model.draft.name, 'MarcomCentral print');
            assert.deepEqual(ids(model, 'Prepare'), ['prepare-approve', 'prepare-prepress']);
            assert.equal(model.dirty, false);
            assert.equal(model.canUndo, false);
            assert.equal(model.canRedo, false);
            assert.deepEqual(model.base, { id: 'marcomcentral-print', version: 3, updatedAt: '2025-01-01T00:00:00.000Z', updatedBy: 'admin' });
            assert.equal(model.stepCount, 5);
        });
    });

    describe('adding a step', () => {
        it('inserts it at the index with the activity\'s default properties and selects it', () => {
            const { model } = open();
            const added = model.addStep(ActivityTypes.copyToFolder, 'Prepare', 1);
            assert.ok(added);
            assert.deepEqual(ids(model, 'Prepare'), ['prepare-approve', added.id, 'prepare-prepress']);
            assert.deepEqual(added.properties, { folder: '', fileNamePattern: '{order.number}-{job.id}{ext}', onCollision: 'keep-both' });
            assert.deepEqual(model.selection, { stepId: added.id, phase: 'Prepare' });
            assert.equal(model.dirty, true);
            assert.equal(model.undoLabel, 'Add Copy to Folder');
        });

        it('appends at the end without an index and takes defaults of every kind of field', () => {
            const { model } = open();
            const retain = model.addStep(ActivityTypes.retain, 'Complete')!;
            const print = model.addStep(ActivityTypes.print, 'Print')!;
            const run = model.addStep(ActivityTypes.runExternalApplication, 'Prepare')!;
            assert.equal(ids(model, 'Complete').at(-1), retain.id);
            assert.deepEqual(retain.properties, { indefinitely: false, days: 7, hours: 0 });
            assert.deepEqual(print.properties, { printerId: '', sides: '', colorMode: '', mediumId: '', finishings: [] }, 'ticket defaults left empty: the job\'s own apply');
            assert.deepEqual(run.properties, { program: '', arguments: [], successCodes: [0], timeoutSeconds: 300 });
        });

        it('gives a custom activity its own defaults over its base\'s', () => {
            const { model } = open();
            const added = model.addStep(ArchiveCopy.type, 'Complete', 0)!;
            assert.deepEqual(added.properties, { folder: '/srv/archive', fileNamePattern: '{order.number}-{job.id}{ext}', onCollision: 'overwrite' });
            assert.equal(added.activity, 'custom:archive-copy');
        });

        it('refuses a protected activity outside its phases and an unknown activity; takes others anywhere for validation to judge', () => {
            const { model, changes } = open();
            assert.equal(model.addStep(ActivityTypes.createJob, 'Prepare'), undefined);
            assert.equal(model.addStep(ActivityTypes.retain, 'Receive'), undefined);
            assert.equal(model.addStep('no-such-activity', 'Prepare'), undefined);
            assert.equal(changes.length, 0);
            assert.equal(model.canUndo, false);
            assert.ok(model.addStep(ActivityTypes.print, 'Prepare'), 'an unprotected activity may be dropped anywhere');
            assert.ok(model.addStep(ActivityTypes.createJob, 'Receive'));
        });

        it('gives each new step an id no other step has', () => {
            const model = new WorkflowEditorModel(printWorkflow(), { activities: type => ACTIVITIES.get(type) });
            const added = Array.from({ length: 30 }, () => model.addStep(ActivityTypes.approve, 'Prepare')!.id);
            assert.equal(new Set([...added, ...model.steps().map(location => location.step.id)]).size, 35);
            for (const id of added) {
                assert.match(id, /^approve-[a-z0-9]{8}$/);
            }
        });

        it('is undone and redone, the redone step being the same one', () => {
            const { model } = open();
            const added = model.addStep(ActivityTypes.approve, 'Print', 0)!;
            assert.equal(model.undo(), true);
            assert.deepEqual(ids(model, 'Print'), ['print-print']);
            assert.equal(model.selection.stepId, undefined);
            assert.equal(model.dirty, false);
            assert.equal(model.redo(), true);
            assert.equal(model.draft.phases.Print[0], added);
            assert.equal(model.selection.stepId, added.id);
            assert.equal(model.dirty, true);
        });
    });

    describe('moving a step', () => {
        it('reorders within a lane, the index being a place in the lane as shown before the move', () => {
            const { model } = open();
            model.addStep(ActivityTypes.approve, 'Prepare');
            const [a, b, c] = ids(model, 'Prepare');
            assert.equal(model.moveStep(a, 'Prepare', 3), true, 'to the end');
            assert.deepEqual(ids(model, 'Prepare'), [b, c, a]);
            assert.equal(model.moveStep(a, 'Prepare', 0), true, 'to the top');
            assert.deepEqual(ids(model, 'Prepare'), [a, b, c]);
            assert.equal(model.moveStep(c, 'Prepare', 1), true, 'between');
            assert.deepEqual(ids(model, 'Prepare'), [a, c, b]);
        });

        it('makes no undo step for a move that leaves the step where it is', () => {
            const { model, changes } = open();
            assert.equal(model.moveStep('prepare-approve', 'Prepare', 0), false);
            assert.equal(model.moveStep('prepare-approve', 'Prepare', 1), false);
            assert.equal(changes.length, 0);
            assert.equal(model.canUndo, false);
        });

        it('moves to another lane at a position, and back by undo', () => {
            const { model } = open();
            assert.equal(model.moveStep('prepare-approve', 'Print', 1), true);
            assert.deepEqual(ids(model, 'Prepare'), ['prepare-prepress']);
            assert.deepEqual(ids(model, 'Print'), ['print-print', 'prepare-approve']);
            assert.deepEqual(model.selection, { stepId: 'prepare-approve', phase: 'Print' });
            model.undo();
            assert.deepEqual(ids(model, 'Prepare'), ['prepare-approve', 'prepare-prepress']);
            assert.deepEqual(ids(model, 'Print'), ['print-print']);
            assert.equal(model.dirty, false);
            model.redo();
            assert.deepEqual(ids(model, 'Print'), ['print-print', 'prepare-approve']);
        });

        it('keeps protected steps within their allowed phases', () => {
            const { model } = open();
            assert.equal(model.moveStep('receive-create-job', 'Prepare', 0), false);
            assert.equal(model.moveStep('complete-retain', 'Print', 0), false);
            assert.equal(model.canUndo, false);
            model.addStep(ActivityTypes.remove, 'Complete');
            assert.equal(model.moveStep('complete-retain', 'Complete', 2), true, 'within its phase');
        });

        it('moves one place with Alt+Up/Down, across lane boundaries too', () => {
            const { model } = open();
            assert.equal(model.moveStepBy('prepare-prepress', -1), true);
            assert.deepEqual(ids(model, 'Prepare'), ['prepare-prepress', 'prepare-approve']);
            assert.equal(model.moveStepBy('prepare-prepress', -1), true, 'out of the top of Prepare');
            assert.deepEqual(ids(model, 'Receive'), ['receive-create-job', 'prepare-prepress']);
            assert.equal(model.moveStepBy('prepare-prepress', 1), true, 'back down into Prepare');
            assert.deepEqual(ids(model, 'Prepare'), ['prepare-prepress', 'prepare-approve']);
            assert.equal(model.moveStepBy('prepare-approve', 1), true, 'out of the bottom of Prepare');
            assert.deepEqual(ids(model, 'Print'), ['prepare-approve', 'print-print']);
            for (let i = 0; i < 4; i++) {
                model.undo();
            }
            assert.equal(model.dirty, false);
        });

        it('stops at the ends, and a protected step at the edge of its phases', () => {
            const { model } = open();
            assert.equal(model.moveStepBy('receive-create-job', -1), false);
            assert.equal(model.moveStepBy('receive-create-job', 1), false, 'Create Job stays in Receive');
            assert.equal(model.moveStepBy('complete-retain', 1), false);
            assert.equal(model.moveStepBy('complete-retain', -1), false, 'Retain stays in Complete');
            model.addStep(ActivityTypes.approve, 'Complete');
            const approve = ids(model, 'Complete')[1];
            assert.equal(model.moveStepBy(approve, 1), false);
            assert.equal(model.moveStepBy('no-such-step', 1), false);
        });

        it('moves an unprotected step over an empty lane into the next one', () => {
            const { model } = open();
            model.moveStep('print-print', 'Prepare', 2);
            assert.deepEqual(ids(model, 'Print'), []);
            model.addStep(ActivityTypes.approve, 'Complete', 0);
            const approve = ids(model, 'Complete')[0];
            assert.equal(model.moveStepBy(approve, -1), true);
            assert.deepEqual(ids(model, 'Print'), [approve], 'an empty lane is a place to stop');
        });
    });

    describe('removing a step', () => {
        it('removes it, selects its neighbour, and undo puts it back where it was', () => {
            const { model } = open();
            model.select('prepare-approve');
            assert.equal(model.removeStep('prepare-approve'), true);
            assert.deepEqual(ids(model, 'Prepare'), ['prepare-prepress']);
            assert.deepEqual(model.selection, { stepId: 'prepare-prepress', phase: 'Prepare' });
            assert.equal(model.undoLabel, 'Delete Approve');
            model.undo();
            assert.deepEqual(ids(model, 'Prepare'), ['prepare-approve', 'prepare-prepress']);
            assert.deepEqual(model.selection, { stepId: 'prepare-approve', phase: 'Prepare' });
            model.redo();
            assert.deepEqual(ids(model, 'Prepare'), ['prepare-prepress']);
        });

        it('removes protected steps too (validation then complains)', () => {
            const { model } = open();
            assert.equal(model.removeStep('receive-create-job'), true);
            assert.deepEqual(ids(model, 'Receive'), []);
            assert.equal(model.removeStep('receive-create-job'), false, 'it is gone');
        });
    });

    describe('editing properties', () => {
        it('sets a property; typing into one field is one undo step', () => {
            const { model, tick } = open();
            for (const text of ['C', 'Ch', 'Che', 'Check bleed']) {
                assert.equal(model.setStepProperty('prepare-prepress', 'instructions', text), true);
                tick(200);
            }
            assert.equal(model.findStep('prepare-prepress')!.step.properties.instructions, 'Check bleed');
            assert.equal(model.undoLabel, 'Edit Prepress Check: Instructions for the operator');
            model.undo();
            assert.equal(model.findStep('prepare-prepress')!.step.properties.instructions, 'Check');
            assert.equal(model.canUndo, false);
            assert.equal(model.dirty, false);
            model.redo();
            assert.equal(model.findStep('prepare-prepress')!.step.properties.instructions, 'Check bleed');
        });

        it('makes separate undo steps after a pause, for another field, or after a selection change', () => {
            const { model, tick } = open();
            model.setStepProperty('complete-retain', 'days', 8);
            tick(1500);
            model.setStepProperty('complete-retain', 'days', 9);
            model.setStepProperty('complete-retain', 'hours', 2);
            model.select('print-print');
            model.select('complete-retain');
            model.setStepProperty('complete-retain', 'hours', 3);
            const values = (): unknown[] => [model.findStep('complete-retain')!.step.properties.days, model.findStep('complete-retain')!.step.properties.hours];
            assert.deepEqual(values(), [9, 3]);
            model.undo();
            assert.deepEqual(values(), [9, 2]);
            model.undo();
            assert.deepEqual(values(), [9, 0]);
            model.undo();
            assert.deepEqual(values(), [8, 0]);
            model.undo();
            assert.deepEqual(values(), [7, 0]);
            assert.equal(model.canUndo, false);
        });

        it('removes a property set to undefined, and ignores a value that is already there', () => {
            const { model } = open();
            assert.equal(model.setStepProperty('prepare-approve', 'instructions', 'Look'), false);
            assert.equal(model.setStepProperty('prepare-approve', 'instructions', undefined), true);
            assert.deepEqual(model.findStep('prepare-approve')!.step.properties, {});
        });

        it('replaces all properties of a step at once', () => {
            const { model } = open();
            assert.equal(model.setStepProperties('complete-retain', { indefinitely: true, days: 0, hours: 0 }), true);
            assert.deepEqual(model.findStep('complete-retain')!.step.properties, { indefinitely: true, days: 0, hours: 0 });
            assert.equal(model.setStepProperties('complete-retain', { indefinitely: true, days: 0, hours: 0 }), false);
            model.undo();
            assert.deepEqual(model.findStep('complete-retain')!.step.properties, { indefinitely: false, days: 7, hours: 0 });
        });

        it('lets protected steps\' properties be edited', () => {
            const { model } = open();
            assert.equal(model.setStepProperty('complete-retain', 'indefinitely', true), true);
        });

        it('sets and clears a step\'s own label', () => {
            const { model, tick } = open();
            model.setStepLabel('print-print', 'Print on the Xerox');
            assert.equal(model.findStep('print-print')!.step.label, 'Print on the Xerox');
            tick(2000);
            model.setStepLabel('print-print', '  ');
            assert.equal('label' in model.findStep('print-print')!.step, false);
            model.undo();
            assert.equal(model.findStep('print-print')!.step.label, 'Print on the Xerox');
            model.undo();
            assert.equal(model.dirty, false);
        });

        it('renames and describes the workflow, each undoable', () => {
            const { model, tick } = open();
            model.rename('Print jobs');
            tick(2000);
            model.describe('All printable products');
            assert.equal(model.draft.name, 'Print jobs');
            model.undo();
            assert.equal(model.draft.description, 'Printable products');
            assert.equal(model.draft.name, 'Print jobs');
            model.undo();
            assert.equal(model.draft.name, 'MarcomCentral print');
        });

        it('sets job defaults and overrides, undoably', () => {
            const { model } = open();
            assert.equal(model.setJobDefaults({ copies: 2, paper: 'A4' }, { priority: 'high' }), true);
            assert.deepEqual(model.draft.jobOverrides, { priority: 'high' });
            assert.equal(model.setJobDefaults({ copies: 2, paper: 'A4' }, { priority: 'high' }), false);
            model.undo();
            assert.deepEqual(model.draft.jobDefaults, { copies: 1 });
        });
    });

    describe('conditions', () => {
        it('adds, edits and clears a condition, each undone in turn', () => {
            const { model, tick } = open();
            assert.equal(model.setCondition('prepare-approve', { property: 'copies', comparison: 'greater-than', value: 100 }), true);
            assert.equal(model.undoLabel, 'Add a condition to Approve');
            tick(2000);
            model.setCondition('prepare-approve', { property: 'copies', comparison: 'greater-than', value: 500 });
            assert.equal(model.undoLabel, 'Edit the condition of Approve');
            tick(2000);
            assert.equal(model.clearCondition('prepare-approve'), true);
            assert.equal('condition' in model.findStep('prepare-approve')!.step, false);
            assert.equal(model.clearCondition('prepare-approve'), false, 'nothing to clear');

            model.undo();
            assert.deepEqual(model.findStep('prepare-approve')!.step.condition, { property: 'copies', comparison: 'greater-than', value: 500 });
            model.undo();
            assert.deepEqual(model.findStep('prepare-approve')!.step.condition, { property: 'copies', comparison: 'greater-than', value: 100 });
            model.undo();
            assert.equal(model.findStep('prepare-approve')!.step.condition, undefined);
            assert.equal(model.dirty, false);
            model.redo();
            model.redo();
            model.redo();
            assert.equal(model.findStep('prepare-approve')!.step.condition, undefined);
            assert.equal(model.canRedo, false);
        });

        it('makes typing into a condition one undo step, but not its adding', () => {
            const { model } = open();
            model.setCondition('print-print', { property: 'p', comparison: 'equals', value: '' });
            model.setCondition('print-print', { property: 'pa', comparison: 'equals', value: '' });
            model.setCondition('print-print', { property: 'paper', comparison: 'equals', value: '' });
            model.undo();
            assert.equal(model.findStep('print-print')!.step.condition?.property, 'p');
            model.undo();
            assert.equal(model.findStep('print-print')!.step.condition, undefined);
        });
    });

    describe('history', () => {
        it('clears redo after a new edit', () => {
            const { model } = open();
            model.addStep(ActivityTypes.approve, 'Print');
            model.undo();
            assert.equal(model.canRedo, true);
            model.rename('Another name');
            assert.equal(model.canRedo, false);
            assert.equal(model.redo(), false);
        });

        it('groups edits of a transaction into one undo step', () => {
            const { model } = open();
            const changed = model.transact('Add approval and print', () => {
                model.addStep(ActivityTypes.approve, 'Print', 0);
                model.transact('inner', () => model.removeStep('print-print'));
            });
            assert.equal(changed, true);
            assert.equal(model.undoLabel, 'Add approval and print');
            assert.equal(model.draft.phases.Print.length, 1);
            model.undo();
            assert.deepEqual(ids(model, 'Print'), ['print-print']);
            assert.equal(model.canUndo, false);
            assert.equal(model.transact('nothing', () => model.moveStep('print-print', 'Print', 0)), false);
            assert.equal(model.canUndo, false);
        });

        it('rolls a failed transaction back', () => {
            const { model } = open();
            assert.throws(() => model.transact('fails', () => {
                model.removeStep('print-print');
                throw new Error('boom');
            }), /boom/);
            assert.deepEqual(ids(model, 'Print'), ['print-print']);
            assert.equal(model.canUndo, false);
        });

        it('keeps at most the history limit', () => {
            const { model, tick } = open(printWorkflow(), { historyLimit: 3 });
            for (const name of ['a', 'b', 'c', 'd', 'e']) {
                tick(5000);
                model.rename(name);
            }
            assert.equal(model.undo() && model.undo() && model.undo(), true);
            assert.equal(model.undo(), false);
            assert.equal(model.draft.name, 'b');
        });

        it('tells listeners what changed and counts revisions', () => {
            const { model, changes } = open();
            const start = model.revision;
            model.addStep(ActivityTypes.approve, 'Print');
            model.select('print-print');
            model.undo();
            model.redo();
            assert.deepEqual(changes.map(change => change.kind), ['edit', 'selection', 'undo', 'redo']);
            assert.equal(changes[2].label, 'Add Approve');
            assert.equal(model.revision, start + 4);
        });
    });

    describe('dirty flag', () => {
        it('follows edits, undo, redo and saving', () => {
            const { model, dirtyChanges } = open();
            model.addStep(ActivityTypes.approve, 'Print');
            assert.equal(model.dirty, true);
            model.undo();
            assert.equal(model.dirty, false);
            model.redo();
            assert.equal(model.dirty, true);
            const sent = model.draft;
            model.markSaved({ id: 'marcomcentral-print', version: 4, updatedAt: '2025-01-02T00:00:00.000Z', updatedBy: 'admin' }, sent);
            assert.equal(model.dirty, false);
            assert.equal(model.base.version, 4);
            model.undo();
            assert.equal(model.dirty, true, 'undo after saving differs from what is saved');
            model.redo();
            assert.equal(model.dirty, false);
            assert.deepEqual(dirtyChanges, [true, false, true, false, true, false]);
        });

        it('stays dirty for edits made while saving', () => {
            const { model } = open();
            model.rename('First');
            const sent = model.draft;
            model.select(undefined);
            model.describe('made while the save was under way');
            model.markSaved({ id: 'marcomcentral-print', version: 4 }, sent);
            assert.equal(model.dirty, true);
            assert.equal(model.savedDraft.name, 'First');
        });

        it('is clean again when an edit is reversed by hand', () => {
            const { model, tick } = open();
            model.setStepProperty('complete-retain', 'days', 30);
            tick(5000);
            model.setStepProperty('complete-retain', 'days', 7);
            assert.equal(model.dirty, false);
            assert.equal(model.canUndo, true);
        });
    });

    describe('read-only', () => {
        it('refuses every edit and undo, but lets a step be selected', () => {
            const { model, changes } = open(printWorkflow(), { readOnly: true });
            assert.equal(model.addStep(ActivityTypes.approve, 'Print'), undefined);
            assert.equal(model.moveStep('prepare-approve', 'Print', 0), false);
            assert.equal(model.moveStepBy('prepare-approve', 1), false);
            assert.equal(model.removeStep('prepare-approve'), false);
            assert.equal(model.setStepProperty('prepare-approve', 'instructions', 'x'), false);
            assert.equal(model.setCondition('prepare-approve', { property: 'copies', comparison: 'equals', value: 1 }), false);
            assert.equal(model.rename('x'), false);
            assert.equal(model.transact('x', () => model.rename('y')), false);
            assert.equal(model.undo(), false);
            assert.equal(model.dirty, false);
            model.select('print-print');
            assert.deepEqual(changes.map(change => change.kind), ['selection']);
        });

        it('can be switched on after edits, which then cannot be undone', () => {
            const { model } = open();
            model.rename('x');
            model.readOnly = true;
            assert.equal(model.canUndo, false);
            model.readOnly = false;
            assert.equal(model.canUndo, true);
        });
    });

    describe('reload and content', () => {
        it('reset drops local edits and history and keeps a selection that still exists', () => {
            const { model } = open();
            model.addStep(ActivityTypes.approve, 'Print');
            model.select('print-print');
            const newer = { ...printWorkflow(), version: 5, name: 'Changed elsewhere' };
            model.reset(newer);
            assert.equal(model.draft.name, 'Changed elsewhere');
            assert.equal(model.base.version, 5);
            assert.equal(model.dirty, false);
            assert.equal(model.canUndo, false);
            assert.equal(model.selection.stepId, 'print-print');
        });

        it('produces content the service accepts', () => {
            const { model } = open();
            model.addStep(ArchiveCopy.type, 'Complete', 0);
            model.setCondition('print-print', { property: 'copies', comparison: 'less-than', value: 10 });
            const parsed = WorkflowContentSchema.safeParse(model.toContent());
            assert.equal(parsed.success, true, parsed.error?.message);
            assert.deepEqual(parsed.data!.phases.Print[0].condition, { property: 'copies', comparison: 'less-than', value: 10 });
        });

        it('opens content that is not saved yet', () => {
            const model = new WorkflowEditorModel({ name: 'New', phases: { Receive: [step('r', ActivityTypes.createJob)] } }, { activities: type => ACTIVITIES.get(type) });
            assert.deepEqual(model.draft.phases.Complete, []);
            assert.equal(model.base.id, undefined);
            assert.equal(model.draft.description, '');
        });
    });

    describe('a 40-step workflow', () => {
        function fortySteps(): Workflow {
            const workflow = printWorkflow();
            const make = (phase: string, count: number, activity: string): WorkflowStep[] =>
                Array.from({ length: count }, (_, index) => step(`${phase}-${index}`, activity, defaultPropertiesOf(ACTIVITIES.get(activity)!)));
            return {
                ...workflow,
                phases: {
                    Receive: [step('receive-create-job', ActivityTypes.createJob), ...make('receive', 9, ActivityTypes.copyToFolder)],
                    Prepare: make('prepare', 10, ActivityTypes.runExternalApplication),
                    Print: make('print', 10, ActivityTypes.approve),
                    Complete: [...make('complete', 9, ActivityTypes.copyToFolder), step('complete-retain', ActivityTypes.retain)]
                }
            };
        }

        it('shares every lane and step an edit does not touch with the previous draft', () => {
            const { model } = open(fortySteps());
            assert.equal(model.stepCount, 40);
            const before = model.draft;
            model.moveStep('prepare-3', 'Print', 5);
            assert.equal(model.draft.phases.Receive, before.phases.Receive);
            assert.equal(model.draft.phases.Complete, before.phases.Complete);
            assert.equal(model.draft.phases.Print[0], before.phases.Print[0]);
            assert.equal(model.draft.phases.Print[5], before.phases.Prepare[3], 'the moved step is the same object');
            const moved = model.draft;
            model.setStepProperty('print-9', 'instructions', 'x');
            assert.equal(model.draft.phases.Prepare, moved.phases.Prepare);
            assert.equal(model.draft.phases.Print[0], moved.phases.Print[0]);
            model.undo();
            assert.equal(model.draft, moved, 'undo restores the very snapshot');
        });

        it('runs a thousand drags, drops, edits and undos well within a frame each', () => {
            const { model, tick } = open(fortySteps());
            const phases = ['Receive', 'Prepare', 'Print', 'Complete'] as const;
            const started = process.hrtime.bigint();
            for (let i = 0; i < 1000; i++) {
                tick(10);
                switch (i % 5) {
                    case 0: model.moveStep(`print-${i % 10}`, phases[1 + (i % 2)], i % 11); break;
                    case 1: model.addStep(ActivityTypes.approve, 'Print', i % 7); break;
                    case 2: model.setStepProperty(`prepare-${i % 10}`, 'timeoutSeconds', i); break;
                    case 3: model.undo(); break;
                    default: model.redo();
                }
                void model.dirty;
            }
            const totalMs = Number(process.hrtime.bigint() - started) / 1e6;
            // A frame is 16 ms; each operation must leave nearly all of it to rendering.
            assert.ok(totalMs / 1000 < 2, `${(totalMs / 1000).toFixed(3)} ms per operation on average`);
            assert.ok(model.stepCount > 40, 'the additions were made');
        });
    });
});
