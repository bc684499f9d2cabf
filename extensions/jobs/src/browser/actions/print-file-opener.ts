import { inject, injectable } from '@theia/core/shared/inversify';
import { WindowService } from '@theia/core/lib/browser/window/window-service';
import type { JobActionContext } from '@presswork/platform/lib/common/job-action-contribution';
import { printFileUrl } from '../../common/print-file';

/**
 * Open print file…: the job's PDF in a browser tab, in the browser's own viewer (which prints it),
 * from the backend's print file route; the session cookie authorizes it.
 */
@injectable()
export class PrintFileOpener {
    @inject(WindowService) protected readonly windows: WindowService;

    async open({ jobs: [job] }: JobActionContext): Promise<void> {
        this.windows.openNewWindow(new URL(printFileUrl(job.id), window.location.href).toString(), { external: true });
    }
}
