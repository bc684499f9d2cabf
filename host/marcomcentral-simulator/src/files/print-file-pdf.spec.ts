import assert from 'node:assert/strict';
import { printFilePdf } from './print-file-pdf';

function latin1(buffer: Buffer): string {
    return buffer.toString('latin1');
}

describe('printFilePdf', () => {
    const pdf = printFilePdf({ orderNumber: 'ACME-001001', productName: 'Business Cards (matte) \\ 2026', lineItemId: '12000001', skuName: 'BC-MATTE-14PT', quantity: 500 });
    const text = latin1(pdf);

    it('is a PDF with the order number and product name as text', () => {
        assert.ok(text.startsWith('%PDF-1.4\n'));
        assert.ok(text.endsWith('%%EOF\n'));
        assert.ok(text.includes('(Order ACME-001001) Tj'));
        assert.ok(text.includes('(Business Cards \\(matte\\) \\\\ 2026) Tj'));
    });

    it('has cross-reference offsets that point at their objects', () => {
        const startxref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(text)![1]);
        assert.equal(text.slice(startxref, startxref + 5), 'xref\n');
        const section = text.slice(startxref).split('trailer')[0];
        const [, header, ...entries] = section.split('\n').slice(0, -1);
        const count = Number(header.split(' ')[1]);
        assert.equal(entries.length, count);
        assert.equal(entries[0], '0000000000 65535 f ');
        entries.slice(1).forEach((entry, index) => {
            assert.equal(entry.length + 1, 20, 'each entry is 20 bytes with its end of line');
            const offset = Number(entry.slice(0, 10));
            assert.equal(text.slice(offset, offset + `${index + 1} 0 obj`.length), `${index + 1} 0 obj`);
        });
        assert.match(text, new RegExp(`/Size ${count} `));
    });

    it('gives the content stream its exact length', () => {
        const match = /<< \/Length (\d+) >>\nstream\n/.exec(text)!;
        const start = match.index + match[0].length;
        const length = Number(match[1]);
        assert.equal(text.slice(start + length, start + length + '\nendstream'.length), '\nendstream');
    });

    it('survives text Latin-1 cannot hold', () => {
        const other = latin1(printFilePdf({ orderNumber: 'Ω-1', productName: 'Café 😀', lineItemId: '1' }));
        assert.ok(other.includes('(Order ?-1) Tj'));
        assert.ok(other.includes('(Caf\xe9 ?) Tj'));
    });
});
