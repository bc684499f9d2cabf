import { nls } from '@theia/core/lib/common/nls';
import type { CurrentUser } from '@presswork/platform/lib/common/account-protocol';
import type { SavedView, SavedViewList } from '../../common/saved-views';
import type { PopupMenuItem } from './popup-menu';

export interface SavedViewsMenuActions {
    open(view: SavedView): void;
    saveAs(): void;
    update(view: SavedView): void;
    remove(view: SavedView): void;
    setMyDefault(view: SavedView): void;
    setShared(view: SavedView, shared: boolean): void;
    setShopDefault(view: SavedView): void;
}

/** Who may save over or delete a view: its owner, or an administrator for a shared one. */
export function canChange(view: SavedView, user: CurrentUser): boolean {
    return view.owner === user.name || (view.shared && user.permissions.includes('views.share'));
}

/** The views dropdown: the views to open, then what can be done with the one open. */
export function savedViewsMenu(list: SavedViewList, current: SavedView | undefined, user: CurrentUser, actions: SavedViewsMenuActions): PopupMenuItem[] {
    const items: PopupMenuItem[] = list.views.map(view => ({
        id: `view:${view.id}`,
        label: view.shared ? nls.localize('presswork/jobs/sharedView', '{0} (shared)', view.name) : view.name,
        checked: view.id === current?.id,
        title: view.id === list.defaultViewId ? nls.localize('presswork/jobs/openedFirst', 'Opened first') : undefined,
        run: () => actions.open(view)
    }));
    items.push({ id: 'saveAs', label: nls.localize('presswork/jobs/saveViewAs', 'Save view as…'), separatorBefore: items.length > 0, run: () => actions.saveAs() });
    if (!current) {
        return items;
    }
    const changeable = canChange(current, user);
    const notYours = nls.localize('presswork/jobs/notYourView', 'Only its owner (or an administrator, for a shared view) changes this view');
    items.push(
        { id: 'update', label: nls.localize('presswork/jobs/updateView', 'Save view "{0}"', current.name), disabled: !changeable, title: changeable ? undefined : notYours, run: () => actions.update(current) },
        { id: 'delete', label: nls.localize('presswork/jobs/deleteView', 'Delete view "{0}"', current.name), disabled: !changeable, title: changeable ? undefined : notYours, run: () => actions.remove(current) },
        { id: 'openFirst', label: nls.localize('presswork/jobs/openFirst', 'Open first'), checked: list.defaultViewId === current.id, run: () => actions.setMyDefault(current) }
    );
    if (user.permissions.includes('views.share')) {
        items.push(
            { id: 'share', label: nls.localize('presswork/jobs/shareView', 'Share with everyone'), checked: current.shared, separatorBefore: true, run: () => actions.setShared(current, !current.shared) },
            { id: 'shopDefault', label: nls.localize('presswork/jobs/shopDefault', 'Make shop default'), run: () => actions.setShopDefault(current) }
        );
    }
    return items;
}
