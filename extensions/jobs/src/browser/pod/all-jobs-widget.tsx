import * as React from '@theia/core/shared/react';
import { SafeConfirmDialog } from '@presswork/platform/lib/browser/safe-confirm-dialog';
import { inject, injectable, named, postConstruct } from '@theia/core/shared/inversify';
import type { TableVirtuosoHandle } from '@theia/core/shared/react-virtuoso';
import { ReactWidget } from '@theia/core/lib/browser/widgets/react-widget';
import { codicon, Message } from '@theia/core/lib/browser/widgets/widget';
import { MessageService } from '@theia/core/lib/common/message-service';
import { ILogger } from '@theia/core/lib/common/logger';
import { nls } from '@theia/core/lib/common/nls';
import debounce = require('@theia/core/shared/lodash.debounce');
import { z } from 'zod';
import type { JobColumnContribution } from '@presswork/platform/lib/common/job-column-contribution';
import { JobColumnRegistry } from '@presswork/platform/lib/common/job-column-registry';
import { JOB_STATES, PHASES } from '@presswork/platform/lib/common/job-status';
import type { JobState } from '@presswork/platform/lib/common/job-status';
import { messageOf } from '@presswork/platform/lib/common/errors';
import { ChangeFeedService } from '@presswork/platform/lib/browser/change-feed-service';
import { CurrentUserService } from '@presswork/platform/lib/browser/account/current-user-service';
import { FormDialog } from '@presswork/platform/lib/browser/form-dialog';
import type { JobGroupField } from '@presswork/platform/lib/common/job-row';
import type { JobFacetChoices, JobFacets, JobListItem, JobQuery } from '../../common/job-query';
import { JobQueryService, SAVED_VIEWS_FEED, SavedViewService } from '../../common/jobs-protocol';
import type { SavedView, SavedViewList } from '../../common/saved-views';
import { AllJobsTable, AllJobsTableHost } from './all-jobs-table';
import type { SortRequest } from './header-sort-keys';
import { AllJobsToolbar } from './all-jobs-toolbar';
import type { ToolbarMenu } from './all-jobs-toolbar';
import { JobActionCommands } from './job-action-commands';
import { RowSelection } from './row-selection';
import { JobSelectionService } from './job-selection-service';
import { JobWindowModel } from './job-window-model';
import { LiveJobWindowWatcher } from './live-job-window-watcher';
import { LookAlikesNote } from './look-alikes-note';
import { EmptyResultNote } from './empty-result-note';
import { LongPress } from './long-press';
import { OrderPanelLayout } from './order-panel-layout';
import { TouchLayout } from './touch-layout';
import { TOUCH_LAYOUT_CHOICES } from './pod-layout-rules';
import type { TouchLayoutChoice } from './pod-layout-rules';
import {
    PodViewState, defaultViewState, isSortable, moveColumn, resizeColumn, savedViewContent, sortAfterClick, toggleColumn, viewStateOf
} from './pod-view-state';
import { PopupMenu, PopupMenuItem } from './popup-menu';
import { savedViewsMenu } from './saved-views-menu';

/** The most jobs one selection check asks about (the protocol's limit). */
const MAX_IDS_PER_CHECK = 1000;

/** Whether a text or facet filter hides jobs. */
function isFiltered(query: PodViewState['query']): boolean {
    return query.text.trim() !== '' || Object.values(query.facets).some(values => !!values?.length);
}

interface OpenMenu {
    readonly label: string;
    readonly items: () => PopupMenuItem[];
    readonly x: number;
    readonly y: number;
    readonly stayOpen?: boolean;
}

/**
 * The All Jobs pod: a virtualised table over the backend's sorted, grouped, filtered job list,
 * fetched by windows around what the user sees and kept live by the backend, which watches the
 * window the user sees and sends it when what it shows changed, without losing the user's place,
 * selection, sort or grouping.
 */
@injectable()
export class AllJobsWidget extends ReactWidget implements AllJobsTableHost {
    static readonly ID = 'presswork-all-jobs';
    static readonly LABEL = nls.localize('presswork/jobs/allJobs', 'All Jobs');

    @inject(JobQueryService) protected readonly queries: JobQueryService;
    @inject(LiveJobWindowWatcher) protected readonly liveWindow: LiveJobWindowWatcher;
    @inject(SavedViewService) protected readonly savedViews: SavedViewService;
    @inject(ChangeFeedService) protected readonly changeFeed: ChangeFeedService;
    @inject(CurrentUserService) protected readonly currentUser: CurrentUserService;
    @inject(MessageService) protected readonly messages: MessageService;
    @inject(ILogger) @named('jobs:AllJobsWidget') protected readonly logger: ILogger;
    @inject(JobSelectionService) protected readonly selection: JobSelectionService;
    @inject(JobActionCommands) protected readonly actions: JobActionCommands;
    @inject(JobColumnRegistry) protected readonly columnRegistry: JobColumnRegistry;
    @inject(TouchLayout) protected readonly touchLayout: TouchLayout;
    @inject(OrderPanelLayout) protected readonly orderPanelLayout: OrderPanelLayout;

    model: JobWindowModel;
    protected available: readonly JobColumnContribution[] = [];
    protected view: PodViewState;
    protected collapsed: string[] = [];
    protected views: SavedViewList = { views: [] };
    protected currentView: SavedView | undefined;
    protected facetChoices: JobFacetChoices = { workflows: [], connections: [] };
    protected readonly selected = new RowSelection();
    protected menu: OpenMenu | undefined;
    protected revision = 0;
    /** Counts opened views, so the toolbar's filter box shows the opened view's text. */
    protected viewOpens = 0;
    protected readonly tableRef = React.createRef<TableVirtuosoHandle>();
    protected readonly longPress = new LongPress();
    /** Says how many selected jobs a filter change unselected (they are hidden). */
    protected selectionNote: string | undefined;
    /** Counts filter changes, so only the latest one's answer changes the selection. */
    protected filterChecks = 0;
    protected readonly closeMenu = (): void => {
        this.menu = undefined;
        this.update();
    };

    @postConstruct()
    protected init(): void {
        this.id = AllJobsWidget.ID;
        this.title.label = AllJobsWidget.LABEL;
        this.title.caption = AllJobsWidget.LABEL;
        this.title.iconClass = codicon('list-flat');
        this.title.closable = true;
        this.addClass('presswork-all-jobs');
        this.node.tabIndex = -1;
        this.available = this.columnRegistry.all();
        this.view = defaultViewState(this.available);
        this.model = new JobWindowModel(request => this.queries.window(request), this.queryOf(this.view), undefined, request => this.liveWindow.watch(request));
        this.toDispose.push(this.model.onDidChange(() => this.modelChanged()));
        this.toDispose.push({ dispose: () => this.model.dispose() });
        this.toDispose.push(this.liveWindow.onDidUpdate(update => this.model.applyUpdate(update)));
        this.toDispose.push({ dispose: () => this.liveWindow.unwatch() });
        // A view another user shares (or stops sharing) shows up in the Views menu without a reload.
        this.toDispose.push(this.changeFeed.watch(SAVED_VIEWS_FEED, () => this.loadViewsSoon()));
        this.toDispose.push({ dispose: () => this.loadViewsSoon.cancel() });
        this.toDispose.push(this.changeFeed.onDidReconnect(() => this.reload()));
        this.toDispose.push(this.touchLayout.onDidChange(() => this.layoutChanged()));
        this.toDispose.push(this.orderPanelLayout.onDidChange(() => this.update()));
        this.toDispose.push({ dispose: () => this.longPress.cancel() });
        this.doInit();
    }

    protected async doInit(): Promise<void> {
        await this.currentUser.load();
        await this.loadViews();
        const first = this.views.views.find(view => view.id === this.views.defaultViewId);
        if (first) {
            this.openView(first);
        } else {
            this.model.setQuery(this.queryOf(this.view));
        }
        this.queries.facetChoices().then(choices => {
            this.facetChoices = choices;
            this.update();
        }, error => this.logger.warn('facet choices', error));
    }

    protected async reload(): Promise<void> {
        await this.loadViews();
        await this.model.refresh();
    }

    protected readonly loadViewsSoon = debounce(() => this.loadViews(), 100);

    protected async loadViews(): Promise<void> {
        try {
            this.views = await this.savedViews.list();
            this.currentView = this.views.views.find(view => view.id === this.currentView?.id);
        } catch (error) {
            this.messages.error(messageOf(error));
        }
        this.update();
    }

    protected queryOf(view: PodViewState): JobQuery {
        return { ...view.query, collapsed: this.collapsed };
    }

    protected setView(view: PodViewState, options: { keepPlace?: boolean } = {}): void {
        const queryChanged = JSON.stringify(view.query) !== JSON.stringify(this.view.query);
        const filterChanged = view.query.text !== this.view.query.text || JSON.stringify(view.query.facets) !== JSON.stringify(this.view.query.facets);
        if (view.columns !== this.view.columns) {
            // The rows draw their cells again: a column added shows its values at once, not at the list's next change.
            this.revision++;
        }
        this.view = view;
        if (filterChanged) {
            this.keepSelectionVisible();
        }
        if (queryChanged) {
            if (view.query.groupBy !== this.model.currentQuery.groupBy) {
                this.collapsed = [];
            }
            if (!options.keepPlace) {
                this.tableRef.current?.scrollToIndex(0);
            }
            this.model.setQuery(this.queryOf(view));
        }
        this.update();
    }

    protected modelChanged(): void {
        // Rows the user selected stay selected, with what the feed or the window says now.
        const loadedRows = [...this.model.loadedItems()].flatMap(([, item]) => item.kind === 'job' ? [item.row] : []);
        if (this.selected.refresh(loadedRows)) {
            this.publishSelection();
        }
        this.revision++;
        this.update();
    }

    /** The filter changed: selected jobs it hides are unselected, so no action runs on a job nobody sees. */
    protected async keepSelectionVisible(): Promise<void> {
        const check = ++this.filterChecks;
        this.selectionNote = undefined;
        const asked = this.selected.rows().map(row => row.id);
        if (!asked.length || !isFiltered(this.view.query)) {
            return;
        }
        const query = this.queryOf(this.view);
        try {
            const matching = new Set<string>();
            for (let from = 0; from < asked.length; from += MAX_IDS_PER_CHECK) {
                for (const id of await this.queries.matchingJobIds(query, asked.slice(from, from + MAX_IDS_PER_CHECK))) {
                    matching.add(id);
                }
            }
            if (check !== this.filterChecks) {
                return;
            }
            // Jobs selected while the answer came stay selected.
            const askedIds = new Set(asked);
            const dropped = this.selected.retain(id => matching.has(id) || !askedIds.has(id));
            if (dropped) {
                this.selectionNote = dropped === 1
                    ? nls.localize('presswork/jobs/selectionDroppedOne', '1 selected job is hidden by the filter and was unselected.')
                    : nls.localize('presswork/jobs/selectionDropped', '{0} selected jobs are hidden by the filter and were unselected.', dropped);
                this.publishSelection();
                this.revision++;
                this.update();
            }
        } catch (error) {
            this.logger.warn('could not check the selection against the filter', error);
        }
    }

    protected layoutChanged(): void {
        this.revision++;
        this.update();
    }

    protected publishSelection(): void {
        this.selection.setSelection(this.selected.rows());
    }

    // --- AllJobsTableHost

    get columns(): AllJobsTableHost['columns'] {
        return this.view.columns.flatMap(view => {
            const column = this.available.find(candidate => candidate.id === view.id);
            return column ? [{ view, column }] : [];
        });
    }

    get sort(): AllJobsTableHost['sort'] {
        return this.view.query.sort;
    }

    get groupBy(): JobGroupField | undefined {
        return this.model.currentQuery.groupBy;
    }

    get rowHeight(): number {
        return this.touchLayout.rowHeight;
    }

    isSelected(jobId: string): boolean {
        return this.selected.has(jobId);
    }

    rangeChanged(start: number, end: number): void {
        this.model.setRange(start, end);
    }

    clickRow(index: number, event: React.MouseEvent, clicked: JobListItem): void {
        if (this.longPress.takeFired()) {
            return;
        }
        this.node.querySelector<HTMLElement>('.presswork-all-jobs-body')?.focus();
        // Leaving the filter box sends its text, and the window is fetched again: the row the user
        // clicked is the one drawn, even when the model has let go of it until the answer comes.
        this.select(index, { toggle: event.ctrlKey || event.metaKey, range: event.shiftKey }, clicked);
    }

    contextMenuRow(index: number, event: React.MouseEvent): void {
        event.preventDefault();
        this.openRowMenu(index, event.clientX, event.clientY);
    }

    pressRow(index: number, event: React.PointerEvent): void {
        if (event.pointerType !== 'touch') {
            return;
        }
        if (event.type === 'pointerdown') {
            const { clientX, clientY } = event;
            this.longPress.down(clientX, clientY, () => this.openRowMenu(index, clientX, clientY));
        } else if (event.type === 'pointermove') {
            this.longPress.move(event.clientX, event.clientY);
        } else {
            this.longPress.cancel();
        }
    }

    protected openRowMenu(index: number, x: number, y: number): void {
        const item = this.model.itemAt(index);
        if (item?.kind === 'job' && !this.selected.has(item.row.id)) {
            this.select(index, {});
        }
        if (this.actions.permittedActions().length) {
            this.menu = { label: nls.localize('presswork/jobs/jobActions', 'Job actions'), items: () => this.actions.menuItems(), x, y };
            this.update();
        }
    }

    get focusIndex(): number | undefined {
        return this.selected.focusIndex;
    }

    protected select(index: number, how: { toggle?: boolean, range?: boolean }, clicked?: JobListItem): void {
        if (this.selected.select(index, how, at => this.model.itemAt(at) ?? (at === index ? clicked : undefined))) {
            this.selectionNote = undefined;
            this.publishSelection();
            this.revision++;
            this.update();
        }
    }

    keyDown(event: React.KeyboardEvent): void {
        if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') {
            return;
        }
        event.preventDefault();
        const index = this.selected.nextIndex(event.key === 'ArrowDown' ? 1 : -1, this.model.total, at => this.model.itemAt(at));
        if (index !== undefined) {
            this.tableRef.current?.scrollIntoView({ index });
            this.select(index, { range: event.shiftKey });
        }
    }

    toggleGroup(key: string): void {
        this.collapsed = this.collapsed.includes(key) ? this.collapsed.filter(collapsed => collapsed !== key) : [...this.collapsed, key];
        this.model.setQuery(this.queryOf(this.view));
    }

    clickHeader(column: JobColumnContribution, event: SortRequest): void {
        if (!isSortable(column.field)) {
            return;
        }
        this.setView({ ...this.view, query: { ...this.view.query, sort: sortAfterClick(this.view.query.sort, column.field, event.shiftKey) } });
    }

    resizeColumn(id: string, width: number): void {
        this.setView({ ...this.view, columns: resizeColumn(this.view.columns, id, width) });
    }

    moveColumn(id: string, beforeId: string | undefined): void {
        this.setView({ ...this.view, columns: moveColumn(this.view.columns, id, beforeId) });
    }

    // --- toolbar

    setText(text: string): void {
        this.setView({ ...this.view, query: { ...this.view.query, text } });
    }

    setGroupBy(groupBy: JobGroupField | undefined): void {
        this.setView({ ...this.view, query: { ...this.view.query, groupBy } });
    }

    setFacets(facets: JobFacets): void {
        this.setView({ ...this.view, query: { ...this.view.query, facets } });
    }

    /** Shows only the jobs in one state (the status bar's counts). */
    showOnlyState(state: JobState): void {
        this.viewOpens++;
        this.setView({ ...this.view, query: { ...this.view.query, text: '', facets: { state: [state] } } });
    }

    /** Shows only the jobs at risk of missing their due date (the status bar's count). */
    showOnlyAtRisk(): void {
        this.viewOpens++;
        this.setView({ ...this.view, query: { ...this.view.query, text: '', facets: { schedule: ['atRisk'] } } });
    }

    /** Empties the text filter and the facet filters (the empty result's Clear filter). */
    clearFilter(): void {
        this.viewOpens++;
        this.setView({ ...this.view, query: { ...this.view.query, text: '', facets: {} } });
    }

    openMenu(kind: ToolbarMenu, anchor: HTMLElement): void {
        const box = anchor.getBoundingClientRect();
        const at = { x: box.left, y: box.bottom + 2 };
        if (kind === 'columns') {
            this.menu = { label: nls.localize('presswork/jobs/columns', 'Columns'), stayOpen: true, ...at, items: () => this.available.map(column => ({
                id: `column:${column.id}`, label: column.label, checked: this.view.columns.some(shown => shown.id === column.id),
                run: () => this.setView({ ...this.view, columns: toggleColumn(this.view.columns, column) })
            })) };
        } else if (kind === 'facets') {
            this.menu = { label: nls.localize('presswork/jobs/filters', 'Filters'), stayOpen: true, ...at, items: () => this.facetItems() };
        } else if (kind === 'layout') {
            this.menu = { label: nls.localize('presswork/jobs/layout', 'Layout'), stayOpen: true, ...at, items: () => this.layoutItems() };
        } else if (kind === 'views') {
            this.menu = { label: nls.localize('presswork/jobs/views', 'Views'), ...at, items: () => this.viewItems() };
        } else {
            this.menu = { label: nls.localize('presswork/jobs/more', 'More'), ...at, items: () => this.actions.menuItems() };
        }
        this.update();
    }

    protected facetItems(): PopupMenuItem[] {
        const facets = this.view.query.facets;
        const toggle = <K extends keyof JobFacets>(facet: K, value: NonNullable<JobFacets[K]>[number]): void => {
            const current = (facets[facet] ?? []) as string[];
            const next = current.includes(value) ? current.filter(chosen => chosen !== value) : [...current, value];
            this.setFacets({ ...facets, [facet]: next.length ? next : undefined });
        };
        const section = <K extends keyof JobFacets>(facet: K, title: string, choices: readonly { id: NonNullable<JobFacets[K]>[number], label: string }[]): PopupMenuItem[] =>
            choices.map((choice, index) => ({
                id: `${facet}:${choice.id}`, label: `${title}: ${choice.label}`, separatorBefore: index === 0,
                checked: ((facets[facet] ?? []) as string[]).includes(choice.id), run: () => toggle(facet, choice.id)
            }));
        return [
            { id: 'clear', label: nls.localize('presswork/jobs/clearFilters', 'Clear filters'), run: () => this.setFacets({}) },
            ...section('state', nls.localize('presswork/jobs/state', 'State'), JOB_STATES.map(state => ({ id: state, label: state }))),
            ...section('phase', nls.localize('presswork/jobs/phase', 'Phase'), PHASES.map(phase => ({ id: phase, label: phase }))),
            ...section('workflowId', nls.localize('presswork/jobs/workflow', 'Workflow'), this.facetChoices.workflows.map(({ id, name }) => ({ id, label: name }))),
            ...section('connectionId', nls.localize('presswork/jobs/connection', 'Connection'), this.facetChoices.connections.map(({ id, name }) => ({ id, label: name }))),
            ...section('schedule', nls.localize('presswork/jobs/schedule', 'Schedule'), [
                { id: 'atRisk', label: nls.localize('presswork/jobs/atRisk', 'At risk') },
                { id: 'overdue', label: nls.localize('presswork/jobs/overdue', 'Overdue') }
            ])
        ];
    }

    protected layoutItems(): PopupMenuItem[] {
        const labels: Record<TouchLayoutChoice, string> = {
            auto: nls.localize('presswork/jobs/touchLayoutAuto', 'Touch layout: automatic (on touch screens)'),
            on: nls.localize('presswork/jobs/touchLayoutOn', 'Touch layout: on'),
            off: nls.localize('presswork/jobs/touchLayoutOff', 'Touch layout: off')
        };
        return [
            { id: 'orderPanel', label: nls.localize('presswork/jobs/showOrderPanel', 'Order panel'), checked: this.orderPanelLayout.shown, run: () => this.orderPanelLayout.toggle() },
            ...TOUCH_LAYOUT_CHOICES.map((choice, index) => ({
                id: `touch:${choice}`, label: labels[choice], separatorBefore: index === 0,
                checked: this.touchLayout.choice === choice, run: () => this.touchLayout.choose(choice)
            }))
        ];
    }

    // --- saved views

    protected viewItems(): PopupMenuItem[] {
        const user = this.currentUser.user;
        return user ? savedViewsMenu(this.views, this.currentView, user, {
            open: view => this.openView(view),
            saveAs: () => this.saveViewAs(),
            update: view => this.viewChange(() => this.savedViews.update(view.id, view.version, savedViewContent(view.name, this.view))),
            remove: view => this.removeView(view),
            setMyDefault: view => this.viewChange(() => this.savedViews.setMyDefault(this.views.defaultViewId === view.id ? undefined : view.id)),
            setShared: (view, shared) => this.viewChange(() => this.savedViews.setShared(view.id, shared)),
            setShopDefault: view => this.viewChange(() => this.savedViews.setShopDefault(view.id))
        }) : [];
    }

    protected openView(view: SavedView): void {
        this.currentView = view;
        this.viewOpens++;
        this.collapsed = [];
        this.setView(viewStateOf(view, this.available));
        if (!this.model.loaded) {
            this.model.setQuery(this.queryOf(this.view));
        }
    }

    protected async saveViewAs(): Promise<void> {
        let created: SavedView | undefined;
        const dialog = new FormDialog({
            title: nls.localize('presswork/jobs/saveViewTitle', 'Save view'),
            acceptLabel: nls.localize('presswork/jobs/save', 'Save'),
            fields: [{ name: 'name', label: nls.localize('presswork/jobs/viewName', 'View name'), kind: 'text', initial: this.currentView?.name }],
            schema: z.object({ name: z.string().trim().min(1, 'Name is required').max(100) }),
            submit: async ({ name }) => created = await this.savedViews.create(savedViewContent(name, this.view))
        });
        if (await dialog.open() && created) {
            this.currentView = created;
            await this.loadViews();
        }
    }

    protected async removeView(view: SavedView): Promise<void> {
        const confirmed = await new SafeConfirmDialog({
            title: nls.localize('presswork/jobs/deleteViewTitle', 'Delete view'),
            msg: nls.localize('presswork/jobs/deleteViewMessage', 'Delete the view "{0}"?', view.name),
            ok: nls.localize('presswork/jobs/delete', 'Delete')
        }).open();
        if (confirmed) {
            await this.viewChange(() => this.savedViews.delete(view.id, view.version));
        }
    }

    protected async viewChange(change: () => Promise<unknown>): Promise<void> {
        try {
            const result = await change();
            if (result && typeof result === 'object' && 'id' in result && result.id === this.currentView?.id) {
                this.currentView = result as SavedView;
            }
        } catch (error) {
            this.messages.error(messageOf(error));
        }
        await this.loadViews();
    }

    // --- rendering

    protected override onActivateRequest(message: Message): void {
        super.onActivateRequest(message);
        (this.node.querySelector<HTMLElement>('.presswork-all-jobs-body') ?? this.node).focus();
    }

    protected render(): React.ReactNode {
        const facets = this.view.query.facets;
        const facetCount = Object.values(facets).reduce((sum, values) => sum + (values?.length ?? 0), 0);
        return <>
            <AllJobsToolbar key={this.viewOpens}
                viewName={this.currentView?.name}
                text={this.view.query.text}
                groupBy={this.view.query.groupBy}
                facetCount={facetCount}
                showMore={this.actions.permittedActions().length > 0}
                matching={this.model.matchingJobs}
                all={this.model.allJobs}
                selected={this.selected.size}
                onText={text => this.setText(text)}
                onGroupBy={groupBy => this.setGroupBy(groupBy)}
                onMenu={(kind, anchor) => this.openMenu(kind, anchor)}
            />
            {this.model.error && <p className='presswork-error' role='alert'>{this.model.error}</p>}
            {this.selectionNote && <p className='presswork-all-jobs-note' role='status'>{this.selectionNote}</p>}
            <LookAlikesNote count={this.model.lookAlikes} text={this.model.currentQuery.text ?? ''} />
            {this.model.loaded && !this.model.error && this.model.total === 0
                ? <EmptyResultNote filtered={isFiltered(this.view.query)} onClearFilter={() => this.clearFilter()} />
                : <AllJobsTable host={this} revision={this.revision} tableRef={this.tableRef} />}
            {this.menu && <PopupMenu label={this.menu.label} items={this.menu.items()} x={this.menu.x} y={this.menu.y} stayOpen={this.menu.stayOpen} onClose={this.closeMenu} />}
        </>;
    }
}
