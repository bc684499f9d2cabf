import * as assert from 'node:assert/strict';
import { ResponseError } from '@theia/core/lib/common/message-rpc/rpc-message-encoder';
import { RpcProxyFactory } from '@theia/core/lib/common/messaging/proxy-factory';
import { PressworkError } from '../../common/errors';
import { recordingLogger } from '../test/recording-logger';
import { stacklessClient, stacklessFactory, withoutStack } from './stackless-errors';

/** Exposes the factory's error serialisation, which the RPC protocol calls for a failed request. */
function serialize(factory: RpcProxyFactory<object>, error: unknown): ResponseError {
    return (factory as unknown as { serializeError(error: unknown): ResponseError }).serializeError(error);
}

describe('stackless RPC errors (issue 18, fault 9)', () => {

    it('sends an application error with its code and message, without a stack', () => {
        const Factory = stacklessFactory(RpcProxyFactory, '/services/test', recordingLogger());
        const sent = serialize(new Factory(), PressworkError.AccessDenied('Your authority (Monitor) does not allow this'));
        assert.ok(sent instanceof ResponseError);
        assert.equal(sent.code, -32010);
        assert.equal(sent.data.message, 'Your authority (Monitor) does not allow this');
        assert.equal(sent.stack, undefined);
        assert.ok(!('stack' in sent.data));
    });

    it('sends anything unexpected as an internal error with a reference; the stack goes to the server log', () => {
        const logger = recordingLogger();
        const Factory = stacklessFactory(RpcProxyFactory, '/services/test', logger);
        const failure = new Error('ENOENT: /srv/presswork/secret/path');
        const sent = serialize(new Factory(), failure);
        assert.equal(sent.code, PressworkError.Internal.code);
        const reference = sent.data.data.reference as string;
        assert.match(sent.data.message, new RegExp(`reference ${reference}`));
        assert.doesNotMatch(JSON.stringify(sent.data), /srv\/presswork|\.js:\d+/);
        assert.equal(sent.stack, undefined);
        assert.ok(logger.error.calledOnce);
        assert.match(logger.error.firstCall.args[0], new RegExp(reference));
        assert.equal(logger.error.firstCall.args[1], failure);
    });

    it('hands errors to a browser client without their stack, leaving the server error as it was', () => {
        const received: unknown[] = [];
        const client = stacklessClient({ onFileStreamEnd: (handle: number, error: unknown) => received.push(handle, error) });
        const failure = Object.assign(new Error('EntryNotFound'), { code: 'EntryNotFound' });
        client.onFileStreamEnd(3, failure);
        const [handle, sent] = received as [number, Error & { code: string }];
        assert.equal(handle, 3);
        assert.equal(sent.message, 'EntryNotFound');
        assert.equal(sent.code, 'EntryNotFound');
        assert.equal(sent.stack, undefined);
        assert.ok(failure.stack);
        assert.equal(withoutStack(new TypeError('x')).name, 'TypeError');
    });
});
