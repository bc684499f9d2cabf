/**
 * Native drag and drop in the designer: what is being dragged (kept by the controller, since a
 * drop target cannot read the data while dragging over) and where it would land.
 */
export const ACTIVITY_DRAG_TYPE = 'application/x-presswork-activity';
export const STEP_DRAG_TYPE = 'application/x-presswork-step';

export type DragPayload =
    | { readonly kind: 'activity'; readonly type: string }
    | { readonly kind: 'step'; readonly stepId: string };

/** Where a drop would land in a lane: before the card at `index` (the lane's length: last). */
export interface DropTarget {
    readonly phase: string;
    readonly index: number;
    /** The model accepts the drop (protected activities only in their phases). */
    readonly allowed: boolean;
    /** The activity's definition names the phase; if not, validation will complain after the drop. */
    readonly fits: boolean;
}

/**
 * The insertion index for a pointer at `y`, given the vertical middles of a lane's cards in order:
 * before the first card whose middle is below the pointer.
 */
export function dropIndexAt(middles: readonly number[], y: number): number {
    const index = middles.findIndex(middle => y < middle);
    return index < 0 ? middles.length : index;
}

export function sameDropTarget(a: DropTarget | undefined, b: DropTarget | undefined): boolean {
    return a === b || (!!a && !!b && a.phase === b.phase && a.index === b.index && a.allowed === b.allowed && a.fits === b.fits);
}
