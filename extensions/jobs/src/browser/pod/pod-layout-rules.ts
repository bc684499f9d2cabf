/** The pod's layout decisions, free of the shell, so they can be tested alone. */
import { z } from 'zod';

/** The Order panel's width when nothing is remembered: the pod's default columns fit beside it at 1440 px. */
export const DEFAULT_ORDER_PANEL_WIDTH = 280;
/** Below this screen width (a tablet) the Order panel starts collapsed, so the pod has the room. */
export const NARROW_SCREEN_WIDTH = 1200;
/** Narrower, the panel shows too little: a width below it is not remembered. */
export const MIN_ORDER_PANEL_WIDTH = 160;

export const RememberedOrderPanelSchema = z.object({
    width: z.number().min(MIN_ORDER_PANEL_WIDTH).max(4000).optional(),
    collapsed: z.boolean().optional()
});
export type RememberedOrderPanel = z.infer<typeof RememberedOrderPanelSchema>;

/** How the Order panel opens: as the user left it, else collapsed on narrow screens, never wider than 40 % of the screen. */
export function initialOrderPanel(remembered: RememberedOrderPanel, screenWidth: number): { width: number, collapsed: boolean } {
    return {
        width: Math.max(MIN_ORDER_PANEL_WIDTH, Math.min(remembered.width ?? DEFAULT_ORDER_PANEL_WIDTH, Math.round(screenWidth * 0.4))),
        collapsed: remembered.collapsed ?? screenWidth < NARROW_SCREEN_WIDTH
    };
}

/** The touch layout: chosen by the pointer (a finger means coarse), or always on, or always off. */
export const TOUCH_LAYOUT_CHOICES = ['auto', 'on', 'off'] as const;
export type TouchLayoutChoice = typeof TOUCH_LAYOUT_CHOICES[number];
export const TouchLayoutChoiceSchema = z.enum(TOUCH_LAYOUT_CHOICES);

/** Rows of the pod, in px: compact for a mouse, 44 px (a finger's target) for touch. */
export const ROW_HEIGHT = 24;
export const TOUCH_ROW_HEIGHT = 44;

/** The body class that makes rows, buttons and menu entries finger-sized (operations.css). */
export const TOUCH_LAYOUT_CLASS = 'presswork-touch-layout';

export function isTouchLayout(choice: TouchLayoutChoice, coarsePointer: boolean): boolean {
    return choice === 'on' || (choice === 'auto' && coarsePointer);
}
