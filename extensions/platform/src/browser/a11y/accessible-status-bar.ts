import * as React from '@theia/core/shared/react';
import { injectable } from '@theia/core/shared/inversify';
import { StatusBarImpl } from '@theia/core/lib/browser/status-bar/status-bar';
import type { StatusBarViewEntry } from '@theia/core/lib/browser/status-bar/status-bar-types';

/**
 * Theia's status bar, with every entry that runs a command made a button the keyboard reaches
 * (Tab, then Enter or Space): Theia renders them as plain elements with a label and no role.
 */
@injectable()
export class AccessibleStatusBar extends StatusBarImpl {
    protected override createAttributes(viewEntry: StatusBarViewEntry): React.Attributes & React.HTMLAttributes<HTMLElement> {
        const attrs = super.createAttributes(viewEntry);
        const entry = viewEntry.entry;
        if (!entry.command || attrs.role) {
            return attrs;
        }
        const run = this.triggerCommand(entry);
        return {
            ...attrs,
            role: 'button',
            tabIndex: 0,
            onKeyDown: (event: React.KeyboardEvent) => {
                if (event.key === 'Enter' || event.key === ' ') {
                    event.preventDefault();
                    run();
                }
            }
        };
    }
}
