import { inject, injectable, named } from '@theia/core/shared/inversify';
import { ILogger } from '@theia/core/lib/common/logger';
import { BackendApplicationContribution } from '@theia/core/lib/node/backend-application';
import { messageOf } from '@presswork/platform/lib/common/errors';
import { INITIAL_ADMIN_NAME, UserAccounts } from '@presswork/platform/lib/node/auth/user-accounts';
import { WorkOwnership } from '@presswork/platform/lib/node/cluster/work-ownership';
import { PlatformReady } from '@presswork/platform/lib/node/platform-startup';
import { DocumentStore } from '@presswork/platform/lib/node/store/document-store';
import { UsersCollection } from '@presswork/platform/lib/node/store/platform-collections';
import { RulesCollection } from '../notifications-collections';
import { defaultRules } from './default-rules';
import { EmailSettingsStore } from './email-settings-store';
import { EmailEnvironment, readEmailEnvironment } from './smtp-environment';

/**
 * First start: the first administrator's e-mail address (`PRESSWORK_ADMIN_EMAIL`) and SMTP
 * (`PRESSWORK_SMTP_URL`, `PRESSWORK_SMTP_FROM`) with the two default rules. Only what does not
 * exist yet is made, so a restart changes nothing an administrator has set. A bad value is logged
 * in words (never the password) and Presswork starts without it: notifications are not worth an
 * unstarted shop, and fixing the variable and restarting provisions it then.
 */
@injectable()
export class EmailProvisioning implements BackendApplicationContribution {
    @inject(DocumentStore) protected readonly store: DocumentStore;
    @inject(PlatformReady) protected readonly platform: PlatformReady;
    @inject(UserAccounts) protected readonly accounts: UserAccounts;
    @inject(EmailSettingsStore) protected readonly settings: EmailSettingsStore;
    @inject(WorkOwnership) protected readonly ownership: WorkOwnership;
    @inject(ILogger) @named('notifications:EmailProvisioning') protected readonly logger: ILogger;

    /** Where the settings are read (tests give their own). */
    environment: NodeJS.ProcessEnv = process.env;

    async initialize(): Promise<void> {
        try {
            await this.platform.whenReady;
        } catch {
            return; // platform names its own failure; there is no store to provision
        }
        // With several servers, the first to start provisions; the others find the settings made.
        await this.ownership.exclusive('provisioning', () => this.provision());
    }

    /** Never throws: a failure is logged and the start goes on. */
    async provision(): Promise<void> {
        let environment: EmailEnvironment;
        try {
            environment = readEmailEnvironment(this.environment);
        } catch (error) {
            this.logger.error(`E-mail was not set up from the environment: ${messageOf(error)}. Presswork starts without it; correct the variable and restart.`);
            return;
        }
        try {
            if (environment.adminEmail) {
                await this.setAdministratorEmail(environment.adminEmail);
            }
            if (environment.smtp && !this.settings.get()) {
                await this.createDefaultRules();
                const { from, ...server } = environment.smtp;
                await this.settings.save(undefined, { ...server, from, clearPassword: false });
                this.logger.info(`e-mail through ${server.host}:${server.port} (${server.security}) from ${from} provisioned from the environment, with the default rules`);
            }
        } catch (error) {
            this.logger.error(`E-mail could not be set up from the environment: ${messageOf(error)}. Presswork starts without it.`);
        }
    }

    /** The first administrator's address, unless one was set already (by an administrator since). */
    protected async setAdministratorEmail(email: string): Promise<void> {
        const admin = this.accounts.byName(INITIAL_ADMIN_NAME);
        if (!admin || admin.email) {
            return;
        }
        await this.accounts.setEmail(undefined, admin.id, admin.version, email);
    }

    /** Made before the settings, by fixed ids: a crash in between makes them once on the next start. */
    protected async createDefaultRules(): Promise<void> {
        const administrators = [...this.store.all(UsersCollection)].filter(user => user.authority === 'Administrator');
        if (!administrators.some(user => user.email)) {
            this.logger.warn('The default notification rules mail the administrators, and none has an e-mail address yet: ' +
                'set PRESSWORK_ADMIN_EMAIL, or an address in Users.');
        }
        for (const rule of defaultRules(administrators.map(user => user.id), new Date().toISOString())) {
            if (!this.store.get(RulesCollection, rule.id)) {
                await this.store.create(RulesCollection, rule);
            }
        }
    }
}
