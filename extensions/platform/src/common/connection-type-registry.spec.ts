import * as assert from 'node:assert/strict';
import type { ConnectionTypeContribution } from './connection-type-contribution';
import { ConnectionTypeRegistry } from './connection-type-registry';
import { registryOf } from './test/registry-of';

function connectionType(type: string, label: string): ConnectionTypeContribution {
    const refuse = (): never => {
        throw new Error('not called in this test');
    };
    return { type: type as ConnectionTypeContribution['type'], label, test: refuse, fetchOrders: refuse, fetchOrder: refuse, downloadFile: refuse };
}

describe('ConnectionTypeRegistry', () => {
    it('finds the type that speaks a connection\'s store', () => {
        const marcom = connectionType('MarcomCentral', 'MarcomCentral');
        const registry = registryOf(ConnectionTypeRegistry, [connectionType('Other', 'Other store'), marcom]);
        assert.equal(registry.of({ type: 'MarcomCentral' }), marcom);
        assert.equal(registry.get('MarcomCentral'), marcom);
    });

    it('names the missing type when no installed extension speaks a connection\'s store', () => {
        const registry = registryOf(ConnectionTypeRegistry, []);
        assert.throws(() => registry.of({ type: 'MarcomCentral' }), { message: 'No connection type MarcomCentral is installed' });
        assert.equal(registry.get('MarcomCentral'), undefined);
    });

    it('uses the first of two contributions of the same type', () => {
        const first = connectionType('MarcomCentral', 'MarcomCentral');
        const registry = registryOf(ConnectionTypeRegistry, [first, connectionType('MarcomCentral', 'Another MarcomCentral')]);
        assert.equal(registry.of({ type: 'MarcomCentral' }), first);
        assert.equal(registry.all().length, 1);
    });
});
