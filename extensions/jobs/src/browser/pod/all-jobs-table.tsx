import * as React from '@theia/core/shared/react';
import { TableVirtuoso, TableVirtuosoHandle, ItemProps, TableProps } from '@theia/core/shared/react-virtuoso';
import { nls } from '@theia/core/lib/common/nls';
import type { JobColumnContribution } from '@presswork/platform/lib/common/job-column-contribution';
import type { JobGroupField, JobRow } from '@presswork/platform/lib/common/job-row';
import { balancedBidi, visibleIdentifier } from '@presswork/platform/lib/common/hidden-characters';
import { StoreText } from '@presswork/platform/lib/browser/store-text';
import type { JobListItem, SortKey } from '../../common/job-query';
import type { ViewColumn } from '../../common/saved-views';
import type { JobWindowModel } from './job-window-model';
import { SortRequest, sortOnKeys } from './header-sort-keys';

/** What the table needs from the pod: the model, what is selected, and what to do on clicks. */
export interface AllJobsTableHost {
    readonly model: JobWindowModel;
    readonly columns: readonly { readonly view: ViewColumn; readonly column: JobColumnContribution }[];
    readonly sort: readonly SortKey[];
    /** The field the list is grouped by: the group headers show its values. */
    readonly groupBy: JobGroupField | undefined;
    isSelected(jobId: string): boolean;
    readonly focusIndex: number | undefined;
    /** `clicked`: the row as drawn, in case the window is being fetched again meanwhile. */
    clickRow(index: number, event: React.MouseEvent, clicked: JobListItem): void;
    contextMenuRow(index: number, event: React.MouseEvent): void;
    /** A finger down, moving or up on a row: a long press opens the context menu. */
    pressRow(index: number, event: React.PointerEvent): void;
    /** Row height in px (the touch layout's rows are finger-sized). */
    readonly rowHeight: number;
    toggleGroup(key: string): void;
    clickHeader(column: JobColumnContribution, event: SortRequest): void;
    resizeColumn(id: string, width: number): void;
    moveColumn(id: string, beforeId: string | undefined): void;
    rangeChanged(start: number, end: number): void;
    keyDown(event: React.KeyboardEvent): void;
}

interface TableContext {
    readonly host: AllJobsTableHost;
    /** Changes on every render so rows show the model's latest state. */
    readonly revision: number;
}

function cellText(column: JobColumnContribution, row: JobRow): string {
    const value = (row as unknown as Record<string, unknown>)[column.field];
    if (column.format) {
        return column.format(value);
    }
    return value === undefined || value === null ? '' : String(value);
}

const Table = ({ context: _context, style, ...props }: TableProps & { context?: TableContext }): React.ReactElement => {
    const width = _context?.host.columns.reduce((sum, { view }) => sum + view.width, 0);
    return <table {...props} role='grid' aria-label={nls.localize('presswork/jobs/allJobs', 'All Jobs')}
        aria-rowcount={_context?.host.model.total} className='presswork-all-jobs-table' style={{ ...style, width, tableLayout: 'fixed' }} />;
};

const TableRow = ({ context, ...props }: ItemProps & { context?: TableContext }): React.ReactElement => {
    const index = props['data-index'];
    const host = context!.host;
    const item = host.model.itemAt(index);
    const focused = host.focusIndex === index ? ' focused' : '';
    if (item?.kind === 'group') {
        return <tr {...props} role='row' aria-expanded={!item.collapsed} data-group-key={item.key} className={`presswork-job-group${focused}`}
            onClick={() => host.toggleGroup(item.key)} />;
    }
    if (item?.kind === 'job') {
        const selected = host.isSelected(item.row.id);
        const fading = host.model.isFading(item.row.id) ? ' leaving' : '';
        const press = (event: React.PointerEvent): void => host.pressRow(index, event);
        return <tr {...props} role='row' aria-selected={selected} data-job-id={item.row.id} data-state={item.row.state}
            data-at-risk={item.row.atRisk || undefined} data-overdue={item.row.overdue || undefined}
            className={`presswork-job-row${selected ? ' selected' : ''}${focused}${fading}`}
            onClick={event => host.clickRow(index, event, item)} onContextMenu={event => host.contextMenuRow(index, event)}
            onPointerDown={press} onPointerMove={press} onPointerUp={press} onPointerCancel={press} />;
    }
    return <tr {...props} role='row' className='presswork-job-placeholder' />;
};

const COMPONENTS = { Table, TableRow };

function GroupCells({ host, index }: { host: AllJobsTableHost, index: number }): React.ReactElement {
    const item = host.model.itemAt(index);
    if (item?.kind !== 'group') {
        return <></>;
    }
    return <td role='gridcell' colSpan={host.columns.length}>
        <span className={`codicon codicon-chevron-${item.collapsed ? 'right' : 'down'}`} aria-hidden='true' />
        <StoreText className='presswork-job-group-label' text={item.label} identifier={host.groupBy === 'orderNumber'} />
        <span className='presswork-job-group-count'>{item.jobCount === 1 ? nls.localize('presswork/jobs/groupOneJob', '1 job') : nls.localize('presswork/jobs/groupJobs', '{0} jobs', item.jobCount)}</span>
        {item.waitingForCloseout > 0 && <span className='presswork-job-group-closeout'>
            {nls.localize('presswork/jobs/groupWaiting', '{0} waiting for closeout', item.waitingForCloseout)}</span>}
    </td>;
}

interface JobCellsProps {
    readonly row: JobRow;
    readonly columns: readonly JobColumnContribution[];
    /** The columns' ids in order: the cells depend on nothing else of them. */
    readonly columnsKey: string;
}

/** Whether two rows hold the same values (a window sent again brings new objects for unchanged rows). */
function sameRow(a: JobRow, b: JobRow): boolean {
    if (a === b) {
        return true;
    }
    const keys = Object.keys(a) as (keyof JobRow)[];
    return keys.length === Object.keys(b).length && keys.every(key => a[key] === b[key]);
}

/** A job at risk of missing its due date, or past it: a mark with its name in words, whatever columns show. */
function RiskMarker({ row }: { row: JobRow }): React.ReactElement | null {
    if (!row.atRisk) {
        return null;
    }
    const label = row.overdue ? nls.localize('presswork/jobs/overdue', 'Overdue') : nls.localize('presswork/jobs/atRisk', 'At risk');
    return <span className={`presswork-risk-marker codicon codicon-${row.overdue ? 'error' : 'warning'}`} role='img' aria-label={label} title={label} />;
}

/**
 * A job's cells, drawn again only when its values or the columns changed: an update of the list
 * repaints the rows that changed, not every visible one. The first cell carries the risk marker.
 */
const JobCells = React.memo(({ row, columns }: JobCellsProps): React.ReactElement => <>{columns.map((column, index) => {
    const text = cellText(column, row);
    return <td key={column.id} role='gridcell' data-column-id={column.id} title={column.identifier ? visibleIdentifier(text) : balancedBidi(text)}>
        {index === 0 && <RiskMarker row={row} />}
        <StoreText text={text} identifier={column.identifier} />
    </td>;
})}</>, (before, after) => before.columnsKey === after.columnsKey && sameRow(before.row, after.row));

function itemContent(index: number, _data: unknown, context: TableContext): React.ReactElement {
    const { host } = context;
    const item = host.model.itemAt(index);
    if (item?.kind === 'group') {
        return <GroupCells host={host} index={index} />;
    }
    if (item?.kind === 'job') {
        const columns = host.columns.map(({ column }) => column);
        return <JobCells row={item.row} columns={columns} columnsKey={columns.map(column => column.id).join(',')} />;
    }
    return <td role='gridcell' colSpan={host.columns.length} className='presswork-job-loading'>&nbsp;</td>;
}

/** The pod's header: click to sort (shift adds a key), drag to reorder, drag the edge to resize. */
function HeaderRow({ host }: { host: AllJobsTableHost }): React.ReactElement {
    const startResize = (event: React.MouseEvent, id: string, width: number): void => {
        event.preventDefault();
        event.stopPropagation();
        const startX = event.clientX;
        const move = (moved: MouseEvent): void => host.resizeColumn(id, width + moved.clientX - startX);
        const up = (): void => {
            document.removeEventListener('mousemove', move);
            document.removeEventListener('mouseup', up);
        };
        document.addEventListener('mousemove', move);
        document.addEventListener('mouseup', up);
    };
    return <tr role='row'>
        {host.columns.map(({ view, column }) => {
            const position = host.sort.findIndex(key => key.field === column.field);
            const key = host.sort[position];
            const ariaSort = position === 0 ? (key.direction === 'asc' ? 'ascending' : 'descending') : undefined;
            return <th key={column.id} role='columnheader' data-column-id={column.id} aria-sort={ariaSort} style={{ width: view.width }}
                draggable onDragStart={event => event.dataTransfer.setData('application/x-presswork-column', column.id)}
                onDragOver={event => event.dataTransfer.types.includes('application/x-presswork-column') && event.preventDefault()}
                onDrop={event => {
                    const moving = event.dataTransfer.getData('application/x-presswork-column');
                    if (moving) {
                        event.preventDefault();
                        host.moveColumn(moving, column.id);
                    }
                }}
                onClick={event => host.clickHeader(column, event)} tabIndex={0} onKeyDown={sortOnKeys(request => host.clickHeader(column, request))}
                title={nls.localize('presswork/jobs/sortHint', 'Click or press Enter to sort; with Shift, add a sort key')}>
                <span className='presswork-column-label'>{column.label}</span>
                {key && <span className={`presswork-sort-mark codicon codicon-arrow-${key.direction === 'asc' ? 'up' : 'down'}`} aria-hidden='true'
                    data-sort-position={position + 1}>{host.sort.length > 1 ? position + 1 : ''}</span>}
                <span className='presswork-column-resizer' onMouseDown={event => startResize(event, column.id, view.width)} onClick={event => event.stopPropagation()} />
            </th>;
        })}
    </tr>;
}

export interface AllJobsTableProps {
    readonly host: AllJobsTableHost;
    readonly revision: number;
    readonly tableRef: React.Ref<TableVirtuosoHandle>;
}

export function AllJobsTable({ host, revision, tableRef }: AllJobsTableProps): React.ReactElement {
    const context = React.useMemo<TableContext>(() => ({ host, revision }), [host, revision]);
    return <div className='presswork-all-jobs-body' tabIndex={0} onKeyDown={event => host.keyDown(event)}>
        <TableVirtuoso<unknown, TableContext>
            ref={tableRef}
            totalCount={host.model.total}
            context={context}
            fixedItemHeight={host.rowHeight}
            increaseViewportBy={host.rowHeight * 10}
            components={COMPONENTS}
            fixedHeaderContent={() => <HeaderRow host={host} />}
            itemContent={itemContent}
            rangeChanged={range => host.rangeChanged(range.startIndex, range.endIndex)}
        />
    </div>;
}
