import * as assert from 'node:assert/strict';
import { PressworkError } from '@presswork/platform/lib/common/errors';
import { DocumentConflictError } from '@presswork/platform/lib/node/store/store-errors';
import { EndpointsCollection, RulesCollection } from '../notifications-collections';
import { defaultRules } from '../email/default-rules';
import { ChannelsFixture } from '../test/channels-fixture';
import { rejectedWith } from '../test/rejected-with';


describe('WebhookEndpoints', () => {

    let fixture: ChannelsFixture;

    beforeEach(async () => {
        fixture = await ChannelsFixture.create();
    });

    afterEach(() => fixture.dispose());

    const input = { name: 'Shop MIS', url: 'https://mis.shop.test/hooks', enabled: true, events: ['job.error' as const, 'job.error' as const] };

    it('makes a 32-byte secret, shows it once, and keeps it sealed', async () => {
        const { endpoint, secret } = await fixture.endpoints.create(input);
        assert.match(secret, /^[A-Za-z0-9_-]{43}$/);
        assert.equal(Buffer.from(secret, 'base64url').length, 32);
        assert.deepEqual(endpoint.events, ['job.error'], 'each event once');
        assert.ok(!('sealedSecret' in endpoint));
        assert.ok(fixture.endpoints.list().every(view => !('sealedSecret' in view)));
        const stored = fixture.store.get(EndpointsCollection, endpoint.id)!;
        assert.ok(!stored.sealedSecret.includes(secret));
        assert.equal(fixture.endpoints.secretOf(stored), secret);
    });

    it('takes http and https URLs only, without credentials, and unique names', async () => {
        await assert.rejects(fixture.endpoints.create({ ...input, url: 'ftp://mis.shop.test/hooks' }), rejectedWith(PressworkError.InvalidInput, /url: must be an http:\/\/ or https:\/\/ URL/));
        await assert.rejects(fixture.endpoints.create({ ...input, url: 'https://user:pw@mis.shop.test/hooks' }), rejectedWith(PressworkError.InvalidInput, /no user name or password/));
        await fixture.endpoints.create(input);
        await assert.rejects(fixture.endpoints.create({ ...input, name: 'shop mis' }), rejectedWith(PressworkError.InvalidInput, /named Shop MIS already/));
    });

    it('updates without touching the secret, and rolls it on request', async () => {
        const { endpoint, secret } = await fixture.endpoints.create(input);
        const updated = await fixture.endpoints.update(endpoint.id, endpoint.version, { ...input, url: 'http://127.0.0.1:9/hooks', enabled: false });
        assert.equal(updated.url, 'http://127.0.0.1:9/hooks');
        assert.equal(fixture.endpoints.secretOf(fixture.endpoints.find(endpoint.id)!), secret);
        await assert.rejects(fixture.endpoints.update(endpoint.id, endpoint.version, input), DocumentConflictError);

        const rolled = await fixture.endpoints.rollSecret(endpoint.id, updated.version);
        assert.notEqual(rolled.secret, secret);
        assert.equal(fixture.endpoints.secretOf(fixture.endpoints.find(endpoint.id)!), rolled.secret);
    });

    it('refuses to delete an endpoint a rule sends to, naming the rule', async () => {
        const { endpoint } = await fixture.endpoints.create(input);
        const [rule] = defaultRules([], new Date().toISOString());
        const made = await fixture.store.create(RulesCollection, { ...rule, channel: { kind: 'webhook', endpointId: endpoint.id } });
        await assert.rejects(fixture.endpoints.delete(endpoint.id, endpoint.version), rejectedWith(PressworkError.Refused, /used by the rule Job in Error/));
        await fixture.store.delete(RulesCollection, made.id, made.version);
        await fixture.endpoints.delete(endpoint.id, endpoint.version);
        assert.deepEqual(fixture.endpoints.list(), []);
    });
});
