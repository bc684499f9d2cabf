import * as assert from 'node:assert/strict';
import { PressworkError } from '@presswork/platform/lib/common/errors';
import { freePort } from '@presswork/platform/lib/node/test/free-port';
import { UsersCollection } from '@presswork/platform/lib/node/store/platform-collections';
import type { EmailSettingsInput } from '../../common/notifications-protocol';
import { EmailSettingsCollection } from '../notifications-collections';
import { ChannelsFixture } from '../test/channels-fixture';
import { rejectedWith } from '../test/rejected-with';
import { SmtpTestServer } from '../test/smtp-test-server';
import { EMAIL_SETTINGS_ID } from './smtp-mailer';

const PASSWORD = 'Relay-pass-2026';

function input(port: number, extra: Partial<EmailSettingsInput> = {}): EmailSettingsInput {
    return { host: '127.0.0.1', port, security: 'none', from: 'presswork@shop.test', verifyCertificate: true, clearPassword: false, ...extra };
}


describe('EmailSettingsStore', () => {

    let fixture: ChannelsFixture;
    let smtp: SmtpTestServer | undefined;

    beforeEach(async () => {
        fixture = await ChannelsFixture.create();
    });

    afterEach(async () => {
        await fixture.dispose();
        await smtp?.stop();
        smtp = undefined;
    });

    it('has no settings until they are saved', () => {
        assert.equal(fixture.emailSettings.get(), undefined);
    });

    it('seals the password, never returns it, keeps it when none is typed and removes it on clearPassword', async () => {
        const first = await fixture.emailSettings.save(undefined, input(2525, { user: ' presswork ', password: PASSWORD }));
        assert.equal(first.hasPassword, true);
        assert.equal(first.user, 'presswork');
        assert.ok(!('sealedPassword' in first));
        const stored = fixture.store.get(EmailSettingsCollection, EMAIL_SETTINGS_ID)!;
        assert.ok(stored.sealedPassword && !stored.sealedPassword.includes(PASSWORD), 'stored sealed, not in clear');

        const kept = await fixture.emailSettings.save(first.version, input(2526, { user: 'presswork' }));
        assert.equal(kept.hasPassword, true);
        assert.equal(kept.port, 2526);
        assert.equal(fixture.store.get(EmailSettingsCollection, EMAIL_SETTINGS_ID)!.sealedPassword, stored.sealedPassword);

        const cleared = await fixture.emailSettings.save(kept.version, input(2526, { clearPassword: true }));
        assert.equal(cleared.hasPassword, false);
        assert.equal(cleared.user, undefined);
    });

    it('refuses stale and invalid settings, naming the field', async () => {
        const first = await fixture.emailSettings.save(undefined, input(25));
        await assert.rejects(fixture.emailSettings.save(undefined, input(26)), rejectedWith(PressworkError.Conflict, /saved by someone else/));
        await assert.rejects(fixture.emailSettings.save(first.version, input(70000)), rejectedWith(PressworkError.InvalidInput, /port: Port must be between 1 and 65535/));
        await assert.rejects(fixture.emailSettings.save(first.version, input(25, { from: 'not an address' })), rejectedWith(PressworkError.InvalidInput, /from: must be an e-mail address/));
        assert.equal(fixture.emailSettings.get()?.port, 25);
    });

    it('sends a test e-mail and says in words how it went', async () => {
        smtp = await SmtpTestServer.start();
        await fixture.emailSettings.save(undefined, input(smtp.port));
        const result = await fixture.emailSettings.sendTest('ops@shop.test');
        assert.equal(result.ok, true, result.summary);
        assert.match(result.summary, /^Sent: The SMTP server took the message for 1 of 1 recipients \(250/);
        assert.match(smtp.received[0].raw, /^Subject: Presswork test e-mail$/m);
        assert.deepEqual(smtp.received[0].to, ['ops@shop.test']);
    });

    it('answers a failed test e-mail with the reason instead of throwing', async () => {
        assert.match((await fixture.emailSettings.sendTest('ops@shop.test')).summary, /save the SMTP settings first/);
        await fixture.emailSettings.save(undefined, input(await freePort(), { user: 'presswork', password: PASSWORD }));
        const result = await fixture.emailSettings.sendTest('ops@shop.test');
        assert.equal(result.ok, false);
        assert.match(result.summary, /^Not sent: the connection was refused .* try again in a moment\.$/);
        assert.ok(!result.summary.includes(PASSWORD));
    });

    it('lists every user with their e-mail address, by name', async () => {
        const now = new Date().toISOString();
        const hash = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
        await fixture.store.create(UsersCollection, { id: 'u-2', name: 'olivia', authority: 'Operator', passwordHash: hash, mustChangePassword: false, createdAt: now });
        await fixture.store.create(UsersCollection, { id: 'u-1', name: 'admin', authority: 'Administrator', passwordHash: hash, mustChangePassword: false, createdAt: now, email: 'ops@shop.test' });
        assert.deepEqual(fixture.emailSettings.listRecipientUsers(), [
            { id: 'u-1', name: 'admin', authority: 'Administrator', email: 'ops@shop.test' },
            { id: 'u-2', name: 'olivia', authority: 'Operator' }
        ]);
    });
});
