import * as assert from 'node:assert/strict';
import type { LineItem, ProductionTemplate } from '@presswork/platform/lib/common';
import { receivedLineItems } from '../test/received-orders';
import { template } from '../test/connection-documents';
import { matchTemplate, noTemplateReason } from './template-matcher';

describe('matchTemplate', () => {

    const CONNECTION = 'conn-1';
    /** Business cards: Versioned, product P-BC, SKU BC-STD. */
    let cards: LineItem;

    beforeEach(() => {
        cards = receivedLineItems('M-1')[0];
    });

    function chosen(templates: ProductionTemplate[], line = cards, connectionId = CONNECTION): string | undefined {
        const forwards = matchTemplate(templates, connectionId, line)?.name;
        const backwards = matchTemplate([...templates].reverse(), connectionId, line)?.name;
        assert.equal(forwards, backwards, 'the choice must not depend on the order templates are stored in');
        return forwards;
    }

    it('prefers a SKU template over a product template over a product-type template', () => {
        const byType = template('By type', { productType: 'Versioned' });
        const byProduct = template('By product', { productId: 'P-BC' });
        const bySku = template('By SKU', { skuId: 'BC-STD' });
        assert.equal(chosen([byType, byProduct, bySku]), 'By SKU');
        assert.equal(chosen([byType, byProduct]), 'By product');
        assert.equal(chosen([byType]), 'By type');
    });

    it('prefers the connection\'s own template over a shared one of the same specificity', () => {
        const shared = template('A shared', { productType: 'Versioned' });
        const own = template('Z own', { productType: 'Versioned' }, { connectionId: CONNECTION });
        assert.equal(chosen([shared, own]), 'Z own');
    });

    it('lets a more specific shared template win over a less specific own one', () => {
        const ownByType = template('Own by type', { productType: 'Versioned' }, { connectionId: CONNECTION });
        const sharedBySku = template('Shared by SKU', { skuId: 'BC-STD' });
        assert.equal(chosen([ownByType, sharedBySku]), 'Shared by SKU');
    });

    it('ignores another connection\'s templates', () => {
        const others = template('Other store', { skuId: 'BC-STD' }, { connectionId: 'conn-2' });
        assert.equal(chosen([others]), undefined);
        assert.equal(chosen([others, template('Shared', { productType: 'versioned' })]), 'Shared');
    });

    it('needs every field a template names: SKU and type must both match', () => {
        const skuAndType = template('SKU and type', { skuId: 'BC-STD', productType: 'Static' });
        assert.equal(chosen([skuAndType]), undefined);
        assert.equal(chosen([template('SKU and type', { skuId: 'BC-STD', productType: 'Versioned' })]), 'SKU and type');
        assert.equal(chosen([template('Product and SKU', { productId: 'P-BC', skuId: 'OTHER' })]), undefined);
    });

    it('does not match a SKU template to a line without SKU', () => {
        const { sku: _sku, ...withoutSku } = cards;
        assert.equal(chosen([template('By SKU', { skuId: 'BC-STD' })], withoutSku), undefined);
    });

    it('ignores disabled templates', () => {
        const disabled = template('Disabled SKU', { skuId: 'BC-STD' }, { enabled: false });
        assert.equal(chosen([disabled]), undefined);
        assert.equal(chosen([disabled, template('Enabled type', { productType: 'Versioned' })]), 'Enabled type');
    });

    it('compares product types without regard to case', () => {
        assert.equal(chosen([template('Lower', { productType: 'versioned' })]), 'Lower');
        assert.equal(chosen([template('Upper', { productType: 'VERSIONED' })], { ...cards, productType: 'versioned' }), 'Upper');
    });

    it('breaks ties by name', () => {
        const beta = template('Beta', { productType: 'Versioned' });
        const alpha = template('Alpha', { productType: 'Versioned' });
        const gamma = template('Gamma', { productType: 'Versioned' });
        assert.equal(chosen([beta, gamma, alpha]), 'Alpha');
    });

    it('answers nothing when no template matches', () => {
        assert.equal(chosen([]), undefined);
        assert.equal(chosen([template('Mugs', { productType: 'Static' })]), undefined);
    });
});

describe('noTemplateReason', () => {
    it('names the SKU, the product and the type an administrator must match', () => {
        const reason = noTemplateReason(receivedLineItems('M-1')[0]);
        assert.equal(reason, 'No production template matches SKU BC-STD (product P-BC, type Versioned)');
    });

    it('says when the line has no SKU and falls back to the product name', () => {
        const { sku: _sku, productId: _productId, ...line } = receivedLineItems('M-1')[1];
        assert.equal(noTemplateReason(line), 'No production template matches no SKU (product Personalised letter, type Variable)');
    });
});
