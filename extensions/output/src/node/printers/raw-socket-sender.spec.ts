import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { TempFolder } from '@presswork/platform/lib/node/test/temp-store';
import { PrinterTransportError } from './printer-transport-error';
import { RawSocketSender } from './raw-socket-sender';
import { LoopbackPrinter, closedPort } from './test/loopback-printer';

describe('RawSocketSender', () => {

    let temp: TempFolder;
    let sender: RawSocketSender;
    let printer: LoopbackPrinter | undefined;

    beforeEach(async () => {
        temp = await TempFolder.create('presswork-socket-');
        sender = new RawSocketSender();
    });

    afterEach(async () => {
        await printer?.close();
        printer = undefined;
        await temp.remove();
    });

    async function printFile(bytes: number): Promise<{ file: string; content: Buffer }> {
        const content = randomBytes(bytes);
        const file = temp.join('job.pdf');
        await fs.writeFile(file, content);
        return { file, content };
    }

    it('streams exactly the file\'s bytes and reports the printer closing after them', async () => {
        printer = await LoopbackPrinter.start();
        const { file, content } = await printFile(5 * 1024 * 1024 + 17);
        const received = printer.nextJob();
        let sendingCalls = 0;

        const receipt = await sender.send({
            file, host: '127.0.0.1', port: printer.port, signal: new AbortController().signal,
            onSending: async () => {
                sendingCalls++;
            }
        });

        assert.deepEqual(receipt, { bytes: content.length, closedByPrinter: true });
        assert.ok((await received).equals(content));
        assert.equal(sendingCalls, 1);
    });

    it('reports a refused connection as such', async () => {
        const { file } = await printFile(10);

        const error = await sender.send({ file, host: '127.0.0.1', port: await closedPort(), signal: new AbortController().signal }).catch(caught => caught);

        assert.ok(error instanceof PrinterTransportError);
        assert.equal(error.problem, 'refused');
        assert.match(error.detail, /ECONNREFUSED 127\.0\.0\.1/);
    });

    it('gives up on a printer that stops reading, after the idle timeout', async () => {
        printer = await LoopbackPrinter.start({ stalled: true });
        const { file } = await printFile(32 * 1024 * 1024);
        sender.idleTimeoutMs = 300;

        const error = await sender.send({ file, host: '127.0.0.1', port: printer.port, signal: new AbortController().signal }).catch(caught => caught);

        assert.ok(error instanceof PrinterTransportError, String(error));
        assert.equal(error.problem, 'timed-out');
    });

    it('stops sending and rejects when aborted', async () => {
        printer = await LoopbackPrinter.start({ stalled: true });
        const { file } = await printFile(32 * 1024 * 1024);
        const controller = new AbortController();

        const sending = sender.send({ file, host: '127.0.0.1', port: printer.port, signal: controller.signal, onSending: async () => {
            setTimeout(() => controller.abort(Object.assign(new Error('stopping'), { name: 'AbortError' })), 50);
        } });

        await assert.rejects(sending, /stopping/);
    });
});
