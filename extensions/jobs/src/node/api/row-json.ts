import type { JobRow } from '../../common/job-row';

/**
 * Rows as JSON, kept per row object. The index keeps a job's row object until the job changes
 * (`IndexedJob.rowAt`), so a shop system that reads every job again and again (once a second while a
 * backlog arrives) has each unchanged row written once, not once per read. A row's text goes with
 * its row: about half a kilobyte a job, for the jobs the API has listed.
 */
const written = new WeakMap<JobRow, string>();

export function rowJson(row: JobRow): string {
    let json = written.get(row);
    if (json === undefined) {
        json = JSON.stringify(row);
        written.set(row, json);
    }
    return json;
}

/** The rows as a JSON array, as `JSON.stringify(rows)` would write it. */
export function rowsJson(rows: readonly JobRow[]): string {
    return `[${rows.map(rowJson).join(',')}]`;
}
