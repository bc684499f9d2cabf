import type { JobColumnContribution } from '@presswork/platform/lib/common/job-column-contribution';
import { JOB_ROW_FIELDS } from '@presswork/platform/lib/common/job-row';
import type { JobRowField } from '@presswork/platform/lib/common/job-row';
import type { CheckedJobQuery, SortKey } from '../../common/job-query';
import type { SavedView, SavedViewContent, ViewColumn } from '../../common/saved-views';

/** What the pod shows: its columns (order and width) and its query (without collapsed groups). */
export interface PodViewState {
    readonly columns: readonly ViewColumn[];
    readonly query: Omit<CheckedJobQuery, 'collapsed'>;
}

export const DEFAULT_SORT: SortKey[] = [{ field: 'receivedAt', direction: 'desc' }];

export function defaultViewState(columns: readonly JobColumnContribution[]): PodViewState {
    return {
        columns: columns.filter(column => column.visibleByDefault).map(column => ({ id: column.id, width: column.defaultWidth })),
        query: { sort: DEFAULT_SORT, text: '', facets: {} }
    };
}

/** A saved view's state, keeping only columns that still exist. */
export function viewStateOf(view: SavedView, available: readonly JobColumnContribution[]): PodViewState {
    const known = new Set(available.map(column => column.id));
    const columns = view.columns.filter(column => known.has(column.id));
    return { columns: columns.length ? columns : defaultViewState(available).columns, query: view.query };
}

export function savedViewContent(name: string, state: PodViewState): SavedViewContent {
    return { name, columns: [...state.columns], query: state.query };
}

export function isSortable(field: string): field is JobRowField {
    return (JOB_ROW_FIELDS as readonly string[]).includes(field);
}

/**
 * A click on a column header: the column becomes the only key (a second click on the primary key
 * reverses it); with shift it is added as a further key, or reversed if it already is one.
 */
export function sortAfterClick(sort: readonly SortKey[], field: JobRowField, addKey: boolean): SortKey[] {
    const existing = sort.find(key => key.field === field);
    const reversed = (key: SortKey): SortKey => ({ field: key.field, direction: key.direction === 'asc' ? 'desc' : 'asc' });
    if (addKey) {
        if (existing) {
            return sort.map(key => key.field === field ? reversed(key) : key);
        }
        return [...sort, { field, direction: 'asc' as const }].slice(-3);
    }
    if (existing && sort[0].field === field) {
        return [reversed(existing)];
    }
    return [{ field, direction: 'asc' }];
}

/** Moves column `id` before column `beforeId` (or to the end). */
export function moveColumn(columns: readonly ViewColumn[], id: string, beforeId: string | undefined): ViewColumn[] {
    const moving = columns.find(column => column.id === id);
    if (!moving || id === beforeId) {
        return [...columns];
    }
    const rest = columns.filter(column => column.id !== id);
    const at = beforeId === undefined ? rest.length : rest.findIndex(column => column.id === beforeId);
    rest.splice(at < 0 ? rest.length : at, 0, moving);
    return rest;
}

export function toggleColumn(columns: readonly ViewColumn[], column: JobColumnContribution): ViewColumn[] {
    if (columns.some(shown => shown.id === column.id)) {
        return columns.length > 1 ? columns.filter(shown => shown.id !== column.id) : [...columns];
    }
    return [...columns, { id: column.id, width: column.defaultWidth }];
}

export function resizeColumn(columns: readonly ViewColumn[], id: string, width: number): ViewColumn[] {
    const clamped = Math.max(30, Math.min(2000, Math.round(width)));
    return columns.map(column => column.id === id ? { ...column, width: clamped } : column);
}
