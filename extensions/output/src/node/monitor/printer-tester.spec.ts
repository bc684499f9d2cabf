import * as assert from 'node:assert/strict';
import { allowsAuthority } from '@presswork/platform/lib/common/authority';
import { OrdersCollection } from '@presswork/platform/lib/node/store/platform-collections';
import { freePort } from '@presswork/platform/lib/node/test/free-port';
import { eventually } from '@presswork/platform/lib/node/test/eventually';
import { inject } from '@presswork/platform/lib/node/test/inject';
import { OutputServiceContract } from '../../common/output-protocol';
import { FollowFixture } from '../follow/test/follow-fixture';
import { PrinterRegistry } from '../printers/printer-registry';
import { ReferencePrinter } from '../test/reference-printer';
import { PrinterTester } from './printer-tester';

describe('PrinterTester (Test and Identify) against the reference printer', function (): void {
    this.timeout(30_000);
    let reference: ReferencePrinter;
    let fixture: FollowFixture;
    let tester: PrinterTester;

    before(async () => {
        reference = await ReferencePrinter.start();
    });

    after(() => reference?.stop());

    beforeEach(async () => {
        fixture = await FollowFixture.open();
        const printers = inject(Object.create(PrinterRegistry.prototype) as PrinterRegistry, { store: fixture.store });
        tester = inject(new PrinterTester(), { printers, devices: fixture.devices });
        await fixture.addPrinter('printer-a', 'Printer A', reference.uri);
    });

    afterEach(() => fixture.dispose());

    it('reports what the printer is and how it is, and prints a one-page test page that is no job', async () => {
        const before = (await reference.tickets()).length;
        const result = await tester.test('printer-a', true, 'alice');
        assert.equal(result.ok, true, result.summary);
        assert.equal(result.makeAndModel, 'Presswork Reference Printer');
        assert.equal(result.state, 'idle');
        assert.equal(result.canIdentify, true);
        assert.ok(result.testPageJobId, result.summary);
        assert.match(result.summary, /^Printer A answers in \d+ ms \(Presswork Reference Printer\): idle, ready( \([^)]*\))?\. Test page: Printer A took/);
        await eventually(async () => (await reference.tickets()).length === before + 1, 10_000, 'the test page printed');
        const page = (await reference.tickets()).at(-1)!;
        assert.equal(page.env.IPP_JOB_NAME, 'Presswork test page (Printer A)');
        assert.equal(page.env.IPP_COPIES ?? '1', '1');
        assert.equal(fixture.store.count(OrdersCollection), 0, 'no job was made of it');
    });

    it('says in words when the printer cannot be reached', async () => {
        await fixture.addPrinter('printer-gone', 'Printer Gone', `ipp://127.0.0.1:${await freePort()}/ipp/print`);
        const result = await tester.test('printer-gone', false);
        assert.equal(result.ok, false);
        assert.match(result.summary, /^Printer Gone cannot be reached: /);
    });

    it('identifies the printer', async () => {
        await tester.identify('printer-a');
    });

    it('lets everyone signed in see states, and only administrators and operators test or identify', () => {
        for (const [method, expected] of [['listPrinterStates', [true, true, true]], ['testPrinter', [true, true, false]], ['identifyPrinter', [true, true, false]]] as const) {
            const rule = OutputServiceContract[method].access;
            assert.deepEqual((['Administrator', 'Operator', 'Monitor'] as const).map(authority => allowsAuthority(rule, authority)), expected, method);
        }
    });
});
