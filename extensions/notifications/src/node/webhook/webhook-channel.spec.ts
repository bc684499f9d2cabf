import * as assert from 'node:assert/strict';
import type { ChannelDelivery, ChannelOutcome } from '@presswork/platform/lib/common/notification-channel-contribution';
import type { PressworkEvent } from '@presswork/platform/lib/common/presswork-events';
import { freePort } from '@presswork/platform/lib/node/test/free-port';
import { heldBySignal } from '@presswork/platform/lib/node/test/held-by-signal';
import { EVENT_CATALOG } from '../../common/event-catalog';
import { ChannelsFixture } from '../test/channels-fixture';
import { WebhookReceiver } from '../test/webhook-receiver';
import { verifyWebhookSignature } from './webhook-signature';

const EVENT: PressworkEvent<'job.error'> = {
    seq: 41, id: 'job.error:j-0001:7', name: 'job.error', at: '2026-12-05T14:30:00.000Z', subject: 'job:j-0001', payload: EVENT_CATALOG['job.error'].sample
};

function failed(outcome: ChannelOutcome): Extract<ChannelOutcome, { ok: false }> {
    assert.equal(outcome.ok, false, `expected a failure, got ${JSON.stringify(outcome)}`);
    return outcome as Extract<ChannelOutcome, { ok: false }>;
}

describe('WebhookChannel (against a real HTTP server on 127.0.0.1)', () => {

    let fixture: ChannelsFixture;
    let receiver: WebhookReceiver;

    beforeEach(async () => {
        fixture = await ChannelsFixture.create();
        receiver = await WebhookReceiver.start();
    });

    afterEach(async () => {
        await receiver.stop();
        await fixture.dispose();
    });

    async function endpoint(url = receiver.url()): Promise<{ id: string; secret: string }> {
        const made = await fixture.endpoints.create({ name: 'Shop MIS', url, enabled: true, events: ['job.error'] });
        return { id: made.endpoint.id, secret: made.secret };
    }

    function delivery(endpointId: string, id = 'd-job-error-41', attempt = 1): ChannelDelivery {
        return {
            id, attempt, destination: { endpointId },
            message: { subject: 'Order ORD-10042: Business cards is in Error', text: '…', events: [EVENT] },
            signal: new AbortController().signal
        };
    }

    it('POSTs the documented JSON, signed so that the receiver\'s check passes', async () => {
        const { id, secret } = await endpoint();
        const outcome = await fixture.webhookChannel.deliver(delivery(id));

        assert.equal(outcome.ok, true, JSON.stringify(outcome));
        assert.match((outcome as { detail: string }).detail, /^200 OK in \d+ ms$/);
        const [request] = receiver.requests;
        assert.equal(request.method, 'POST');
        assert.equal(request.url, '/hooks/presswork');
        assert.equal(request.headers['content-type'], 'application/json');
        assert.equal(request.headers['user-agent'], 'Presswork-Webhooks/1');
        assert.equal(request.headers['idempotency-key'], 'd-job-error-41');
        assert.deepEqual(JSON.parse(request.body), {
            id: 'd-job-error-41',
            events: [{ seq: 41, id: EVENT.id, name: 'job.error', at: EVENT.at, subject: 'job:j-0001', payload: EVENT.payload }]
        });
        const signature = String(request.headers['presswork-signature']);
        assert.match(signature, /^t=\d+,v1=[0-9a-f]{64}$/);
        assert.equal(signature.split(',')[0], `t=${request.headers['presswork-timestamp']}`);
        assert.equal(verifyWebhookSignature(secret, signature, request.body), true);
        assert.equal(verifyWebhookSignature(secret, signature, request.body.replace('ORD-10042', 'ORD-10043')), false, 'a changed body fails');
        assert.equal(verifyWebhookSignature('another-secret', signature, request.body), false, 'another secret fails');
        const timestamp = Number(request.headers['presswork-timestamp']);
        assert.equal(verifyWebhookSignature(secret, signature, request.body, 300, timestamp + 301), false, 'an old request (a replay) fails');
    });

    it('keeps the Idempotency-Key across attempts, and signs with a rolled secret at once', async () => {
        const { id, secret } = await endpoint();
        receiver.answers = [{ status: 500, body: 'database down' }, { status: 204 }];
        const first = failed(await fixture.webhookChannel.deliver(delivery(id, 'd-same', 1)));
        assert.equal(first.retryable, true);
        assert.match(first.reason, /answered 500 Internal Server Error in \d+ ms: database down/);
        const current = fixture.endpoints.find(id)!;
        const rolled = await fixture.endpoints.rollSecret(id, current.version);
        assert.notEqual(rolled.secret, secret);
        const second = await fixture.webhookChannel.deliver(delivery(id, 'd-same', 2));
        assert.equal(second.ok, true);
        assert.deepEqual(receiver.requests.map(request => request.headers['idempotency-key']), ['d-same', 'd-same']);
        assert.equal(receiver.requests[0].body, receiver.requests[1].body, 'the same body on every attempt');
        assert.equal(verifyWebhookSignature(rolled.secret, String(receiver.requests[1].headers['presswork-signature']), receiver.requests[1].body), true);
        assert.equal(verifyWebhookSignature(secret, String(receiver.requests[1].headers['presswork-signature']), receiver.requests[1].body), false);
    });

    it('classifies answers: 408, 429 and 5xx may pass; other 4xx and redirects will not', async () => {
        const { id } = await endpoint();
        const cases: [number, boolean][] = [[408, true], [429, true], [502, true], [400, false], [401, false], [404, false], [410, false]];
        for (const [status, retryable] of cases) {
            receiver.answers = [{ status }];
            const outcome = failed(await fixture.webhookChannel.deliver(delivery(id)));
            assert.equal(outcome.retryable, retryable, `${status}: ${outcome.reason}`);
            assert.match(outcome.reason, new RegExp(`answered ${status}`));
        }
    });

    it('does not follow a redirect', async () => {
        const { id } = await endpoint();
        receiver.answers = [{ status: 302, headers: { location: receiver.url('/elsewhere') } }];
        const outcome = failed(await fixture.webhookChannel.deliver(delivery(id)));
        assert.equal(outcome.retryable, false);
        assert.match(outcome.reason, /answered 302 Found to http:\/\/127.0.0.1:\d+\/elsewhere: redirects are not followed/);
        assert.deepEqual(receiver.requests.map(request => request.url), ['/hooks/presswork'], 'nothing was sent to the redirect target');
    });

    it('gives up on a receiver that does not answer in time (retryable)', async () => {
        const { id } = await endpoint();
        fixture.webhookChannel.limits = { ...fixture.webhookChannel.limits, timeoutMs: 300 };
        receiver.answers = ['hang'];
        const started = Date.now();
        const outcome = failed(await fixture.webhookChannel.deliver(delivery(id)));
        assert.equal(outcome.retryable, true);
        assert.match(outcome.reason, /no answer within 0.3 s/);
        assert.ok(Date.now() - started < 3_000);
    });

    it('leaves nothing on the sender\'s long-lived signal, answered or timed out', async () => {
        const { id } = await endpoint();
        fixture.webhookChannel.limits = { ...fixture.webhookChannel.limits, timeoutMs: 300 };
        const sender = new AbortController();
        receiver.answers = [{ status: 200 }, 'hang', { status: 200 }];
        for (let attempt = 1; attempt <= 3; attempt++) {
            await fixture.webhookChannel.deliver({ ...delivery(id, 'd-job-error-41', attempt), signal: sender.signal });
        }
        assert.equal(heldBySignal(sender.signal), 0);
    });

    it('reads an answer up to the cap and no further: a body that never ends still delivers', async () => {
        const { id } = await endpoint();
        fixture.webhookChannel.limits = { timeoutMs: 2_000, maxResponseBytes: 64 * 1024 };
        receiver.answers = ['endless'];
        const outcome = await fixture.webhookChannel.deliver(delivery(id));
        assert.equal(outcome.ok, true, JSON.stringify(outcome));
    });

    it('says a refused connection may pass, and a deleted or switched-off endpoint will not', async () => {
        const down = await endpoint(`http://127.0.0.1:${await freePort()}/hooks`);
        const refused = failed(await fixture.webhookChannel.deliver(delivery(down.id)));
        assert.equal(refused.retryable, true);
        assert.match(refused.reason, /connection was refused/);

        const off = await fixture.endpoints.create({ name: 'Off', url: receiver.url(), enabled: false, events: [] });
        assert.match(failed(await fixture.webhookChannel.deliver(delivery(off.endpoint.id))).reason, /switched off/);
        assert.match(failed(await fixture.webhookChannel.deliver(delivery('gone'))).reason, /no longer exists/);
        assert.equal(receiver.requests.length, 0);
    });
});
