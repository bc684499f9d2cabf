import * as assert from 'node:assert/strict';
import { inflateSync } from 'node:zlib';
import type { Order } from '@presswork/platform/lib/common/order-schema';
import type { CloseoutInput } from '../common/closeout-protocol';
import { renderCloseoutPdf } from './closeout-pdf';
import { storedOrder } from './test/closeout-fixture';
import { line, receivedOrder } from './test/scripted-store';

const INPUT: CloseoutInput = {
    packingSlip: { packingSlipNumber: 'PS-1', shipDate: '2026-11-26', carrierName: 'UPS' },
    invoice: { invoiceNumber: 'INV-1', invoiceDate: '2026-11-26' }
};

/** The text the standard fonts print: each text operation's hex string, decoded byte by byte. */
function printedText(pdf: Buffer): string {
    const raw = pdf.toString('latin1');
    let text = '';
    for (const match of raw.matchAll(/stream\r?\n([^]*?)\r?\nendstream/g)) {
        let content: string;
        try {
            content = inflateSync(Buffer.from(match[1], 'latin1')).toString('latin1');
        } catch {
            continue;
        }
        for (const operation of content.matchAll(/\[([^\]]*)\] TJ/g)) {
            text += [...operation[1].matchAll(/<([0-9a-f]*)>/g)].map(([, hex]) => Buffer.from(hex, 'hex').toString('latin1')).join('') + '\n';
        }
    }
    return text;
}

describe('closeout PDF', () => {
    const order: Order = {
        ...storedOrder(receivedOrder({ orderNumber: '10\u200B01\u202Efdp.exe', lineItems: [line('L1', { sku: { id: 'BC\u200D100' } })] }), 'order-1', 'connection-1'),
        version: 1
    };

    for (const kind of ['packing-slip', 'invoice'] as const) {
        it(`prints the hidden characters of the order number and SKU spelled out on the ${kind}`, async () => {
            const pdf = await renderCloseoutPdf(kind, order, INPUT);
            const text = printedText(pdf);
            assert.match(text, /Order: 10<U\+200B>01<U\+202E>fdp\.exe/);
            assert.match(text, /BC<U\+200D>100/);
            assert.match(pdf.toString('latin1'), /\((Invoice|Packing slip) 10<U\+200B>01<U\+202E>fdp\.exe\)/, 'the document title');
        });
    }

    it('prints an ordinary order number as it is', async () => {
        const text = printedText(await renderCloseoutPdf('invoice', { ...order, orderNumber: 'MC-1001' }, INPUT));
        assert.match(text, /Order: MC-1001\n/);
    });
});
