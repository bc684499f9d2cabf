import * as assert from 'node:assert/strict';
import { isOrderFact, propertyLabelOf, propertyValueInWords, ticketPropertyLabelOf } from './job-property-words';

describe('job property words', () => {
    it('names the facts of the order and the ticket properties in words', () => {
        assert.equal(propertyLabelOf('customerEmail'), 'Customer e-mail');
        assert.equal(propertyLabelOf('marcomOrderId'), 'MarcomCentral order ID');
        assert.equal(propertyLabelOf('shipTo'), 'Ship to');
        assert.equal(propertyLabelOf('media'), 'Medium');
        assert.equal(propertyLabelOf('copies'), 'Copies');
    });

    it('keeps the name a person gave a property of their own', () => {
        assert.equal(propertyLabelOf('Coating'), 'Coating');
        assert.equal(ticketPropertyLabelOf('Coating'), undefined);
    });

    it('tells the facts of the order (read-only) from what production may change', () => {
        assert.deepEqual(['customerEmail', 'marcomOrderId', 'shipTo', 'media', 'priority', 'finish'].map(isOrderFact), [true, true, true, false, false, false]);
    });

    it('shows values as a person reads them', () => {
        assert.deepEqual([propertyValueInWords('A4'), propertyValueInWords(2), propertyValueInWords(true), propertyValueInWords(false), propertyValueInWords(undefined)],
            ['"A4"', '2', 'Yes', 'No', '(not set)']);
    });
});
