import { inject, injectable } from '@theia/core/shared/inversify';
import { FrontendApplicationContribution } from '@theia/core/lib/browser/frontend-application-contribution';
import { ApplicationShell } from '@theia/core/lib/browser/shell/application-shell';

/** Views of code editing that the bundled Theia packages open by themselves. */
const IDE_VIEWS = ['outline-view', 'problems'];

/** Closes what an IDE shows on its first layout and a print shop does not need. */
@injectable()
export class IdeLeftoversContribution implements FrontendApplicationContribution {
    @inject(ApplicationShell) protected readonly shell: ApplicationShell;

    onDidInitializeLayout(): void {
        this.tidy();
    }

    onStart(): void {
        // A restored layout does not go through initializeLayout: tidy once the shell stands.
        this.shell.initialized.then(() => this.tidy());
    }

    protected tidy(): void {
        for (const id of IDE_VIEWS) {
            this.shell.getWidgetById(id)?.close();
        }
    }
}
