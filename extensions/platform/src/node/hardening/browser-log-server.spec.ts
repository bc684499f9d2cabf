import * as assert from 'node:assert/strict';
import * as sinon from 'sinon';
import type { ILoggerServer } from '@theia/core/lib/common/logger-protocol';
import type { User } from '../../common/user-schema';
import type { RpcCaller } from '../rpc/rpc-caller';
import { BROWSER_LOG_LINE_LIMIT, BrowserLogServer, oneLogLine } from './browser-log-server';

const MONITOR = { id: 'u-mo', name: 'mo', authority: 'Monitor' } as User;

function serverAndSink(): { sink: sinon.SinonStub, logs: BrowserLogServer } {
    const sink = sinon.stub().resolves();
    const server = { log: sink, getLogLevel: sinon.stub().resolves(30), child: sinon.stub().resolves() } as unknown as ILoggerServer;
    const caller: RpcCaller = { user: () => MONITOR, sessionId: 's' };
    return { sink, logs: new BrowserLogServer(server, caller) };
}

describe('BrowserLogServer (issue 18, fault 5)', () => {

    it('writes a browser\'s forged lines as one escaped line, tagged with the user, under a browser: logger', async () => {
        const { sink, logs } = serverAndSink();
        await logs.log('root\nINFO', 30, 'harmless\r\n2026-01-01T00:00:00.000Z root INFO admin signed in\u2028x\u202E', ['\n%s', { a: '\n' }]);
        const [name, level, line, params] = sink.firstCall.args;
        assert.equal(name, 'browser:root\\u000aINFO');
        assert.equal(level, 30);
        assert.deepEqual(params, []);
        assert.ok(!/[\r\n\u2028\u2029\u202E]/.test(line), line);
        assert.match(line, /^\[from the browser of mo \(Monitor\)\] harmless\\u000d\\u000a2026-01-01/);
        assert.match(line, /\\u2028x\\u202e/);
    });

    it('cuts a long line', async () => {
        const { sink, logs } = serverAndSink();
        await logs.log('root', 30, 'x'.repeat(100_000), []);
        assert.ok(sink.firstCall.args[2].length < BROWSER_LOG_LINE_LIMIT + 100);
    });

    it('escapes control and format characters only', () => {
        assert.equal(oneLogLine('Grüße 🧾 a\tb'), 'Grüße 🧾 a\\u0009b');
    });
});
