import { inject, injectable } from '@theia/core/shared/inversify';
import type { ShopIdentity, ShopIdentityInput, ShopIdentityService } from '../../common/shop-identity';
import { RpcCaller } from '../rpc/rpc-caller';
import { ShopIdentityStore } from './shop-identity-store';

/** The shop identity over RPC, per browser connection (the guard has checked `settings.manage`). */
@injectable()
export class ShopIdentityServiceImpl implements ShopIdentityService {
    @inject(RpcCaller) protected readonly caller: RpcCaller;
    @inject(ShopIdentityStore) protected readonly identities: ShopIdentityStore;

    async get(): Promise<ShopIdentity | undefined> {
        return this.identities.get();
    }

    save(version: number | undefined, input: ShopIdentityInput): Promise<ShopIdentity> {
        return this.identities.save(this.caller.user().name, version, input);
    }
}
