import * as React from '@theia/core/shared/react';
import { nls } from '@theia/core/lib/common/nls';
import { codicon } from './workflow-icons';
import type { Phase } from '@presswork/platform/lib/common/job-status';
import type { PrinterChoice } from '../common/workflow-protocol';
import type { StepCondition, WorkflowStep } from '@presswork/platform/lib/common/workflow-schema';
import { ResolvedActivity, stepName } from '../common/workflow-validation';
import type { ActivityCatalog } from './activity-catalog';
import type { StepProblemSummary, WorkflowDesignerController } from './workflow-designer-controller';
import { DropTarget, STEP_DRAG_TYPE, dropIndexAt, sameDropTarget } from './workflow-drag';

export interface PhaseLaneProps {
    readonly phase: Phase;
    readonly steps: readonly WorkflowStep[];
    /** The selected step if it is in this lane. */
    readonly selectedStepId: string | undefined;
    /** This lane is where the next added activity goes. */
    readonly laneSelected: boolean;
    /** The drop indicator, if a drag is over this lane. */
    readonly drop: DropTarget | undefined;
    readonly problems: ReadonlyMap<string, StepProblemSummary>;
    readonly catalog: ActivityCatalog;
    readonly printers: readonly PrinterChoice[];
    readonly readOnly: boolean;
    /** The first card of the whole editor is reachable with Tab when no step is selected. */
    readonly tabStop: boolean;
    readonly controller: WorkflowDesignerController;
    readonly setDrop: React.Dispatch<React.SetStateAction<DropTarget | undefined>>;
}

/** One colour-coded phase: its ordered steps, a drop target for activities and steps. */
export const PhaseLane = React.memo(function PhaseLane(props: PhaseLaneProps): React.ReactElement {
    const { phase, steps, selectedStepId, drop, controller, setDrop, readOnly } = props;
    const body = React.useRef<HTMLDivElement>(null);

    const onDragOver = React.useCallback((event: React.DragEvent<HTMLDivElement>) => {
        const activity = controller.draggedActivity();
        if (!activity || readOnly) {
            return;
        }
        // Theia's main area answers every dragover with the 'link' effect (for dropped files), which
        // would cancel a copy or a move: this drag is ours alone.
        event.stopPropagation();
        const allowed = controller.model.canPlace(activity, phase);
        const fits = controller.model.isAllowed(activity, phase);
        if (!allowed) {
            event.dataTransfer.dropEffect = 'none';
            setDrop(previous => previous?.phase === phase && !previous.allowed ? previous : { phase, index: -1, allowed, fits });
            return;
        }
        event.preventDefault();
        event.dataTransfer.dropEffect = controller.dragging?.kind === 'step' ? 'move' : 'copy';
        const cards = body.current ? Array.from(body.current.querySelectorAll<HTMLElement>(':scope > [data-step-id]')) : [];
        const middles = cards.map(card => {
            const rect = card.getBoundingClientRect();
            return rect.top + rect.height / 2;
        });
        const next: DropTarget = { phase, index: dropIndexAt(middles, event.clientY), allowed, fits };
        setDrop(previous => sameDropTarget(previous, next) ? previous : next);
    }, [controller, phase, readOnly, setDrop]);

    const onDragLeave = React.useCallback((event: React.DragEvent<HTMLElement>) => {
        // Leaving a card inside the lane fires too, and browsers do not always say where to:
        // only a pointer outside the lane's box has left it.
        const box = event.currentTarget.getBoundingClientRect();
        const inside = event.clientX > box.left && event.clientX < box.right && event.clientY > box.top && event.clientY < box.bottom;
        if (!inside) {
            setDrop(previous => previous?.phase === phase ? undefined : previous);
        }
    }, [phase, setDrop]);

    const onDrop = React.useCallback((event: React.DragEvent<HTMLDivElement>) => {
        event.preventDefault();
        event.stopPropagation();
        const cards = body.current ? Array.from(body.current.querySelectorAll<HTMLElement>(':scope > [data-step-id]')) : [];
        const index = dropIndexAt(cards.map(card => {
            const rect = card.getBoundingClientRect();
            return rect.top + rect.height / 2;
        }), event.clientY);
        setDrop(undefined);
        controller.drop(phase, index);
    }, [controller, phase, setDrop]);

    const onLaneClick = React.useCallback((event: React.MouseEvent) => {
        if (!(event.target as HTMLElement).closest('[data-step-id]')) {
            controller.selectPhase(phase);
        }
    }, [controller, phase]);

    const items: React.ReactNode[] = [];
    const indicator = drop?.allowed
        ? <div key='presswork-drop-indicator' className={`presswork-drop-indicator${drop.fits ? '' : ' presswork-drop-indicator--misfit'}`} aria-hidden />
        : undefined;
    steps.forEach((step, index) => {
        if (indicator && drop!.index === index) {
            items.push(indicator);
        }
        const activity = props.catalog.get(step.activity);
        const problem = props.problems.get(step.id);
        items.push(<StepCard key={step.id}
            step={step}
            activity={activity}
            selected={step.id === selectedStepId}
            tabbable={step.id === selectedStepId || (props.tabStop && index === 0 && !selectedStepId)}
            severity={problem?.severity}
            problemText={problem?.text}
            summary={summarize(step, activity, props.printers)}
            readOnly={readOnly}
            controller={controller} />);
    });
    if (indicator && drop!.index >= steps.length) {
        items.push(indicator);
    }
    const misfit = drop && !drop.allowed ? 'presswork-workflow-lane--refuses' : drop && !drop.fits ? 'presswork-workflow-lane--misfit' : '';

    return <section className={`presswork-workflow-lane ${props.laneSelected ? 'presswork-workflow-lane--selected' : ''} ${misfit}`}
        data-phase={phase} aria-label={nls.localize('presswork/workflow/phaseLane', '{0} phase', phase)} onDragLeave={onDragLeave} onClick={onLaneClick}>
        <header className='presswork-workflow-lane-header'>
            <span className='presswork-workflow-lane-title'>{phase}</span>
            <span className='presswork-workflow-lane-count' aria-label={nls.localize('presswork/workflow/stepCount', '{0} steps', steps.length)}>{steps.length}</span>
        </header>
        {/* A listbox must hold options: an empty lane is a group with its hint. */}
        <div ref={body} className='presswork-workflow-lane-body' role={steps.length ? 'listbox' : 'group'} aria-label={nls.localize('presswork/workflow/phaseSteps', '{0} steps', phase)}
            tabIndex={steps.length ? -1 : 0} onFocus={event => event.target === event.currentTarget && controller.selectPhase(phase)}
            onDragOver={onDragOver} onDrop={onDrop}>
            {items}
            {!steps.length && <div className='presswork-workflow-lane-empty'>
                {readOnly ? nls.localize('presswork/workflow/noSteps', 'No steps') : drop && !drop.allowed ? nls.localize('presswork/workflow/notAllowedHere', 'Not allowed here') : nls.localize('presswork/workflow/dropActivitiesHere', 'Drop activities here')}
            </div>}
        </div>
        {drop && !drop.allowed && <div className='presswork-workflow-lane-hint' role='status'>{nls.localize('presswork/workflow/cannotStandIn', 'This activity cannot stand in {0}', phase)}</div>}
        {drop?.allowed && !drop.fits && <div className='presswork-workflow-lane-hint' role='status'>{nls.localize('presswork/workflow/doesNotBelongIn', 'This activity does not belong in {0}', phase)}</div>}
    </section>;
});

export interface StepCardProps {
    readonly step: WorkflowStep;
    readonly activity: ResolvedActivity | undefined;
    readonly selected: boolean;
    /** Reached with Tab (the selected card, or the first one when none is). */
    readonly tabbable: boolean;
    readonly severity: 'error' | 'warning' | undefined;
    readonly problemText: string | undefined;
    readonly summary: string | undefined;
    readonly readOnly: boolean;
    readonly controller: WorkflowDesignerController;
}

/** A step: icon, label, what it is set to, its condition and its problem marker. Re-renders only when these change. */
export const StepCard = React.memo(function StepCard(props: StepCardProps): React.ReactElement {
    const { step, activity, selected, severity, problemText, controller, readOnly } = props;
    const name = stepName(step, activity);

    const onDragStart = (event: React.DragEvent<HTMLDivElement>): void => {
        controller.dragging = { kind: 'step', stepId: step.id };
        event.dataTransfer.effectAllowed = 'move';
        event.dataTransfer.setData(STEP_DRAG_TYPE, step.id);
        event.dataTransfer.setData('text/plain', name);
        controller.select(step.id);
    };
    const onKeyDown = (event: React.KeyboardEvent<HTMLDivElement>): void => {
        if (event.altKey || event.ctrlKey || event.metaKey) {
            return;
        }
        if (event.key === 'ArrowUp' || event.key === 'ArrowDown') {
            event.preventDefault();
            controller.selectAdjacent(step.id, event.key === 'ArrowUp' ? -1 : 1);
        } else if (event.key === 'Enter' || event.key === 'F2') {
            event.preventDefault();
            controller.focusSelector('#presswork-workflow-properties input, #presswork-workflow-properties select, #presswork-workflow-properties textarea');
        }
    };
    const classes = ['presswork-step-card'];
    if (selected) {
        classes.push('presswork-step-card--selected');
    }
    if (severity) {
        classes.push(`presswork-step-card--${severity}`);
    }
    const condition = step.condition && describeCondition(step.condition);
    return <div className={classes.join(' ')} data-step-id={step.id} data-activity={step.activity}
        title={cardTooltip(name, props.summary, condition, severity && problemText)}
        role='option' aria-selected={selected} tabIndex={props.tabbable ? 0 : -1}
        aria-label={severity ? nls.localize('presswork/workflow/stepCardProblem', '{0}, {1}: {2}', name, severity, String(problemText)) : name}
        draggable={!readOnly} onDragStart={readOnly ? undefined : onDragStart}
        onClick={() => controller.select(step.id)} onFocus={() => !selected && controller.select(step.id)} onKeyDown={onKeyDown}>
        <span className={`presswork-step-icon ${activity?.iconClass ?? codicon('question')}`} aria-hidden />
        <span className='presswork-step-text'>
            <span className='presswork-step-label'>{name}</span>
            {props.summary && <span className='presswork-step-summary'>{props.summary}</span>}
            {condition && <span className='presswork-step-condition'><span className={codicon('filter')} aria-hidden /> {condition}</span>}
        </span>
        {activity?.protected && <span className={`presswork-step-protected ${codicon('lock-small')}`} title={nls.localize('presswork/workflow/protectedActivity', 'Protected activity')} aria-hidden />}
        {severity && <span className={`presswork-step-problem ${codicon(severity)}`} title={problemText} aria-hidden />}
    </div>;
});

/** The card's whole text on hover, for what a narrow lane cuts short (the summary, the condition, the problem). */
export function cardTooltip(name: string, summary: string | undefined, condition: string | undefined, problem: string | undefined): string {
    return [name, summary, condition, problem].filter(line => !!line).join('\n');
}

const COMPARISONS: Record<StepCondition['comparison'], string> = {
    'equals': '=',
    'not-equals': '≠',
    'contains': nls.localize('presswork/workflow/conditionContains', 'contains'),
    'greater-than': '>',
    'less-than': '<'
};

export function describeCondition(condition: StepCondition): string {
    const value = typeof condition.value === 'string' ? `"${condition.value}"` : String(condition.value);
    return nls.localize('presswork/workflow/onlyWhen', 'only when {0} {1} {2}', condition.property || '…', COMPARISONS[condition.comparison] ?? condition.comparison, value);
}

/** A short line under the card's label: the printer, the folder, the program, the retention. */
export function summarize(step: WorkflowStep, activity: ResolvedActivity | undefined, printers: readonly PrinterChoice[]): string | undefined {
    if (!activity) {
        return nls.localize('presswork/workflow/unknownActivity', 'Unknown activity {0}', step.activity);
    }
    const properties = { ...activity.defaults, ...step.properties };
    for (const field of activity.fields) {
        const value = properties[field.key];
        if (field.kind === 'printer') {
            return typeof value === 'string' && value ? printers.find(printer => printer.id === value)?.name ?? value : nls.localize('presswork/workflow/noPrinterChosen', 'No printer chosen');
        }
    }
    if (typeof properties.indefinitely === 'boolean' && typeof properties.days === 'number') {
        return properties.indefinitely ? nls.localize('presswork/workflow/indefinitely', 'Indefinitely') : nls.localize('presswork/workflow/retention', '{0} d {1} h', properties.days, String(properties.hours ?? 0));
    }
    const text = activity.fields.find(field => field.kind === 'text' && typeof properties[field.key] === 'string' && (properties[field.key] as string).trim());
    const value = text && String(properties[text.key]) || chosenSummary(activity, properties);
    return value ? (value.length > 60 ? `${value.slice(0, 57)}…` : value) : undefined;
}

/** The first choice list with something chosen, in words: "Group jobs by: Media, Sides". */
function chosenSummary(activity: ResolvedActivity, properties: Record<string, unknown>): string | undefined {
    for (const field of activity.fields) {
        const chosen = properties[field.key];
        if (field.kind === 'choice-list' && Array.isArray(chosen) && chosen.length) {
            const labels = chosen.map(value => field.choices?.find(choice => choice.value === value)?.label ?? String(value));
            return nls.localize('presswork/workflow/chosenSummary', '{0}: {1}', field.label, labels.join(', '));
        }
    }
    return undefined;
}
