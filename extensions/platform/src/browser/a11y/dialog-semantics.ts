/** The parts of a Theia dialog (`AbstractDialog`'s DOM), found by the classes it gives them. */
const BLOCK = '.dialogBlock';
const TITLE = '.dialogTitle > :first-child';
const CLOSE_CROSS = '.dialogTitle .closeButton';
const FOCUSABLE = 'input:not([disabled]):not([type=hidden]), select:not([disabled]), textarea:not([disabled]), '
    + 'button:not([disabled]), a[href], [tabindex]:not([tabindex="-1"])';

let nextId = 0;

/**
 * Gives a dialog overlay the semantics Theia leaves out: `role="dialog"`, `aria-modal`, a name
 * taken from its visible title, and a close cross that is a named, focusable button.
 */
export function describeDialog(overlay: HTMLElement, closeLabel: string): void {
    const block = overlay.querySelector<HTMLElement>(BLOCK) ?? overlay;
    block.setAttribute('role', 'dialog');
    block.setAttribute('aria-modal', 'true');
    block.tabIndex = -1;
    const title = overlay.querySelector<HTMLElement>(TITLE);
    if (title) {
        title.id ||= `presswork-dialog-title-${++nextId}`;
        block.setAttribute('aria-labelledby', title.id);
    }
    const cross = overlay.querySelector<HTMLElement>(CLOSE_CROSS);
    if (cross) {
        cross.setAttribute('role', 'button');
        cross.setAttribute('aria-label', closeLabel);
        cross.title = closeLabel;
        cross.tabIndex = 0;
    }
}

/**
 * Puts the focus in the dialog unless something in it already has it: the first field or button of
 * its content, else its own buttons, else the dialog itself — never left behind on the page.
 */
export function focusInitially(overlay: HTMLElement): void {
    const active = overlay.ownerDocument.activeElement;
    if (!overlay.isConnected || (active && overlay.contains(active))) {
        return;
    }
    const block = overlay.querySelector<HTMLElement>(BLOCK) ?? overlay;
    const target = firstFocusable(overlay.querySelector('.dialogContent'))
        ?? firstFocusable(overlay.querySelector('.dialogControl'))
        ?? overlay.querySelector<HTMLElement>(CLOSE_CROSS)
        ?? block;
    target.focus();
}

function firstFocusable(container: Element | null): HTMLElement | undefined {
    const candidates = container ? Array.from(container.querySelectorAll<HTMLElement>(FOCUSABLE)) : [];
    return candidates.find(element => element.getClientRects().length > 0);
}
