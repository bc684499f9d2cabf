import * as React from '@theia/core/shared/react';
import { nls } from '@theia/core/lib/common/nls';
import { JOB_GROUP_FIELDS } from '@presswork/platform/lib/common/job-row';
import type { JobGroupField } from '@presswork/platform/lib/common/job-row';
import { FilterTextSender } from './filter-text-sender';

const GROUP_LABELS: Record<JobGroupField, string> = {
    orderNumber: nls.localize('presswork/jobs/groupByOrder', 'Order number'),
    state: nls.localize('presswork/jobs/groupByState', 'State'),
    workflowName: nls.localize('presswork/jobs/groupByWorkflow', 'Workflow'),
    batchId: nls.localize('presswork/jobs/groupByBatch', 'Batch')
};

export type ToolbarMenu = 'views' | 'columns' | 'facets' | 'layout' | 'more';

export interface AllJobsToolbarProps {
    readonly viewName?: string;
    readonly text: string;
    readonly groupBy?: JobGroupField;
    readonly facetCount: number;
    /** False for users who may run no job action (Monitors): no More menu at all. */
    readonly showMore: boolean;
    readonly matching: number;
    readonly all: number;
    readonly selected: number;
    onText(text: string): void;
    onGroupBy(groupBy: JobGroupField | undefined): void;
    onMenu(menu: ToolbarMenu, anchor: HTMLElement): void;
}

function MenuButton(props: { menu: ToolbarMenu, label: string, icon: string, onMenu: AllJobsToolbarProps['onMenu'] }): React.ReactElement {
    return <button type='button' className='theia-button secondary presswork-toolbar-button' data-menu={props.menu} aria-haspopup='menu'
        onClick={event => props.onMenu(props.menu, event.currentTarget)}>
        <span className={`codicon codicon-${props.icon}`} aria-hidden='true' /> {props.label}
    </button>;
}

/** The pod's toolbar: views, text filter, facet filters, grouping, columns, More, and the counts. */
export function AllJobsToolbar(props: AllJobsToolbarProps): React.ReactElement {
    // One sender for the box's life: renders in between must not drop text still waiting to go.
    const sender = React.useRef<FilterTextSender | undefined>(undefined);
    sender.current ??= new FilterTextSender(props.onText);
    sender.current.send = props.onText;
    React.useEffect(() => () => sender.current?.cancel(), []);
    return <div className='presswork-all-jobs-toolbar' role='toolbar'>
        <MenuButton menu='views' icon='bookmark' onMenu={props.onMenu}
            label={props.viewName ?? nls.localize('presswork/jobs/unsavedView', 'Views')} />
        <input type='search' className='theia-input presswork-all-jobs-filter' defaultValue={props.text}
            aria-label={nls.localize('presswork/jobs/filterLabel', 'Filter jobs')}
            placeholder={nls.localize('presswork/jobs/filterPlaceholder', 'Filter jobs')}
            onChange={event => sender.current?.typed(event.currentTarget.value)}
            onKeyDown={event => event.key === 'Enter' && sender.current?.flush()}
            onBlur={() => sender.current?.flush()} />
        <MenuButton menu='facets' icon='filter' onMenu={props.onMenu}
            label={props.facetCount ? nls.localize('presswork/jobs/filtersCount', 'Filters ({0})', props.facetCount) : nls.localize('presswork/jobs/filters', 'Filters')} />
        <label className='presswork-all-jobs-group'>
            {nls.localize('presswork/jobs/groupBy', 'Group by')}
            <select className='theia-select' value={props.groupBy ?? ''} aria-label={nls.localize('presswork/jobs/groupBy', 'Group by')}
                onChange={event => props.onGroupBy((event.currentTarget.value || undefined) as JobGroupField | undefined)}>
                <option value=''>{nls.localize('presswork/jobs/noGrouping', 'None')}</option>
                {JOB_GROUP_FIELDS.map(field => <option key={field} value={field}>{GROUP_LABELS[field]}</option>)}
            </select>
        </label>
        <MenuButton menu='columns' icon='layout' onMenu={props.onMenu} label={nls.localize('presswork/jobs/columns', 'Columns')} />
        <MenuButton menu='layout' icon='layout-sidebar-right' onMenu={props.onMenu} label={nls.localize('presswork/jobs/layout', 'Layout')} />
        {props.showMore && <MenuButton menu='more' icon='ellipsis' onMenu={props.onMenu} label={nls.localize('presswork/jobs/more', 'More')} />}
        <span className='presswork-all-jobs-count' aria-live='polite'>
            {nls.localize('presswork/jobs/count', '{0} of {1} jobs', props.matching, props.all)}
            {props.selected > 0 && nls.localize('presswork/jobs/selectedCount', ', {0} selected', props.selected)}
        </span>
    </div>;
}
