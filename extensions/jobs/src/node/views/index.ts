import type { interfaces } from '@theia/core/shared/inversify';
import { announceChanges, ChangeFeedProjection } from '@presswork/platform/lib/node/change-feed/change-feed-projection';
import { bindGuardedService } from '@presswork/platform/lib/node/rpc/bind-guarded-service';
import { bindRootSingleton } from '@presswork/platform/lib/node/rpc/bind-root-singleton';
import { DocumentCollectionContribution } from '@presswork/platform/lib/node/store/document-store';
import { SAVED_VIEW_SERVICE_PATH, SavedViewService, SavedViewServiceContract } from '../../common/jobs-protocol';
import { SAVED_VIEW_COLLECTIONS, SavedViewsCollection } from './saved-view-collections';
import { SavedViewServiceImpl } from './saved-view-service-impl';
import { SavedViews } from './saved-views';

/** Root bindings: the collections and the saved views themselves. */
export function bindSavedViewServices(bind: interfaces.Bind): void {
    bind(DocumentCollectionContribution).toConstantValue({ collections: SAVED_VIEW_COLLECTIONS });
    // Browsers learn that a view changed and reload their list through the guarded service.
    bind(ChangeFeedProjection).toConstantValue(announceChanges(SavedViewsCollection.name, 'operations.view'));
    bindRootSingleton(bind, SavedViews);
}

/** Per-connection bindings: the guarded RPC service. */
export function bindSavedViewRpc(bind: interfaces.Bind): void {
    bind(SavedViewServiceImpl).toSelf().inSingletonScope();
    bindGuardedService<SavedViewService>(bind, { path: SAVED_VIEW_SERVICE_PATH, service: SavedViewServiceImpl, contract: SavedViewServiceContract });
}
