import * as React from '@theia/core/shared/react';
import { nls } from '@theia/core/lib/common/nls';
import { codicon } from './workflow-icons';
import { PHASES } from '@presswork/platform/lib/common/job-status';
import type { WorkflowProblem } from '../common/workflow-validation';
import { ActivityPalette } from './activity-palette';
import { PhaseLane } from './phase-lane';
import { StepProperties } from './step-properties';
import type { WorkflowDesignerController } from './workflow-designer-controller';
import type { DropTarget } from './workflow-drag';

export const PROBLEMS_CLASS = 'presswork-workflow-problems';

/**
 * The designer: toolbar, the Activities palette, the four phase lanes, the Properties panel and
 * the problems list. It re-renders when the controller says the model or its context changed;
 * lanes and cards are memoised, so an edit re-renders only what it touched.
 */
export function WorkflowDesigner({ controller }: { controller: WorkflowDesignerController }): React.ReactElement {
    React.useSyncExternalStore(controller.subscribe, controller.getSnapshot, controller.getSnapshot);
    const [drop, setDrop] = React.useState<DropTarget | undefined>();
    const root = React.useRef<HTMLDivElement>(null);
    React.useLayoutEffect(() => {
        controller.attach(root.current ?? undefined);
        controller.applyPendingFocus();
    });
    React.useEffect(() => () => controller.attach(undefined), [controller]);

    const model = controller.model;
    const context = controller.context;
    const draft = model.draft;
    const selection = model.selection;
    const problems = controller.problems;
    const stepProblems = controller.stepProblems;
    const selected = model.selectedStep;
    const firstLaneWithSteps = PHASES.find(phase => draft.phases[phase].length > 0);
    const knownProperties = React.useMemo(
        () => [...new Set([...context.knownProperties, ...Object.keys(draft.jobDefaults), ...Object.keys(draft.jobOverrides)])].sort(),
        [context.knownProperties, draft.jobDefaults, draft.jobOverrides]);
    const panelProblems = React.useMemo(
        () => problems.filter(problem => selected ? problem.stepId === selected.step.id : !problem.stepId && !problem.phase),
        [problems, selected]);

    const endDrag = React.useCallback(() => {
        controller.dragging = undefined;
        setDrop(undefined);
    }, [controller]);

    return <div className='presswork-workflow-designer' ref={root} onDragEnd={endDrag}>
        <Toolbar controller={controller} />
        {context.readOnly && <div className='presswork-workflow-banner' role='status'>
            <span className={codicon('lock')} aria-hidden /> {nls.localize('presswork/workflow/readOnlyBanner', 'Read-only: only administrators change workflows.')}
            {context.canEditJobDefaults && ` ${nls.localize('presswork/workflow/readOnlyJobDefaults', 'You can set its job defaults and overrides (Job defaults…).')}`}
        </div>}
        {context.notice && <div className='presswork-workflow-banner presswork-workflow-banner--warning' role='alert'>
            <span className={codicon('warning')} aria-hidden /> {context.notice.message}
            {!context.readOnly && <span className='presswork-workflow-banner-actions'>
                {context.notice.kind === 'stale' && <button className='theia-button secondary' onClick={() => controller.host.reload()}>{nls.localize('presswork/workflow/reload', 'Reload')}</button>}
                <button className='theia-button secondary' onClick={() => controller.host.saveAsCopy()}>{nls.localize('presswork/workflow/saveAsCopy', 'Save as copy')}</button>
            </span>}
        </div>}
        <div className='presswork-workflow-body'>
            <ActivityPalette catalog={context.catalog} readOnly={context.readOnly} controller={controller} />
            <div className='presswork-workflow-lanes' role='group' aria-label={nls.localize('presswork/workflow/editorLanes', 'Editor')}>
                {PHASES.map(phase => <PhaseLane key={phase}
                    phase={phase}
                    steps={draft.phases[phase]}
                    selectedStepId={selection.phase === phase ? selection.stepId : undefined}
                    laneSelected={selection.phase === phase}
                    drop={drop?.phase === phase ? drop : undefined}
                    problems={stepProblems}
                    catalog={context.catalog}
                    printers={context.printers}
                    readOnly={context.readOnly}
                    tabStop={phase === firstLaneWithSteps && !selection.stepId}
                    controller={controller}
                    setDrop={setDrop} />)}
            </div>
            <StepProperties controller={controller}
                location={selected}
                activity={selected ? context.catalog.get(selected.step.activity) : undefined}
                draft={draft}
                problems={panelProblems}
                printers={context.printers}
                knownProperties={knownProperties}
                readOnly={context.readOnly}
                canEditJobDefaults={context.canEditJobDefaults} />
        </div>
        <ProblemsList problems={problems} controller={controller} />
    </div>;
}

function Toolbar({ controller }: { controller: WorkflowDesignerController }): React.ReactElement {
    const model = controller.model;
    const context = controller.context;
    const { errors, warnings } = controller.counts;
    const version = model.base.version ?? '–';
    const status = context.saving ? nls.localize('presswork/workflow/saving', 'Saving…')
        : context.readOnly ? nls.localize('presswork/workflow/version', 'Version {0}', version)
            : model.dirty ? nls.localize('presswork/workflow/unsavedChanges', 'Unsaved changes') : nls.localize('presswork/workflow/savedAsVersion', 'Saved as version {0}', version);
    return <div className='presswork-workflow-toolbar' role='toolbar' aria-label={nls.localize('presswork/workflow/workflowEditor', 'Workflow editor')}>
        {!context.readOnly && <>
            <button className='theia-button' disabled={!controller.canSave} onClick={() => controller.host.save()}
                title={errors ? nls.localize('presswork/workflow/fixErrorsFirst', 'Fix the errors in the problems list before saving') : nls.localize('presswork/workflow/saveTitle', 'Save (Ctrl+S)')}>
                <span className={codicon('save')} aria-hidden /> {nls.localize('presswork/workflow/save', 'Save')}
            </button>
            <button className='theia-button secondary' disabled={!model.canUndo} onClick={() => controller.undo()}
                title={model.undoLabel ? nls.localize('presswork/workflow/undoTitle', 'Undo {0} (Ctrl+Z)', model.undoLabel) : nls.localize('presswork/workflow/nothingToUndo', 'Nothing to undo')}>
                <span className={codicon('discard')} aria-hidden /> {nls.localize('presswork/workflow/undo', 'Undo')}
            </button>
            <button className='theia-button secondary' disabled={!model.canRedo} onClick={() => controller.redo()}
                title={model.redoLabel ? nls.localize('presswork/workflow/redoTitle', 'Redo {0} (Ctrl+Shift+Z)', model.redoLabel) : nls.localize('presswork/workflow/nothingToRedo', 'Nothing to redo')}>
                <span className={codicon('redo')} aria-hidden /> {nls.localize('presswork/workflow/redo', 'Redo')}
            </button>
        </>}
        {context.canEditJobDefaults && <button className='theia-button secondary' onClick={() => controller.host.editJobDefaults()}>{nls.localize('presswork/workflow/jobDefaultsButton', 'Job defaults…')}</button>}
        <span className='presswork-workflow-status' role='status'>
            {status}
            {errors > 0 && !context.readOnly && <span className='presswork-workflow-status-errors'> · {errors === 1 ? nls.localize('presswork/workflow/errorBlocksSaving', '{0} error blocks saving', errors) : nls.localize('presswork/workflow/errorsBlockSaving', '{0} errors block saving', errors)}</span>}
            {warnings > 0 && <span className='presswork-workflow-status-warnings'> · {warnings === 1 ? nls.localize('presswork/workflow/oneWarning', '{0} warning', warnings) : nls.localize('presswork/workflow/warnings', '{0} warnings', warnings)}</span>}
        </span>
    </div>;
}

const ProblemsList = React.memo(function ProblemsList({ problems, controller }: { problems: readonly WorkflowProblem[]; controller: WorkflowDesignerController }): React.ReactElement {
    const errors = problems.filter(problem => problem.severity === 'error').length;
    return <section className={PROBLEMS_CLASS} aria-label={nls.localize('presswork/workflow/problems', 'Problems')}>
        <h3 className='presswork-workflow-panel-title'>{nls.localize('presswork/workflow/problems', 'Problems')}
            <span className='presswork-workflow-problem-count'>{problemCount(errors, problems.length - errors)}</span>
        </h3>
        {problems.length
            ? <ul>{problems.map((problem, index) => <li key={`${problem.rule}:${problem.stepId ?? problem.phase ?? ''}:${problem.field ?? ''}:${index}`}>
                <button className={`presswork-workflow-problem presswork-workflow-problem--${problem.severity}`} data-problem-step={problem.stepId}
                    data-problem-rule={problem.rule} onClick={() => controller.reveal(problem)}>
                    <span className={codicon(problem.severity)} role='img' aria-label={problem.severity} /> {problem.message}
                </button>
            </li>)}</ul>
            : <p className='presswork-workflow-problems-none'>{nls.localize('presswork/workflow/noProblems', 'No problems.')}</p>}
    </section>;
});

/** "1 error, 2 warnings": each count with its own singular or plural. */
function problemCount(errors: number, warnings: number): string {
    const errorText = errors === 1 ? nls.localize('presswork/workflow/oneError', '{0} error', errors) : nls.localize('presswork/workflow/errors', '{0} errors', errors);
    const warningText = warnings === 1 ? nls.localize('presswork/workflow/oneWarning', '{0} warning', warnings) : nls.localize('presswork/workflow/warnings', '{0} warnings', warnings);
    return nls.localize('presswork/workflow/problemCount', '{0}, {1}', errorText, warningText);
}
