import * as React from '@theia/core/shared/react';

export interface PopupMenuItem {
    readonly id: string;
    readonly label: string;
    readonly disabled?: boolean;
    /** Shown as tooltip: for a disabled action, the reason. */
    readonly title?: string;
    readonly checked?: boolean;
    /** Starts a new section (a separator above it). */
    readonly separatorBefore?: boolean;
    readonly run?: () => void;
}

export interface PopupMenuProps {
    readonly label: string;
    readonly items: readonly PopupMenuItem[];
    /** Where the menu opens, in viewport coordinates. */
    readonly x: number;
    readonly y: number;
    /** Keeps the menu open after an item runs (e.g. a list of checkboxes). */
    readonly stayOpen?: boolean;
    onClose(): void;
}

/**
 * A small menu that Theia's own menus cannot be: each entry can carry a tooltip, so a disabled job
 * action says why. Closes on Escape, on a click outside and after an entry runs.
 */
export function PopupMenu(props: PopupMenuProps): React.ReactElement {
    const ref = React.useRef<HTMLDivElement>(null);
    const { onClose } = props;
    React.useEffect(() => {
        const outside = (event: MouseEvent): void => {
            if (ref.current && !ref.current.contains(event.target as Node)) {
                onClose();
            }
        };
        const escape = (event: KeyboardEvent): void => {
            if (event.key === 'Escape') {
                onClose();
            }
        };
        document.addEventListener('mousedown', outside, true);
        document.addEventListener('keydown', escape, true);
        ref.current?.querySelector<HTMLElement>('[role^="menuitem"]:not([aria-disabled="true"])')?.focus();
        return () => {
            document.removeEventListener('mousedown', outside, true);
            document.removeEventListener('keydown', escape, true);
        };
    }, [onClose]);
    const run = (item: PopupMenuItem): void => {
        if (item.disabled) {
            return;
        }
        item.run?.();
        if (!props.stayOpen) {
            onClose();
        }
    };
    const x = Math.max(0, Math.min(props.x, window.innerWidth - 240));
    // Roving tab stop: the item focused on opening is the menu's one tab stop, so a menu taller than the screen scrolls from the keyboard.
    const tabStop = props.items.find(item => !item.disabled)?.id;
    return <div ref={ref} className='presswork-popup-menu' role='menu' aria-label={props.label} style={{ left: x, top: props.y }}>
        {props.items.map(item => <React.Fragment key={item.id}>
            {item.separatorBefore && <div className='presswork-popup-menu-separator' role='separator' />}
            <div role={item.checked === undefined ? 'menuitem' : 'menuitemcheckbox'} tabIndex={item.id === tabStop ? 0 : -1}
                aria-checked={item.checked} aria-disabled={item.disabled ? 'true' : undefined} title={item.title}
                className={`presswork-popup-menu-item${item.disabled ? ' disabled' : ''}`} data-menu-item={item.id}
                onClick={() => run(item)} onKeyDown={event => event.key === 'Enter' && run(item)}>
                {item.checked !== undefined && <span className={`codicon ${item.checked ? 'codicon-check' : 'codicon-blank'}`} aria-hidden='true' />}
                <span className='presswork-popup-menu-label'>{item.label}</span>
            </div>
        </React.Fragment>)}
    </div>;
}
