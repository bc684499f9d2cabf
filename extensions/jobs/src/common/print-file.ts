import type { Job } from '@presswork/platform/lib/common/job-schema';
import type { JobRow } from '@presswork/platform/lib/common/job-row';

/** GET `${PRINT_FILE_ROUTE}/<jobId>.pdf` (session cookie; `jobs.inspect`): the job's print file, streamed. */
export const PRINT_FILE_ROUTE = '/jobs/print-files';

/** Where the backend serves a job's print file. */
export function printFileUrl(jobId: string): string {
    return `${PRINT_FILE_ROUTE}/${encodeURIComponent(jobId)}.pdf`;
}

/** What a row says of the job's print file: only once it has arrived (its size is known). */
export function printFileSummaryOf(job: Pick<Job, 'files'>): JobRow['printFile'] {
    // Intake gives a printable job exactly one file: its first.
    const file = job.files[0];
    if (!file || file.size === undefined) {
        return undefined;
    }
    const pages = file.pages;
    if (!pages) {
        return {};
    }
    return 'unreadable' in pages ? { unreadable: pages.unreadable } : { pageCount: pages.count, width: pages.width, height: pages.height };
}

/** Named paper sizes in points (1/72 inch), portrait. */
const PAPER_SIZES: readonly (readonly [string, number, number])[] = [
    ['A3', 841.89, 1190.55], ['A4', 595.28, 841.89], ['A5', 419.53, 595.28], ['A6', 297.64, 419.53],
    ['B4', 708.66, 1000.63], ['B5', 498.9, 708.66],
    ['Letter', 612, 792], ['Legal', 612, 1008], ['Tabloid', 792, 1224], ['Executive', 522, 756],
    ['SRA3', 907.09, 1275.59], ['Business card', 252, 144]
];

/** Two points: what PDF producers round page sizes to. */
const TOLERANCE = 2;

/** The paper size's name ("A4", "Letter") when the page is one, in either orientation. */
export function paperSizeName(width: number, height: number): string | undefined {
    const [short, long] = width <= height ? [width, height] : [height, width];
    const found = PAPER_SIZES.find(([, w, h]) => {
        const [s, l] = w <= h ? [w, h] : [h, w];
        return Math.abs(s - short) <= TOLERANCE && Math.abs(l - long) <= TOLERANCE;
    });
    return found?.[0];
}

/** Points to millimetres, whole: what a print shop reads. */
export function millimetres(points: number): number {
    return Math.round(points * 25.4 / 72);
}
