import * as assert from 'node:assert/strict';
import { DefaultWorkflowIds, DEMO_PRINTER_ID } from '../common/well-known';
import type { PressworkConfig } from './presswork-config';
import { PlatformStartup } from './platform-startup';
import { PROVISIONED_PRINTER_ID } from './defaults/default-workflows';
import { readPrinterEnvironment } from './defaults/printer-environment';
import { SecretBox } from './secrets/secret-box';
import type { DocumentStore } from './store/document-store';
import { PrintersCollection, WorkflowsCollection } from './store/platform-collections';
import { EmbeddedWorkOwnership } from './cluster/embedded-work-ownership';
import { inject } from './test/inject';
import { RecordingLogger, recordingLogger } from './test/recording-logger';
import { TempFolder, openStore } from './test/temp-store';

describe('PlatformStartup: the first start\'s printer', () => {

    let temp: TempFolder;
    let store: DocumentStore;
    let secrets: SecretBox;
    let logger: RecordingLogger;

    beforeEach(async () => {
        temp = await TempFolder.create('presswork-startup-');
        store = await openStore(temp.join('data', 'store'));
        secrets = new SecretBox(temp.join('data', 'keys', 'secrets.key'));
        logger = recordingLogger();
    });

    afterEach(async () => {
        await store.close();
        await temp.remove();
    });

    async function start(environment: NodeJS.ProcessEnv, ownership = new EmbeddedWorkOwnership()): Promise<PlatformStartup> {
        const config: PressworkConfig = { dataFolder: temp.join('data'), demo: true, leaseSeconds: 10 };
        const startup = inject(new PlatformStartup(), { store, secrets, config, logger, ownership, accounts: { ensureInitialAdministrator: async () => undefined } as never });
        startup.environment = environment;
        startup.whenDone.catch(() => undefined);
        await startup.initialize();
        return startup;
    }

    function printStepPrinters(): unknown[] {
        return [...store.all(WorkflowsCollection)].flatMap(workflow => workflow.phases.Print.map(step => step.properties.printerId));
    }

    it('creates the enabled IPP printer "Printer" of PRESSWORK_PRINTER_URL, password sealed, and points the default Print steps at it', async () => {
        const startup = await start({ PRESSWORK_PRINTER_URL: 'ipps://shop:s%40cret@press.example.com:8631/ipp/print' });
        await startup.whenDone;

        const printer = store.get(PrintersCollection, PROVISIONED_PRINTER_ID);
        assert.ok(printer?.kind === 'ipp');
        assert.deepEqual([printer.name, printer.enabled, printer.uri, printer.userName], ['Printer', true, 'ipps://press.example.com:8631/ipp/print', 'shop']);
        assert.equal(secrets.open(printer.password!), 's@cret');
        assert.ok(!JSON.stringify(printer).includes('s@cret') && !JSON.stringify(printer).includes('s%40cret'));
        assert.equal(store.get(PrintersCollection, DEMO_PRINTER_ID), undefined, 'no demo hot folder beside it');
        assert.deepEqual(printStepPrinters(), [PROVISIONED_PRINTER_ID]);
        assert.ok(store.get(WorkflowsCollection, DefaultWorkflowIds.stockItem), 'both default workflows');
        const logged = JSON.stringify([...logger.info.args, ...logger.error.args]);
        assert.ok(!logged.includes('s@cret') && !logged.includes('s%40cret'), 'the password is never logged');
    });

    it('keeps the demo hot folder without the variable', async () => {
        await (await start({})).whenDone;
        assert.equal(store.get(PrintersCollection, DEMO_PRINTER_ID)?.kind, 'hot-folder');
        assert.deepEqual(printStepPrinters(), [DEMO_PRINTER_ID]);
    });

    it('provisions at first start only', async () => {
        await (await start({})).whenDone;
        await (await start({ PRESSWORK_PRINTER_URL: 'ipp://press.example.com/ipp/print' })).whenDone;
        assert.equal(store.get(PrintersCollection, PROVISIONED_PRINTER_ID), undefined);
        assert.deepEqual(printStepPrinters(), [DEMO_PRINTER_ID]);
    });

    it('provisions once when two servers start together on one store, each taking its turn', async () => {
        const ownership = new EmbeddedWorkOwnership();
        const startups = await Promise.all([start({}, ownership), start({}, ownership)]);
        await Promise.all(startups.map(startup => startup.whenDone));
        assert.equal(store.count(PrintersCollection), 1);
        assert.deepEqual(printStepPrinters(), [DEMO_PRINTER_ID]);
        assert.ok(store.get(WorkflowsCollection, DefaultWorkflowIds.stockItem));
    });

    it('fails the start on a bad URL, saying what is wrong and not the password', async () => {
        const startup = await start({ PRESSWORK_PRINTER_URL: 'http://shop:topsecret@press.example.com/ipp/print' });
        await assert.rejects(startup.whenDone, (error: Error) => {
            assert.match(error.message, /^Presswork cannot start: the printer of PRESSWORK_PRINTER_URL is not valid: Invalid printer in the environment: PRESSWORK_PRINTER_URL: must start with ipp:\/\/ or ipps:\/\//);
            assert.ok(!error.message.includes('topsecret'));
            return true;
        });
        assert.equal(store.count(WorkflowsCollection), 0, 'nothing created');
    });
});

describe('readPrinterEnvironment', () => {
    it('reads nothing when the variable is unset or empty', () => {
        assert.equal(readPrinterEnvironment({}), undefined);
        assert.equal(readPrinterEnvironment({ PRESSWORK_PRINTER_URL: '' }), undefined);
    });

    it('takes an ipp:// URL without credentials as it is', () => {
        assert.deepEqual(readPrinterEnvironment({ PRESSWORK_PRINTER_URL: 'ipp://127.0.0.1:8631/ipp/print' }), { uri: 'ipp://127.0.0.1:8631/ipp/print' });
    });

    it('refuses what is not a printer URL, in words', () => {
        for (const [value, words] of [
            ['not a url', /must be a printer URL such as ipp:\/\/printer\.example\.com\/ipp\/print/],
            ['ipp://press.example.com', /must have the printer's path/],
            ['ipp://:secret@press.example.com/ipp/print', /has a password without a user name/]
        ] as const) {
            assert.throws(() => readPrinterEnvironment({ PRESSWORK_PRINTER_URL: value }), (error: Error) => {
                assert.match(error.message, words);
                assert.ok(!error.message.includes('secret'));
                return true;
            }, value);
        }
    });
});
