import { DisposableCollection, Disposable } from '@theia/core/lib/common/disposable';
import type { PrinterChoice } from '../common/workflow-protocol';
import { Phase, PHASES } from '@presswork/platform/lib/common/job-status';
import { WorkflowEditorModel, StepLocation } from '../common/workflow-editor-model';
import { WorkflowProblem, countProblems, hasErrors, validateWorkflow } from '../common/workflow-validation';
import type { ActivityCatalog } from './activity-catalog';
import { DragPayload } from './workflow-drag';

/** What the widget around the designer does for it. */
export interface DesignerHost {
    save(): Promise<void>;
    editJobDefaults(): Promise<void>;
    /** Drops local changes and loads the newest version. */
    reload(): Promise<void>;
    saveAsCopy(): Promise<void>;
    /** Keeps the selected step's activity and properties as a custom activity for the palette. */
    saveStepAsCustomActivity(stepId: string): Promise<void>;
}

/** Shown above the lanes when the workflow changed or went away on the server. */
export interface DesignerNotice {
    readonly kind: 'stale' | 'deleted';
    readonly message: string;
}

/** Everything the designer shows beside the model; replaced as a whole when any part changes. */
export interface DesignerContext {
    readonly catalog: ActivityCatalog;
    readonly printers: readonly PrinterChoice[];
    /** Job properties the condition editor suggests. */
    readonly knownProperties: readonly string[];
    readonly readOnly: boolean;
    /** Job defaults and overrides may be changed (administrators in the draft, operators directly). */
    readonly canEditJobDefaults: boolean;
    readonly saving: boolean;
    readonly notice?: DesignerNotice;
}

/** A step's problems as plain values, so that a card re-renders only when they change. */
export interface StepProblemSummary {
    readonly severity: 'error' | 'warning';
    readonly text: string;
}

/**
 * Binds the model to the views: one stable object the React components receive, so their props and
 * handlers never change identity. It validates once per draft, keeps what is being dragged, and
 * moves focus after keyboard edits.
 */
export class WorkflowDesignerController implements Disposable {
    protected readonly listeners = new Set<() => void>();
    protected readonly toDispose = new DisposableCollection();
    protected _context: DesignerContext;
    protected version = 0;
    protected validated: { draft: unknown; context: DesignerContext; problems: readonly WorkflowProblem[]; byStep: ReadonlyMap<string, StepProblemSummary> } | undefined;

    /** What is being dragged over the editor, if it started in the editor. */
    dragging: DragPayload | undefined;
    /** A step card to focus after the next render. */
    protected pendingFocus: string | undefined;
    /** An element to focus after the next render (a CSS selector within the designer). */
    protected pendingFocusSelector: string | undefined;
    protected root: HTMLElement | undefined;

    constructor(readonly model: WorkflowEditorModel, context: DesignerContext, readonly host: DesignerHost) {
        this._context = context;
        this.toDispose.push(model.onDidChange(() => this.notify()));
    }

    dispose(): void {
        this.toDispose.dispose();
        this.listeners.clear();
    }

    // ---- subscription, for React's useSyncExternalStore ----

    readonly subscribe = (listener: () => void): (() => void) => {
        this.listeners.add(listener);
        return () => this.listeners.delete(listener);
    };

    readonly getSnapshot = (): number => this.version;

    protected notify(): void {
        this.version++;
        for (const listener of [...this.listeners]) {
            listener();
        }
    }

    get context(): DesignerContext {
        return this._context;
    }

    updateContext(change: Partial<DesignerContext>): void {
        this._context = { ...this._context, ...change };
        if (change.readOnly !== undefined) {
            this.model.readOnly = change.readOnly;
        }
        this.notify();
    }

    // ---- validation ----

    get problems(): readonly WorkflowProblem[] {
        return this.validate().problems;
    }

    /** Each step's problems, joined for a tooltip; the worst severity first. */
    get stepProblems(): ReadonlyMap<string, StepProblemSummary> {
        return this.validate().byStep;
    }

    get counts(): { errors: number; warnings: number } {
        return countProblems(this.problems);
    }

    get canSave(): boolean {
        return !this._context.readOnly && !this._context.saving && this.model.dirty && !hasErrors(this.problems);
    }

    protected validate(): NonNullable<WorkflowDesignerController['validated']> {
        const draft = this.model.draft;
        if (this.validated && this.validated.draft === draft && this.validated.context.catalog === this._context.catalog
            && this.validated.context.printers === this._context.printers && this.validated.context.knownProperties === this._context.knownProperties) {
            return this.validated;
        }
        const problems = validateWorkflow(draft, {
            activities: this._context.catalog.all,
            printers: this._context.printers,
            knownProperties: this._context.knownProperties
        });
        const byStep = new Map<string, StepProblemSummary>();
        for (const problem of problems) {
            if (!problem.stepId) {
                continue;
            }
            const known = byStep.get(problem.stepId);
            byStep.set(problem.stepId, {
                severity: known?.severity === 'error' || problem.severity === 'error' ? 'error' : 'warning',
                text: known ? `${known.text}\n${problem.detail}` : problem.detail
            });
        }
        this.validated = { draft, context: this._context, problems, byStep };
        return this.validated;
    }

    // ---- selection and focus ----

    readonly select = (stepId: string): void => this.model.select(stepId);

    readonly selectPhase = (phase: Phase): void => {
        if (this.model.selection.phase !== phase || this.model.selection.stepId) {
            this.model.selectPhase(phase);
        }
    };

    /** Moves selection and focus to the step before or after, across lanes. */
    readonly selectAdjacent = (stepId: string, direction: -1 | 1): void => {
        const steps = this.model.steps();
        const index = steps.findIndex(location => location.step.id === stepId);
        const next = steps[index + direction];
        if (next) {
            this.model.select(next.step.id);
            this.focusStep(next.step.id);
        }
    };

    attach(root: HTMLElement | undefined): void {
        this.root = root;
    }

    focusStep(stepId: string): void {
        this.pendingFocus = stepId;
        this.applyPendingFocus();
    }

    /** Focuses something in the designer after the next render, e.g. `#presswork-workflow-name`. */
    focusSelector(selector: string): void {
        this.pendingFocusSelector = selector;
        this.applyPendingFocus();
    }

    /** Called after every render: focuses what an edit asked for, once its element exists. */
    applyPendingFocus(): void {
        if (!this.root) {
            return;
        }
        if (this.pendingFocus) {
            const card = this.root.querySelector<HTMLElement>(`[data-step-id="${CSS.escape(this.pendingFocus)}"]`);
            if (card) {
                this.pendingFocus = undefined;
                if (document.activeElement !== card) {
                    card.focus();
                }
            }
        }
        if (this.pendingFocusSelector) {
            const element = this.root.querySelector<HTMLElement>(this.pendingFocusSelector);
            if (element) {
                this.pendingFocusSelector = undefined;
                element.focus();
            }
        }
    }

    /** After undo or redo from the lanes, focus follows the selected step instead of getting lost. */
    protected keepFocusOnSelection(): void {
        if (!this.root) {
            return;
        }
        const active = document.activeElement;
        const lost = !active || active === document.body || !this.root.contains(active);
        const inLanes = active instanceof HTMLElement && !!active.closest('.presswork-workflow-lanes');
        const selected = this.model.selection.stepId;
        if (selected && (lost || inLanes)) {
            this.focusStep(selected);
        }
    }

    // ---- edits ----

    /** The lane a new step of the activity goes into: the selected lane if it may, else the first it may. */
    targetPhaseFor(activityType: string): Phase | undefined {
        const selected = this.model.selection.phase;
        if (selected && this.model.isAllowed(activityType, selected)) {
            return selected;
        }
        return this.model.firstAllowedPhase(activityType) ?? PHASES.find(phase => this.model.canPlace(activityType, phase));
    }

    /**
     * Adds an activity: in the phase if given, else the selected lane or the first allowed one;
     * after the selected step when it is in that lane, else at the end.
     */
    readonly addActivity = (activityType: string, phase?: Phase, index?: number): StepLocation | undefined => {
        const target = phase ?? this.targetPhaseFor(activityType);
        if (!target) {
            return undefined;
        }
        const selected = this.model.selectedStep;
        const at = index ?? (selected?.phase === target ? selected.index + 1 : undefined);
        const step = this.model.addStep(activityType, target, at);
        return step ? this.model.findStep(step.id) : undefined;
    };

    /** A drop of what is being dragged into a lane at an index. */
    readonly drop = (phase: Phase, index: number): void => {
        const payload = this.dragging;
        this.dragging = undefined;
        if (!payload) {
            return;
        }
        if (payload.kind === 'activity') {
            const added = this.addActivity(payload.type, phase, index);
            if (added) {
                this.focusStep(added.step.id);
            }
        } else if (this.model.moveStep(payload.stepId, phase, index)) {
            this.focusStep(payload.stepId);
        }
    };

    /** The activity type a drag would add or move, if the drag is ours. */
    draggedActivity(): string | undefined {
        const payload = this.dragging;
        if (!payload) {
            return undefined;
        }
        return payload.kind === 'activity' ? payload.type : this.model.findStep(payload.stepId)?.step.activity;
    }

    readonly moveSelected = (direction: -1 | 1): boolean => {
        const stepId = this.model.selection.stepId;
        if (stepId && this.model.moveStepBy(stepId, direction)) {
            this.focusStep(stepId);
            return true;
        }
        return false;
    };

    readonly deleteSelected = (): boolean => {
        const stepId = this.model.selection.stepId;
        if (!stepId || !this.model.removeStep(stepId)) {
            return false;
        }
        const next = this.model.selection.stepId;
        if (next) {
            this.focusStep(next);
        } else if (this.model.selection.phase) {
            this.focusSelector(`[data-phase="${this.model.selection.phase}"] .presswork-workflow-lane-body`);
        }
        return true;
    };

    readonly undo = (): boolean => {
        const done = this.model.undo();
        if (done) {
            this.keepFocusOnSelection();
        }
        return done;
    };

    readonly redo = (): boolean => {
        const done = this.model.redo();
        if (done) {
            this.keepFocusOnSelection();
        }
        return done;
    };

    /** A click in the problems list: select the step, lane or field it is about. */
    readonly reveal = (problem: WorkflowProblem): void => {
        if (problem.stepId && this.model.findStep(problem.stepId)) {
            this.model.select(problem.stepId);
            this.focusStep(problem.stepId);
        } else if (problem.field === 'name') {
            this.model.select(undefined);
            this.focusSelector('#presswork-workflow-name');
        } else if (problem.phase) {
            this.model.selectPhase(problem.phase);
            this.focusSelector(`[data-phase="${problem.phase}"] .presswork-workflow-lane-body`);
        }
    };
}
