import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as fc from 'fast-check';
import { DOCUMENT_ID_PATTERN } from '@presswork/platform/lib/common/identifiers';
import { DOCUMENT_KINDS } from '../common/closeout-protocol';
import { DocumentRequestSchema } from './closeout-document-route';

/*
 * Path traversal in the closeout document route (issue 7, item 3): whatever `<orderId>` and
 * `<file>` a request carries, either it is refused or it names a plain order id and a known kind,
 * so a path built from them stays in the documents folder.
 */
describe('hostile closeout document requests', () => {
    const hostile = fc.oneof(
        fc.string({ unit: 'binary', maxLength: 60 }),
        fc.constantFrom('..', '../invoice', '..%2Finvoice', '%2e%2e', '/etc/passwd', 'invoice.pdf\u0000.txt', 'invoice.PDF', 'invoice.pdf/..', '.invoice.pdf',
            'packing-slip.pdf', 'invoice.pdf', 'order-1', 'order-1/../../x', 'order-1\\..\\x', '\u202Eorder', 'order\u200B1', 'x'.repeat(200)),
        fc.array(fc.constantFrom('..', '/', '\\', '.', 'pdf', 'invoice', '-', '%00'), { maxLength: 8 }).map(parts => parts.join(''))
    );

    it('refuses every request that is not a plain order id and <kind>.pdf', () => {
        const folder = '/srv/presswork/closeout-documents';
        fc.assert(fc.property(hostile, hostile, (orderId, file) => {
            const parsed = DocumentRequestSchema.safeParse({ orderId, file });
            if (!parsed.success) {
                return;
            }
            assert.match(parsed.data.orderId, DOCUMENT_ID_PATTERN);
            assert.ok((DOCUMENT_KINDS as readonly string[]).includes(parsed.data.file), parsed.data.file);
            const built = path.join(folder, parsed.data.orderId, `${parsed.data.file}.pdf`);
            assert.equal(path.relative(folder, built), `${parsed.data.orderId}/${parsed.data.file}.pdf`);
        }), { numRuns: 1_000 });
    });

    it('accepts the documents that exist', () => {
        for (const kind of DOCUMENT_KINDS) {
            assert.deepEqual(DocumentRequestSchema.parse({ orderId: 'order-1', file: `${kind}.pdf` }), { orderId: 'order-1', file: kind });
        }
    });
});
