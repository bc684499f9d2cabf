import { injectable } from '@theia/core/shared/inversify';
import { ProblemContribution } from '@theia/markers/lib/browser/problem/problem-contribution';
import type { ProblemStat } from '@theia/markers/lib/browser/problem/problem-manager';

/**
 * Theia's Problems contribution without its status-bar counters: errors and warnings of source
 * files mean nothing in a print shop, and the status bar is where Presswork counts jobs in Error.
 */
@injectable()
export class QuietProblemContribution extends ProblemContribution {
    protected override setStatusBarElement(_problemStat: ProblemStat): void {
        // Nothing to show.
    }
}
