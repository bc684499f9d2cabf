import * as assert from 'node:assert/strict';
import { Container, interfaces } from '@theia/core/shared/inversify';
import { IntakeWindows } from './intake-windows';
import platformBackendModule from './platform-backend-module';

describe('platform backend module', () => {

    /** The module's bindings in a bare container: what it replaces of Theia's is bound fresh instead. */
    function loaded(): Container {
        const container = new Container();
        const rebind = <T>(id: interfaces.ServiceIdentifier<T>): interfaces.BindingToSyntax<T> => container.isBound(id) ? container.rebind(id) : container.bind(id);
        platformBackendModule.registry(
            id => container.bind(id), id => container.unbind(id), id => container.isBound(id), rebind,
            id => container.unbindAsync(id), (id, handler) => container.onActivation(id, handler), (id, handler) => container.onDeactivation(id, handler)
        );
        return container;
    }

    it('binds one IntakeWindows for the whole server (not one per browser connection), shared by the poller and the work that waits for it', () => {
        const container = loaded();
        const windows = container.get(IntakeWindows);
        assert.ok(windows instanceof IntakeWindows);
        assert.equal(container.get(IntakeWindows), windows);
    });
});
