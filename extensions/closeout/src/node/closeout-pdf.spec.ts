import * as assert from 'node:assert/strict';
import { inflateSync } from 'node:zlib';
import type { Order } from '@presswork/platform/lib/common/order-schema';
import type { ShopIdentity } from '@presswork/platform/lib/common/shop-identity';
import { testPng } from '@presswork/platform/lib/node/test/test-images';
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

    describe('shop identity, formats and words', () => {
        const shop: ShopIdentity = {
            id: 'shop-identity', version: 1, name: 'Northside Print Co.', address: '12 Mill Road\nSpringfield, IL 62701',
            documentLocale: 'en-US', logo: { type: 'image/png', data: testPng(40, 20).toString('base64') },
            updatedAt: '2026-12-01T09:00:00Z', updatedBy: 'admin'
        };
        const paid: Order = { ...order, orderNumber: 'MC-1001', paymentMethod: 'CreditCard' };

        for (const kind of ['packing-slip', 'invoice'] as const) {
            it(`heads the ${kind} with the shop's name, address and logo`, async () => {
                const pdf = await renderCloseoutPdf(kind, paid, INPUT, shop);
                const text = printedText(pdf);
                assert.match(text, /^Northside Print Co\.\n12 Mill Road\nSpringfield, IL 62701\n/);
                assert.match(pdf.toString('latin1'), /\/Subtype \/Image/, 'the logo is embedded');
            });
        }

        it('writes the payment method in words, dates with four-digit years and money in the shop locale', async () => {
            const text = printedText(await renderCloseoutPdf('invoice', paid, INPUT, shop));
            assert.match(text, /Payment: Credit card\n/);
            assert.doesNotMatch(text, /CreditCard/);
            assert.match(text, /Invoice date: 11\/26\/2026\n/);
            assert.match(text, /Total\n\$[\d,]+\.\d\d\n/);
            assert.doesNotMatch(text, /\d USD/);
            const slip = printedText(await renderCloseoutPdf('packing-slip', paid, INPUT, { ...shop, documentLocale: 'de-DE' }));
            assert.match(slip, /Ship date: 26\.11\.2026\n/);
        });

        it('prints the document without the logo when the image cannot be read, rather than failing it', async () => {
            const broken = { ...shop, logo: { type: 'image/png' as const, data: testPng().subarray(0, 40).toString('base64') } };
            const pdf = await renderCloseoutPdf('invoice', paid, INPUT, broken);
            assert.match(printedText(pdf), /^Northside Print Co\./);
            assert.doesNotMatch(pdf.toString('latin1'), /\/Subtype \/Image/);
        });

        it('prints no heading when no identity is set', async () => {
            assert.match(printedText(await renderCloseoutPdf('invoice', paid, INPUT)), /^Invoice\n/);
        });
    });
});
