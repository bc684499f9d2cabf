import { inject, injectable, interfaces, named } from '@theia/core/shared/inversify';
import { ContributionProvider, bindRootContributionProvider } from '@theia/core/lib/common/contribution-provider';
import { BackendApplication, BackendApplicationCliContribution, BackendApplicationContribution } from '@theia/core/lib/node/backend-application';

/**
 * A startup step Presswork must not serve without: the store and the first-start documents
 * (platform), a shop's own MarcomCentral store from the environment (connections). `whenDone`
 * rejects with an error that says what failed.
 */
export const RequiredStartup = Symbol('RequiredStartup');
export interface RequiredStartup {
    readonly whenDone: Promise<void>;
}

/**
 * Theia's BackendApplication logs a contribution whose initialize() fails and serves anyway.
 * Presswork must not: serving without its store would look like lost orders. So configuring the
 * application fails when a required step fails, and with it Theia's start ("Failed to start the
 * backend application", exit code 1); the server never listens.
 */
@injectable()
export class PressworkBackendApplication extends BackendApplication {
    @inject(ContributionProvider) @named(RequiredStartup) protected readonly requiredSteps: ContributionProvider<RequiredStartup>;

    constructor(
        @inject(ContributionProvider) @named(BackendApplicationContribution) contributions: ContributionProvider<BackendApplicationContribution>,
        @inject(BackendApplicationCliContribution) cliParams: BackendApplicationCliContribution
    ) {
        super(contributions, cliParams);
    }

    protected override async initialize(): Promise<void> {
        await super.initialize();
        await Promise.all(this.requiredSteps.getContributions().map(step => step.whenDone));
    }
}

/** Replaces Theia's BackendApplication with the one that refuses to start without its required steps. */
export function bindRequiredStartup(bind: interfaces.Bind, rebind: interfaces.Rebind): void {
    bindRootContributionProvider(bind, RequiredStartup);
    rebind(BackendApplication).to(PressworkBackendApplication).inSingletonScope();
}
