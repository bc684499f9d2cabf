import * as assert from 'node:assert/strict';
import { parseSmtpUrl, readEmailEnvironment } from './smtp-environment';

describe('PRESSWORK_SMTP_URL and friends', () => {

    it('reads smtp:// as plain SMTP on port 25 and smtps:// as TLS on 465', () => {
        assert.deepEqual(parseSmtpUrl('smtp://mail.shop.test'), { host: 'mail.shop.test', port: 25, security: 'none', verifyCertificate: true });
        assert.deepEqual(parseSmtpUrl('smtps://mail.shop.test'), { host: 'mail.shop.test', port: 465, security: 'smtps', verifyCertificate: true });
    });

    it('takes a user, a percent-encoded password, a port and the options', () => {
        assert.deepEqual(parseSmtpUrl('smtp://presswork:p%40ss%3Aword@mail.shop.test:587?starttls=required&verifyCertificate=false'), {
            host: 'mail.shop.test', port: 587, security: 'starttls', verifyCertificate: false, user: 'presswork', password: 'p@ss:word'
        });
    });

    it('refuses what is not an SMTP URL, saying why and never showing the password', () => {
        const cases: [string, RegExp][] = [
            ['mail.shop.test', /is not a URL/],
            ['http://user:Secret99@mail.shop.test', /must start with smtp:\/\/ or smtps:\/\/ \(it is http:\/\/user:\*\*\*@mail.shop.test/],
            ['smtp://:Secret99@mail.shop.test', /password without a user name/],
            ['smtp://mail.shop.test/inbox', /has a path/],
            ['smtp://mail.shop.test?tls=yes', /unknown option tls=yes/],
            ['smtps://mail.shop.test?starttls=required', /STARTTLS on smtps/]
        ];
        for (const [url, message] of cases) {
            assert.throws(() => parseSmtpUrl(url), (error: Error) => {
                assert.match(error.message, message);
                assert.ok(!error.message.includes('Secret99'), error.message);
                return true;
            });
        }
    });

    it('needs PRESSWORK_SMTP_FROM with the URL, and checks the addresses', () => {
        assert.deepEqual(readEmailEnvironment({}), {});
        assert.deepEqual(readEmailEnvironment({ PRESSWORK_ADMIN_EMAIL: 'ops@shop.test' }), { adminEmail: 'ops@shop.test' });
        assert.deepEqual(readEmailEnvironment({ PRESSWORK_SMTP_URL: 'smtp://127.0.0.1:2525', PRESSWORK_SMTP_FROM: 'presswork@shop.test' }), {
            smtp: { host: '127.0.0.1', port: 2525, security: 'none', verifyCertificate: true, from: 'presswork@shop.test' }
        });
        assert.throws(() => readEmailEnvironment({ PRESSWORK_SMTP_URL: 'smtp://127.0.0.1' }), /go together/);
        assert.throws(() => readEmailEnvironment({ PRESSWORK_SMTP_FROM: 'presswork@shop.test' }), /go together/);
        assert.throws(() => readEmailEnvironment({ PRESSWORK_ADMIN_EMAIL: 'ops at shop' }), /PRESSWORK_ADMIN_EMAIL must be an e-mail address/);
    });
});
