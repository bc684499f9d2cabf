import * as assert from 'node:assert/strict';
import { PressworkError } from '@presswork/platform/lib/common/errors';
import { ConnectionsCollection, UsersCollection } from '@presswork/platform/lib/node/store/platform-collections';
import { sampleUser } from '@presswork/platform/lib/node/store/test/sample-documents';
import { DocumentConflictError } from '@presswork/platform/lib/node/store/store-errors';
import { draft, ruleInput, RulesFixture } from './test/rules-fixture';

describe('the rule book', () => {

    let fixture: RulesFixture;

    beforeEach(async () => {
        fixture = await RulesFixture.open();
        await fixture.start();
    });

    afterEach(() => fixture.dispose());

    it('creates, lists, updates and deletes rules, refusing a stale version as a conflict', async () => {
        const rule = await fixture.book.createRule(ruleInput({ name: 'Zeta' }));
        await fixture.book.createRule(ruleInput({ name: 'Alpha' }));
        assert.deepEqual([rule.version, rule.builtIn, rule.storm], [1, false, { quietMinutes: 0, digestAbove: 1000 }]);
        assert.deepEqual((await fixture.book.listRules()).map(listed => listed.name), ['Alpha', 'Zeta']);

        const updated = await fixture.book.updateRule(rule.id, 1, ruleInput({ name: 'Zeta', enabled: false }));
        assert.deepEqual([updated.version, updated.enabled, updated.createdAt], [2, false, rule.createdAt]);
        await assert.rejects(fixture.book.updateRule(rule.id, 1, ruleInput()), DocumentConflictError);
        await assert.rejects(fixture.book.deleteRule(rule.id, 1), DocumentConflictError);

        await fixture.book.deleteRule(rule.id, 2);
        await assert.rejects(fixture.book.updateRule(rule.id, 2, ruleInput()), (error: Error) => PressworkError.NotFound.is(error));
    });

    it('refuses a rule in words: unknown properties, a missing user or endpoint, no recipient at all', async () => {
        const refused = (error: Error, pattern: RegExp): boolean => PressworkError.InvalidInput.is(error) && pattern.test(error.message);
        await assert.rejects(fixture.book.createRule(ruleInput({ template: { subject: 'Shipped {trackingNumber}', text: 'x' } })),
            (error: Error) => refused(error, /^\{trackingNumber\} is not a property of Job in Error events$/));
        await assert.rejects(fixture.book.createRule(ruleInput({ channel: { kind: 'email', recipients: { userIds: ['u-gone'], addresses: ['ops@shop.test'], customer: false } } })),
            (error: Error) => refused(error, /A user chosen no longer exists/));
        await assert.rejects(fixture.book.createRule(ruleInput({ channel: { kind: 'webhook', endpointId: 'hook-gone' } })),
            (error: Error) => refused(error, /webhook endpoint chosen no longer exists/));
        await assert.rejects(fixture.book.createRule(ruleInput({ channel: { kind: 'email', recipients: { userIds: [], addresses: [], customer: false } } })),
            (error: Error) => refused(error, /at least one recipient/));
        await assert.rejects(fixture.book.createRule({ ...ruleInput(), conditions: new Array(4).fill({ property: 'state', comparison: 'equals', value: 'x' }) }),
            (error: Error) => refused(error, /conditions: at most 3 conditions/));
        await fixture.store.create(UsersCollection, sampleUser('u-1', 'ann'));
        assert.ok(await fixture.book.createRule(ruleInput({ channel: { kind: 'email', recipients: { userIds: ['u-1'], addresses: [], customer: true } } })));
    });

    it('previews a rule with its event\'s sample in the shop\'s time zone, naming unknown placeholders', async () => {
        await fixture.store.create(ConnectionsCollection, ConnectionsCollection.schema.parse({
            id: 'c-0001', version: 1, name: 'Main storefront', type: 'MarcomCentral', endpointUrl: 'https://store.example', timeZone: 'America/Los_Angeles', enabled: true
        }));
        const preview = await fixture.book.previewRule(ruleInput({ template: { subject: '{jobName} due {due}', text: '{reason} {nope}', html: '<i>{reason}</i>' } }));
        assert.deepEqual(preview, {
            subject: 'Business cards due Mon 7 Dec 2026, 09:00',
            text: 'Printer A is out of paper (tray 1) ',
            html: '<i>Printer A is out of paper (tray 1)</i>',
            unknownPlaceholders: ['nope']
        });
    });

    it('lists deliveries newest first, by rule and by state', async () => {
        const a = await fixture.book.createRule(ruleInput({ name: 'A' }));
        const b = await fixture.book.createRule(ruleInput({ name: 'B', event: 'job.stalled', template: { subject: '{jobName} stalled', text: 'x' } }));
        fixture.email.outcome = delivery => delivery.message.subject.startsWith('Flyers') ? { ok: false, retryable: false, reason: 'refused' } : { ok: true, detail: '250 OK' };
        await fixture.publish(draft('job.error', 'job:1', '2026-12-05T14:00:00.000Z'), draft('job.stalled', 'job:2', '2026-12-05T14:00:01.000Z', { jobName: 'Flyers' }));

        assert.deepEqual((await fixture.book.listDeliveries({ ruleId: a.id })).map(delivery => delivery.state), ['delivered']);
        assert.deepEqual((await fixture.book.listDeliveries({ state: 'failed' })).map(delivery => delivery.source), [{ kind: 'rule', ruleId: b.id }]);
        assert.equal((await fixture.book.listDeliveries({ limit: 1 })).length, 1);
        assert.deepEqual((await fixture.book.listDeliveries({ ruleId: b.id, state: 'delivered' })), []);
    });
});
