import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import type { ChannelDelivery, ChannelOutcome } from '@presswork/platform/lib/common/notification-channel-contribution';
import { createSelfSignedCertificate } from '@presswork/platform/lib/node/auth/test/self-signed-certificate';
import { freePort } from '@presswork/platform/lib/node/test/free-port';
import type { EmailSettingsInput } from '../../common/notifications-protocol';
import { ChannelsFixture } from '../test/channels-fixture';
import { SmtpTestServer, startSilentServer } from '../test/smtp-test-server';

const PASSWORD = 'S3cret-smtp-pass';

function delivery(id: string, addresses: string[] = ['ops@shop.test', 'lead@shop.test']): ChannelDelivery {
    return {
        id,
        attempt: 1,
        destination: { addresses },
        message: { subject: 'Order ORD-10042: Business cards is in Error', text: 'Job Business cards of order ORD-10042 stopped in Error at Print: out of paper <tray 1>', events: [] },
        signal: new AbortController().signal
    };
}

function settings(port: number, extra: Partial<EmailSettingsInput> = {}): EmailSettingsInput {
    return { host: '127.0.0.1', port, security: 'none', from: 'presswork@shop.test', verifyCertificate: true, clearPassword: false, ...extra };
}

function failed(outcome: ChannelOutcome): Extract<ChannelOutcome, { ok: false }> {
    assert.equal(outcome.ok, false, `expected a failure, got ${JSON.stringify(outcome)}`);
    return outcome as Extract<ChannelOutcome, { ok: false }>;
}

describe('EmailChannel (against a real SMTP server on 127.0.0.1)', () => {

    let fixture: ChannelsFixture;
    const servers: { stop(): Promise<void> }[] = [];

    beforeEach(async () => {
        fixture = await ChannelsFixture.create();
    });

    afterEach(async () => {
        await fixture.dispose();
        await Promise.all(servers.splice(0).map(server => server.stop()));
    });

    async function server(options: Parameters<typeof SmtpTestServer.start>[0] = {}): Promise<SmtpTestServer> {
        const started = await SmtpTestServer.start(options);
        servers.push(started);
        return started;
    }

    async function certificate(): Promise<{ key: string; cert: string }> {
        const folder = fixture.temp.join('tls');
        await fs.mkdir(folder);
        const files = await createSelfSignedCertificate(folder);
        return { key: await fs.readFile(files.keyFile, 'utf8'), cert: await fs.readFile(files.certFile, 'utf8') };
    }

    it('sends one message to every address, plain text and HTML, with the delivery id as Message-ID', async () => {
        const smtp = await server();
        await fixture.emailSettings.save(undefined, settings(smtp.port));

        const outcome = await fixture.emailChannel.deliver(delivery('d-job-error-1'));

        assert.equal(outcome.ok, true, JSON.stringify(outcome));
        assert.match((outcome as { detail: string }).detail, /took the message for 2 of 2 recipients \(250/);
        assert.equal(smtp.received.length, 1);
        const [mail] = smtp.received;
        assert.equal(mail.from, 'presswork@shop.test');
        assert.deepEqual(mail.to, ['ops@shop.test', 'lead@shop.test']);
        assert.match(mail.raw, /^Message-ID: <d-job-error-1@presswork>$/mi);
        assert.match(mail.raw, /^Subject: Order ORD-10042: Business cards is in Error$/m);
        assert.match(mail.raw, /Content-Type: text\/plain/);
        assert.match(mail.raw, /Content-Type: text\/html/);
        const unwrapped = mail.raw.replace(/=\r?\n/g, ''); // quoted-printable soft line breaks
        assert.match(unwrapped, /out of paper &#60;tray 1&#62;/, 'the text is escaped in the HTML made from it');
        assert.equal(mail.secure, false);
    });

    it('sends the same Message-ID on every attempt of a delivery', async () => {
        const smtp = await server();
        await fixture.emailSettings.save(undefined, settings(smtp.port));
        await fixture.emailChannel.deliver(delivery('d-repeat'));
        await fixture.emailChannel.deliver({ ...delivery('d-repeat'), attempt: 2 });
        const ids = smtp.received.map(mail => /^Message-ID: (.*)$/mi.exec(mail.raw)?.[1].trim());
        assert.deepEqual(ids, ['<d-repeat@presswork>', '<d-repeat@presswork>']);
    });

    it('upgrades with STARTTLS when required, and refuses a self-signed certificate unless told not to verify', async () => {
        const smtp = await server({ starttls: await certificate() });
        await fixture.emailSettings.save(undefined, settings(smtp.port, { security: 'starttls', verifyCertificate: true }));

        const refused = failed(await fixture.emailChannel.deliver(delivery('d-tls-1')));
        assert.match(refused.reason, /secure connection failed: .*certificate/i);
        assert.equal(smtp.received.length, 0);

        const current = fixture.emailSettings.get()!;
        await fixture.emailSettings.save(current.version, settings(smtp.port, { security: 'starttls', verifyCertificate: false }));
        const outcome = await fixture.emailChannel.deliver(delivery('d-tls-2'));
        assert.equal(outcome.ok, true, JSON.stringify(outcome));
        assert.equal(smtp.received[0].secure, true, 'the message went over TLS');
    });

    it('refuses to send in clear when STARTTLS is required and the server does not offer it', async () => {
        const smtp = await server();
        await fixture.emailSettings.save(undefined, settings(smtp.port, { security: 'starttls' }));
        const outcome = failed(await fixture.emailChannel.deliver(delivery('d-no-tls')));
        assert.match(outcome.reason, /does not offer STARTTLS/);
        assert.equal(outcome.retryable, false);
        assert.equal(smtp.received.length, 0);
    });

    it('speaks TLS from the first byte with smtps', async () => {
        const smtp = await server({ smtps: await certificate() });
        await fixture.emailSettings.save(undefined, settings(smtp.port, { security: 'smtps', verifyCertificate: false }));
        const outcome = await fixture.emailChannel.deliver(delivery('d-smtps'));
        assert.equal(outcome.ok, true, JSON.stringify(outcome));
        assert.equal(smtp.received[0].secure, true);
    });

    it('signs in with the sealed password, and says a refused password is not worth retrying, without showing it', async () => {
        const smtp = await server({ login: { user: 'presswork', password: PASSWORD } });
        await fixture.emailSettings.save(undefined, settings(smtp.port, { user: 'presswork', password: PASSWORD }));
        const outcome = await fixture.emailChannel.deliver(delivery('d-auth-1'));
        assert.equal(outcome.ok, true, JSON.stringify(outcome));
        assert.equal(smtp.received[0].user, 'presswork');

        const current = fixture.emailSettings.get()!;
        await fixture.emailSettings.save(current.version, settings(smtp.port, { user: 'presswork', password: 'wrong-password-9' }));
        const refused = failed(await fixture.emailChannel.deliver(delivery('d-auth-2')));
        assert.equal(refused.retryable, false);
        assert.match(refused.reason, /refused the user name or password .*535/);
        assert.ok(!refused.reason.includes('wrong-password-9') && !refused.reason.includes(PASSWORD));
        assert.equal(smtp.authAttempts.at(-1)?.password, 'wrong-password-9', 'the new settings were used');
    });

    it('says a refused connection may pass (retryable)', async () => {
        await fixture.emailSettings.save(undefined, settings(await freePort()));
        const outcome = failed(await fixture.emailChannel.deliver(delivery('d-down')));
        assert.equal(outcome.retryable, true);
        assert.match(outcome.reason, /refused/);
    });

    it('gives up on a server that never greets within the timeout (retryable)', async () => {
        const silent = await startSilentServer();
        servers.push(silent);
        await fixture.emailSettings.save(undefined, settings(silent.port));
        const started = Date.now();
        const outcome = failed(await fixture.emailChannel.deliver(delivery('d-slow')));
        assert.equal(outcome.retryable, true);
        assert.match(outcome.reason, /did not answer in time|timed out/);
        assert.ok(Date.now() - started < 5_000, 'bounded by the greeting timeout');
    });

    it('retries a 4xx answer and not a 5xx one, quoting the server', async () => {
        const busy = await server({ rejectRecipients: { code: 451, message: 'Mailbox busy, try later' } });
        await fixture.emailSettings.save(undefined, settings(busy.port));
        const transient = failed(await fixture.emailChannel.deliver(delivery('d-451', ['ops@shop.test'])));
        assert.equal(transient.retryable, true);
        assert.match(transient.reason, /451/);

        const unknown = await server({ rejectRecipients: { code: 550, message: 'Mailbox unknown' } });
        const current = fixture.emailSettings.get()!;
        await fixture.emailSettings.save(current.version, settings(unknown.port));
        const permanent = failed(await fixture.emailChannel.deliver(delivery('d-550', ['nobody@shop.test'])));
        assert.equal(permanent.retryable, false);
        assert.match(permanent.reason, /550/);
    });

    it('says so when e-mail is not set up, so the delivery waits for it', async () => {
        const outcome = failed(await fixture.emailChannel.deliver(delivery('d-unset')));
        assert.equal(outcome.retryable, true);
        assert.match(outcome.reason, /not set up/);
    });

    it('refuses a delivery without a valid address, for good', async () => {
        const outcome = failed(await fixture.emailChannel.deliver({ ...delivery('d-bad'), destination: { endpointId: 'x' } }));
        assert.equal(outcome.retryable, false);
    });
});
