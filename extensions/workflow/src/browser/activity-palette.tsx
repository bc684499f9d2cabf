import * as React from '@theia/core/shared/react';
import { nls } from '@theia/core/lib/common/nls';
import type { ResolvedActivity } from '../common/workflow-validation';
import { ActivityCatalog, matchesActivity, phasesText } from './activity-catalog';
import type { WorkflowDesignerController } from './workflow-designer-controller';
import { ACTIVITY_DRAG_TYPE } from './workflow-drag';

export interface ActivityPaletteProps {
    readonly catalog: ActivityCatalog;
    readonly readOnly: boolean;
    readonly controller: WorkflowDesignerController;
}

/**
 * The Activities palette: Default and Custom sections with a search box. Drag an activity into a
 * lane, or press Enter on it to add it to the selected lane (or the first one it may stand in).
 */
export const ActivityPalette = React.memo(function ActivityPalette({ catalog, readOnly, controller }: ActivityPaletteProps): React.ReactElement {
    const [search, setSearch] = React.useState('');
    const supplied = React.useMemo(() => catalog.supplied.filter(activity => matchesActivity(activity, search)), [catalog, search]);
    const custom = React.useMemo(() => catalog.custom.filter(activity => matchesActivity(activity, search)), [catalog, search]);

    return <aside className='presswork-workflow-palette' aria-label={nls.localize('presswork/workflow/activities', 'Activities')}>
        <h3 className='presswork-workflow-panel-title'>{nls.localize('presswork/workflow/activities', 'Activities')}</h3>
        <input type='search' className='theia-input presswork-workflow-palette-search' placeholder={nls.localize('presswork/workflow/searchActivities', 'Search activities')}
            aria-label={nls.localize('presswork/workflow/searchActivities', 'Search activities')} value={search} onChange={event => setSearch(event.target.value)} spellCheck={false} />
        <PaletteSection title={nls.localize('presswork/workflow/paletteDefault', 'Default')} activities={supplied} readOnly={readOnly} controller={controller}
            empty={search ? nls.localize('presswork/workflow/noMatch', 'No match') : nls.localize('presswork/workflow/noActivities', 'No activities')} />
        <PaletteSection title={nls.localize('presswork/workflow/paletteCustom', 'Custom')} activities={custom} readOnly={readOnly} controller={controller}
            empty={search ? nls.localize('presswork/workflow/noMatch', 'No match') : nls.localize('presswork/workflow/noCustomActivities', 'No custom activities yet')} />
    </aside>;
});

function PaletteSection(props: { title: string; activities: readonly ResolvedActivity[]; readOnly: boolean; controller: WorkflowDesignerController; empty: string }): React.ReactElement {
    return <section className='presswork-workflow-palette-section' aria-label={nls.localize('presswork/workflow/paletteSection', '{0} activities', props.title)}>
        <h4>{props.title}</h4>
        {props.activities.length
            ? <ul>{props.activities.map(activity => <PaletteItem key={activity.type} activity={activity} readOnly={props.readOnly} controller={props.controller} />)}</ul>
            : <p className='presswork-workflow-palette-empty'>{props.empty}</p>}
    </section>;
}

const PaletteItem = React.memo(function PaletteItem({ activity, readOnly, controller }: { activity: ResolvedActivity; readOnly: boolean; controller: WorkflowDesignerController }): React.ReactElement {
    const add = (): void => {
        if (!readOnly) {
            controller.addActivity(activity.type);
        }
    };
    // The list item holds the button: a list may only contain list items.
    return <li><div className={`presswork-palette-item${readOnly ? ' presswork-palette-item--disabled' : ''}`}
        data-palette-activity={activity.type} tabIndex={0} role='button' aria-disabled={readOnly}
        aria-label={nls.localize('presswork/workflow/paletteItem', '{0}: {1}', activity.label, activity.description)}
        title={readOnly
            ? nls.localize('presswork/workflow/paletteItemTitle', '{0}\nPhases: {1}', activity.description, phasesText(activity.allowedPhases))
            : nls.localize('presswork/workflow/paletteItemTitleAdd', '{0}\nPhases: {1}\nDrag into a lane, or press Enter to add.', activity.description, phasesText(activity.allowedPhases))}
        draggable={!readOnly}
        onDragStart={event => {
            controller.dragging = { kind: 'activity', type: activity.type };
            event.dataTransfer.effectAllowed = 'copy';
            event.dataTransfer.setData(ACTIVITY_DRAG_TYPE, activity.type);
            event.dataTransfer.setData('text/plain', activity.label);
        }}
        onDoubleClick={add}
        onKeyDown={event => {
            if ((event.key === 'Enter' || event.key === ' ') && !event.altKey && !event.ctrlKey && !event.metaKey) {
                event.preventDefault();
                add();
            }
        }}>
        <span className={`presswork-palette-icon ${activity.iconClass}`} aria-hidden />
        <span className='presswork-palette-label'>{activity.label}</span>
        <span className='presswork-palette-phases'>{phasesText(activity.allowedPhases)}</span>
    </div></li>;
});
