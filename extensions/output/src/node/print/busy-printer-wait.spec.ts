import * as assert from 'node:assert/strict';
import { PrinterTransportError } from '../printers/printer-transport-error';
import { BusyPrinterWait } from './busy-printer-wait';

/** A printer that answers busy `times` times, then takes the job. */
function busyFor(times: number): { submit: () => Promise<string>; asked: () => number } {
    let asked = 0;
    return {
        submit: async () => {
            asked++;
            if (asked <= times) {
                throw new PrinterTransportError('busy', 'server-error-busy');
            }
            return 'taken';
        },
        asked: () => asked
    };
}

describe('BusyPrinterWait', () => {
    const signal = new AbortController().signal;

    it('keeps asking a busy printer and sends the moment it is free', async () => {
        const printer = busyFor(3);
        const wait = new BusyPrinterWait({ pollMs: 5, holdMs: 5_000 });
        assert.equal(await wait.submit('a', printer.submit, signal), 'taken');
        assert.equal(printer.asked(), 4);
    });

    it('lets only one job ask a busy printer: the others wait without asking', async () => {
        const printer = busyFor(5);
        const wait = new BusyPrinterWait({ pollMs: 5, holdMs: 5_000 });
        const first = wait.submit('a', printer.submit, signal);
        await new Promise(resolve => setTimeout(resolve, 1));
        const askedBefore = printer.asked();
        await assert.rejects(wait.submit('a', printer.submit, signal), (error: PrinterTransportError) => error.problem === 'busy');
        assert.equal(printer.asked(), askedBefore, 'the second job did not ask');
        assert.equal(await first, 'taken');
        assert.equal(await wait.submit('a', busyFor(0).submit, signal), 'taken', 'free again once the first is sent');
    });

    it('gives up after holdMs with the busy answer, and passes any other failure on at once', async () => {
        const wait = new BusyPrinterWait({ pollMs: 5, holdMs: 30 });
        await assert.rejects(wait.submit('a', busyFor(1_000).submit, signal), (error: PrinterTransportError) => error.problem === 'busy');
        const refused = async (): Promise<string> => {
            throw new PrinterTransportError('refused', 'ECONNREFUSED');
        };
        await assert.rejects(wait.submit('b', refused, signal), (error: PrinterTransportError) => error.problem === 'refused');
    });

    it('stops asking when the job is stopped', async () => {
        const controller = new AbortController();
        const wait = new BusyPrinterWait({ pollMs: 50, holdMs: 5_000 });
        const asking = wait.submit('a', busyFor(1_000).submit, controller.signal);
        controller.abort(new Error('Presswork is stopping'));
        await assert.rejects(asking, /Presswork is stopping/);
    });
});
