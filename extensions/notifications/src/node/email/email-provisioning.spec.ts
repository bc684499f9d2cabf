import * as assert from 'node:assert/strict';
import { SessionStore } from '@presswork/platform/lib/node/auth/session-store';
import { INITIAL_ADMIN_NAME, UserAccounts } from '@presswork/platform/lib/node/auth/user-accounts';
import { inject } from '@presswork/platform/lib/node/test/inject';
import { recordingLogger, type RecordingLogger } from '@presswork/platform/lib/node/test/recording-logger';
import type { PressworkConfig } from '@presswork/platform/lib/node/presswork-config';
import { EmailSettingsCollection, RulesCollection } from '../notifications-collections';
import { ChannelsFixture } from '../test/channels-fixture';
import { EmailProvisioning } from './email-provisioning';
import { EMAIL_SETTINGS_ID } from './smtp-mailer';
import { DEFAULT_RULES } from './default-rules';

const SMTP_PASSWORD = 'Relay-Secret-77';
const ENVIRONMENT = {
    PRESSWORK_SMTP_URL: `smtps://presswork:${SMTP_PASSWORD}@mail.shop.test`,
    PRESSWORK_SMTP_FROM: 'presswork@shop.test',
    PRESSWORK_ADMIN_EMAIL: 'ops@shop.test'
};

describe('EmailProvisioning (first start from the environment)', () => {

    let fixture: ChannelsFixture;
    let accounts: UserAccounts;
    let logger: RecordingLogger;

    beforeEach(async () => {
        fixture = await ChannelsFixture.create();
        const config: PressworkConfig = { dataFolder: fixture.temp.path, initialAdminPassword: 'Admin#2026pw', demo: false, leaseSeconds: 10 };
        accounts = inject(new UserAccounts(), { store: fixture.store, sessions: inject(new SessionStore(), { store: fixture.store, logger: recordingLogger() }), config, logger: recordingLogger() });
        await accounts.ensureInitialAdministrator();
        logger = recordingLogger();
    });

    afterEach(() => fixture.dispose());

    function provisioning(environment: NodeJS.ProcessEnv): EmailProvisioning {
        const result = inject(new EmailProvisioning(), {
            store: fixture.store, platform: { whenReady: Promise.resolve() }, accounts, settings: fixture.emailSettings, logger
        });
        result.environment = environment;
        return result;
    }

    function everythingLogged(): string {
        return [logger.info, logger.warn, logger.error].flatMap(spy => spy.getCalls().flatMap(call => call.args.map(String))).join('\n');
    }

    it('sets the administrator\'s address, SMTP with the password sealed, and the two default rules, on', async () => {
        await provisioning(ENVIRONMENT).initialize();

        const admin = accounts.byName(INITIAL_ADMIN_NAME)!;
        assert.equal(admin.email, 'ops@shop.test');
        const view = fixture.emailSettings.get()!;
        assert.deepEqual({ host: view.host, port: view.port, security: view.security, user: view.user, from: view.from, hasPassword: view.hasPassword },
            { host: 'mail.shop.test', port: 465, security: 'smtps', user: 'presswork', from: 'presswork@shop.test', hasPassword: true });
        assert.ok(!fixture.store.get(EmailSettingsCollection, EMAIL_SETTINGS_ID)!.sealedPassword!.includes(SMTP_PASSWORD));

        const rules = [...fixture.store.all(RulesCollection)].sort((a, b) => a.name.localeCompare(b.name));
        assert.deepEqual(rules.map(rule => [rule.name, rule.event, rule.enabled, rule.builtIn]), [
            ['Job in Error', 'job.error', true, true],
            ['Printer needs attention', 'printer.needs-attention', true, true]
        ]);
        for (const rule of rules) {
            assert.deepEqual(rule.channel, { kind: 'email', recipients: { userIds: [admin.id], addresses: [], customer: false } });
        }
        assert.match(rules[0].template.subject, /\{orderNumber\}.*\{jobName\}/);
        assert.match(rules[0].template.text, /\{orderNumber\}[\s\S]*\{reason\}/);
        assert.match(rules[1].template.subject, /\{printer\}.*\{reason\}/);
        assert.match(everythingLogged(), /e-mail through mail.shop.test:465 \(smtps\) from presswork@shop.test provisioned/);
        assert.ok(!everythingLogged().includes(SMTP_PASSWORD), 'the password is never logged');
    });

    it('makes nothing twice: a restart leaves the settings and an administrator\'s changes alone', async () => {
        await provisioning(ENVIRONMENT).initialize();
        const settings = fixture.emailSettings.get()!;
        const [jobError] = DEFAULT_RULES;
        const rule = fixture.store.get(RulesCollection, jobError.id)!;
        await fixture.store.delete(RulesCollection, rule.id, rule.version);
        const admin = accounts.byName(INITIAL_ADMIN_NAME)!;
        await accounts.setEmail(admin, admin.id, admin.version, 'owner@shop.test');

        await provisioning({ ...ENVIRONMENT, PRESSWORK_SMTP_URL: 'smtp://other.shop.test' }).initialize();

        assert.deepEqual(fixture.emailSettings.get(), settings);
        assert.equal(fixture.store.get(RulesCollection, jobError.id), undefined, 'a deleted default rule stays deleted');
        assert.equal(fixture.store.count(RulesCollection), 1);
        assert.equal(accounts.byName(INITIAL_ADMIN_NAME)!.email, 'owner@shop.test');
    });

    it('logs a bad value in words, without the password, and starts without e-mail', async () => {
        await provisioning({ ...ENVIRONMENT, PRESSWORK_SMTP_URL: `smtp://presswork:${SMTP_PASSWORD}@mail.shop.test/path` }).initialize();

        assert.ok(logger.error.calledWithMatch(/E-mail was not set up from the environment: PRESSWORK_SMTP_URL has a path/));
        assert.ok(!everythingLogged().includes(SMTP_PASSWORD));
        assert.equal(fixture.emailSettings.get(), undefined);
        assert.equal(fixture.store.count(RulesCollection), 0);
    });

    it('sets only the administrator\'s address without SMTP, and warns when the default rules would reach no one', async () => {
        await provisioning({ PRESSWORK_ADMIN_EMAIL: 'ops@shop.test' }).initialize();
        assert.equal(accounts.byName(INITIAL_ADMIN_NAME)!.email, 'ops@shop.test');
        assert.equal(fixture.store.count(RulesCollection), 0);

        const admin = accounts.byName(INITIAL_ADMIN_NAME)!;
        await accounts.setEmail(admin, admin.id, admin.version, undefined);
        await provisioning({ PRESSWORK_SMTP_URL: 'smtp://127.0.0.1', PRESSWORK_SMTP_FROM: 'presswork@shop.test' }).initialize();
        assert.ok(logger.warn.calledWithMatch(/none has an e-mail address yet/));
        assert.equal(fixture.store.count(RulesCollection), 2);
    });

    it('leaves SMTP alone when an administrator saved settings already', async () => {
        await fixture.emailSettings.save(undefined, { host: 'relay.shop.test', port: 25, security: 'none', from: 'shop@shop.test', verifyCertificate: true, clearPassword: false });
        await provisioning(ENVIRONMENT).initialize();
        assert.equal(fixture.emailSettings.get()!.host, 'relay.shop.test');
        assert.equal(fixture.store.count(RulesCollection), 0);
    });
});
