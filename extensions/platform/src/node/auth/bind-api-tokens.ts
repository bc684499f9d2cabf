import type { interfaces } from '@theia/core/shared/inversify';
import { ChangeFeedProjection, announceChanges } from '../change-feed/change-feed-projection';
import { DocumentCollectionContribution } from '../store/document-store';
import { ApiTokens, ApiTokensCollection } from './api-tokens';
import { RequestUsers } from './request-user';

/** API tokens and the lookup of who an HTTP request comes from (root bindings). */
export function bindApiTokens(bind: interfaces.Bind): void {
    bind(DocumentCollectionContribution).toConstantValue({ collections: [ApiTokensCollection] });
    // The Users view reloads its token list when one is issued, used or revoked; the hashes stay here.
    bind(ChangeFeedProjection).toConstantValue(announceChanges(ApiTokensCollection.name, 'users.manage'));
    bind(ApiTokens).toSelf().inSingletonScope();
    bind(RequestUsers).toSelf().inSingletonScope();
}
