import { inject, injectable } from '@theia/core/shared/inversify';
import { RpcCaller } from '@presswork/platform/lib/node/rpc/rpc-caller';
import type { SavedViewService } from '../../common/jobs-protocol';
import type { SavedView, SavedViewContent, SavedViewList } from '../../common/saved-views';
import { SavedViews } from './saved-views';

/** Saved views for the user of one browser connection. */
@injectable()
export class SavedViewServiceImpl implements SavedViewService {
    @inject(RpcCaller) protected readonly caller: RpcCaller;
    @inject(SavedViews) protected readonly views: SavedViews;

    async list(): Promise<SavedViewList> {
        return this.views.list(this.caller.user());
    }

    create(content: SavedViewContent): Promise<SavedView> {
        return this.views.create(this.caller.user(), content);
    }

    update(id: string, version: number, content: SavedViewContent): Promise<SavedView> {
        return this.views.update(this.caller.user(), id, version, content);
    }

    delete(id: string, version: number): Promise<void> {
        return this.views.delete(this.caller.user(), id, version);
    }

    setShared(id: string, shared: boolean): Promise<SavedView> {
        return this.views.setShared(this.caller.user(), id, shared);
    }

    setShopDefault(id: string | undefined): Promise<void> {
        return this.views.setShopDefault(this.caller.user(), id);
    }

    setMyDefault(id: string | undefined): Promise<void> {
        return this.views.setMyDefault(this.caller.user(), id);
    }
}
