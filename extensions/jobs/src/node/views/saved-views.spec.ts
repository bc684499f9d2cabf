import * as assert from 'node:assert/strict';
import type { Authority } from '@presswork/platform/lib/common/authority';
import { PressworkError } from '@presswork/platform/lib/common/errors';
import type { User } from '@presswork/platform/lib/common/user-schema';
import { sampleUser } from '@presswork/platform/lib/node/store/test/sample-documents';
import type { SavedViewContent } from '../../common/saved-views';
import { JobsStoreFixture, createJobsStoreFixture } from '../test/jobs-store-fixture';
import { SAVED_VIEW_COLLECTIONS } from './saved-view-collections';
import { SavedViews } from './saved-views';

const userOf = (id: string, name: string, authority: Authority): User => ({ ...sampleUser(id, name), authority });
const admin = userOf('user-admin', 'admin', 'Administrator');
const alice = userOf('user-alice', 'alice', 'Operator');
const bob = userOf('user-bob', 'bob', 'Operator');
const monitor = userOf('user-monitor', 'mona', 'Monitor');

function content(name: string): SavedViewContent {
    return {
        name,
        columns: [{ id: 'id', width: 120 }, { id: 'orderNumber', width: 140 }],
        query: { sort: [{ field: 'orderNumber', direction: 'asc' }], groupBy: 'orderNumber', text: 'cards', facets: { state: ['Held'] } }
    };
}

describe('SavedViews', () => {

    let fixture: JobsStoreFixture;
    let views: SavedViews;

    beforeEach(async () => {
        fixture = await createJobsStoreFixture(SAVED_VIEW_COLLECTIONS);
        views = new SavedViews();
        Object.assign(views, { store: fixture.store });
    });

    afterEach(() => fixture.dispose());

    it('keeps a view its owner\'s alone until an administrator shares it', async () => {
        const mine = await views.create(alice, content('Held cards'));
        assert.equal(mine.owner, 'alice');
        assert.equal(mine.shared, false);
        assert.deepEqual(mine.query.facets, { state: ['Held'] });
        assert.deepEqual(views.list(alice).views.map(view => view.name), ['Held cards']);
        assert.deepEqual(views.list(bob).views, []);
        await assert.rejects(views.update(bob, mine.id, mine.version, content('Mine now')), PressworkError.NotFound.is);

        const adminView = await views.create(admin, content('Everyone'));
        const shared = await views.setShared(admin, adminView.id, true);
        assert.equal(shared.shared, true);
        assert.deepEqual(views.list(bob).views.map(view => view.name), ['Everyone']);
        assert.deepEqual(views.list(monitor).views.map(view => view.name), ['Everyone']);
        assert.deepEqual(views.list(alice).views.map(view => view.name), ['Everyone', 'Held cards']);
    });

    it('lets only administrators change or delete a shared view, and only owners their own', async () => {
        const view = await views.create(alice, content('Mine'));
        await assert.rejects(views.setShared(alice, view.id, true), PressworkError.AccessDenied.is, 'operators do not share');
        await assert.rejects(views.setShared(admin, view.id, true), PressworkError.NotFound.is, 'an administrator does not see another user\'s private view');

        const edited = await views.update(alice, view.id, view.version, content('Mine, renamed'));
        assert.equal(edited.name, 'Mine, renamed');
        assert.equal(edited.version, 2);

        const everyone = await views.setShared(admin, (await views.create(admin, content('Everyone'))).id, true);
        await assert.rejects(views.update(bob, everyone.id, everyone.version, content('Hijacked')), PressworkError.AccessDenied.is);
        await assert.rejects(views.delete(bob, everyone.id, everyone.version), PressworkError.AccessDenied.is);
        const byAdmin = await views.update(admin, everyone.id, everyone.version, content('Everyone, better'));
        await views.delete(admin, byAdmin.id, byAdmin.version);
        assert.deepEqual(views.list(bob).views, []);

        await views.delete(alice, edited.id, edited.version);
        assert.deepEqual(views.list(alice).views, []);
    });

    it('refuses a stale version, naming who changed the view and when', async () => {
        const view = await views.create(admin, content('Shift A'));
        const shared = await views.setShared(admin, view.id, true);
        const error = await views.update(admin, view.id, view.version, content('Shift B')).catch(caught => caught);
        assert.ok(PressworkError.Conflict.is(error));
        assert.match(error.message, new RegExp(`"Shift A" was changed by admin at ${shared.updatedAt.replace(/\./g, '\\.')}`));
        assert.equal(error.data.currentVersion, shared.version);
        await assert.rejects(views.delete(admin, view.id, view.version), PressworkError.Conflict.is);
        assert.equal(views.list(admin).views[0].name, 'Shift A', 'nothing was overwritten');
    });

    it('refuses a second view of the same name for the same owner', async () => {
        await views.create(alice, content('Held'));
        await assert.rejects(views.create(alice, content('held')), PressworkError.Refused.is);
        await views.create(bob, content('Held'));
    });

    it('opens the user\'s own default, else the shop\'s shared default', async () => {
        const shopView = await views.create(admin, content('Shop'));
        await assert.rejects(views.setShopDefault(admin, shopView.id), PressworkError.Refused.is, 'a private view cannot be everyone\'s default');
        await views.setShared(admin, shopView.id, true);
        await views.setShopDefault(admin, shopView.id);
        await assert.rejects(views.setShopDefault(alice, undefined), PressworkError.AccessDenied.is);
        assert.equal(views.list(alice).defaultViewId, shopView.id);

        const own = await views.create(alice, content('Own'));
        await views.setMyDefault(alice, own.id);
        assert.equal(views.list(alice).defaultViewId, own.id);
        assert.equal(views.list(bob).defaultViewId, shopView.id);
        await assert.rejects(views.setMyDefault(bob, own.id), PressworkError.NotFound.is, 'not a view bob can open');

        await views.delete(alice, own.id, own.version);
        assert.equal(views.list(alice).defaultViewId, shopView.id, 'a deleted choice falls back to the shop default');
        await views.setMyDefault(alice, undefined);
        await views.setShopDefault(admin, undefined);
        assert.equal(views.list(alice).defaultViewId, undefined);
    });
});
