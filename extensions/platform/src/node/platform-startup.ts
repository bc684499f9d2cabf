import { inject, injectable, named } from '@theia/core/shared/inversify';
import { ILogger } from '@theia/core/lib/common/logger';
import { BackendApplicationContribution } from '@theia/core/lib/node/backend-application';
import { Deferred } from '@theia/core/lib/common/promise-util';
import { DocumentStore } from './store/document-store';
import { UserAccounts } from './auth/user-accounts';
import * as path from 'node:path';
import { defaultPrinter, defaultWorkflows, provisionedPrinter } from './defaults/default-workflows';
import { PrinterEnvironment, readPrinterEnvironment } from './defaults/printer-environment';
import { SecretBox } from './secrets/secret-box';
import { DEMO_PRINTER_ID } from '../common/well-known';
import { PressworkConfig } from './presswork-config';
import { PrintersCollection, WorkflowsCollection } from './store/platform-collections';
import { RequiredStartup } from './required-startup';
import { WorkOwnership } from './cluster/work-ownership';

/** The name under which servers sharing a database take turns at first-start provisioning. */
export const PROVISIONING = 'provisioning';

/**
 * Resolves once the store is open and first-start documents exist (the first administrator, the
 * default workflows): what feature extensions wait for before they build on them.
 */
export const PlatformReady = Symbol('PlatformReady');
export interface PlatformReady {
    readonly whenReady: Promise<void>;
}

/**
 * Opens the store before the server listens. Presswork does not run on a store it cannot open:
 * that would look like lost orders, so a failed step fails the start (RequiredStartup) after
 * naming itself in the log. Documents that could not be read are named in the log too.
 */
@injectable()
export class PlatformStartup implements BackendApplicationContribution, PlatformReady, RequiredStartup {
    protected readonly started = new Deferred<void>();
    readonly whenReady = this.started.promise;
    readonly whenDone = this.started.promise;
    /** Where the first-start settings are read (tests give their own). */
    environment: NodeJS.ProcessEnv = process.env;

    @inject(DocumentStore) protected readonly store: DocumentStore;
    @inject(UserAccounts) protected readonly accounts: UserAccounts;
    @inject(PressworkConfig) protected readonly config: PressworkConfig;
    @inject(SecretBox) protected readonly secrets: SecretBox;
    @inject(WorkOwnership) protected readonly ownership: WorkOwnership;
    @inject(ILogger) @named('platform:PlatformStartup') protected readonly logger: ILogger;

    async initialize(): Promise<void> {
        try {
            await this.step('the data store could not be opened', () => this.store.ready);
            // Servers starting together on one database provision once: each waits its turn and then
            // sees (caught up) what the first one created.
            await this.ownership.exclusive(PROVISIONING, () => this.provision());
        } catch (error) {
            this.started.reject(error);
            return; // the application refuses to start on whenDone; extensions waiting on whenReady give up
        }
        this.started.resolve();
        for (const problem of this.store.problems) {
            this.logger.error(`${problem.collection}/${problem.id} could not be loaded from ${problem.file}: ${problem.reason}. ` +
                'The file is left as it is; repair or remove it and restart.');
        }
    }

    /** First-start documents: the first administrator, the default workflows and their printer. */
    protected async provision(): Promise<void> {
        await this.step('the first administrator could not be created', () => this.accounts.ensureInitialAdministrator());
        let printer: PrinterEnvironment | undefined;
        await this.step('the printer of PRESSWORK_PRINTER_URL is not valid', async () => {
            printer = readPrinterEnvironment(this.environment);
        });
        await this.step('the default workflows could not be created', () => this.seedDefaultWorkflows(printer));
    }

    /**
     * First start only: an empty workflow list gets the default workflows and the printer they
     * print to: the IPP printer "Printer" of `PRESSWORK_PRINTER_URL` (its password sealed, never
     * logged), else the demo hot folder.
     */
    protected async seedDefaultWorkflows(environment: PrinterEnvironment | undefined): Promise<void> {
        if (this.store.count(WorkflowsCollection) > 0) {
            return;
        }
        let printerId = DEMO_PRINTER_ID;
        if (environment) {
            const printer = provisionedPrinter(environment.uri, environment.userName, environment.password ? this.secrets.seal(environment.password) : undefined);
            if (!this.store.get(PrintersCollection, printer.id)) {
                await this.store.create(PrintersCollection, printer);
                this.logger.info(`printer Printer at ${environment.uri} provisioned from the environment`);
            }
            printerId = printer.id;
        } else if (this.store.count(PrintersCollection) === 0) {
            await this.store.create(PrintersCollection, defaultPrinter(path.join(this.config.dataFolder, 'hot-folders', 'demo')));
        }
        for (const workflow of defaultWorkflows(new Date().toISOString(), printerId)) {
            await this.store.create(WorkflowsCollection, workflow);
        }
    }

    /** Runs one step; a failure is logged and rethrown as an error that says what failed. */
    protected async step(what: string, step: () => Promise<void>): Promise<void> {
        try {
            await step();
        } catch (error) {
            this.logger.error(`Presswork cannot start: ${what}.`, error);
            throw new Error(`Presswork cannot start: ${what}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
        }
    }

    async onStop(): Promise<void> {
        await this.store.close();
    }
}
