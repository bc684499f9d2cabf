import { injectable } from '@theia/core/shared/inversify';
import { Emitter, Event } from '@theia/core/lib/common/event';
import type { JobRow } from '@presswork/platform/lib/common/job-row';

/**
 * The jobs selected in the All Jobs pod, as rows kept fresh by the live feed. Job actions, the
 * Order side panel and the command palette read it.
 */
@injectable()
export class JobSelectionService {
    protected rows: readonly JobRow[] = [];
    protected readonly onDidChangeEmitter = new Emitter<readonly JobRow[]>();
    readonly onDidChange: Event<readonly JobRow[]> = this.onDidChangeEmitter.event;

    get selectedRows(): readonly JobRow[] {
        return this.rows;
    }

    setSelection(rows: readonly JobRow[]): void {
        const same = rows.length === this.rows.length && rows.every((row, index) => row === this.rows[index]);
        if (!same) {
            this.rows = rows;
            this.onDidChangeEmitter.fire(rows);
        }
    }
}
