import type { MigrationReport } from './migrate-store';

/** The report as a plain-text table: a line per collection, the checksums shortened (the full ones compared equal or not). */
export function formatMigrationReport(report: MigrationReport): string {
    const header = ['Collection', 'In folder', 'In database', 'Index keys', 'Checksum', 'Result'];
    const rows = report.collections.map(row => [
        row.collection,
        String(row.folder.count),
        String(row.database.count),
        row.keys === undefined ? 'not indexed' : String(row.keys),
        row.matches ? row.folder.checksum.slice(0, 16) : `${row.folder.checksum.slice(0, 7)}≠${row.database.checksum.slice(0, 7)}`,
        row.matches ? 'same' : 'DIFFERENT'
    ]);
    const widths = header.map((title, column) => Math.max(title.length, ...rows.map(row => row[column].length)));
    const line = (cells: string[]) => cells.map((cell, column) => column === 0 || column >= 4 ? cell.padEnd(widths[column]) : cell.padStart(widths[column])).join('  ').trimEnd();
    return [line(header), line(widths.map(width => '-'.repeat(width))), ...rows.map(line)].join('\n');
}
