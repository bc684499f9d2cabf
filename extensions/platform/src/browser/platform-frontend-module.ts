import '../../src/browser/style/platform.css';
import { ContainerModule } from '@theia/core/shared/inversify';
import { CommandContribution } from '@theia/core/lib/common/command';
import { MenuContribution } from '@theia/core/lib/common/menu';
import { FrontendApplicationContribution } from '@theia/core/lib/browser/frontend-application-contribution';
import { BrowserMainMenuFactory } from '@theia/core/lib/browser/menu/browser-menu-plugin';
import { ACCOUNT_SERVICE_PATH, AccountService } from '../common/account-protocol';
import { ActivityUiContribution } from '../common/activity-ui-contribution';
import { ActivityUiRegistry } from '../common/activity-ui-registry';
import { bindContributionPoint } from '../common/contribution-registry';
import { JobActionContribution } from '../common/job-action-contribution';
import { JobActionRegistry } from '../common/job-action-registry';
import { JobColumnContribution } from '../common/job-column-contribution';
import { JobColumnRegistry } from '../common/job-column-registry';
import { AccountContribution } from './account/account-contribution';
import { bindAccessibleShell } from './a11y/bind-accessible-shell';
import { bindPressworkView } from './bind-presswork-view';
import { bindServiceProxy } from './bind-service-proxy';
import { CurrentUserService } from './account/current-user-service';
import { ChangeFeedService } from './change-feed-service';
import { BrandingContribution } from './shell/branding-contribution';
import { IdeLeftoversContribution } from './shell/ide-leftovers-contribution';
import { unbindUnusedIdeContributions } from './shell/unused-ide-contributions';
import { PressworkMainMenuFactory } from './shell/presswork-main-menu-factory';
import { AboutDialog } from '@theia/core/lib/browser/about-dialog';
import { QuickCommandService } from '@theia/core/lib/browser/quick-input/quick-command-service';
import { HelpContribution } from './shell/help-contribution';
import { OperationsMenuContribution } from './shell/operations-menu';
import { PressworkAboutDialog } from './shell/presswork-about-dialog';
import { PressworkQuickCommandService } from './shell/presswork-quick-command-service';
import { UsersViewContribution } from './users/users-view-contribution';
import { STORE_PROBLEMS_PATH, StoreProblemsService } from '../common/store-problems-protocol';
import { StoreProblemsViewContribution } from './store-problems/store-problems-view-contribution';
import { StoreProblemsWidget } from './store-problems/store-problems-widget';
import { UsersWidget } from './users/users-widget';
import { SERVERS_SERVICE_PATH, ServersService } from '../common/servers-protocol';
import { ServersViewContribution } from './servers/servers-view-contribution';
import { ServersWidget } from './servers/servers-widget';
import { SHOP_IDENTITY_SERVICE_PATH, ShopIdentityService } from '../common/shop-identity';
import { ShopIdentityContribution } from './shop/shop-identity-contribution';
import { FormatLocaleChoice } from './format/format-locale-choice';

export default new ContainerModule((bind, _unbind, _isBound, rebind) => {
    bindContributionPoint(bind, ActivityUiContribution, ActivityUiRegistry);
    bindContributionPoint(bind, JobActionContribution, JobActionRegistry);
    bindContributionPoint(bind, JobColumnContribution, JobColumnRegistry);

    bindServiceProxy(bind, AccountService, ACCOUNT_SERVICE_PATH);
    bind(CurrentUserService).toSelf().inSingletonScope();

    bind(ChangeFeedService).toSelf().inSingletonScope();

    bind(AccountContribution).toSelf().inSingletonScope();
    bind(CommandContribution).toService(AccountContribution);
    bind(MenuContribution).toService(AccountContribution);
    bind(FrontendApplicationContribution).toService(AccountContribution);

    bind(FrontendApplicationContribution).to(BrandingContribution).inSingletonScope();
    bind(FrontendApplicationContribution).to(IdeLeftoversContribution).inSingletonScope();
    unbindUnusedIdeContributions(rebind);
    bind(PressworkMainMenuFactory).toSelf().inSingletonScope();
    rebind(BrowserMainMenuFactory).toService(PressworkMainMenuFactory);
    bind(MenuContribution).to(OperationsMenuContribution).inSingletonScope();
    bind(HelpContribution).toSelf().inSingletonScope();
    bind(CommandContribution).toService(HelpContribution);
    bind(MenuContribution).toService(HelpContribution);
    bind(FrontendApplicationContribution).toService(HelpContribution);
    rebind(QuickCommandService).to(PressworkQuickCommandService).inSingletonScope();
    rebind(AboutDialog).to(PressworkAboutDialog).inSingletonScope();
    bindAccessibleShell(rebind);

    bindServiceProxy(bind, StoreProblemsService, STORE_PROBLEMS_PATH);
    bindPressworkView(bind, StoreProblemsWidget, StoreProblemsViewContribution);
    bind(FrontendApplicationContribution).toService(StoreProblemsViewContribution);

    bindPressworkView(bind, UsersWidget, UsersViewContribution);

    bindServiceProxy(bind, ServersService, SERVERS_SERVICE_PATH);
    bindPressworkView(bind, ServersWidget, ServersViewContribution);

    bind(FormatLocaleChoice).toSelf().inSingletonScope();
    bind(FrontendApplicationContribution).toService(FormatLocaleChoice);
    bindServiceProxy(bind, ShopIdentityService, SHOP_IDENTITY_SERVICE_PATH);
    bind(ShopIdentityContribution).toSelf().inSingletonScope();
    bind(CommandContribution).toService(ShopIdentityContribution);
    bind(MenuContribution).toService(ShopIdentityContribution);
});
