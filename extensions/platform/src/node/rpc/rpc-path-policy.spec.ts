import * as assert from 'node:assert/strict';
import * as sinon from 'sinon';
import { Container } from '@theia/core/shared/inversify';
import { ConnectionHandler, RpcConnectionHandler } from '@theia/core/lib/common/messaging';
import { loggerPath, type ILoggerServer } from '@theia/core/lib/common/logger-protocol';
import { keyStoreServicePath } from '@theia/core/lib/common/key-store';
import { remoteFileSystemPath } from '@theia/filesystem/lib/common/remote-file-system-provider';
import { PressworkError } from '../../common/errors';
import type { User } from '../../common/user-schema';
import { recordingLogger } from '../test/recording-logger';
import { ConnectionContainerModule } from '@theia/core/lib/node/messaging/connection-container-module';
import { RpcCaller } from './rpc-caller';
import { boundRpcPaths, GuardedRpcConnectionHandler, servedHandler } from './rpc-path-policy';

const MONITOR = { id: 'u-mo', name: 'mo', authority: 'Monitor' } as User;
const ADMINISTRATOR = { id: 'u-ad', name: 'ad', authority: 'Administrator' } as User;

/** The object a served handler puts behind its path, as the browser's calls reach it. */
function targetOf(handler: ConnectionHandler): Record<string, (...args: unknown[]) => Promise<unknown>> {
    return (handler as RpcConnectionHandler<object>).targetFactory({ onDidCloseConnection: () => ({ dispose: () => undefined }) } as never);
}

function connectionFor(user: User): Container {
    const container = new Container();
    container.bind(RpcCaller).toConstantValue({ user: () => user, sessionId: 's', address: '127.0.0.1' } satisfies RpcCaller);
    return container;
}

describe('the RPC path policy (issue 18, fault 5)', () => {

    it('does not serve a path without a row (the keychain), whatever Theia binds', () => {
        const keytar = new RpcConnectionHandler(keyStoreServicePath, () => ({ getPassword: async () => 'secret' }));
        assert.equal(servedHandler(keytar, connectionFor(ADMINISTRATOR), recordingLogger()), undefined);
        assert.equal(servedHandler(new RpcConnectionHandler('/services/added-by-a-later-theia', () => ({})), connectionFor(ADMINISTRATOR), recordingLogger()), undefined);
    });

    it('refuses a Monitor the logger\'s levels and tags the Monitor\'s log lines', async () => {
        const server = { setLogLevel: sinon.stub().resolves(), log: sinon.stub().resolves(), getLogLevel: sinon.stub().resolves(30), child: sinon.stub().resolves() };
        const handler = servedHandler(new RpcConnectionHandler(loggerPath, () => server as unknown as ILoggerServer), connectionFor(MONITOR), recordingLogger())!;
        const logger = targetOf(handler);
        await assert.rejects(logger.setLogLevel('root', 60), (error: unknown) => PressworkError.AccessDenied.is(error as object));
        await assert.rejects(logger.setClient({}), (error: unknown) => PressworkError.AccessDenied.is(error as object));
        await logger.log('root', 30, 'ok\nFORGED', []);
        assert.ok(server.setLogLevel.notCalled);
        assert.match(server.log.firstCall.args[2], /^\[from the browser of mo \(Monitor\)\] ok\\u000aFORGED$/);
    });

    it('lets everyone read the settings folder and only Administrators write it', async () => {
        const fileSystem = { stat: sinon.stub().resolves({}), writeFile: sinon.stub().resolves() };
        const serve = (user: User) => targetOf(servedHandler(new RpcConnectionHandler(remoteFileSystemPath, () => fileSystem), connectionFor(user), recordingLogger())!);
        const settings = 'file:///data/theia/settings.json';
        const content = new TextEncoder().encode('{"window.menuBarVisibility":"hidden"}');
        await serve(MONITOR).stat(settings);
        await assert.rejects(serve(MONITOR).writeFile(settings, content, { create: true, overwrite: true }), (error: unknown) => PressworkError.AccessDenied.is(error as object));
        assert.ok(fileSystem.writeFile.notCalled);
        await serve(ADMINISTRATOR).writeFile(settings, content, { create: true, overwrite: true });
        assert.ok(fileSystem.writeFile.calledOnce);
    });

    it('lists every path bound for a connection: the container\'s handlers and those of its connection modules', () => {
        const root = new Container();
        root.bind(ConnectionHandler).toConstantValue(new RpcConnectionHandler(loggerPath, () => ({})));
        root.bind(ConnectionHandler).toConstantValue(new RpcConnectionHandler(keyStoreServicePath, () => ({})));
        root.bind(ConnectionContainerModule).toConstantValue(ConnectionContainerModule.create(({ bind }) => {
            bind(ConnectionHandler).toConstantValue(new GuardedRpcConnectionHandler('/services/presswork-thing', () => ({})));
        }));
        assert.deepEqual(boundRpcPaths(root).sort(), ['/services/keyStore', '/services/logger', '/services/presswork-thing']);
    });
});
