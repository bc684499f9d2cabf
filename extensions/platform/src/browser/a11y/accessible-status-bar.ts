import * as React from '@theia/core/shared/react';
import { inject, injectable } from '@theia/core/shared/inversify';
import { CommandService } from '@theia/core/lib/common/command';
import { PreferenceService } from '@theia/core/lib/common/preferences';
import { FrontendApplicationStateService } from '@theia/core/lib/browser/frontend-application-state';
import { HoverService } from '@theia/core/lib/browser/hover-service';
import { LabelParser } from '@theia/core/lib/browser/label-parser';
import { StatusBarImpl } from '@theia/core/lib/browser/status-bar/status-bar';
import { StatusBarViewModel } from '@theia/core/lib/browser/status-bar/status-bar-view-model';
import type { StatusBarViewEntry } from '@theia/core/lib/browser/status-bar/status-bar-types';

/**
 * Theia's status bar, with every entry that runs a command made a button the keyboard reaches
 * (Tab, then Enter or Space): Theia renders them as plain elements with a label and no role.
 */
@injectable()
export class AccessibleStatusBar extends StatusBarImpl {
    // Theia injects through the constructor: inversify needs the derived class to repeat it.
    constructor(
        @inject(CommandService) commands: CommandService,
        @inject(LabelParser) entryService: LabelParser,
        @inject(FrontendApplicationStateService) applicationStateService: FrontendApplicationStateService,
        @inject(PreferenceService) preferences: PreferenceService,
        @inject(StatusBarViewModel) viewModel: StatusBarViewModel,
        @inject(HoverService) hoverService: HoverService
    ) {
        super(commands, entryService, applicationStateService, preferences, viewModel, hoverService);
    }

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
