import '../../src/browser/style/platform.css';
import { ContainerModule } from '@theia/core/shared/inversify';
import { bindRootContributionProvider } from '@theia/core/lib/common/contribution-provider';
import { CommandContribution } from '@theia/core/lib/common/command';
import { MenuContribution } from '@theia/core/lib/common/menu';
import { FrontendApplicationContribution } from '@theia/core/lib/browser/frontend-application-contribution';
import { RemoteConnectionProvider, ServiceConnectionProvider } from '@theia/core/lib/browser/messaging/service-connection-provider';
import { bindViewContribution } from '@theia/core/lib/browser/shell/view-contribution';
import { WidgetFactory } from '@theia/core/lib/browser/widget-manager';
import { BrowserMainMenuFactory } from '@theia/core/lib/browser/menu/browser-menu-plugin';
import { ACCOUNT_SERVICE_PATH, AccountService } from '../common/account-protocol';
import { ActivityUiContribution } from '../common/activity-ui-contribution';
import { JobActionContribution } from '../common/job-action-contribution';
import { JobColumnContribution } from '../common/job-column-contribution';
import { AccountContribution } from './account/account-contribution';
import { CurrentUserService } from './account/current-user-service';
import { ChangeFeedService } from './change-feed-service';
import { BrandingContribution } from './shell/branding-contribution';
import { IdeLeftoversContribution } from './shell/ide-leftovers-contribution';
import { QuietProblemContribution } from './shell/quiet-problem-contribution';
import { ProblemContribution } from '@theia/markers/lib/browser/problem/problem-contribution';
import { PressworkMainMenuFactory } from './shell/presswork-main-menu-factory';
import { UsersViewContribution } from './users/users-view-contribution';
import { STORE_PROBLEMS_PATH, StoreProblemsService } from '../common/store-problems-protocol';
import { StoreProblemsViewContribution } from './store-problems/store-problems-view-contribution';
import { StoreProblemsWidget } from './store-problems/store-problems-widget';
import { UsersWidget } from './users/users-widget';

export default new ContainerModule((bind, _unbind, _isBound, rebind) => {
    bindRootContributionProvider(bind, ActivityUiContribution);
    bindRootContributionProvider(bind, JobActionContribution);
    bindRootContributionProvider(bind, JobColumnContribution);

    bind(AccountService).toDynamicValue(({ container }) =>
        container.get<ServiceConnectionProvider>(RemoteConnectionProvider).createProxy<AccountService>(ACCOUNT_SERVICE_PATH)).inSingletonScope();
    bind(CurrentUserService).toSelf().inSingletonScope();

    bind(ChangeFeedService).toSelf().inSingletonScope();

    bind(AccountContribution).toSelf().inSingletonScope();
    bind(CommandContribution).toService(AccountContribution);
    bind(MenuContribution).toService(AccountContribution);
    bind(FrontendApplicationContribution).toService(AccountContribution);

    bind(FrontendApplicationContribution).to(BrandingContribution).inSingletonScope();
    bind(FrontendApplicationContribution).to(IdeLeftoversContribution).inSingletonScope();
    rebind(ProblemContribution).to(QuietProblemContribution).inSingletonScope();
    bind(PressworkMainMenuFactory).toSelf().inSingletonScope();
    rebind(BrowserMainMenuFactory).toService(PressworkMainMenuFactory);

    bind(StoreProblemsService).toDynamicValue(({ container }) =>
        container.get<ServiceConnectionProvider>(RemoteConnectionProvider).createProxy<StoreProblemsService>(STORE_PROBLEMS_PATH)).inSingletonScope();
    bindViewContribution(bind, StoreProblemsViewContribution);
    bind(FrontendApplicationContribution).toService(StoreProblemsViewContribution);
    bind(StoreProblemsWidget).toSelf();
    bind(WidgetFactory).toDynamicValue(({ container }) => ({ id: StoreProblemsWidget.ID, createWidget: () => container.get(StoreProblemsWidget) })).inSingletonScope();

    bindViewContribution(bind, UsersViewContribution);
    bind(UsersWidget).toSelf();
    bind(WidgetFactory).toDynamicValue(({ container }) => ({ id: UsersWidget.ID, createWidget: () => container.get(UsersWidget) })).inSingletonScope();
});
