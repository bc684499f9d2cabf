import * as assert from 'node:assert/strict';
import { DOCUMENT_ID_PATTERN } from '@presswork/platform/lib/common/identifiers';
import { jobIdOf, orderDocumentId, rejectedOrderId } from './intake-ids';

describe('intake ids', () => {

    describe('orderDocumentId', () => {
        it('names the same MarcomCentral order the same way every time', () => {
            assert.equal(orderDocumentId('conn-1', 'M-1001'), orderDocumentId('conn-1', 'M-1001'));
        });

        it('differs per connection and per order', () => {
            const ids = new Set([
                orderDocumentId('conn-1', 'M-1001'), orderDocumentId('conn-2', 'M-1001'),
                orderDocumentId('conn-1', 'M-1002'), orderDocumentId('conn-2', 'M-1002')
            ]);
            assert.equal(ids.size, 4);
        });

        it('is a valid document id whatever the MarcomCentral id contains', () => {
            for (const marcomOrderId of ['M-1001', '../../etc/passwd', 'a/b\\c', 'ünïcødé order', ' ', 'x'.repeat(64)]) {
                const id = orderDocumentId('conn-1', marcomOrderId);
                assert.match(id, DOCUMENT_ID_PATTERN);
                assert.match(id, /^o[0-9a-f]{40}$/);
            }
        });
    });

    describe('jobIdOf', () => {
        it('is deterministic', () => {
            assert.equal(jobIdOf('conn-1', 'M-1001', 'L-1'), jobIdOf('conn-1', 'M-1001', 'L-1'));
        });

        it('differs per connection, order and line item', () => {
            const ids = new Set([
                jobIdOf('conn-1', 'M-1001', 'L-1'), jobIdOf('conn-2', 'M-1001', 'L-1'),
                jobIdOf('conn-1', 'M-1002', 'L-1'), jobIdOf('conn-1', 'M-1001', 'L-2')
            ]);
            assert.equal(ids.size, 4);
        });

        it('derives another id for the same line with a salt, and the unsalted id is the one used before salts existed', () => {
            const ids = new Set([0, 1, 2].map(salt => jobIdOf('conn-1', 'M-1001', 'L-1', salt)));
            assert.equal(ids.size, 3);
            assert.equal(jobIdOf('conn-1', 'M-1001', 'L-1', 0), jobIdOf('conn-1', 'M-1001', 'L-1'));
        });

        it('is 13 characters, J and 12 upper-case hex digits, and a document id', () => {
            for (const [connection, order, line] of [['conn-1', 'M-1001', 'L-1'], ['c', '../x', '/abs'], ['conn-2', '', '']]) {
                const id = jobIdOf(connection, order, line);
                assert.equal(id.length, 13);
                assert.match(id, /^J[0-9A-F]{12}$/);
                assert.match(id, DOCUMENT_ID_PATTERN);
            }
        });

        it('does not confuse the boundary between order and line item ids', () => {
            assert.notEqual(jobIdOf('conn-1', 'M-10', '01'), jobIdOf('conn-1', 'M-100', '1'));
        });
    });

    describe('rejectedOrderId', () => {
        it('names a rejected order by its MarcomCentral id, whatever its content', () => {
            assert.equal(rejectedOrderId('conn-1', 'M-1', { quantity: 0 }), rejectedOrderId('conn-1', 'M-1', { quantity: 5 }));
            assert.equal(rejectedOrderId('conn-1', 'M-1', { quantity: 0 }), rejectedOrderId('conn-1', 'M-1', undefined));
            assert.notEqual(rejectedOrderId('conn-1', 'M-1', {}), rejectedOrderId('conn-2', 'M-1', {}));
        });

        it('names an order without MarcomCentral id by its content', () => {
            assert.equal(rejectedOrderId('conn-1', undefined, { a: 1 }), rejectedOrderId('conn-1', undefined, { a: 1 }));
            assert.notEqual(rejectedOrderId('conn-1', undefined, { a: 1 }), rejectedOrderId('conn-1', undefined, { a: 2 }));
            assert.match(rejectedOrderId('conn-1', undefined, { a: 1 }), DOCUMENT_ID_PATTERN);
        });

        it('never equals an order document id', () => {
            assert.notEqual(rejectedOrderId('conn-1', 'M-1', undefined), orderDocumentId('conn-1', 'M-1'));
        });
    });
});
