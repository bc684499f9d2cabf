import { randomUUID } from 'node:crypto';
import { inject, injectable } from '@theia/core/shared/inversify';
import { hasPermission } from '@presswork/platform/lib/common/authority';
import { PressworkError } from '@presswork/platform/lib/common/errors';
import type { User } from '@presswork/platform/lib/common/user-schema';
import { DocumentStore } from '@presswork/platform/lib/node/store/document-store';
import { KeyedLock } from '@presswork/platform/lib/node/store/keyed-lock';
import { SavedViewContentSchema } from '../../common/saved-views';
import type { SavedView, SavedViewContent, SavedViewList } from '../../common/saved-views';
import { SHOP_DEFAULT_ID, SavedViewsCollection, StoredSavedView, ViewDefaultsCollection, userDefaultId } from './saved-view-collections';

/**
 * Saved views of the All Jobs pod. A user sees their own views and the shared ones; they change
 * their own, and only administrators change shared ones. An edit based on an older version is
 * refused, naming who changed the view and when.
 */
@injectable()
export class SavedViews {
    @inject(DocumentStore) protected readonly store: DocumentStore;

    protected readonly defaultsLock = new KeyedLock();

    list(user: User): SavedViewList {
        const views = [...this.store.all(SavedViewsCollection)]
            .filter(view => isVisibleTo(view, user))
            .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id))
            .map(toSavedView);
        const visible = new Set(views.map(view => view.id));
        const own = this.store.get(ViewDefaultsCollection, userDefaultId(user.id))?.viewId;
        const shop = this.store.get(ViewDefaultsCollection, SHOP_DEFAULT_ID)?.viewId;
        const shopView = shop === undefined ? undefined : this.store.get(SavedViewsCollection, shop);
        const defaultViewId = own !== undefined && visible.has(own) ? own : shopView?.shared ? shopView.id : undefined;
        return { views, defaultViewId };
    }

    async create(user: User, content: SavedViewContent): Promise<SavedView> {
        const checked = SavedViewContentSchema.parse(content);
        this.refuseDuplicateName(user, checked.name, undefined);
        const created = await this.store.create(SavedViewsCollection, {
            id: randomUUID(), ...checked, ownerId: user.id, owner: user.name, shared: false, ...stamp(user)
        });
        return toSavedView(created);
    }

    async update(user: User, id: string, version: number, content: SavedViewContent): Promise<SavedView> {
        const checked = SavedViewContentSchema.parse(content);
        const view = this.editable(user, id, version);
        if (!view.shared) {
            this.refuseDuplicateName(user, checked.name, id);
        }
        return toSavedView(await this.store.update(SavedViewsCollection, { ...view, ...checked, version, ...stamp(user) }));
    }

    async delete(user: User, id: string, version: number): Promise<void> {
        this.editable(user, id, version);
        await this.store.delete(SavedViewsCollection, id, version);
    }

    async setShared(user: User, id: string, shared: boolean): Promise<SavedView> {
        this.requireSharer(user);
        this.visible(user, id);
        return toSavedView(await this.store.modify(SavedViewsCollection, id, current => ({ ...current, shared, ...stamp(user) })));
    }

    async setShopDefault(user: User, id: string | undefined): Promise<void> {
        this.requireSharer(user);
        if (id !== undefined && !this.visible(user, id).shared) {
            throw PressworkError.Refused('Share the view with everyone before making it the default');
        }
        await this.setDefault(SHOP_DEFAULT_ID, id);
    }

    async setMyDefault(user: User, id: string | undefined): Promise<void> {
        if (id !== undefined) {
            this.visible(user, id);
        }
        await this.setDefault(userDefaultId(user.id), id);
    }

    protected visible(user: User, id: string): StoredSavedView {
        const view = this.store.get(SavedViewsCollection, id);
        if (!view || !isVisibleTo(view, user)) {
            throw PressworkError.NotFound('That view no longer exists');
        }
        return view;
    }

    /** The view if this user may change it and `version` is still current. */
    protected editable(user: User, id: string, version: number): StoredSavedView {
        const view = this.visible(user, id);
        if (view.shared) {
            if (!hasPermission(user.authority, 'views.share')) {
                throw PressworkError.AccessDenied(`"${view.name}" is shared with everyone: only an administrator may change it`);
            }
        } else if (view.ownerId !== user.id) {
            throw PressworkError.AccessDenied(`"${view.name}" belongs to ${view.owner}`);
        }
        if (view.version !== version) {
            throw PressworkError.Conflict(`"${view.name}" was changed by ${view.updatedBy} at ${view.updatedAt}; reopen it and try again`, view.version);
        }
        return view;
    }

    protected requireSharer(user: User): void {
        if (!hasPermission(user.authority, 'views.share')) {
            throw PressworkError.AccessDenied(`Your authority (${user.authority}) does not allow this`);
        }
    }

    protected refuseDuplicateName(user: User, name: string, exceptId: string | undefined): void {
        const taken = [...this.store.all(SavedViewsCollection)].some(view =>
            view.ownerId === user.id && !view.shared && view.id !== exceptId && view.name.toLowerCase() === name.toLowerCase());
        if (taken) {
            throw PressworkError.Refused(`You have a view named "${name}" already`);
        }
    }

    protected setDefault(documentId: string, viewId: string | undefined): Promise<void> {
        return this.defaultsLock.run(documentId, async () => {
            const updatedAt = new Date().toISOString();
            if (this.store.get(ViewDefaultsCollection, documentId)) {
                await this.store.modify(ViewDefaultsCollection, documentId, current => ({ id: current.id, version: current.version, viewId, updatedAt }));
            } else {
                await this.store.create(ViewDefaultsCollection, { id: documentId, viewId, updatedAt });
            }
        });
    }
}

function isVisibleTo(view: StoredSavedView, user: User): boolean {
    return view.shared || view.ownerId === user.id;
}

function stamp(user: User): { updatedAt: string, updatedBy: string } {
    return { updatedAt: new Date().toISOString(), updatedBy: user.name };
}

function toSavedView(view: StoredSavedView): SavedView {
    const { id, version, name, owner, shared, columns, query, updatedAt } = view;
    return { id, version, name, owner, shared, columns, query, updatedAt };
}
