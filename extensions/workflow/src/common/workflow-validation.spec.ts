import * as assert from 'node:assert/strict';
import { z } from 'zod';
import type { ActivityDefinition } from '@presswork/platform/lib/common/activity-ui-contribution';
import type { WorkflowStep } from '@presswork/platform/lib/common/workflow-schema';
import { ActivityTypes } from '@presswork/platform/lib/common/well-known';
import { PrintActivity } from '@presswork/output/lib/common/print-activity';
import { CopyToFolderActivity, SUPPLIED_ACTIVITIES } from './supplied-activities';
import { resolveCustomActivities } from './custom-activity-schema';
import {
    ResolvedActivity, ValidatableWorkflow, WorkflowProblem, WorkflowValidationOptions, countProblems, hasErrors, validateWorkflow
} from './workflow-validation';

const CloseoutOrder: ActivityDefinition = {
    type: ActivityTypes.closeoutOrder,
    label: 'Closeout Order',
    description: 'Waits until the order is closed out.',
    iconClass: 'codicon codicon-package',
    allowedPhases: ['Print', 'Complete'],
    oncePerWorkflow: true,
    propertiesSchema: z.object({}),
    fields: []
};
const CustomPrint: ResolvedActivity = { ...PrintActivity, type: 'custom:xerox', label: 'Print on the Xerox', baseType: ActivityTypes.print, defaults: { printerId: 'xerox' } };
const CustomArchive: ResolvedActivity = { ...CopyToFolderActivity, type: 'custom:archive', label: 'Archive', baseType: ActivityTypes.copyToFolder, defaults: { folder: '/srv/archive' } };

const OPTIONS: WorkflowValidationOptions = {
    activities: [...SUPPLIED_ACTIVITIES, PrintActivity, CloseoutOrder, CustomPrint, CustomArchive],
    printers: [
        { id: 'demo-hot-folder', name: 'Demo hot folder', enabled: true },
        { id: 'xerox', name: 'Xerox Versant', enabled: true },
        { id: 'old-press', name: 'Old press', enabled: false },
        { id: 'digital', name: 'Pool: Digital presses', enabled: true, pool: true },
        { id: 'idle-pool', name: 'Pool: Idle presses', enabled: false, pool: true }
    ],
    knownProperties: ['paperType']
};

const step = (id: string, activity: string, properties: Record<string, unknown> = {}, extra: Partial<WorkflowStep> = {}): WorkflowStep =>
    ({ id, activity, properties, ...extra });

/** A valid workflow; each test breaks one rule. */
function valid(): { name: string; phases: { [P in 'Receive' | 'Prepare' | 'Print' | 'Complete']: WorkflowStep[] } } {
    return {
        name: 'MarcomCentral print',
        phases: {
            Receive: [step('create', ActivityTypes.createJob)],
            Prepare: [step('prepress', ActivityTypes.prepressCheck, { instructions: 'Check' })],
            Print: [step('print', ActivityTypes.print, { printerId: 'demo-hot-folder' })],
            Complete: [step('closeout', ActivityTypes.closeoutOrder), step('retain', ActivityTypes.retain, { indefinitely: false, days: 7, hours: 0 })]
        }
    };
}

const validate = (workflow: ValidatableWorkflow, options: WorkflowValidationOptions = OPTIONS): WorkflowProblem[] => validateWorkflow(workflow, options);
const rules = (problems: WorkflowProblem[]): string[] => problems.map(problem => `${problem.severity} ${problem.rule}${problem.stepId ? ` ${problem.stepId}` : ''}`);

describe('validateWorkflow', () => {

    it('finds nothing wrong with a valid workflow', () => {
        const problems = validate(valid());
        assert.deepEqual(problems, []);
        assert.equal(hasErrors(problems), false);
    });

    it('accepts the supplied default workflows\' shapes', () => {
        const stockItem = {
            name: 'MarcomCentral stock item',
            phases: {
                Receive: [step('receive-create-job', ActivityTypes.createJob)],
                Prepare: [step('prepare-approve', ActivityTypes.approve, { instructions: 'Pick the items from stock, then approve.' })],
                Print: [],
                Complete: [step('complete-retain', ActivityTypes.retain, { days: 7 })]
            }
        };
        assert.deepEqual(validate(stockItem), []);
    });

    it('refuses an activity in a phase it does not allow', () => {
        const workflow = valid();
        workflow.phases.Print = [];
        workflow.phases.Prepare.push(step('print-early', ActivityTypes.print, { printerId: 'demo-hot-folder' }));
        const problems = validate(workflow);
        assert.deepEqual(rules(problems), ['error phase-not-allowed print-early']);
        assert.equal(problems[0].phase, 'Prepare');
        assert.equal(problems[0].message, 'Prepare › Print: Print cannot run in Prepare; it belongs in Print');
        assert.equal(problems[0].detail, 'Print cannot run in Prepare; it belongs in Print');
    });

    it('names every allowed phase', () => {
        const workflow = valid();
        workflow.phases.Receive.push(step('retain-early', ActivityTypes.retain));
        assert.match(validate(workflow)[0].message, /Retain cannot run in Receive; it belongs in Complete$/);
    });

    it('requires a Create Job step in Receive', () => {
        const workflow = valid();
        workflow.phases.Receive = [step('approve', ActivityTypes.approve)];
        const problems = validate(workflow);
        assert.deepEqual(rules(problems), ['error missing-create-job']);
        assert.equal(problems[0].phase, 'Receive');
        assert.equal(problems[0].stepId, undefined);
    });

    it('refuses an empty Receive or Complete, but not an empty Prepare or Print', () => {
        const workflow = valid();
        workflow.phases.Receive = [];
        workflow.phases.Prepare = [];
        workflow.phases.Print = [];
        workflow.phases.Complete = [];
        const problems = validate(workflow);
        assert.deepEqual(rules(problems), ['error empty-phase', 'error empty-phase']);
        assert.deepEqual(problems.map(problem => problem.phase), ['Receive', 'Complete']);
    });

    describe('printers', () => {
        it('refuses a Print step without a printer, once, naming the field', () => {
            const workflow = valid();
            workflow.phases.Print = [step('print', ActivityTypes.print, { printerId: '' })];
            const problems = validate(workflow);
            assert.equal(problems.length, 1);
            assert.equal(problems[0].severity, 'error');
            assert.equal(problems[0].field, 'printerId');
            assert.equal(problems[0].message, 'Print › Print › Printer: Choose a printer');
        });

        it('refuses a printer that does not exist', () => {
            const workflow = valid();
            workflow.phases.Print = [step('print', ActivityTypes.print, { printerId: 'gone' })];
            const problems = validate(workflow);
            assert.deepEqual(rules(problems), ['error printer-missing print']);
            assert.match(problems[0].detail, /"gone" does not exist/);
        });

        it('warns about a disabled printer without blocking the save', () => {
            const workflow = valid();
            workflow.phases.Print = [step('print', ActivityTypes.print, { printerId: 'old-press' })];
            const problems = validate(workflow);
            assert.deepEqual(rules(problems), ['warning printer-disabled print']);
            assert.match(problems[0].message, /Old press is disabled/);
            assert.equal(hasErrors(problems), false);
        });

        it('accepts a pool as the printer, and warns about a pool with no enabled printer', () => {
            const workflow = valid();
            workflow.phases.Print = [step('print', ActivityTypes.print, { printerId: 'digital' })];
            assert.deepEqual(rules(validate(workflow)), []);
            workflow.phases.Print = [step('print', ActivityTypes.print, { printerId: 'idle-pool' })];
            const problems = validate(workflow);
            assert.deepEqual(rules(problems), ['warning printer-disabled print']);
            assert.match(problems[0].detail, /^Pool: Idle presses has no enabled printer: jobs wait here until one of its printers is enabled$/);
            assert.equal(hasErrors(problems), false);
        });

        it('checks a custom print activity\'s printer, its default included', () => {
            const workflow = valid();
            workflow.phases.Print = [step('xerox', CustomPrint.type)];
            assert.deepEqual(rules(validate(workflow)), []);
            assert.deepEqual(rules(validate(workflow, { ...OPTIONS, printers: [] })), ['error printer-missing xerox']);
            workflow.phases.Print = [step('xerox-old', CustomPrint.type, { printerId: 'old-press' })];
            assert.deepEqual(rules(validate(workflow)), ['warning printer-disabled xerox-old']);
        });

        it('reads a custom activity\'s default printer as the backend resolves it, from its schema', () => {
            const [resolved] = resolveCustomActivities([{
                id: 'versant', version: 1, label: 'Print on the Versant', description: '', baseType: ActivityTypes.print,
                defaults: { printerId: 'old-press' }, updatedAt: '2025-01-01T00:00:00.000Z'
            }], [...SUPPLIED_ACTIVITIES, PrintActivity]);
            const workflow = valid();
            workflow.phases.Print = [step('versant', resolved.type)];
            assert.deepEqual(rules(validate(workflow, { ...OPTIONS, activities: [...SUPPLIED_ACTIVITIES, PrintActivity, CloseoutOrder, resolved] })), ['warning printer-disabled versant']);
        });
    });

    describe('Closeout Order', () => {
        it('refuses it after Retain', () => {
            const workflow = valid();
            workflow.phases.Complete.reverse();
            const problems = validate(workflow);
            assert.deepEqual(rules(problems), ['error closeout-after-removal closeout']);
            assert.match(problems[0].message, /comes after Retain \(Complete\)/);
        });

        it('refuses it after Remove', () => {
            const workflow = valid();
            workflow.phases.Complete = [step('remove', ActivityTypes.remove), step('closeout', ActivityTypes.closeoutOrder)];
            assert.deepEqual(rules(validate(workflow)), ['error closeout-after-removal closeout']);
        });

        it('accepts it before Retain and Remove', () => {
            const workflow = valid();
            workflow.phases.Complete = [step('closeout', ActivityTypes.closeoutOrder), step('remove', ActivityTypes.remove)];
            assert.deepEqual(validate(workflow), []);
        });
    });

    describe('conditions', () => {
        it('warns about a condition on an unknown property', () => {
            const workflow = valid();
            workflow.phases.Prepare[0] = { ...workflow.phases.Prepare[0], condition: { property: 'papertype', comparison: 'equals', value: 'gloss' } };
            const problems = validate(workflow);
            assert.deepEqual(rules(problems), ['warning unknown-condition-property prepress']);
            assert.equal(problems[0].field, 'condition');
            assert.match(problems[0].message, /^Prepare › Prepress Check › Condition: names "papertype", which is not a known job property$/);
        });

        it('knows job fields, the given properties and the workflow\'s own job defaults and overrides', () => {
            const workflow = {
                ...valid(),
                jobDefaults: { finish: 'matte' },
                jobOverrides: { rush: true }
            };
            const conditioned = (property: string): WorkflowStep => step(`on-${property}`, ActivityTypes.approve, {}, { condition: { property, comparison: 'equals', value: 'x' } });
            workflow.phases.Prepare = ['copies', 'orderNumber', 'paperType', 'finish', 'rush'].map(conditioned);
            assert.deepEqual(validate(workflow), []);
        });

        it('refuses a condition without a property', () => {
            const workflow = valid();
            workflow.phases.Prepare[0] = { ...workflow.phases.Prepare[0], condition: { property: '', comparison: 'equals', value: 'x' } };
            assert.deepEqual(rules(validate(workflow)), ['error invalid-condition prepress']);
        });
    });

    describe('properties', () => {
        it('refuses invalid properties, naming the field by its label', () => {
            const workflow = valid();
            workflow.phases.Prepare = [step('copy', ActivityTypes.copyToFolder, { folder: 'relative/path', fileNamePattern: 'x', onCollision: 'keep-both' })];
            const problems = validate(workflow);
            assert.deepEqual(rules(problems), ['error invalid-properties copy']);
            assert.equal(problems[0].field, 'folder');
            assert.equal(problems[0].message, 'Prepare › Copy to Folder › Folder (absolute path): Folder must be an absolute path');
            assert.equal(problems[0].detail, 'Folder must be an absolute path');
        });

        it('names a missing property as required, and a list item by its line', () => {
            const workflow = valid();
            workflow.phases.Prepare = [step('run', ActivityTypes.runExternalApplication, { program: '/usr/bin/true', successCodes: [0, 'x'] })];
            const problems = validate(workflow);
            assert.deepEqual(problems.map(problem => problem.message), [
                'Prepare › Run External Application › Success return codes, line 2: The success return codes must be a number'
            ]);
            workflow.phases.Prepare = [step('run', ActivityTypes.runExternalApplication, { program: '/usr/bin/true', timeoutSeconds: undefined })];
            assert.deepEqual(validate(workflow), [], 'a default fills it');
            const strict: ActivityDefinition = { ...CloseoutOrder, type: 'strict', label: 'Strict', allowedPhases: ['Prepare'], propertiesSchema: z.object({ count: z.number() }), fields: [{ key: 'count', label: 'Count', kind: 'number' }] };
            workflow.phases.Prepare = [step('strict', 'strict')];
            assert.equal(validate(workflow, { ...OPTIONS, activities: [...OPTIONS.activities, strict] })[0].message, 'Prepare › Strict › Count: Required');
        });

        it('lays a custom activity\'s defaults under the step\'s properties', () => {
            const workflow = valid();
            workflow.phases.Prepare = [step('archive', CustomArchive.type)];
            assert.deepEqual(validate(workflow), []);
            workflow.phases.Prepare = [step('archive', CustomArchive.type, { folder: 'nope' })];
            assert.deepEqual(rules(validate(workflow)), ['error invalid-properties archive']);
        });

        it('checks an edited step again, not a remembered result', () => {
            const workflow = valid();
            const bad = step('copy', ActivityTypes.copyToFolder, { folder: '' });
            workflow.phases.Prepare = [bad];
            assert.deepEqual(validate(workflow).map(problem => problem.detail), ['Folder is required'], 'one problem per field');
            workflow.phases.Prepare = [{ ...bad, properties: { folder: '/srv/out' } }];
            assert.deepEqual(validate(workflow), []);
        });
    });

    it('refuses an unknown activity type', () => {
        const workflow = valid();
        workflow.phases.Prepare.push(step('mystery', 'no-such-activity'));
        const problems = validate(workflow);
        assert.deepEqual(rules(problems), ['error unknown-activity mystery']);
        assert.equal(problems[0].message, 'Prepare › no-such-activity: Unknown activity "no-such-activity": it is not installed or was deleted');
    });

    it('refuses two steps with one id', () => {
        const workflow = valid();
        workflow.phases.Prepare.push(step('prepress', ActivityTypes.approve));
        assert.deepEqual(rules(validate(workflow)), ['error duplicate-step-id prepress']);
    });

    it('refuses an empty name when it is given, and is content with phases alone', () => {
        assert.deepEqual(rules(validate({ ...valid(), name: '  ' })), ['error missing-name']);
        assert.deepEqual(validate({ phases: valid().phases }), []);
    });

    it('lists problems in the order of the workflow and counts them', () => {
        const workflow = valid();
        workflow.phases.Receive = [step('approve', ActivityTypes.approve)];
        workflow.phases.Print = [step('print', ActivityTypes.print, { printerId: 'old-press' })];
        workflow.phases.Complete = [];
        const problems = validate(workflow);
        assert.deepEqual(rules(problems), ['error missing-create-job', 'warning printer-disabled print', 'error empty-phase']);
        assert.deepEqual(countProblems(problems), { errors: 2, warnings: 1 });
    });

    describe('once-only activities', () => {
        const print = (id: string, condition?: WorkflowStep['condition']): WorkflowStep =>
            step(id, ActivityTypes.print, { printerId: 'demo-hot-folder' }, condition ? { condition } : {});
        const paper = (comparison: 'equals' | 'not-equals' | 'contains', value: string): WorkflowStep['condition'] => ({ property: 'paperType', comparison, value });

        it('refuses a second Print step, naming the first, on the second step', () => {
            const workflow = valid();
            workflow.phases.Print.push(print('print-again'));
            const problems = validate(workflow);
            assert.deepEqual(rules(problems), ['error once-per-workflow print-again']);
            assert.equal(problems[0].message,
                'Print › Print: Print may run only once for a job, and Print (Print) runs it already: remove one, or give both conditions that exclude each other');
            assert.equal(hasErrors(problems), true);
        });

        it('counts a custom activity as its base: a custom Print and Print print twice', () => {
            const workflow = valid();
            workflow.phases.Print.push(step('xerox', 'custom:xerox'));
            assert.deepEqual(rules(validate(workflow)), ['error once-per-workflow xerox']);
        });

        it('refuses a second Closeout Order, even in another phase', () => {
            const workflow = valid();
            workflow.phases.Print.push(step('closeout-early', ActivityTypes.closeoutOrder));
            assert.deepEqual(rules(validate(workflow)), ['error once-per-workflow closeout']);
        });

        it('accepts two Print steps whose conditions exclude each other', () => {
            const workflow = valid();
            workflow.phases.Print = [print('gloss', paper('equals', 'Gloss')), print('matte', paper('equals', 'matte'))];
            assert.deepEqual(validate(workflow), []);
            workflow.phases.Print = [print('gloss', paper('equals', 'Gloss')), print('other', paper('not-equals', 'gloss'))];
            assert.deepEqual(validate(workflow), []);
        });

        it('refuses two Print steps whose conditions may both hold', () => {
            const workflow = valid();
            workflow.phases.Print = [print('gloss', paper('equals', 'Gloss')), print('also-gloss', paper('equals', 'GLOSS'))];
            assert.deepEqual(rules(validate(workflow)), ['error once-per-workflow also-gloss']);
            workflow.phases.Print = [print('gloss', paper('equals', 'Gloss')), print('any', paper('contains', 'o'))];
            assert.deepEqual(rules(validate(workflow)), ['error once-per-workflow any']);
            workflow.phases.Print = [print('gloss', paper('equals', 'Gloss')), print('always')];
            assert.deepEqual(rules(validate(workflow)), ['error once-per-workflow always']);
        });

        it('lets activities the catalog does not mark run several times', () => {
            const workflow = valid();
            workflow.phases.Prepare.push(step('prepress-2', ActivityTypes.prepressCheck, { instructions: 'Check again' }));
            assert.deepEqual(validate(workflow), []);
        });
    });
});
