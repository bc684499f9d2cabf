import { Emitter, Event } from '@theia/core/lib/common/event';
import type { Disposable } from '@theia/core/lib/common/disposable';
import type { ActivityDefinition, ActivityPropertyField } from '@presswork/platform/lib/common/activity-ui-contribution';
import type { JobProperties } from '@presswork/platform/lib/common/job-schema';
import { Phase, PHASES } from '@presswork/platform/lib/common/job-status';
import type { StepCondition, Workflow, WorkflowStep } from '@presswork/platform/lib/common/workflow-schema';
import type { WorkflowContent } from './workflow-protocol';
import { ResolvedActivity, stepName } from './workflow-validation';

/**
 * The workflow designer's model of one workflow: edits, undo and redo of every edit, the dirty flag
 * against the last saved version, and the selection. It is pure (no DOM, no services) so that it is
 * tested on its own and answers within a frame.
 *
 * Every state is an immutable snapshot. An edit copies only what it changes (one phase's array and
 * one step); the rest is shared with the previous snapshot, so history costs little memory and a
 * view can tell by identity which lanes and steps changed.
 */

export type DraftPhases = { readonly [P in Phase]: readonly WorkflowStep[] };

/** The part of a workflow the designer edits and saves. */
export interface WorkflowDraft {
    readonly name: string;
    readonly description: string;
    readonly jobDefaults: Readonly<JobProperties>;
    readonly jobOverrides: Readonly<JobProperties>;
    readonly phases: DraftPhases;
}

/** What the model opens: a saved workflow, or content not saved yet (no id or version). */
export interface WorkflowSource {
    readonly id?: string;
    readonly version?: number;
    readonly name: string;
    readonly description?: string;
    readonly jobDefaults?: Readonly<JobProperties>;
    readonly jobOverrides?: Readonly<JobProperties>;
    readonly phases: { readonly [P in Phase]?: readonly WorkflowStep[] };
    readonly updatedAt?: string;
    readonly updatedBy?: string;
}

/** Which saved version the draft is based on. */
export interface WorkflowBase {
    readonly id?: string;
    readonly version?: number;
    readonly updatedAt?: string;
    readonly updatedBy?: string;
}

export interface StepLocation {
    readonly phase: Phase;
    readonly index: number;
    readonly step: WorkflowStep;
}

/** The selected step (its phase too) or, with no step, the selected lane. */
export interface EditorSelection {
    readonly stepId?: string;
    readonly phase?: Phase;
}

export type WorkflowEditorChangeKind = 'edit' | 'undo' | 'redo' | 'reset' | 'saved' | 'selection' | 'read-only';

export interface WorkflowEditorChange {
    readonly kind: WorkflowEditorChangeKind;
    /** What was done, undone or redone, e.g. `Add Print`. */
    readonly label?: string;
}

export interface WorkflowEditorModelOptions {
    /** Looks up an activity by type: supplied, contributed and custom ones. Read at each edit, so it may change. */
    readonly activities: (type: string) => ResolvedActivity | undefined;
    readonly readOnly?: boolean;
    /** How many edits undo reaches back; 500 unless set. */
    readonly historyLimit?: number;
    /** Edits of one field within this many milliseconds become one undo step (typing); 1000 unless set. */
    readonly coalesceMs?: number;
    /** The clock, for tests. */
    readonly now?: () => number;
    /** Makes a new step's id; unique among `taken`. */
    readonly newStepId?: (activityType: string, taken: ReadonlySet<string>) => string;
}

/** What the schema allows per phase (`WorkflowPhasesSchema`). */
export const MAX_STEPS_PER_PHASE = 100;

interface HistoryEntry {
    readonly label: string;
    readonly before: WorkflowDraft;
    after: WorkflowDraft;
    readonly selectionBefore: EditorSelection;
    selectionAfter: EditorSelection;
    readonly coalesceKey?: string;
    at: number;
}

interface CommitOptions {
    /** Edits with the same key in a row, within the coalescing time, become one undo step. */
    readonly coalesce?: string;
    /** The selection after the edit; the current one if absent. */
    readonly select?: EditorSelection;
}

export class WorkflowEditorModel implements Disposable {
    protected readonly onDidChangeEmitter = new Emitter<WorkflowEditorChange>();
    /** Fired after every change of the draft, the selection, the base or the read-only state. */
    readonly onDidChange: Event<WorkflowEditorChange> = this.onDidChangeEmitter.event;
    protected readonly onDidChangeDirtyEmitter = new Emitter<boolean>();
    /** Fired when the draft becomes dirty or clean. */
    readonly onDidChangeDirty: Event<boolean> = this.onDidChangeDirtyEmitter.event;

    protected current: WorkflowDraft;
    protected saved: WorkflowDraft;
    protected _base: WorkflowBase;
    protected _selection: EditorSelection = {};
    protected _readOnly: boolean;
    protected _revision = 0;
    protected readonly past: HistoryEntry[] = [];
    protected readonly future: HistoryEntry[] = [];
    /** The last entry may take in the next edit with the same key. */
    protected coalescing = false;
    protected dirtyCache: { draft: WorkflowDraft; saved: WorkflowDraft; dirty: boolean } | undefined;
    protected lastDirty = false;
    /** Inside `transact`: edits change the draft but make no undo step of their own. */
    protected inTransaction = false;

    protected readonly historyLimit: number;
    protected readonly coalesceMs: number;
    protected readonly now: () => number;
    protected readonly newStepId: (activityType: string, taken: ReadonlySet<string>) => string;

    constructor(source: WorkflowSource, protected readonly options: WorkflowEditorModelOptions) {
        this.current = this.saved = draftOf(source);
        this._base = baseOf(source);
        this._readOnly = !!options.readOnly;
        this.historyLimit = options.historyLimit ?? 500;
        this.coalesceMs = options.coalesceMs ?? 1000;
        this.now = options.now ?? Date.now;
        this.newStepId = options.newStepId ?? defaultNewStepId;
    }

    dispose(): void {
        this.onDidChangeEmitter.dispose();
        this.onDidChangeDirtyEmitter.dispose();
    }

    // ---- state ----

    /** The workflow as edited. Immutable: every edit makes a new draft. */
    get draft(): WorkflowDraft {
        return this.current;
    }

    /** The draft as last saved (or opened). */
    get savedDraft(): WorkflowDraft {
        return this.saved;
    }

    get base(): WorkflowBase {
        return this._base;
    }

    /** Counts changes; a view re-renders when it moves. */
    get revision(): number {
        return this._revision;
    }

    /** The draft differs from the last saved version (undoing back to it makes the draft clean again). */
    get dirty(): boolean {
        const cache = this.dirtyCache;
        if (cache && cache.draft === this.current && cache.saved === this.saved) {
            return cache.dirty;
        }
        const dirty = !draftsEqual(this.current, this.saved);
        this.dirtyCache = { draft: this.current, saved: this.saved, dirty };
        return dirty;
    }

    get readOnly(): boolean {
        return this._readOnly;
    }

    set readOnly(readOnly: boolean) {
        if (this._readOnly !== readOnly) {
            this._readOnly = readOnly;
            this.fire({ kind: 'read-only' });
        }
    }

    get canUndo(): boolean {
        return !this._readOnly && this.past.length > 0;
    }

    get canRedo(): boolean {
        return !this._readOnly && this.future.length > 0;
    }

    /** What undo would undo, e.g. `Add Print`. */
    get undoLabel(): string | undefined {
        return this.past[this.past.length - 1]?.label;
    }

    get redoLabel(): string | undefined {
        return this.future[this.future.length - 1]?.label;
    }

    get selection(): EditorSelection {
        return this._selection;
    }

    get selectedStep(): StepLocation | undefined {
        return this._selection.stepId ? this.findStep(this._selection.stepId) : undefined;
    }

    // ---- queries ----

    activity(type: string): ResolvedActivity | undefined {
        return this.options.activities(type);
    }

    findStep(stepId: string): StepLocation | undefined {
        return locate(this.current, stepId);
    }

    /** Every step in the order a job passes through them. */
    steps(): StepLocation[] {
        return PHASES.flatMap(phase => this.current.phases[phase].map((step, index) => ({ phase, index, step })));
    }

    get stepCount(): number {
        return PHASES.reduce((count, phase) => count + this.current.phases[phase].length, 0);
    }

    /** Whether the activity's definition names the phase. */
    isAllowed(activityType: string, phase: Phase): boolean {
        return !!this.activity(activityType)?.allowedPhases.includes(phase);
    }

    /**
     * Whether a step of the activity may be put into the phase: protected activities only into the
     * phases they allow; others anywhere (validation says where they do not belong).
     */
    canPlace(activityType: string, phase: Phase): boolean {
        const activity = this.activity(activityType);
        return !activity?.protected || activity.allowedPhases.includes(phase);
    }

    /** The first phase of the activity that a new step may go into. */
    firstAllowedPhase(activityType: string): Phase | undefined {
        return PHASES.find(phase => this.isAllowed(activityType, phase));
    }

    // ---- selection ----

    /** Selects a step (and its lane), or clears the selection. Not an edit: undo does not see it. */
    select(stepId: string | undefined): void {
        const location = stepId ? this.findStep(stepId) : undefined;
        this.setSelection(location ? { stepId: location.step.id, phase: location.phase } : {});
    }

    /** Selects a lane without a step, e.g. where the next added activity goes. */
    selectPhase(phase: Phase | undefined): void {
        this.setSelection(phase ? { phase } : {});
    }

    protected setSelection(selection: EditorSelection): void {
        if (selection.stepId !== this._selection.stepId || selection.phase !== this._selection.phase) {
            this._selection = selection;
            this.coalescing = false;
            this.fire({ kind: 'selection' });
        }
    }

    // ---- edits ----

    /**
     * Adds a step of the activity to the phase at the index (the end if absent), with the activity's
     * default properties, and selects it. Returns the new step, or undefined when it may not go there.
     */
    addStep(activityType: string, phase: Phase, index?: number): WorkflowStep | undefined {
        const activity = this.activity(activityType);
        const steps = this.current.phases[phase];
        if (this._readOnly || !activity || !this.canPlace(activityType, phase) || steps.length >= MAX_STEPS_PER_PHASE) {
            return undefined;
        }
        const step: WorkflowStep = { id: this.newStepId(activityType, this.takenIds()), activity: activityType, properties: defaultPropertiesOf(activity) };
        const at = clamp(index ?? steps.length, 0, steps.length);
        this.commit(withPhase(this.current, phase, insertAt(steps, at, step)), `Add ${activity.label}`, { select: { stepId: step.id, phase } });
        return step;
    }

    /**
     * Moves a step to a phase, before the step now at `index` there (as the lane shows it before the
     * move; the lane's length puts it last). Protected steps stay in their allowed phases.
     */
    moveStep(stepId: string, phase: Phase, index: number): boolean {
        const from = this.findStep(stepId);
        if (this._readOnly || !from || !this.canPlace(from.step.activity, phase)) {
            return false;
        }
        const label = `Move ${this.nameOf(from.step)}`;
        if (from.phase === phase) {
            const steps = this.current.phases[phase];
            let to = clamp(index, 0, steps.length);
            if (to > from.index) {
                to -= 1;
            }
            if (to === from.index) {
                return false;
            }
            this.commit(withPhase(this.current, phase, insertAt(removeAt(steps, from.index), to, from.step)), label, { select: { stepId, phase } });
            return true;
        }
        const target = this.current.phases[phase];
        if (target.length >= MAX_STEPS_PER_PHASE) {
            return false;
        }
        const next = withPhase(withPhase(this.current, from.phase, removeAt(this.current.phases[from.phase], from.index)),
            phase, insertAt(target, clamp(index, 0, target.length), from.step));
        this.commit(next, label, { select: { stepId, phase } });
        return true;
    }

    /**
     * Moves a step one place up (-1) or down (+1). At the top or bottom of its lane it goes on to
     * the end or start of the next lane in that direction where it may stand.
     */
    moveStepBy(stepId: string, direction: -1 | 1): boolean {
        const from = this.findStep(stepId);
        if (!from) {
            return false;
        }
        const steps = this.current.phases[from.phase];
        if (direction < 0 && from.index > 0) {
            return this.moveStep(stepId, from.phase, from.index - 1);
        }
        if (direction > 0 && from.index < steps.length - 1) {
            return this.moveStep(stepId, from.phase, from.index + 2);
        }
        const order = PHASES.indexOf(from.phase);
        for (let candidate = order + direction; candidate >= 0 && candidate < PHASES.length; candidate += direction) {
            const phase = PHASES[candidate];
            if (this.canPlace(from.step.activity, phase)) {
                return this.moveStep(stepId, phase, direction < 0 ? this.current.phases[phase].length : 0);
            }
        }
        return false;
    }

    /** Removes a step and selects its neighbour in the lane. */
    removeStep(stepId: string): boolean {
        const from = this.findStep(stepId);
        if (this._readOnly || !from) {
            return false;
        }
        const rest = removeAt(this.current.phases[from.phase], from.index);
        const neighbour = rest[Math.min(from.index, rest.length - 1)];
        const select = this._selection.stepId === stepId || !this._selection.stepId
            ? { stepId: neighbour?.id, phase: from.phase }
            : this._selection;
        this.commit(withPhase(this.current, from.phase, rest), `Delete ${this.nameOf(from.step)}`, { select });
        return true;
    }

    /** Replaces a step's properties. */
    setStepProperties(stepId: string, properties: Readonly<Record<string, unknown>>): boolean {
        const from = this.findStep(stepId);
        if (this._readOnly || !from || valuesEqual(from.step.properties, properties)) {
            return false;
        }
        return this.replaceStep(from, { ...from.step, properties: { ...properties } }, `Edit ${this.nameOf(from.step)}`);
    }

    /** Sets one property (undefined removes it). Typing into one field becomes one undo step. */
    setStepProperty(stepId: string, key: string, value: unknown): boolean {
        const from = this.findStep(stepId);
        if (this._readOnly || !from || valuesEqual(from.step.properties?.[key], value)) {
            return false;
        }
        const properties: Record<string, unknown> = { ...from.step.properties };
        if (value === undefined) {
            delete properties[key];
        } else {
            properties[key] = value;
        }
        const field = this.activity(from.step.activity)?.fields.find(candidate => candidate.key === key);
        return this.replaceStep(from, { ...from.step, properties }, `Edit ${this.nameOf(from.step)}: ${field?.label ?? key}`, `property:${stepId}:${key}`);
    }

    /** Sets the step's own label; empty goes back to the activity's. */
    setStepLabel(stepId: string, label: string | undefined): boolean {
        const from = this.findStep(stepId);
        const next = label?.trim() ? label : undefined;
        if (this._readOnly || !from || from.step.label === next) {
            return false;
        }
        const { label: _old, ...rest } = from.step;
        return this.replaceStep(from, next === undefined ? rest : { ...rest, label: next }, `Rename ${this.nameOf(from.step)}`, `label:${stepId}`);
    }

    /** Sets the condition under which the step runs, or clears it (undefined: the step always runs). */
    setCondition(stepId: string, condition: StepCondition | undefined): boolean {
        const from = this.findStep(stepId);
        if (this._readOnly || !from || valuesEqual(from.step.condition, condition)) {
            return false;
        }
        const { condition: old, ...rest } = from.step;
        const name = this.nameOf(from.step);
        const label = !condition ? `Remove the condition of ${name}` : old ? `Edit the condition of ${name}` : `Add a condition to ${name}`;
        // Typing into a condition is one undo step; adding or removing one is a step of its own.
        return this.replaceStep(from, condition ? { ...rest, condition: { ...condition } } : rest, label, old && condition ? `condition:${stepId}` : undefined);
    }

    clearCondition(stepId: string): boolean {
        return this.setCondition(stepId, undefined);
    }

    rename(name: string): boolean {
        if (this._readOnly || this.current.name === name) {
            return false;
        }
        this.commit({ ...this.current, name }, 'Rename the workflow', { coalesce: 'name' });
        return true;
    }

    describe(description: string): boolean {
        if (this._readOnly || this.current.description === description) {
            return false;
        }
        this.commit({ ...this.current, description }, 'Edit the description', { coalesce: 'description' });
        return true;
    }

    setJobDefaults(jobDefaults: Readonly<JobProperties>, jobOverrides: Readonly<JobProperties>): boolean {
        if (this._readOnly || (valuesEqual(this.current.jobDefaults, jobDefaults) && valuesEqual(this.current.jobOverrides, jobOverrides))) {
            return false;
        }
        this.commit({ ...this.current, jobDefaults: { ...jobDefaults }, jobOverrides: { ...jobOverrides } }, 'Edit job defaults and overrides');
        return true;
    }

    /** Runs several edits as one undo step. Returns whether anything changed. */
    transact(label: string, edits: () => void): boolean {
        if (this._readOnly) {
            return false;
        }
        if (this.inTransaction) {
            edits();
            return true;
        }
        const before = this.current;
        const selectionBefore = this._selection;
        this.inTransaction = true;
        try {
            edits();
        } catch (error) {
            this.current = before;
            this._selection = selectionBefore;
            throw error;
        } finally {
            this.inTransaction = false;
        }
        if (draftsEqual(this.current, before)) {
            this.current = before;
            return false;
        }
        const after = this.current;
        const selectionAfter = this._selection;
        this.current = before;
        this._selection = selectionBefore;
        this.commit(after, label, { select: selectionAfter });
        return true;
    }

    /** Ends the current undo step: the next edit starts a new one even if it is of the same field. */
    breakCoalescing(): void {
        this.coalescing = false;
    }

    undo(): boolean {
        const entry = this._readOnly ? undefined : this.past.pop();
        if (!entry) {
            return false;
        }
        this.future.push(entry);
        this.current = entry.before;
        this.restoreSelection(entry.selectionBefore);
        this.coalescing = false;
        this.fire({ kind: 'undo', label: entry.label });
        return true;
    }

    redo(): boolean {
        const entry = this._readOnly ? undefined : this.future.pop();
        if (!entry) {
            return false;
        }
        this.past.push(entry);
        this.current = entry.after;
        this.restoreSelection(entry.selectionAfter);
        this.coalescing = false;
        this.fire({ kind: 'redo', label: entry.label });
        return true;
    }

    // ---- saving ----

    /** The draft as the service's `saveWorkflow` and `createWorkflow` take it. */
    toContent(draft: WorkflowDraft = this.current): WorkflowContent {
        return {
            name: draft.name,
            description: draft.description,
            jobDefaults: { ...draft.jobDefaults },
            jobOverrides: { ...draft.jobOverrides },
            phases: {
                Receive: [...draft.phases.Receive],
                Prepare: [...draft.phases.Prepare],
                Print: [...draft.phases.Print],
                Complete: [...draft.phases.Complete]
            }
        };
    }

    /**
     * Records a successful save: `saved` is what the service returned, `sent` the draft that was
     * sent (edits made while saving keep the draft dirty). History stays: undo after saving makes
     * the draft dirty again.
     */
    markSaved(saved: WorkflowBase, sent: WorkflowDraft = this.current): void {
        this._base = baseOf(saved);
        this.saved = sent;
        this.coalescing = false;
        this.fire({ kind: 'saved' });
    }

    /** Replaces everything with the workflow (e.g. Reload): local edits and history are dropped. */
    reset(source: WorkflowSource): void {
        this.current = this.saved = draftOf(source);
        this._base = baseOf(source);
        this.past.length = 0;
        this.future.length = 0;
        this.coalescing = false;
        this.restoreSelection(this._selection);
        this.fire({ kind: 'reset' });
    }

    // ---- internals ----

    protected replaceStep(from: StepLocation, step: WorkflowStep, label: string, coalesce?: string): boolean {
        const steps = this.current.phases[from.phase];
        const next = steps.slice();
        next[from.index] = step;
        this.commit(withPhase(this.current, from.phase, next), label, { coalesce, select: { stepId: step.id, phase: from.phase } });
        return true;
    }

    protected commit(next: WorkflowDraft, label: string, options: CommitOptions = {}): void {
        const selection = options.select ?? this._selection;
        if (this.inTransaction) {
            this.current = next;
            this._selection = selection;
            return;
        }
        const now = this.now();
        const last = this.past[this.past.length - 1];
        if (options.coalesce && this.coalescing && last && last.coalesceKey === options.coalesce && now - last.at <= this.coalesceMs) {
            last.after = next;
            last.selectionAfter = selection;
            last.at = now;
        } else {
            this.past.push({ label, before: this.current, after: next, selectionBefore: this._selection, selectionAfter: selection, coalesceKey: options.coalesce, at: now });
            if (this.past.length > this.historyLimit) {
                this.past.splice(0, this.past.length - this.historyLimit);
            }
        }
        this.coalescing = !!options.coalesce;
        this.future.length = 0;
        this.current = next;
        this._selection = selection;
        this.fire({ kind: 'edit', label });
    }

    /** Keeps a selection only as far as its step still exists. */
    protected restoreSelection(selection: EditorSelection): void {
        const location = selection.stepId ? this.findStep(selection.stepId) : undefined;
        this._selection = location ? { stepId: location.step.id, phase: location.phase } : selection.phase ? { phase: selection.phase } : {};
    }

    protected fire(change: WorkflowEditorChange): void {
        this._revision++;
        this.onDidChangeEmitter.fire(change);
        const dirty = this.dirty;
        if (dirty !== this.lastDirty) {
            this.lastDirty = dirty;
            this.onDidChangeDirtyEmitter.fire(dirty);
        }
    }

    protected nameOf(step: WorkflowStep): string {
        return stepName(step, this.activity(step.activity));
    }

    protected takenIds(): Set<string> {
        const taken = new Set<string>();
        for (const draft of [this.current, this.saved]) {
            for (const phase of PHASES) {
                for (const step of draft.phases[phase]) {
                    taken.add(step.id);
                }
            }
        }
        return taken;
    }
}

// ---- helpers, exported for the views and the backend ----

/**
 * A new step's properties: what the activity's schema fills in by default, a custom activity's own
 * defaults over those, and an empty value for each form field that has none, so that the form and
 * validation ask for it by name.
 */
export function defaultPropertiesOf(activity: ActivityDefinition): Record<string, unknown> {
    const properties: Record<string, unknown> = {};
    for (const field of activity.fields) {
        const empty = emptyValueOf(field);
        if (empty !== undefined) {
            properties[field.key] = empty;
        }
    }
    const whole = activity.propertiesSchema.safeParse({});
    if (whole.success && isRecord(whole.data)) {
        Object.assign(properties, whole.data);
    } else {
        const shape = (activity.propertiesSchema as { shape?: unknown }).shape;
        if (isRecord(shape)) {
            for (const [key, schema] of Object.entries(shape)) {
                const parsed = (schema as { safeParse?: (value: unknown) => { success: boolean; data?: unknown } }).safeParse?.(undefined);
                if (parsed?.success && parsed.data !== undefined) {
                    properties[key] = parsed.data;
                }
            }
        }
    }
    const defaults = (activity as ResolvedActivity).defaults;
    if (defaults) {
        Object.assign(properties, defaults);
    }
    return JSON.parse(JSON.stringify(properties));
}

function emptyValueOf(field: ActivityPropertyField): unknown {
    switch (field.kind) {
        case 'text':
        case 'printer':
            return '';
        case 'text-list':
        case 'choice-list':
            return [];
        case 'boolean':
            return false;
        case 'choice':
            return field.choices?.[0]?.value;
        default:
            return undefined;
    }
}

/** Whether two drafts hold the same workflow; shared parts are recognised by identity first. */
export function draftsEqual(a: WorkflowDraft, b: WorkflowDraft): boolean {
    if (a === b) {
        return true;
    }
    if (a.name !== b.name || a.description !== b.description || !valuesEqual(a.jobDefaults, b.jobDefaults) || !valuesEqual(a.jobOverrides, b.jobOverrides)) {
        return false;
    }
    return PHASES.every(phase => {
        const left = a.phases[phase];
        const right = b.phases[phase];
        return left === right || (left.length === right.length && left.every((step, index) => valuesEqual(step, right[index])));
    });
}

/** Deep equality of JSON-like values; `undefined` members count as absent. */
export function valuesEqual(a: unknown, b: unknown): boolean {
    if (a === b) {
        return true;
    }
    if (Array.isArray(a) || Array.isArray(b)) {
        return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, index) => valuesEqual(item, b[index]));
    }
    if (isRecord(a) && isRecord(b)) {
        const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
        for (const key of keys) {
            if (!valuesEqual(a[key], b[key])) {
                return false;
            }
        }
        return true;
    }
    return false;
}

function isRecord(value: unknown): value is Record<string, unknown> {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function draftOf(source: WorkflowSource): WorkflowDraft {
    return {
        name: source.name,
        description: source.description ?? '',
        jobDefaults: source.jobDefaults ?? {},
        jobOverrides: source.jobOverrides ?? {},
        phases: {
            Receive: source.phases.Receive ?? [],
            Prepare: source.phases.Prepare ?? [],
            Print: source.phases.Print ?? [],
            Complete: source.phases.Complete ?? []
        }
    };
}

function baseOf(source: WorkflowBase): WorkflowBase {
    return { id: source.id, version: source.version, updatedAt: source.updatedAt, updatedBy: source.updatedBy };
}

function locate(draft: WorkflowDraft, stepId: string): StepLocation | undefined {
    for (const phase of PHASES) {
        const index = draft.phases[phase].findIndex(step => step.id === stepId);
        if (index >= 0) {
            return { phase, index, step: draft.phases[phase][index] };
        }
    }
    return undefined;
}

function withPhase(draft: WorkflowDraft, phase: Phase, steps: readonly WorkflowStep[]): WorkflowDraft {
    return { ...draft, phases: { ...draft.phases, [phase]: steps } };
}

function insertAt<T>(items: readonly T[], index: number, item: T): T[] {
    const next = items.slice();
    next.splice(index, 0, item);
    return next;
}

function removeAt<T>(items: readonly T[], index: number): T[] {
    const next = items.slice();
    next.splice(index, 1);
    return next;
}

function clamp(value: number, min: number, max: number): number {
    return Math.max(min, Math.min(max, Math.trunc(value)));
}

/** `print-k3j9x0q2`: readable in exports, and never one a job may still point at. */
export function defaultNewStepId(activityType: string, taken: ReadonlySet<string>): string {
    const stem = activityType.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^[^A-Za-z0-9]+/, '').slice(0, 100) || 'step';
    for (;;) {
        const id = `${stem}-${Math.random().toString(36).slice(2, 10).padEnd(8, '0')}`;
        if (!taken.has(id)) {
            return id;
        }
    }
}

/** The saved workflow's id and version as the model's base. */
export function baseOfWorkflow(workflow: Pick<Workflow, 'id' | 'version' | 'updatedAt' | 'updatedBy'>): WorkflowBase {
    return baseOf(workflow);
}
